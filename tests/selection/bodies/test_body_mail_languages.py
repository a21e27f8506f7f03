"""A body's e-mails go out in each recipient's language: the one chosen in their profile, else
the one of their nomination, else English; dates are written in that language."""
from __future__ import annotations

from datetime import date

import pytest
from flask import Flask, g
from sqlalchemy import select

from selection.extensions import db
from selection.demo import leadership_panel_call
from selection.models import OutboxMessage, Role, SummaryNote, utcnow
from selection.workflow import terms
from selection.workflow.bodies import invitations, meetings
from selection.workflow.recipients import languages_of, languages_of_people
from selection.workflow.users import create_user
from tests.selection.bodies.helpers import NOW, details, person, secretariat, small_body
from tests.selection.factories import submitted

pytestmark = pytest.mark.usefixtures("app_ctx")
RUSSIAN_SUMMARY_SUBJECT = "Test Panel: резюме заседания «Virtual Meeting»"


def mail_to(address: str) -> OutboxMessage:
    """The last e-mail queued for ``address``."""
    return db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == address)
                              .order_by(OutboxMessage.id.desc())).scalars().first()


def speaking(body, name: str, language: str | None) -> None:
    """Give the person of the body ``name`` an account whose chosen language is ``language``."""
    someone = person(body, name)
    user = create_user(someone.email, [Role.NOMINEE], None, name=someone.name)
    user.language = language
    someone.user = user
    db.session.flush()


def invited(app: Flask, body, **notify: bool):
    """Schedule a meeting of ``body`` with an approved agenda, invite everyone and queue the mails
    in an English request (the page's language must not decide the recipients')."""
    actor = secretariat()
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        meeting = meetings.schedule(body, details(), actor)
        meetings.add_agenda_item(meeting, actor, "Work plan")
        meetings.approve_agenda(meeting, actor, now=NOW)
        sent = meetings.send_invitations(meeting, actor, now=NOW)
        invitations.notify(sent, **notify)
        g.pop("queued_mail_ids", None)
    return meeting, sent


def test_a_french_speaking_member_gets_a_french_invitation_and_an_english_one_an_english(app: Flask) -> None:
    body = small_body()
    speaking(body, "Ana Pérez", "fr")
    invited(app, body)
    french, english = mail_to("ana@example.org"), mail_to("bo@example.org")
    assert french.subject == "Test Panel: Virtual Meeting, 8 mars 2026"
    assert "Madame, Monsieur (Ms. Ana Pérez)," in french.body_text
    assert "Vous êtes invité(e) à la réunion du Test Panel\u00a0:" in french.body_text
    assert "8 mars 2026, 12:00 UTC" in french.body_text and "DTSTART:20260308T120000Z" in french.attachments[0]["content"]
    assert english.subject == "Test Panel: Virtual Meeting, 8 March 2026"
    assert "Dear Mr. Bo Lindqvist," in english.body_text and "8 March 2026, 12:00 UTC" in english.body_text


def test_reminders_and_cancellations_follow_the_recipients_language(app: Flask) -> None:
    body = small_body()
    speaking(body, "Ana Pérez", "es")
    meeting, _sent = invited(app, body, reminder=True)
    assert mail_to("ana@example.org").subject.startswith("Recordatorio") and "marzo" in mail_to("ana@example.org").subject
    assert mail_to("bo@example.org").subject == "Reminder: Test Panel: Virtual Meeting, 8 March 2026"
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        invitations.cancelled(meeting)
        g.pop("queued_mail_ids", None)
    assert "marzo" in mail_to("ana@example.org").subject and "Cancelled" not in mail_to("ana@example.org").subject
    assert mail_to("bo@example.org").subject == "Cancelled: Test Panel: Virtual Meeting, 8 March 2026"


def test_the_summary_reaches_each_address_of_the_list_in_its_language(app: Flask) -> None:
    body = small_body()
    speaking(body, "Ana Pérez", "ru")
    body.settings = {**body.settings, "dissemination_list": ["ANA@example.org", "list@example.org"]}
    meeting, _sent = invited(app, body)
    note = SummaryNote(meeting=meeting, public_slug="s1")
    db.session.add(note)
    db.session.flush()
    with app.test_request_context("/"):
        assert invitations.disseminate(note) == 2
        g.pop("queued_mail_ids", None)
    assert mail_to("ANA@example.org").subject == RUSSIAN_SUMMARY_SUBJECT
    assert mail_to("list@example.org").subject == "Test Panel: summary of Virtual Meeting"


def test_the_language_is_the_profiles_else_the_nominations_else_unknown(app: Flask) -> None:
    body = small_body()
    speaking(body, "Ana Pérez", None)
    ana = person(body, "Ana Pérez")
    assert languages_of_people(body.people)[ana.id] is None
    assert languages_of(["nobody@example.org", " "]) == {"nobody@example.org": None}
    call = leadership_panel_call("lp-mail", utcnow())
    submitted(call, "Ana Pérez", email="Ana@Example.org", language="es")
    assert languages_of_people([ana]) == {ana.id: "es"}
    ana.user.language = "zh"
    assert languages_of_people([ana]) == {ana.id: "zh"}


def test_the_term_reminder_goes_to_the_secretariat_in_its_language(app: Flask) -> None:
    body = small_body()
    speaking(body, "Eve Stone", "fr")
    person(body, "Ana Pérez").term_end = date(2026, 4, 1)
    with app.test_request_context("/"):
        assert terms.remind_terms_ending(body, date(2026, 3, 1))
        g.pop("queued_mail_ids", None)
    assert mail_to("eve@example.org").subject == "Test Panel : mandats arrivant bientôt à échéance"
    assert "1 avril 2026" in mail_to("eve@example.org").body_text
