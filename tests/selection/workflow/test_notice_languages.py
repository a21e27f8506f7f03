"""Outcome notices in the nominee's language (issue 14): the built-in wording in the six
languages, a call's own wording per language with its fallbacks, translated refusals, and the
"received" notices held without loading every nomination of the call."""
from __future__ import annotations


import pytest
from flask_babel import force_locale
from sqlalchemy import event, func, select

from selection.extensions import db
from selection.models import AuditEvent, Nomination, NominationStatus, Nominee, NoticeOutcome, NoticeTemplate, Role
from selection.workflow import call_texts, notices
from selection.workflow import review as ops
from selection.workflow.errors import InvalidConfiguration
from tests.selection.factories import csrf_token_from, review_call, staff, submitted




@pytest.fixture
def setup(app_ctx):
    return review_call(), staff("sec@un.example.org", Role.SECRETARIAT)


def _received(call, sec, name: str, language: str):
    nomination = submitted(call, name, language=language)
    notices.hold_received_notices(call, sec)
    return notices.held_notice(nomination).message


def test_a_french_nomination_gets_french_notices_naming_its_group_in_french(setup) -> None:
    call, sec = setup
    message = _received(call, sec, "Claire Dubois", "fr")
    assert message.subject == "Votre candidature au IGF Leadership Panel a bien été reçue"
    assert "Madame, Monsieur (Claire Dubois)," in message.body_text
    assert "«\u00a0Gouvernements\u00a0»" in message.body_text and "Government" not in message.body_text
    assert "Le Secrétariat" in message.body_text and "kind regards" not in message.body_text
    nomination = _nomination(call, "Claire Dubois")
    ops.screen(nomination, sec, eligible=True)
    ops.shortlist(nomination, sec, shortlisted=True)
    message = notices.held_notice(nomination).message
    assert "liste restreinte" in message.subject and "«\u00a0Gouvernements\u00a0»" in message.body_text
    assert "shortlisted" not in message.body_text


def test_an_arabic_nomination_gets_an_arabic_notice(setup) -> None:
    call, sec = setup
    message = _received(call, sec, "Layla Haddad", "ar")
    assert "ترشيح" in message.subject and "الحكومات" in message.body_text
    assert "الأمانة" in message.body_text and "Dear" not in message.body_text


def test_the_default_reason_is_in_the_nominees_language(setup) -> None:
    call, sec = setup
    nomination = submitted(call, "Ivan Petrov", language="ru")
    notices.hold_notice(nomination, NoticeOutcome.INELIGIBLE, sec)
    body = notices.held_notice(nomination).message.body_text
    assert "секретариат" in body.lower() and "see the Secretariat" not in body


def test_the_calls_own_wording_per_language_with_its_fallbacks(setup) -> None:
    call, sec = setup
    notices.save_template(call, NoticeOutcome.RECEIVED, "Received: {nominee_name}",
                          "Your nomination for {group} is in.", sec)
    notices.save_template(call, NoticeOutcome.RECEIVED, "Reçue : {nominee_name}",
                          "Votre candidature pour le groupe {group} est arrivée.", sec, "fr")
    french = _received(call, sec, "Claire Dubois", "fr")
    assert french.subject == "Reçue : Claire Dubois"
    assert french.body_text == "Votre candidature pour le groupe Gouvernements est arrivée."
    russian = _received(call, sec, "Ivan Petrov", "ru")  # no Russian wording: the call's English one
    assert russian.subject == "Received: Ivan Petrov" and russian.body_text == "Your nomination for Government is in."
    # An outcome without the call's own wording: the built-in one in the nominee's language.
    assert "liste restreinte" in notices.notice_text(call, NoticeOutcome.SHORTLISTED, "fr").body
    assert notices.notice_text(call, NoticeOutcome.RECEIVED, "ru").language == "en"


def test_a_wording_given_only_in_french_leaves_the_others_built_in(setup) -> None:
    call, sec = setup
    notices.save_template(call, NoticeOutcome.RECEIVED, "Reçue", "Reçue, {nominee_name}.", sec, "fr")
    assert notices.notice_text(call, NoticeOutcome.RECEIVED, "fr").built_in is False
    english = notices.notice_text(call, NoticeOutcome.RECEIVED, "en")
    assert english.built_in is True and english.subject == "Your nomination to the {body} has been received"


def test_the_missing_translations_list_names_the_notice_templates(setup) -> None:
    call, sec = setup
    notices.save_template(call, NoticeOutcome.SHORTLISTED, "Good news", "You are shortlisted, {nominee_name}.", sec)
    notices.save_template(call, NoticeOutcome.SHORTLISTED, "Bonne nouvelle", "Retenue, {nominee_name}.", sec, "fr")
    missing = call_texts.missing_by_language(call)
    keys = lambda language: {slot.key for slot in missing[language]}  # noqa: E731
    assert {"notice-shortlisted-subject", "notice-shortlisted-body"} <= keys("ru")
    assert not {"notice-shortlisted-subject", "notice-shortlisted-body"} & keys("fr")


def test_an_unknown_placeholder_is_refused_in_the_page_language_and_nothing_saved(app, setup) -> None:
    call, sec = setup
    before = db.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    with app.test_request_context(), force_locale("fr"):
        with pytest.raises(InvalidConfiguration) as refused:
            notices.save_template(call, NoticeOutcome.SHORTLISTED, "", "Cher {prenom}", sec, "fr")
    assert "{prenom}" in refused.value.problems["body"] and "Unknown" not in refused.value.problems["body"]
    assert refused.value.problems["subject"] != "Write the subject."
    assert db.session.execute(select(func.count()).select_from(NoticeTemplate)).scalar_one() == 0
    assert db.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == before


def test_received_notices_are_held_without_loading_every_nomination(setup) -> None:
    call, sec = setup
    told = submitted(call, "Told Already")
    notices.hold_received_notices(call, sec)
    submitted(call, "Under Review", status=NominationStatus.UNDER_REVIEW)
    fresh = [submitted(call, f"Fresh {i}") for i in range(3)]
    db.session.expire_all()
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        assert notices.hold_received_notices(call, sec) == 3
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM nomination" in s]
    assert selects and all("outcome_notice" in s or "nomination.id =" in s for s in selects), selects
    assert all(notices.held_notice(n).outcome == NoticeOutcome.RECEIVED for n in fresh)
    assert notices.held_notice(told).outcome == NoticeOutcome.RECEIVED


def _nomination(call, name: str) -> Nomination:
    return db.session.execute(select(Nomination).join(Nominee).where(
        Nomination.call_id == call.id, Nominee.name == name)).scalar_one()


# ---------------------------------------------------------------------------- the notices page

def _switch(client, language: str) -> None:
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post("/language", data={"language": language, "next": "/", "csrf_token": token}).status_code == 302


def _post_wording(client, outcome: str, language: str, subject: str, body: str):
    page = client.get(f"/review/calls/lp-review/notices?language={language}").get_data(as_text=True)
    return client.post(f"/review/calls/lp-review/notices?outcome={outcome}&language={language}", data={
        f"t-{outcome}-csrf_token": csrf_token_from(page), f"t-{outcome}-subject": subject,
        f"t-{outcome}-body": body})


def test_the_secretariat_gives_a_notice_per_language_on_the_notices_page(app, client, auth, make_user) -> None:
    make_user("chief@un.example.org", Role.ADMIN)
    with app.app_context():
        review_call()
        db.session.commit()
    auth.sign_in("chief@un.example.org")
    response = _post_wording(client, "received", "fr", "Reçue : {nominee_name}", "Bien reçue ({group}).")
    assert response.status_code == 302 and "language=fr" in response.headers["Location"]
    with app.app_context():
        row = db.session.execute(select(NoticeTemplate)).scalar_one()
        assert row.subject == "" and row.translations == {"fr": {"subject": "Reçue : {nominee_name}",
                                                                 "body": "Bien reçue ({group})."}}
    page = client.get("/review/calls/lp-review/notices?language=fr").get_data(as_text=True)
    assert "Reçue : {nominee_name}" in page
    english = client.get("/review/calls/lp-review/notices").get_data(as_text=True)
    assert "Reçue" not in english and "(built-in wording)" in english
    languages = client.get("/admin/calls/lp-review/languages").get_data(as_text=True)
    assert "outcome notices page" in languages


def test_an_unknown_placeholder_on_the_page_is_refused_in_french_and_nothing_saved(app, client, auth, make_user) -> None:
    make_user("chief@un.example.org", Role.ADMIN)
    with app.app_context():
        review_call()
        db.session.commit()
    auth.sign_in("chief@un.example.org")
    _switch(client, "fr")
    response = _post_wording(client, "shortlisted", "es", "Hola", "Estimado {nombre}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Variable inconnue" in page and "{nombre}" in page
    assert "Unknown placeholder" not in page
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(NoticeTemplate)).scalar_one() == 0
