"""Uploads are durable before the transaction commits: written under a temporary name, fsynced,
then renamed to their own name; a write that fails half-way leaves no file under that name."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import Flask

from selection.extensions import db
from selection.models import FilePurpose
from selection.services import uploads
from selection.services.uploads import orphan_files, path_of, store_pdf
from tests.selection.factories import PDF


def test_a_file_is_fsynced_under_a_temporary_name_then_renamed_before_the_commit(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{descriptor}")))
        real_fsync(descriptor)

    def replace(source: str | Path, target: str | Path) -> None:
        events.append(("replace", f"{source} -> {target}"))
        real_replace(source, target)

    monkeypatch.setattr(uploads.os, "fsync", fsync)
    monkeypatch.setattr(uploads.os, "replace", replace)
    with app.app_context():
        stored = store_pdf(PDF, "cv.pdf", FilePurpose.CV, None)
        final = path_of(stored)
        temporary = final.with_name(f".{final.name}.partial")
        assert events == [("fsync", str(temporary)), ("replace", f"{temporary} -> {final}")]
        assert final.read_bytes() == PDF and not temporary.exists()  # complete, and not yet committed
        db.session.commit()


def test_a_write_that_fails_half_way_leaves_no_file_under_its_name(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(uploads.os, "fsync", disk_full)
    with app.app_context():
        with pytest.raises(OSError):
            store_pdf(PDF, "cv.pdf", FilePurpose.CV, None)
        db.session.rollback()
        partial = orphan_files()
        assert [path.name.endswith(".pdf.partial") for path in partial] == [True]  # `selection files clean` removes it
