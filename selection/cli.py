"""The ``selection`` command: a FlaskGroup over the app factory, plus the engine's own commands."""
from __future__ import annotations

import secrets

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from selection import create_app
from selection.config import ConfigurationError
from selection.extensions import db
from selection.models import STAFF_ROLES, Role
from selection.workflow.errors import WorkflowError


def _create_app_for_cli() -> Flask:
    """The app for a command; a bad configuration ends the command with its message."""
    try:
        return create_app()
    except ConfigurationError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(cls=FlaskGroup, create_app=_create_app_for_cli, add_version_option=False)
def cli() -> None:
    """Nomination and selection engine for multistakeholder bodies."""


@cli.command("demo")
@click.option("--port", default=5000, show_default=True, help="Port to serve on (127.0.0.1).")
@click.option("--seed-only", is_flag=True, help="Create the schema and demo data, then exit.")
@with_appcontext
def demo_command(port: int, seed_only: bool) -> None:
    """Create or upgrade the schema, seed the demo call and staff users, then serve the app."""
    from flask_migrate import upgrade

    from selection.demo import OPEN_CALL_SLUG, seed

    upgrade()
    accounts = seed()
    click.echo("Demo staff accounts (e-mail / password):")
    for account in accounts:
        click.echo(f"  {account.role.label:<20} {account.email:<36} {account.password}")
    click.echo(f"Database: {current_app.config['SQLALCHEMY_DATABASE_URI']}")
    if seed_only:
        return
    click.echo(f"Serving the demo at http://127.0.0.1:{port}/  (open call: /calls/{OPEN_CALL_SLUG})")
    from werkzeug.serving import run_simple

    # Flask's app.run() declines to start from inside its own CLI, so serve directly.
    run_simple("127.0.0.1", port, current_app._get_current_object(), threaded=True)


@cli.group("users")
def users_group() -> None:
    """Manage user accounts and API tokens."""


ROLE_CHOICE = click.Choice([role.value for role in Role], case_sensitive=False)


@users_group.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, type=ROLE_CHOICE,
              help="A role to grant; repeat for several.")
@click.option("--password", default=None, help="Password; one is generated and printed when omitted.")
@click.option("--name", default="", help="The person's name.")
@with_appcontext
def users_create(email: str, roles: tuple[str, ...], password: str | None, name: str) -> None:
    """Create a user with one or more roles (never prompts)."""
    from selection.workflow.users import create_user

    chosen = [Role(value.lower()) for value in roles]
    generated = password is None and any(role in STAFF_ROLES for role in chosen)
    if generated:
        password = secrets.token_urlsafe(12)
    try:
        user = create_user(email, chosen, None, name=name, password=password)
    except WorkflowError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.email} ({', '.join(sorted(r.value for r in user.roles))}).")
    if generated:
        click.echo(f"Password: {password}")


@users_group.command("token")
@click.argument("email")
@with_appcontext
def users_token(email: str) -> None:
    """Print a new API token for a staff user; it is shown once and stored hashed."""
    from selection.workflow.users import find_user, issue_api_token

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user has the e-mail address {email}")
    try:
        token = issue_api_token(user, None)
    except WorkflowError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(token)


@users_group.command("list")
@with_appcontext
def users_list() -> None:
    """List users with their roles."""
    from sqlalchemy import select

    from selection.models import User

    for user in db.session.execute(select(User).order_by(User.email)).scalars():
        if user.is_staff:
            state = "" if user.active else " (deactivated)"
            click.echo(f"{user.email:<40} {', '.join(sorted(r.value for r in user.roles))}{state}")


def main() -> None:
    """Entry point of the ``selection`` console script."""
    cli(prog_name="selection")
