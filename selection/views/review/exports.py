"""The list as CSV or Excel, filtered as shown: streamed at once for most calls; for very
large calls made in the background, with a progress page and a download link when done.
Exported files are never cached (they hold personal data)."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator

from flask import Flask, Response, abort, current_app, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from selection.extensions import db
from selection.reports.export_data import exportable_count
from selection.reports.exports import FORMATS, MIMETYPES, Export, prepare_export
from selection.services import export_jobs
from selection.views.loading import call_or_404
from selection.views.permissions import roles_required
from selection.views.review.blueprint import STAFF, bp
from selection.workflow.review_list import NominationFilter

NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/calls/<slug>/export.<fmt>")
@roles_required(*STAFF)
def export_file(slug: str, fmt: str) -> ResponseReturnValue:
    """The list, filtered as shown, as CSV or Excel; the export is audited. Calls above the
    background threshold are exported by the job queue (see ``export_progress``)."""
    call = call_or_404(slug)
    if fmt not in FORMATS:
        abort(404)
    f = NominationFilter.from_args(request.args)
    if exportable_count(call) > export_jobs.background_threshold():
        job = export_jobs.start_job(call.slug, fmt, f, current_user)
        return redirect(url_for("review.export_progress", job_id=job.id), code=303)
    export = prepare_export(call, current_user, fmt, f)
    db.session.commit()
    headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{export.filename}"'}
    if fmt == "csv":
        return Response(_streamed(current_app._get_current_object(), export),  # type: ignore[attr-defined]
                        mimetype=export.mimetype, headers=headers)
    spool = tempfile.TemporaryFile()  # the workbook is zipped at the end: it cannot go out row by row
    export.write(spool)
    spool.seek(0)
    return Response(_file_chunks(spool), mimetype=export.mimetype, headers=headers)


def _streamed(app: Flask, export: Export) -> Iterator[bytes]:
    """The CSV's chunks in an app context (and database session) of their own, entered only
    once the server reads the body: a response never read holds nothing open."""
    with app.app_context():
        yield from export.chunks()


def _file_chunks(handle, size: int = 64 * 1024):  # type: ignore[no-untyped-def]
    with handle:
        while chunk := handle.read(size):
            yield chunk


@bp.get("/exports/<job_id>")
@roles_required(*STAFF)
def export_progress(job_id: str) -> ResponseReturnValue:
    """How far a background export has come; the download link once it is done."""
    job = _job_or_404(job_id)
    response = Response(render_template("review/export_progress.html", job=job, call=call_or_404(job.call_slug)))
    response.headers.update(NO_STORE)
    if not job.finished:
        response.headers["Refresh"] = "2"  # browsers reload the page: no script needed
    return response


@bp.get("/exports/<job_id>/download")
@roles_required(*STAFF)
def export_download(job_id: str) -> ResponseReturnValue:
    """The finished file of a background export, to its requester or staff with the same right."""
    job = _job_or_404(job_id)
    if job.status != export_jobs.DONE or not job.path.exists():
        abort(404, "This export is not ready.")
    response = send_file(job.path, mimetype=MIMETYPES[job.fmt], as_attachment=True, download_name=job.filename,
                         max_age=0)
    response.headers.update(NO_STORE)
    return response


def _job_or_404(job_id: str) -> export_jobs.ExportJob:
    job = export_jobs.load(job_id)
    if job is None:
        abort(404, "No export has this address.")
    if not export_jobs.may_download(current_user, job):
        abort(403)
    return job
