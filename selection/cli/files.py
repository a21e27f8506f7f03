"""``selection files clean``: remove the files of the upload folder that no stored file refers to."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from selection.services.uploads import human_size, orphan_files


@click.group("files")
def files_group() -> None:
    """Look after the uploaded files."""


@files_group.command("clean")
@click.option("--dry-run", is_flag=True, help="Only list the orphan files; remove nothing.")
@with_appcontext
def files_clean(dry_run: bool) -> None:
    """Remove (or with --dry-run list) every file of the upload folder that no stored file refers to."""
    orphans = orphan_files()
    verb = "Would remove" if dry_run else "Removed"
    total = 0
    for path in orphans:
        size = path.stat().st_size
        total += size
        if not dry_run:
            path.unlink(missing_ok=True)
        click.echo(f"{verb} {path} ({human_size(size)})")
    count = len(orphans)
    click.echo(f"{verb} {count} orphan file{'' if count == 1 else 's'} ({human_size(total)})."
               if count else "No orphan files: every file in the upload folder belongs to a stored file.")
