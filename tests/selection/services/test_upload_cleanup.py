"""A refused request writes no file: uploads written in a transaction that does not commit are
removed again; ``selection files clean`` removes files no stored file refers to."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from selection.cli import cli
from selection.extensions import db
from selection.models import FilePurpose
from selection.services.uploads import path_of, store_pdf, upload_folder
from selection.workflow import applications
from selection.workflow.errors import WorkflowError
from tests.selection.factories import NOMINATE, PDF, counts, post_nomination, upload


def files_in(app: Flask) -> list[Path]:
    with app.app_context():
        return sorted(p for p in upload_folder().iterdir() if p.is_file())


@pytest.mark.parametrize("ending", ["rollback", "close"])
def test_a_file_of_a_transaction_that_does_not_commit_is_removed(app: Flask, ending: str) -> None:
    with app.app_context():
        stored = store_pdf(PDF, "cv.pdf", FilePurpose.CV, None)
        path = path_of(stored)
        assert path.exists()
        db.session.rollback() if ending == "rollback" else db.session.close()
        assert not path.exists()


def test_a_committed_file_stays(app: Flask) -> None:
    with app.app_context():
        path = path_of(store_pdf(PDF, "cv.pdf", FilePurpose.CV, None))
        db.session.commit()
        db.session.close()
        assert path.exists()


def test_a_refused_nomination_with_a_cv_leaves_no_file(app: Flask, client: FlaskClient, panel_call: str,
                                                       nominee: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise WorkflowError("Refused after the files were checked.")

    monkeypatch.setattr(applications, "_perform", refuse)
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={"cv": upload(), "support_letters": upload()})
    assert response.status_code == 400 and "Refused after the files were checked." in response.get_data(as_text=True)
    assert counts(app)[:2] == (0, 0)
    assert files_in(app) == []


def test_files_clean_removes_only_orphans(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        kept = path_of(store_pdf(PDF, "cv.pdf", FilePurpose.CV, None))
        db.session.commit()
        orphan = upload_folder() / "0123abcd.pdf"
        partial = upload_folder() / ".feed.pdf.partial"
    orphan.write_bytes(PDF)
    partial.write_bytes(b"%PDF-")
    dry = runner.invoke(cli, ["files", "clean", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"Would remove {orphan}" in dry.output and "Would remove 2 orphan files" in dry.output
    assert orphan.exists() and partial.exists()
    done = runner.invoke(cli, ["files", "clean"])
    assert done.exit_code == 0 and f"Removed {orphan}" in done.output and f"Removed {partial}" in done.output
    assert not orphan.exists() and not partial.exists() and kept.exists()
    again = runner.invoke(cli, ["files", "clean"])
    assert "No orphan files" in again.output
