"""The nominee's own pages: nominate per group, draft, submit, edit, withdraw, files, "my nominations",
the privacy page, the call's questions, and every refusal."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    Call,
    ConsentState,
    Nomination,
    NominationStatus,
    OutboxMessage,
    Role,
    StoredFile,
    utcnow,
)
from tests.selection.factories import (
    NOMINATE,
    PDF,
    count,
    counts,
    csrf_token_from,
    form_fields,
    last_mail_to,
    post_nomination,
    sign_in_by_link,
    the_nomination,
    upload,
)


def errors_in(response: Any) -> list[str]:
    """The error messages on a page, for assertion messages."""
    import re

    return re.findall(r'<ul class="errors"[^>]*>(.*?)</ul>|<div class="form-errors"[^>]*>(.*?)</div>',
                      response.get_data(as_text=True), re.S)


def set_call(app: Flask, slug: str, **changes: Any) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == slug)).scalar_one()
        for name, value in changes.items():
            setattr(call, name, value)
        db.session.commit()


# ---------------------------------------------------------------- self-nomination

def test_form_asks_in_the_groups_terms_with_labels_tied_to_inputs(client: FlaskClient, panel_call: str, nominee: str) -> None:
    html = client.get(NOMINATE.format(slug=panel_call)).get_data(as_text=True)
    assert "ministerial level or above in the Government of a Member State" in html
    assert "General Assembly" in html
    for name in ("name", "title", "organization", "biography", "motivation", "languages", "cv", "nationality"):
        assert f'for="{name}"' in html and f'id="{name}"' in html
    assert 'href="/calls/' in html and "/privacy" in html
    assert "Kenya (African States)" in html
    ceo = client.get(f"/calls/{panel_call}/nominate/civil_society").get_data(as_text=True)
    assert "chief executive of an organization of the civil society stakeholder group" in ceo


def test_draft_then_submit_sends_a_receipt(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    draft = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={},
                      biography="", motivation="", name="Занеле Іто")
    assert draft.status_code == 302 and "/edit" in draft.headers["Location"], errors_in(draft)
    with app.app_context():
        nomination = the_nomination(app)
        assert nomination.status == NominationStatus.DRAFT
        assert nomination.nominee.name == "Занеле Іто" and nomination.nominee.region == "AFR"
        assert nomination.nominee.email == nominee
        edit_path = f"/nominations/{nomination.id}/edit"
        assert count(OutboxMessage) == 1  # only the sign-in link
    submitted = post_nomination(client, edit_path, name="Занеле Іто")
    assert submitted.status_code == 302
    with app.app_context():
        nomination = the_nomination(app)
        assert nomination.status == NominationStatus.SUBMITTED
        assert nomination.cv.original_name == "cv.pdf" and nomination.consent_state == ConsentState.GIVEN
        receipt = last_mail_to(nominee)
        assert receipt.subject.startswith("Receipt") and receipt.status.value == "sent"
        assert "Занеле Іто" in receipt.body_text and "South Africa (African States)" in receipt.body_text
    page = client.get(submitted.headers["Location"]).get_data(as_text=True)
    assert "Submitted" in page and "Занеле Іто" in page and "History" in page


def test_incomplete_submission_names_each_missing_field_and_keeps_the_input(app: Flask, client: FlaskClient,
                                                                           panel_call: str, nominee: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={}, biography="", data_consent=None,
                         title="Minister <b>of</b> Tests")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="biography-error"' in html and "Write a short biography." in html
    assert 'id="cv-error"' in html and "Consent to the processing" in html
    assert 'value="Minister &lt;b&gt;of&lt;/b&gt; Tests"' in html
    assert counts(app) == (0, 0, 1)


@pytest.mark.parametrize("field, value, message", [
    ("nationality", "XX", "Choose a country from the list."),
    ("residence", "Atlantis", "Choose a country from the list."),
    ("position_level", "junior", "Choose one of the levels listed."),
    ("links", "javascript:alert(1)", "is not a web address"),
])
def test_bad_values_are_refused_next_to_their_field(app: Flask, client: FlaskClient, panel_call: str,
                                                   nominee: str, field: str, value: str, message: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), **{field: value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html and message in html
    assert counts(app) == (0, 0, 1)


def test_third_party_nominee_email_must_be_an_address(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), button="request_consent",
                         nomination_kind="third_party", email="not an address", nominator_kind="mission",
                         nominator_name="A. Envoy", nominator_organization="Mission of Ghana")
    assert response.status_code == 400 and 'id="email-error"' in response.get_data(as_text=True)
    assert counts(app) == (0, 0, 1)


@pytest.mark.parametrize("content, name, message", [
    (b"MZ\x90\x00 not a pdf", "cv.pdf", "not a PDF"),
    (b"<html>%PDF-</html>", "cv.pdf", "not a PDF"),
    (PDF + b"x" * 2000, "cv.pdf", "larger than"),
])
def test_uploads_are_checked_by_content_and_size(app: Flask, client: FlaskClient, panel_call: str, nominee: str,
                                                 content: bytes, name: str, message: str) -> None:
    app.config["MAX_UPLOAD_BYTES"] = 1500
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={"cv": upload(content, name)})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="cv-error"' in html and message in html
    assert counts(app) == (0, 0, 1)


def test_a_pdf_with_another_name_is_accepted(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={"cv": upload(PDF, "lebenslauf.bin")})
    assert response.status_code == 302
    with app.app_context():
        stored = the_nomination(app).cv
        assert stored.original_name == "lebenslauf.bin" and stored.stored_name != "lebenslauf.bin"
        assert (app.instance_path + "/uploads/" + stored.stored_name) and stored.size == len(PDF)


def test_form_without_csrf_token_changes_nothing(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    data = form_fields(submit_nomination="x")
    response = client.post(NOMINATE.format(slug=panel_call), data=data)
    assert response.status_code == 400
    assert counts(app) == (0, 0, 1)


def test_closed_group_refuses_nominations(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        call.groups[0].open_for_nominations = False
        db.session.commit()
    page = client.get(f"/calls/{panel_call}/nominate/at_large")
    assert client.get(NOMINATE.format(slug=panel_call)).status_code == 403
    data = form_fields(csrf_token=csrf_token_from(page.get_data(as_text=True)), submit_nomination="x")
    assert client.post(NOMINATE.format(slug=panel_call), data=data).status_code == 403
    assert counts(app) == (0, 0, 1)


def test_after_the_deadline_the_form_is_closed_and_says_so(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    page = client.get(NOMINATE.format(slug=panel_call))
    set_call(app, panel_call, closes_at=utcnow() - timedelta(seconds=1))
    closed = client.get(NOMINATE.format(slug=panel_call))
    assert closed.status_code == 410 and "Nominations are closed" in closed.get_data(as_text=True)
    data = form_fields(submit_nomination="x", csrf_token=csrf_token_from(page.get_data(as_text=True)), cv=upload())
    assert client.post(NOMINATE.format(slug=panel_call), data=data, content_type="multipart/form-data").status_code == 410
    assert counts(app) == (0, 0, 1)


# ---------------------------------------------------------------- edit, withdraw, access

@pytest.fixture
def submitted(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> int:
    assert post_nomination(client, NOMINATE.format(slug=panel_call)).status_code == 302
    with app.app_context():
        return the_nomination(app).id


def test_edit_until_the_deadline_then_410(app: Flask, client: FlaskClient, panel_call: str, submitted: int) -> None:
    path = f"/nominations/{submitted}/edit"
    response = post_nomination(client, path, button="save_draft", files={}, title="Minister of Digital Futures")
    assert response.status_code == 302
    with app.app_context():
        nomination = db.session.get(Nomination, submitted)
        assert nomination.nominee.title == "Minister of Digital Futures"
        assert nomination.status == NominationStatus.SUBMITTED
    page = client.get(path)
    set_call(app, panel_call, closes_at=utcnow() - timedelta(seconds=1))
    assert client.get(path).status_code == 410
    data = form_fields(save_draft="x", title="Too late", csrf_token=csrf_token_from(page.get_data(as_text=True)))
    assert client.post(path, data=data).status_code == 410
    with app.app_context():
        assert db.session.get(Nomination, submitted).nominee.title == "Minister of Digital Futures"


def test_a_submitted_nomination_stays_complete(app: Flask, client: FlaskClient, submitted: int) -> None:
    response = post_nomination(client, f"/nominations/{submitted}/edit", button="save_draft", files={}, motivation="")
    assert response.status_code == 400 and "Write the motivation statement." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Nomination, submitted).motivation


def test_another_nominee_cannot_see_edit_withdraw_or_download(app: Flask, submitted: int) -> None:
    stranger = app.test_client()
    sign_in_by_link(app, stranger, "stranger@example.org")
    with app.app_context():
        cv_id = db.session.get(Nomination, submitted).cv_file_id
    for path in (f"/nominations/{submitted}", f"/nominations/{submitted}/edit",
                 f"/nominations/{submitted}/withdraw", f"/files/{cv_id}"):
        assert stranger.get(path).status_code == 403, path
    assert app.test_client().get(f"/files/{cv_id}").status_code == 403


def test_files_go_to_their_owner_and_the_secretariat(app: Flask, client: FlaskClient, auth, make_user, submitted: int) -> None:
    with app.app_context():
        cv_id = db.session.get(Nomination, submitted).cv_file_id
    own = client.get(f"/files/{cv_id}")
    assert own.status_code == 200 and own.data == PDF and own.headers["Content-Type"] == "application/pdf"
    make_user("sec@example.org", Role.SECRETARIAT)
    staff = app.test_client()
    from tests.conftest import AuthActions
    AuthActions(staff).sign_in("sec@example.org")
    assert staff.get(f"/files/{cv_id}").status_code == 200
    assert staff.get(f"/nominations/{submitted}").status_code == 200


def test_withdraw_takes_one_confirmation_and_sends_a_notice(app: Flask, client: FlaskClient, nominee: str, submitted: int) -> None:
    confirm = client.get(f"/nominations/{submitted}/withdraw")
    assert confirm.status_code == 200 and "Withdraw the nomination" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Nomination, submitted).status == NominationStatus.SUBMITTED
    response = client.post(f"/nominations/{submitted}/withdraw", data={
        "reason": "New post", "csrf_token": csrf_token_from(confirm.get_data(as_text=True))})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Nomination, submitted).status == NominationStatus.WITHDRAWN
        assert "withdrawn" in last_mail_to(nominee).body_text and "New post" in last_mail_to(nominee).body_text
    assert client.get(f"/nominations/{submitted}/edit").status_code == 410


def test_my_nominations_shows_status_and_history(client: FlaskClient, submitted: int) -> None:
    html = client.get("/my").get_data(as_text=True)
    assert f'href="/nominations/{submitted}"' in html
    assert "Submitted" in html and "Draft started" in html and "CV attached: cv.pdf" in html


def test_names_are_escaped_everywhere(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    post_nomination(client, NOMINATE.format(slug=panel_call), name='<script>alert("x")</script> 王伟')
    with app.app_context():
        nomination = the_nomination(app)
        assert nomination.nominee.name == '<script>alert("x")</script> 王伟'
        nomination_id = nomination.id
    for path in (f"/nominations/{nomination_id}", "/my"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html and "王伟" in html


def test_privacy_page_shows_the_calls_notice_or_a_default(app: Flask, client: FlaskClient, panel_call: str) -> None:
    set_call(app, panel_call, privacy_notice="")
    assert "processes the personal data" in client.get(f"/calls/{panel_call}/privacy").get_data(as_text=True)
    set_call(app, panel_call, privacy_notice="Our own notice.\n\nSecond paragraph.")
    html = client.get(f"/calls/{panel_call}/privacy").get_data(as_text=True)
    assert "<p>Our own notice.</p>" in html and "<p>Second paragraph.</p>" in html


def test_the_calls_questions_are_asked_stored_and_shown(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    from selection.models import Question, QuestionKind

    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        office = Question(call=call, position=0, label="Do you hold public office?", kind=QuestionKind.YES_NO,
                          required=True)
        db.session.add(office)
        db.session.flush()
        db.session.add(Question(call=call, position=1, label="Which office?", kind=QuestionKind.TEXT,
                                required=True, show_if_question=office, show_if_value="yes"))
        db.session.add(Question(call=call, group=call.groups[0], position=2, label="Letter from the Government",
                                kind=QuestionKind.FILE))
        db.session.commit()
        keys = [str(q.id) for q in call.questions]
    page = client.get(NOMINATE.format(slug=panel_call)).get_data(as_text=True)
    assert "Do you hold public office?" in page and "Answer only if" in page
    missing = post_nomination(client, NOMINATE.format(slug=panel_call), **{f"question_{keys[0]}": "yes"})
    assert missing.status_code == 400 and f'id="question_{keys[1]}-error"' in missing.get_data(as_text=True)
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={"cv": upload(), f"question_{keys[2]}": upload(PDF, "letter.pdf"),
                                                                         "support_letters": upload(PDF, "support.pdf")},
                         **{f"question_{keys[0]}": "yes", f"question_{keys[1]}": "Minister"})
    assert response.status_code == 302, errors_in(response)
    with app.app_context():
        nomination = the_nomination(app)
        assert nomination.answers[keys[0]] == "yes" and nomination.answers[keys[1]] == "Minister"
        letter = db.session.get(StoredFile, nomination.answers[keys[2]])
        assert letter.original_name == "letter.pdf" and letter.nomination_id == nomination.id
        assert [f.original_name for f in nomination.support_letters] == ["support.pdf"]
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Which office?" in shown and "Minister" in shown and "letter.pdf" in shown and "support.pdf" in shown
