"""The ``selection`` command: a FlaskGroup over the app factory, plus the engine's own commands."""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select
from werkzeug.serving import run_simple

from selection import create_app
from selection.config import ConfigurationError
from selection.demo import OPEN_CALL_SLUG, seed, seed_scale_calls
from selection.extensions import db
from selection.models import STAFF_ROLES, Call, NominationStatus, OutboxMessage, OutboxStatus, Role, User, utcnow
from selection.reports.exports import prepare_export
from selection.services.mail import deliver
from selection.workflow.calls import close_call, configuration_problems, create_call, find_call, open_call
from selection.workflow.errors import WorkflowError
from selection.workflow.review_list import NominationFilter
from selection.workflow.users import create_user, find_user, issue_api_token


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
@click.option("--scale", type=click.IntRange(1, 200_000), multiple=True, metavar="N",
              help="Also add a closed call 'scale-N' with N synthetic nominations (repeatable).")
@with_appcontext
def demo_command(port: int, seed_only: bool, scale: tuple[int, ...]) -> None:
    """Create or upgrade the schema, seed the demo call and staff users, then serve the app."""
    upgrade()
    accounts = seed()
    for call in seed_scale_calls(list(scale)):
        click.echo(f"Call at scale: /review/calls/{call.slug} ({call.title})")
    click.echo("Demo staff accounts (e-mail / password):")
    for account in accounts:
        click.echo(f"  {account.role.label:<20} {account.email:<36} {account.password}")
    click.echo(f"Database: {current_app.config['SQLALCHEMY_DATABASE_URI']}")
    if seed_only:
        return
    click.echo(f"Serving the demo at http://127.0.0.1:{port}/  (open call: /calls/{OPEN_CALL_SLUG})")
    # The demo is served over plain HTTP on loopback: its session cookie cannot be Secure.
    current_app.config["SESSION_COOKIE_SECURE"] = False
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
    for user in db.session.execute(select(User).order_by(User.email)).scalars():
        if user.is_staff:
            state = "" if user.active else " (deactivated)"
            click.echo(f"{user.email:<40} {', '.join(sorted(r.value for r in user.roles))}{state}")


@cli.group("outbox")
def outbox_group() -> None:
    """Deliver and inspect outgoing e-mail."""


@outbox_group.command("send")
@click.option("--all", "everything", is_flag=True,
              help="Also retry messages still waiting out their backoff.")
@with_appcontext
def outbox_send(everything: bool) -> None:
    """Deliver pending e-mail that is due (SMTP, or the instance's mail folder without a server)."""
    # Backoff waits at most a day, so "a day from now" makes every pending message due.
    report = deliver(now=utcnow() + timedelta(days=1) if everything else None)
    click.echo(f"sent {report.sent}, still pending {report.retrying}, failed {report.failed}")


@outbox_group.command("status")
@with_appcontext
def outbox_status() -> None:
    """Count messages by status and show the last error of those still pending or failed."""
    messages = db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()
    for status in OutboxStatus:
        click.echo(f"{status.label:<8} {sum(1 for m in messages if m.status == status)}")
    for message in messages:
        if message.status in (OutboxStatus.PENDING, OutboxStatus.FAILED) and message.last_error:
            click.echo(f"#{message.id} to {message.recipient} ({message.attempts} attempts): {message.last_error}")


@cli.group("calls")
def calls_group() -> None:
    """Create, list, open and close calls for nominations."""


def _parse_moment(value: str | None, option: str) -> datetime | None:
    """An ISO 8601 date and time; with an offset it is converted to UTC, without one it is UTC."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.ClickException(
            f"{option} {value!r} is not an ISO 8601 date and time, e.g. 2027-03-31T23:59+02:00"
        ) from exc
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _find_call_or_fail(slug: str) -> Call:
    """The call with this address, or a one-line error."""
    call = find_call(slug)
    if call is None:
        raise click.ClickException(f"no call has the address {slug}")
    return call


@calls_group.command("create")
@click.option("--template", "template", required=True,
              type=click.Choice(["leadership-panel", "mag", "blank"]), help="The configuration to start from.")
@click.option("--slug", required=True, help="The call's address: /calls/SLUG.")
@click.option("--title", required=True, help="The call's title.")
@click.option("--opens", default=None, help="Opening time, ISO 8601; UTC when no offset is given. "
              "Default: the next midnight UTC.")
@click.option("--closes", default=None, help="Closing time, ISO 8601; UTC when no offset is given. "
              "Default: six weeks after opening, 23:59 UTC.")
@with_appcontext
def calls_create(template: str, slug: str, title: str, opens: str | None, closes: str | None) -> None:
    """Create a draft call from a template."""
    try:
        call = create_call(template, slug, title, None,
                           opens_at=_parse_moment(opens, "--opens"), closes_at=_parse_moment(closes, "--closes"))
    except WorkflowError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created the draft call {call.slug}: {call.seats} seats in {len(call.groups)} groups, "
               f"open {call.opens_at:%Y-%m-%d %H:%M} to {call.closes_at:%Y-%m-%d %H:%M} UTC.")
    for reason in configuration_problems(call).values():
        click.echo(f"  to fix before opening: {reason}")


@calls_group.command("list")
@with_appcontext
def calls_list() -> None:
    """List every call with its status, seats and closing time."""
    for call in db.session.execute(select(Call).order_by(Call.opens_at)).scalars():
        problems = configuration_problems(call)
        note = f"  ({len(problems)} problem(s))" if problems else ""
        click.echo(f"{call.slug:<40} {call.status.value:<8} {call.seats:>3} seats  "
                   f"closes {call.closes_at:%Y-%m-%d %H:%M} UTC  {call.title}{note}")


@calls_group.command("open")
@click.argument("slug")
@with_appcontext
def calls_open(slug: str) -> None:
    """Open (or reopen) a call; refused with the reasons when its configuration cannot work."""
    call = _change_call_status(slug, open_call, "open")
    click.echo(f"Opened {slug}; nominations close {call.closes_at:%Y-%m-%d %H:%M} UTC.")


@calls_group.command("close")
@click.argument("slug")
@with_appcontext
def calls_close(slug: str) -> None:
    """Close an open call."""
    _change_call_status(slug, close_call, "close")
    click.echo(f"Closed {slug}.")


def _change_call_status(slug: str, operation: Callable[..., None], verb: str) -> Call:
    """Apply ``operation(call, None)`` and commit, or fail with one line saying why."""
    call = _find_call_or_fail(slug)
    try:
        operation(call, None)
    except WorkflowError as exc:
        raise click.ClickException(f"{slug} cannot {verb}: {exc}") from exc
    db.session.commit()
    return call


@cli.command("export")
@click.argument("call_slug", metavar="CALL")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="CSV (UTF-8) or Excel.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="File to write.")
@click.option("--status", default="", help="Only nominations with this status (e.g. shortlisted).")
@with_appcontext
def export_command(call_slug: str, fmt: str, output: str, status: str) -> None:
    """Export a call's nominations with reviews, recommendations and history (one row each)."""
    call = find_call(call_slug)
    if call is None:
        raise click.ClickException(f"no call has the slug {call_slug!r}; see /secretariat/calls")
    if status and status not in {s.value for s in NominationStatus}:
        raise click.ClickException(f"unknown status {status!r}; use one of "
                                   + ", ".join(s.value for s in NominationStatus))
    export = prepare_export(call, None, fmt, NominationFilter(status=status))
    with open(output, "wb") as handle:  # written as it is read: a call's size does not matter
        export.write(handle)
    db.session.commit()
    click.echo(f"Wrote {output} ({fmt}, {os.path.getsize(output)} bytes).")


from selection.cli.audit import audit_group  # noqa: E402  (their own modules; attached here)
from selection.cli.files import files_group  # noqa: E402
from selection.cli.bodies import bodies_group  # noqa: E402
from selection.cli.nominations import nominations_group  # noqa: E402
from selection.cli.slates import slates_group  # noqa: E402
from selection.cli.retention import retention_group  # noqa: E402

cli.add_command(slates_group)
cli.add_command(audit_group)
cli.add_command(files_group)
cli.add_command(nominations_group)
cli.add_command(retention_group)
cli.add_command(bodies_group)


def main() -> None:
    """Entry point of the ``selection`` console script."""
    cli(prog_name="selection")
