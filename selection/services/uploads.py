"""Storing uploaded PDF files outside the static folder, under random names.

The content decides, never the name: a file is a PDF when its bytes start with ``%PDF-``.
"""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext
from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from selection.extensions import db
from selection.models import FilePurpose, StoredFile, User
from selection.text import single_line

PDF_MAGIC = b"%PDF-"
UPLOAD_FOLDER = "uploads"
NEW_UPLOADS = "uploads_written"  # files written in this transaction, in session.info


class UploadRefused(ValueError):
    """An upload that is not accepted; the message says why, in words."""


def read_pdf(stream: BinaryIO, max_bytes: int) -> bytes:
    """The upload's bytes, if it is a PDF of at most ``max_bytes``; else UploadRefused."""
    content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise UploadRefused(gettext("The file is larger than %(limit)s; upload a smaller PDF.",
                                    limit=human_size(max_bytes)))
    if not content:
        raise UploadRefused(gettext("The file is empty."))
    if not content.startswith(PDF_MAGIC):
        raise UploadRefused(gettext("The file is not a PDF document. Upload a PDF (other formats are refused)."))
    return content


def human_size(size: int) -> str:
    """A byte count in words: '5 MB', '812 KB', '120 bytes'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def upload_folder() -> Path:
    """``<instance>/uploads``, created on first use; never served by the static route."""
    folder = Path(current_app.instance_path) / UPLOAD_FOLDER
    folder.mkdir(exist_ok=True)
    return folder


def store_pdf(content: bytes, original_name: str, purpose: FilePurpose, owner: User | None) -> StoredFile:
    """Write checked PDF bytes under a random name and return the (flushed) row describing them."""
    stored_name = secrets.token_hex(16) + ".pdf"
    path = upload_folder() / stored_name
    db.session.info.setdefault(NEW_UPLOADS, []).append(path)  # removed again unless the transaction commits
    write_durably(path, content)
    stored = StoredFile(
        owner=owner, purpose=purpose, original_name=_display_name(original_name),
        stored_name=stored_name, size=len(content), content_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
    )
    db.session.add(stored)
    db.session.flush()
    return stored


def path_of(stored: StoredFile) -> Path:
    """Where the bytes of a stored file are."""
    return upload_folder() / stored.stored_name


def write_durably(path: Path, content: bytes) -> None:
    """Write under a temporary name, fsync, then rename: a crash leaves no half-written file."""
    temporary = path.with_name(f".{path.name}.partial")
    with open(temporary, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _display_name(name: str) -> str:
    """The name as given, without any folder part or control character (a CR or LF would
    break the download's headers), kept only for display and download."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = single_line(base)
    return (base or "document.pdf")[:255]


@event.listens_for(Session, "after_commit")
def _keep_new_uploads(session: Session) -> None:
    session.info.pop(NEW_UPLOADS, None)


@event.listens_for(Session, "after_transaction_end")
def _remove_uncommitted_uploads(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ends without committing (refused, rolled back, closed) takes back the
    files it wrote: a refused request leaves no file behind."""
    if transaction.parent is not None:
        return
    for path in session.info.pop(NEW_UPLOADS, []):
        Path(path).unlink(missing_ok=True)


def orphan_files() -> list[Path]:
    """Files of the upload folder that no stored file row refers to (left by a crash), and
    temporary files of interrupted writes."""
    known = set(db.session.execute(select(StoredFile.stored_name)).scalars())
    return sorted(path for path in upload_folder().iterdir() if path.is_file() and path.name not in known)
