"""The README's backup and restore, proven: a backup of a live database (SQLite's backup API,
the counterpart of pg_dump) and of the uploads, restored into a fresh instance, serves the
files and passes ``selection audit verify``; a tampered restore does not."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select, text

from selection import create_app
from selection.cli import cli
from selection.config import TestConfig
from selection.extensions import db
from selection.models import FilePurpose, Gender, Nominee, StoredFile
from selection.services.uploads import path_of, store_pdf
from selection.workflow import nominations as ops
from tests.selection.factories import PDF, complete_application

pytestmark = pytest.mark.skipif(bool(os.environ.get("SELECTION_SQLALCHEMY_DATABASE_URI")),
                                reason="the SQLite file backup; on PostgreSQL the recipe is pg_dump/pg_restore")


def backup(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently, as the README says."""
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)


def test_a_restored_backup_passes_audit_verify_and_serves_its_files(app: Flask, panel_call: str,
                                                                    tmp_path: Path) -> None:
    with app.app_context():
        from tests.selection.factories import call_by_slug

        call = call_by_slug(panel_call)
        nominee = Nominee(name="Amina Bello", email="amina@example.net", nationality="GH", residence="GH",
                          gender=Gender.WOMAN)
        nomination = complete_application(ops.start_nomination(call, call.groups[0], nominee, None))
        nomination.cv = store_pdf(PDF, "cv.pdf", FilePurpose.CV, None)
        ops.submit(nomination, None)
        db.session.commit()
        stored_name = nomination.cv.stored_name
        uploads = path_of(nomination.cv).parent
        source = Path(db.engine.url.database)
    restored = tmp_path / "restored"
    (restored / "uploads").mkdir(parents=True)
    backup(source, restored / "selection.sqlite")
    shutil.copytree(uploads, restored / "uploads", dirs_exist_ok=True)

    fresh = create_app(TestConfig.settings(INSTANCE_PATH=str(restored),
                                           SQLALCHEMY_DATABASE_URI=f"sqlite:///{restored / 'selection.sqlite'}"))
    result = fresh.test_cli_runner().invoke(cli, ["audit", "verify"])
    assert result.exit_code == 0 and "intact" in result.output, result.output
    with fresh.app_context():
        stored = db.session.execute(select(StoredFile).where(StoredFile.stored_name == stored_name)).scalar_one()
        assert path_of(stored).read_bytes() == PDF
        db.engine.dispose()

    with sqlite3.connect(restored / "selection.sqlite") as tampered:
        for trigger in tampered.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            tampered.execute(f'DROP TRIGGER "{trigger[0]}"')
        tampered.execute("UPDATE audit_event SET action = 'rewritten' WHERE id = (SELECT MIN(id) FROM audit_event)")
    result = fresh.test_cli_runner().invoke(cli, ["audit", "verify"])
    assert result.exit_code != 0 and "broken" in result.output
