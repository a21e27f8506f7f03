"""Personal data as the privacy notice promises: a person downloads everything held about
them (only theirs, only what they may see), asks for erasure, and the Secretariat confirms
(the data goes, the statistics' counts stay, the audit log says it happened and not what)
or declines with a reason."""
from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    AuditEvent, ErasureRequest, ErasureStatus, Nomination, NominationStatus, Nominee, Role, StoredFile, User,
)
from selection.services.uploads import path_of
from selection.workflow import nominations as ops
from selection.workflow.audit import verify_chain
from tests.conftest import PASSWORD, csrf_token_from
from tests.selection.factories import NOMINATE, post_nomination, sign_in_by_link

ZANELE = "zanele@example.org"


def submit_one(app: Flask, client: FlaskClient, slug: str, email: str = ZANELE) -> int:
    sign_in_by_link(app, client, email)
    response = post_nomination(client, NOMINATE.format(slug=slug), name="Zanele Mokoena", email=email)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        return db.session.execute(select(Nomination.id).order_by(Nomination.id.desc())).scalars().first()


def the_zip(client: FlaskClient) -> tuple[dict, zipfile.ZipFile]:
    response = client.get("/my/data.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "no-store" in response.headers["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return json.loads(archive.read("personal-data.json")), archive


def post_page_form(client: FlaskClient, page: str, action: str, **data: str):
    html = client.get(page).get_data(as_text=True)
    return client.post(action, data={"csrf_token": csrf_token_from(html), **data})


def withdraw(app: Flask, nomination_id: int) -> None:
    with app.app_context():
        ops.withdraw(db.session.get(Nomination, nomination_id), None, reason="")
        db.session.commit()


def secretariat(make_user, client: FlaskClient, auth) -> None:
    make_user("sec@un.example.org", Role.SECRETARIAT)
    client.get("/sign-out")
    auth.sign_out()
    assert auth.sign_in("sec@un.example.org", PASSWORD).status_code == 302


# ---------------------------------------------------------------------------- download

def test_my_data_holds_my_nominations_files_and_mail_and_is_audited(app: Flask, client: FlaskClient,
                                                                    panel_call: str) -> None:
    nomination_id = submit_one(app, client, panel_call)
    document, archive = the_zip(client)
    assert [n["id"] for n in document["nominations"]] == [nomination_id]
    assert document["persons"][0]["name"] == "Zanele Mokoena"
    assert document["nominations"][0]["status"] == "submitted"
    assert any("Submitted" in line["what"] or "submitted" in line["what"] for line in document["nominations"][0]["history"])
    assert document["messages"], "the receipt sent to them is in the download"
    [stored] = document["files"]
    assert archive.read(stored["in_archive"]).startswith(b"%PDF")
    with app.app_context():
        events = db.session.execute(select(AuditEvent).where(AuditEvent.action == "personal_data_exported")).scalars().all()
        assert len(events) == 1 and events[0].details == {"nominations": 1, "files": 1}


def test_my_data_shows_an_unreleased_outcome_as_the_nominee_sees_it(app: Flask, client: FlaskClient,
                                                                    panel_call: str) -> None:
    nomination_id = submit_one(app, client, panel_call)
    with app.app_context():
        nomination = db.session.get(Nomination, nomination_id)
        nomination.call.status = nomination.call.status.__class__("closed")
        ops.move(nomination, NominationStatus.UNDER_REVIEW, None)
        ops.move(nomination, NominationStatus.NOT_SHORTLISTED, None)
        db.session.commit()
    document, _ = the_zip(client)
    text = json.dumps(document)
    assert document["nominations"][0]["status"] == "submitted"
    assert "not_shortlisted" not in text and "Not shortlisted" not in text


def test_my_data_holds_nobody_elses(app: Flask, client: FlaskClient, panel_call: str) -> None:
    submit_one(app, client, panel_call)
    other = app.test_client()
    sign_in_by_link(app, other, "someone.else@example.org")
    document, archive = the_zip(other)
    assert document["nominations"] == [] and document["files"] == [] and document["persons"] == []
    assert "Zanele" not in json.dumps(document)
    assert archive.namelist() == ["personal-data.json"]


def test_my_data_needs_a_sign_in(client: FlaskClient) -> None:
    assert client.get("/my/data.zip").status_code == 302


# ---------------------------------------------------------------------------- erasure

def test_erasure_erases_the_person_keeps_the_counts_and_audits_without_the_data(
        app: Flask, client: FlaskClient, panel_call: str, make_user, auth) -> None:
    nomination_id = submit_one(app, client, panel_call)
    withdraw(app, nomination_id)
    with app.app_context():
        nominee = db.session.get(Nomination, nomination_id).nominee
        before = Counter((n.group_id, n.nominee.region, n.nominee.gender) for n in db.session.execute(select(Nomination)).scalars())
        file_paths = [Path(path_of(f)) for f in db.session.execute(select(StoredFile)).scalars()]
        assert file_paths and all(p.exists() for p in file_paths)
        region = nominee.region
    assert post_page_form(client, "/my/erasure", "/my/erasure").status_code == 302
    assert "You asked on" in client.get("/my/erasure").get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(ErasureRequest)).scalar_one().status == ErasureStatus.PENDING

    secretariat(make_user, client, auth)
    page = client.get("/secretariat/erasure-requests").get_data(as_text=True)
    assert ZANELE in page
    with app.app_context():
        request_id = db.session.execute(select(ErasureRequest.id)).scalar_one()
    response = post_page_form(client, "/secretariat/erasure-requests",
                              f"/secretariat/erasure-requests/{request_id}/confirm")
    assert response.status_code == 302

    with app.app_context():
        nomination = db.session.get(Nomination, nomination_id)
        person = nomination.nominee
        assert person.name == "Erased person" and "zanele" not in person.email and person.region == region
        assert nomination.biography == "" and nomination.statement == "" and nomination.answers == {}
        assert db.session.execute(select(StoredFile)).first() is None
        assert not any(p.exists() for p in file_paths)
        after = Counter((n.group_id, n.nominee.region, n.nominee.gender) for n in db.session.execute(select(Nomination)).scalars())
        assert after == before
        account = db.session.execute(select(User).where(User.id == person.user_id)).scalar_one()
        assert not account.active and "zanele" not in account.email.lower()
        new_events = db.session.execute(select(AuditEvent).where(AuditEvent.action.in_(
            ["erasure_confirmed", "anonymised"]))).scalars().all()
        assert {e.action for e in new_events} == {"erasure_confirmed", "anonymised"}
        every_detail = json.dumps([e.details for e in db.session.execute(select(AuditEvent)).scalars()])
        assert "Zanele" not in every_detail and "zanele" not in every_detail.lower() and "cv.pdf" not in every_detail
        assert verify_chain().intact


def test_erasure_is_refused_while_a_nomination_is_in_the_selection_and_declined_with_a_reason(
        app: Flask, client: FlaskClient, panel_call: str, make_user, auth) -> None:
    nomination_id = submit_one(app, client, panel_call)
    assert post_page_form(client, "/my/erasure", "/my/erasure").status_code == 302
    nominee_client = client
    staff_client = app.test_client()
    from tests.conftest import AuthActions

    make_user("sec@un.example.org", Role.SECRETARIAT)
    assert AuthActions(staff_client).sign_in("sec@un.example.org").status_code == 302
    page = staff_client.get("/secretariat/erasure-requests").get_data(as_text=True)
    assert "still in the selection" in page and "Erase the data now" not in page
    with app.app_context():
        request_id = db.session.execute(select(ErasureRequest.id)).scalar_one()
    refused = post_page_form(staff_client, "/secretariat/erasure-requests",
                             f"/secretariat/erasure-requests/{request_id}/confirm")
    assert refused.status_code == 302
    assert "must be withdrawn first" in staff_client.get("/secretariat/erasure-requests").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Nomination, nomination_id).nominee.name == "Zanele Mokoena"
        assert db.session.get(ErasureRequest, request_id).status == ErasureStatus.PENDING
    no_reason = post_page_form(staff_client, "/secretariat/erasure-requests",
                               f"/secretariat/erasure-requests/{request_id}/decline", reason="  ")
    assert no_reason.status_code == 302
    with app.app_context():
        assert db.session.get(ErasureRequest, request_id).status == ErasureStatus.PENDING
    declined = post_page_form(staff_client, "/secretariat/erasure-requests",
                              f"/secretariat/erasure-requests/{request_id}/decline",
                              reason="Your nomination is under decision; withdraw it first.")
    assert declined.status_code == 302
    assert "under decision; withdraw it first" in nominee_client.get("/my/erasure").get_data(as_text=True)


def test_only_the_secretariat_decides_on_erasure(app: Flask, client: FlaskClient, panel_call: str, make_user) -> None:
    submit_one(app, client, panel_call)
    post_page_form(client, "/my/erasure", "/my/erasure")
    with app.app_context():
        request_id = db.session.execute(select(ErasureRequest.id)).scalar_one()
    assert client.get("/secretariat/erasure-requests").status_code in (302, 403)
    from tests.conftest import AuthActions

    for role in (Role.REVIEWER, Role.DECISION_MAKER, Role.CONTRIBUTIONS):
        other = app.test_client()
        make_user(f"{role.value}@un.example.org", role)
        AuthActions(other).sign_in(f"{role.value}@un.example.org")
        assert other.get("/secretariat/erasure-requests").status_code == 403
        html = other.get("/").get_data(as_text=True)
        token = csrf_token_from(html) if 'name="csrf_token"' in html else ""
        assert other.post(f"/secretariat/erasure-requests/{request_id}/confirm",
                          data={"csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.get(ErasureRequest, request_id).status == ErasureStatus.PENDING
        assert db.session.execute(select(Nominee.name)).scalars().first() == "Zanele Mokoena"


def test_an_appointed_member_cannot_be_erased_and_a_second_request_waits_for_the_first(app: Flask) -> None:
    from selection.workflow import erasure
    from selection.workflow.errors import WorkflowError
    from selection.workflow.users import create_user
    from tests.selection.factories import review_call, staff, submitted

    with app.app_context():
        member = create_user("amina@example.org", [Role.NOMINEE], None, name="Amina Diallo")
        nomination = submitted(review_call(), "Amina Diallo", status=NominationStatus.APPOINTED)
        nomination.nominee.user = member
        request = erasure.request_erasure(member)
        try:
            erasure.request_erasure(member)
            raise AssertionError("a second request was accepted")
        except WorkflowError as exc:
            assert "already asked" in str(exc)
        assert any("public record" in text for text in erasure.obstacles(request))
        sec = staff("sec@un.example.org", Role.SECRETARIAT)
        try:
            erasure.confirm_erasure(request, sec)
            raise AssertionError("an appointed member was erased")
        except WorkflowError as exc:
            assert "Decline the request" in str(exc)
        assert nomination.nominee.name == "Amina Diallo" and request.status == ErasureStatus.PENDING
