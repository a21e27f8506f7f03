"""``selection nominations withdraw``: the Secretariat withdraws a nomination at the command line."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from selection.extensions import db
from selection.models import Nomination
from selection.workflow.applications import withdraw_application
from selection.workflow.errors import WorkflowError


@click.group("nominations")
def nominations_group() -> None:
    """Act on one nomination."""


@nominations_group.command("withdraw")
@click.argument("nomination_id", type=int)
@click.option("--reason", default="", help="Why, as the nominee and the nominator are told.")
@with_appcontext
def nominations_withdraw(nomination_id: int, reason: str) -> None:
    """Withdraw a nomination (e.g. at the nominee's written request); the nominee and the
    nominator get the same notice as after a withdrawal on the web."""
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None:
        raise click.ClickException(f"No nomination has the id {nomination_id}.")
    try:
        withdraw_application(nomination, None, reason=reason)
    except WorkflowError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Nomination {nomination.id} of {nomination.nominee.name} is withdrawn; "
               "the nominee and the nominator have been told.")
