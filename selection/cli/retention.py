"""``selection retention apply``: anonymise unsuccessful nominations past their call's
retention period, as the privacy notice promises."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from selection.extensions import db
from selection.models import utcnow
from selection.plurals import ngettext
from selection.workflow.retention import apply_retention


@click.group("retention")
def retention_group() -> None:
    """Keep personal data only as long as the privacy notice says."""


@retention_group.command("apply")
@click.option("--dry-run", is_flag=True, help="Say what would be anonymised; change nothing.")
@with_appcontext
def retention_apply(dry_run: bool) -> None:
    """Anonymise unsuccessful nominations whose call's retention period is over."""
    report = apply_retention(utcnow(), dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    ids = ", ".join(str(i) for i in report.nominations) or "none"
    if dry_run:
        click.echo(ngettext("Dry run: %(num)d nomination would be anonymised", "Dry run: %(num)d nominations "
                            "would be anonymised", len(report.nominations)) + f" ({ids}), "
                   + ngettext("%(num)d person", "%(num)d people", report.people) + " and "
                   + ngettext("%(num)d file", "%(num)d files", report.files) + ". Nothing was changed.")
        return
    click.echo(ngettext("%(num)d nomination was anonymised", "%(num)d nominations were anonymised",
                        len(report.nominations)) + f" ({ids}), "
               + ngettext("%(num)d person", "%(num)d people", report.people) + " and "
               + ngettext("%(num)d file", "%(num)d files", report.files) + " deleted.")
