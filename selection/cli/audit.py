"""``selection audit verify``: check the audit log's hash chain from its first record."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from selection.workflow.audit import verify_chain


@click.group("audit")
def audit_group() -> None:
    """Check the tamper-evident audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Recompute every record's hash; name the first record that was changed, removed or inserted."""
    check = verify_chain()
    if check.intact:
        click.echo(f"The audit log is intact: {check.records} records, each following the one before it.")
        return
    raise click.ClickException(f"The audit log is broken at record #{check.broken_id}: {check.reason}. "
                               f"{check.records - 1} records before it are intact.")
