"""The export views: CSV streamed, Excel spooled, never cached; very large calls exported in
the background with a progress page and a download for staff only; one audit event each."""
from __future__ import annotations

import csv
import io
import time

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from selection.extensions import db
from selection.models import AuditEvent, Role
from selection.services import export_jobs
from selection.workflow import audit
from tests.selection.factories import review_call, submitted

SLUG = "lp-review"


@pytest.fixture
def world(app, make_user):
    """Three submitted nominations; a Secretariat member, an administrator and a reviewer."""
    ids = {who: make_user(f"{who}@example.org", role) for who, role in
           (("secretariat", Role.SECRETARIAT), ("admin", Role.ADMIN), ("reviewer", Role.REVIEWER))}
    with app.app_context():
        call = review_call(SLUG)
        ids["nominations"] = [submitted(call, name).id for name in ("Amina Diallo", "Kwame Mensah", "Sofia Rossi")]
        db.session.commit()
    return ids


def exports_audited(app) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.execute(select(AuditEvent).where(AuditEvent.action == "exported")).scalars().all()
        assert audit.verify_chain().intact
        return events


def test_csv_is_streamed_never_cached_and_audited_once(app, client, auth, world) -> None:
    auth.sign_in("secretariat@example.org")
    response = client.get(f"/review/calls/{SLUG}/export.csv")
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [r["Name"] for r in rows] == ["Amina Diallo", "Kwame Mensah", "Sofia Rossi"]
    events = exports_audited(app)
    assert len(events) == 1 and events[0].object_type == "call"
    assert sorted(events[0].details["nomination_ids"]) == sorted(world["nominations"])


def test_excel_is_never_cached(app, client, auth, world) -> None:
    auth.sign_in("secretariat@example.org")
    response = client.get(f"/review/calls/{SLUG}/export.xlsx?q=kwame")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert load_workbook(io.BytesIO(response.get_data()))["Nominations"]["F2"].value == "Kwame Mensah"


def wait_for(app, job_id: str) -> export_jobs.ExportJob:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with app.test_request_context():
            job = export_jobs.load(job_id)
        if job is not None and job.finished:
            return job
        time.sleep(0.2)
    raise AssertionError("the export job did not finish")


def test_a_large_call_is_exported_in_the_background_for_staff_only(app, client, auth, world) -> None:
    app.config["EXPORT_BACKGROUND_OVER"] = 2  # three nominations count as a very large call here
    auth.sign_in("secretariat@example.org")
    response = client.get(f"/review/calls/{SLUG}/export.xlsx?sort=name&order=desc")
    assert response.status_code == 303 and "/review/exports/" in response.headers["Location"]
    progress_url = response.headers["Location"]
    job_id = progress_url.rstrip("/").rsplit("/", 1)[1]
    job = wait_for(app, job_id)
    assert job.status == "done" and job.total == 3 and job.done == 3
    page = client.get(progress_url)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store" and "Refresh" not in page.headers
    assert f"/review/exports/{job_id}/download" in page.get_data(as_text=True)
    download = client.get(f"/review/exports/{job_id}/download")
    assert download.status_code == 200 and "no-store" in download.headers["Cache-Control"]
    assert "lp-review-nominations.xlsx" in download.headers["Content-Disposition"]
    names = [r[5].value for r in load_workbook(io.BytesIO(download.get_data()))["Nominations"].iter_rows(min_row=2)]
    assert names == ["Sofia Rossi", "Kwame Mensah", "Amina Diallo"]
    assert len(exports_audited(app)) == 1
    auth.sign_out()
    auth.sign_in("admin@example.org")  # staff with the same right
    assert client.get(f"/review/exports/{job_id}/download").status_code == 200
    auth.sign_out()
    auth.sign_in("reviewer@example.org")
    assert client.get(progress_url).status_code == 403
    assert client.get(f"/review/exports/{job_id}/download").status_code == 403


def test_unknown_or_unfinished_exports_are_not_found(app, client, auth, world) -> None:
    auth.sign_in("secretariat@example.org")
    assert client.get("/review/exports/not-a-job").status_code == 404
    assert client.get("/review/exports/abcdefghijklmnopqrstuvwx/download").status_code == 404
    with app.test_request_context():
        job = export_jobs.ExportJob("abcdefghijklmnopqrstuvwx", SLUG, "csv", {}, world["secretariat"])
        export_jobs.save(job)
    page = client.get(f"/review/exports/{job.id}")
    assert page.status_code == 200 and page.headers["Refresh"] == "2"
    assert "being prepared" in page.get_data(as_text=True)
    assert client.get(f"/review/exports/{job.id}/download").status_code == 404
