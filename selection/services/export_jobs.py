"""Exports of very large calls, made in the background (the queue slate runs use) and kept
in the instance folder until downloaded by the staff member who asked, or staff with the
same right.

A job is a small JSON file next to its output (``<instance>/exports/<id>.json``): who asked,
what, how far it has come, and the file once written. No table is needed, and a job outlives
neither the instance folder nor a clean-up of it.
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from flask import current_app, has_app_context

from selection.extensions import db
from selection.models import User, utcnow
from selection.reports.exports import FORMATS, prepare_export
from selection.services.jobs import dispatch_task
from selection.workflow.calls import find_call
from selection.workflow.permissions import STAFF, holds
from selection.workflow.review_list import NominationFilter

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportJob:
    """One background export: what was asked, by whom, and how far it has come."""

    id: str
    call_slug: str
    fmt: str
    filter_args: dict[str, str]
    requested_by: int
    status: str = QUEUED
    done: int = 0
    total: int = 0
    error: str = ""
    created_at: str = ""
    filename: str = ""

    @property
    def path(self) -> Path:
        """Where the exported file is (or will be) written."""
        return folder() / f"{self.id}.{self.fmt}"

    @property
    def finished(self) -> bool:
        """True once it is done or failed: the progress page stops refreshing."""
        return self.status in (DONE, FAILED)


def folder() -> Path:
    """The instance folder's exports directory (created on first use)."""
    path = Path(current_app.instance_path) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def background_threshold() -> int:
    """Exports of calls with more nominations than this run in the background."""
    return int(current_app.config.get("EXPORT_BACKGROUND_OVER", 2000))


def start_job(call_slug: str, fmt: str, f: NominationFilter, user: User) -> ExportJob:
    """Record a queued export job and hand it to the queue."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use csv or xlsx")
    job = ExportJob(secrets.token_urlsafe(18), call_slug, fmt, f.as_args(), user.id,
                    created_at=utcnow().isoformat(timespec="seconds"))
    save(job)
    dispatch_task("selection.services.export_jobs.run_job", job.id, job_id=f"export-{job.id}")
    return job


def load(job_id: str) -> ExportJob | None:
    """The job with this id, or None (also for ids that could not be one)."""
    if not _ID.match(job_id or ""):
        return None
    try:
        data = json.loads((folder() / f"{job_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return ExportJob(**data)


def save(job: ExportJob) -> None:
    """Write the job's state atomically (the progress page may read it at any moment)."""
    target = folder() / f"{job.id}.json"
    temporary = target.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(asdict(job)), encoding="utf-8")
    os.replace(temporary, target)


def may_download(user: User | None, job: ExportJob) -> bool:
    """The staff member who asked for the export (while they still may export), or staff with
    the same right: the Secretariat and administrators. Reviewers and others never."""
    return user is not None and user.is_authenticated and holds(user, STAFF)


def run_job(job_id: str) -> None:
    """The queued task: make the export and write it next to the job (a new app context when
    run by an RQ worker)."""
    if not has_app_context():
        from selection import create_app

        with create_app().app_context():
            run_job(job_id)
        return
    job = load(job_id)
    if job is None or job.status != QUEUED:
        return
    try:
        _make(job)
    except Exception as error:  # the job must end as failed, whatever went wrong
        log.exception("export %s failed", job_id)
        db.session.rollback()
        save(replace(load(job_id) or job, status=FAILED, error=f"The export stopped with an error: {error}"))


def _make(job: ExportJob) -> None:
    call = find_call(job.call_slug)
    actor = db.session.get(User, job.requested_by)
    if call is None:
        save(replace(job, status=FAILED, error="The call no longer exists."))
        return
    save(replace(job, status=RUNNING))
    export = prepare_export(call, actor, job.fmt, NominationFilter.from_args(job.filter_args))
    db.session.commit()  # the audit record of the export
    job = replace(job, status=RUNNING, total=export.count, filename=export.filename)
    save(job)
    partial = job.path.with_suffix(".part")
    with open(partial, "wb") as out:
        export.write(out, progress=lambda done: save(replace(job, done=done)))
    os.replace(partial, job.path)
    save(replace(job, status=DONE, done=export.count))
