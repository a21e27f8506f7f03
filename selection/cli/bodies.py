"""``selection bodies``: the chores of standing bodies that run on a schedule (cron)."""
from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from selection.extensions import db
from selection.models import utcnow
from selection.workflow.bodies.people import all_bodies
from selection.workflow.terms import remind_terms_ending


@click.group("bodies")
def bodies_group() -> None:
    """Standing bodies: reminders of terms ending."""


@bodies_group.command("remind-terms")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Count from this day instead of today (YYYY-MM-DD).")
@with_appcontext
def remind_terms(today: object) -> None:
    """Queue one mail to each body's Secretariat about the terms ending within its reminder period
    (once per member and term); run it daily."""
    day: date = today.date() if today else utcnow().date()  # type: ignore[attr-defined]
    total = 0
    for body in all_bodies():
        reminded = remind_terms_ending(body, day)
        if reminded:
            click.echo(f"{body.name}: {len(reminded)} term(s) ending, the Secretariat is told.")
        total += len(reminded)
    db.session.commit()
    click.echo(f"{total} new reminder(s); `selection outbox send` delivers them.")
