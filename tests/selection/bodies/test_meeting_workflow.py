"""The meeting workflow: its transitions (forbidden ones raise and write nothing), invitations
with their calendar file, answers, attendance, the record, the summary and its publication."""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, Meeting, OutboxMessage, User
from selection.models.body_enums import (
    ActionStatus, AttendanceStatus, InvitationAnswer, MeetingMode, MeetingStatus,
)
from selection.workflow.bodies import invitations, meetings, record, summary
from selection.workflow.bodies.annex import annex
from selection.workflow.bodies.states import MEETING_TRANSITIONS
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration
from tests.selection.bodies.helpers import NOW, details, person, secretariat, small_body

pytestmark = pytest.mark.usefixtures("app_ctx")
HELD_AT = NOW + timedelta(days=7, hours=3)


def _audit_count() -> int:
    return db.session.execute(select(func.count(AuditEvent.id))).scalar_one()


def _invited(body, actor):
    meeting = meetings.schedule(body, details(), actor)
    meetings.add_agenda_item(meeting, actor, "Work plan")
    meetings.approve_agenda(meeting, actor, now=NOW)
    sent = meetings.send_invitations(meeting, actor, now=NOW)
    return meeting, sent


def test_every_status_has_a_row_and_published_is_final() -> None:
    assert set(MEETING_TRANSITIONS) == set(MeetingStatus)
    assert MEETING_TRANSITIONS[MeetingStatus.PUBLISHED] == frozenset()


def test_a_meeting_goes_from_draft_to_published_and_every_step_is_audited() -> None:
    body, actor = small_body(), secretariat()
    meeting, sent = _invited(body, actor)
    assert {s.invitation.person.name for s in sent} == {"Ana Pérez", "Bo Lindqvist", "Chidi Okeke", "Dana Ruiz",
                                                         "Eve Stone"}
    meetings.answer(sent[0].invitation, InvitationAnswer.ONLINE, now=NOW)
    meetings.answer(next(s for s in sent if s.invitation.person.name == "Chidi Okeke").invitation,
                    InvitationAnswer.REGRETS, now=NOW)
    meetings.mark_held(meeting, actor, now=HELD_AT)
    statuses = {row.name: row.status for row in meeting.attendance}
    assert statuses["H.E. Mr. Chidi Okeke"] == AttendanceStatus.REGRETS
    assert statuses["Ms. Ana Pérez"] == AttendanceStatus.ONLINE
    assert statuses["Mr. Bo Lindqvist"] == AttendanceStatus.ABSENT
    bo_row = next(r for r in meeting.attendance if r.name == "Mr. Bo Lindqvist")
    meetings.confirm_attendance(meeting, actor, {bo_row.id: AttendanceStatus.PRESENT})
    record.add_decision(meeting, actor, "Work plan", "The Panel agreed its work plan.")
    record.add_action_item(meeting, actor, "Draft the note.", [person(body, "Bo Lindqvist")],
                           NOW.date() + timedelta(days=30))
    summary.save_draft(meeting, actor, summary.draft_text(meeting))
    summary.approve(meeting, actor, now=HELD_AT)
    note = summary.publish(meeting, actor, now=HELD_AT)
    assert meeting.status == MeetingStatus.PUBLISHED and note.public_slug.endswith("virtual-meeting")
    moves = db.session.execute(select(AuditEvent.to_state).where(
        AuditEvent.object_type == "meeting", AuditEvent.action == "meeting_status")).scalars().all()
    assert moves == ["agenda_approved", "invitations_sent", "held", "summary_approved", "published"]


@pytest.mark.parametrize("operation", [
    lambda m, a: meetings.mark_held(m, a, now=HELD_AT),
    lambda m, a: summary.publish(m, a),
    lambda m, a: meetings.send_invitations(m, a),
])
def test_forbidden_moves_raise_and_write_nothing(operation) -> None:
    body, actor = small_body(), secretariat()
    meeting = meetings.schedule(body, details(), actor)
    db.session.commit()
    before = _audit_count()
    with pytest.raises(ForbiddenTransition):
        operation(meeting, actor)
    db.session.rollback()
    assert meeting.status == MeetingStatus.DRAFT and _audit_count() == before and not meeting.invitations


def test_an_agenda_changed_after_approval_needs_the_chair_again() -> None:
    body, actor = small_body(), secretariat()
    meeting = meetings.schedule(body, details(), actor)
    meetings.add_agenda_item(meeting, actor, "Work plan")
    meetings.approve_agenda(meeting, actor, now=NOW)
    meetings.add_agenda_item(meeting, actor, "Any other business")
    assert meeting.status == MeetingStatus.DRAFT
    with pytest.raises(InvalidConfiguration):
        meetings.approve_agenda(meetings.schedule(body, details(), actor), actor)  # empty agenda


def test_a_member_who_is_not_chair_may_not_approve_but_the_chair_may() -> None:
    body, actor = small_body(), secretariat()
    meeting = meetings.schedule(body, details(), actor)
    meetings.add_agenda_item(meeting, actor, "Work plan")
    bo = User(email="bo@example.org", name="Bo")
    ana = User(email="ana@example.org", name="Ana")
    db.session.add_all([bo, ana])
    db.session.flush()
    with pytest.raises(meetings.NotAllowed):
        meetings.approve_agenda(meeting, bo)
    meetings.approve_agenda(meeting, ana, now=NOW)
    assert meeting.agenda_approved_by == ana


def test_invitations_carry_an_ics_file_and_answers_close_when_the_meeting_starts(app) -> None:
    body, actor = small_body(), secretariat()
    with app.test_request_context("/"):
        meeting, sent = _invited(body, actor)
        invitations.notify(sent)
        g.pop("queued_mail_ids")  # the request's end would try delivery (and roll back)
    message = db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == "ana@example.org")).scalar_one()
    calendar = message.attachments[0]
    assert calendar["filename"] == "meeting.ics" and calendar["content_type"] == "text/calendar"
    assert "DTSTART:20260308T120000Z" in calendar["content"] and "BEGIN:VEVENT" in calendar["content"]
    assert "/meetings/answer/" in message.body_text
    from selection.services.mail import as_email

    email = as_email(message)
    assert [part.get_filename() for part in email.iter_attachments()] == ["meeting.ics"]
    with pytest.raises(InvalidConfiguration):
        meetings.answer(sent[0].invitation, InvitationAnswer.IN_PERSON, now=NOW)  # virtual meeting
    with pytest.raises(ForbiddenTransition):
        meetings.answer(sent[0].invitation, InvitationAnswer.ONLINE, now=meeting.starts_at)
    assert sent[0].invitation.answer is None


def test_reminders_reach_only_those_who_have_not_answered() -> None:
    body, actor = small_body(), secretariat()
    meeting, sent = _invited(body, actor)
    meetings.answer(sent[0].invitation, InvitationAnswer.ONLINE, now=NOW)
    reminded = meetings.remind(meeting, actor, now=NOW)
    assert len(reminded) == len(sent) - 1 and sent[0].invitation not in [r.invitation for r in reminded]
    assert meetings.invitation_by_token(sent[1].token) is None  # the old link gave way to the new one
    assert meetings.invitation_by_token(reminded[0].token) is reminded[0].invitation


def test_an_item_reviewed_at_the_next_meeting_is_on_its_draft_agenda() -> None:
    body, actor = small_body(), secretariat()
    first, _ = _invited(body, actor)
    meetings.mark_held(first, actor, now=HELD_AT)
    item = record.add_action_item(first, actor, "Draft the 2-page summary.", [person(body, "Bo Lindqvist")],
                                  None, review_at_next_meeting=True)
    record.add_action_item(first, actor, "Not for review.", [person(body, "Eve Stone")], None)
    following = meetings.schedule(body, details(NOW + timedelta(days=30)), actor)
    assert [a.from_action for a in following.agenda] == [item]
    assert item.reviewed_at == following


def test_an_approved_summary_goes_back_to_the_chair_when_the_record_changes() -> None:
    body, actor = small_body(), secretariat()
    meeting, _ = _invited(body, actor)
    meetings.mark_held(meeting, actor, now=HELD_AT)
    summary.save_draft(meeting, actor, "The Panel met.")
    summary.approve(meeting, actor)
    record.add_decision(meeting, actor, "Budget", "Agreed.")
    assert meeting.status == MeetingStatus.HELD


def test_action_items_overdue_and_closed() -> None:
    body, actor = small_body(), secretariat()
    meeting, _ = _invited(body, actor)
    meetings.mark_held(meeting, actor, now=HELD_AT)
    late = record.add_action_item(meeting, actor, "Late.", [person(body, "Ana Pérez")], NOW.date())
    record.add_action_item(meeting, actor, "Later.", [person(body, "Ana Pérez")], NOW.date() + timedelta(days=90))
    db.session.flush()
    open_items = record.open_action_items(body)
    assert [i.text for i in open_items] == ["Late.", "Later."]
    assert record.overdue(open_items, NOW.date() + timedelta(days=1)) == [late]
    record.set_action_status(late, ActionStatus.DONE, actor)
    db.session.flush()
    assert [i.text for i in record.open_action_items(body)] == ["Later."]
    assert {i.text for i in record.action_items_of([person(body, "Ana Pérez")])} == {"Late.", "Later."}


def test_chatham_house_warning_names_the_participant_but_spares_commitments_and_action_items() -> None:
    body, actor = small_body(), secretariat()
    meeting, _ = _invited(body, actor)
    meetings.mark_held(meeting, actor, now=HELD_AT)
    text = ("The Panel met.\n\n## Decisions\n\n### Budget\n- Ana PEREZ argued for a larger budget.\n"
            "- Members Bo Lindqvist and Ana Pérez committed to drafting a note.\n\n### Action items\n"
            "- Draft a note (Owners: Bo Lindqvist)\n")
    warnings = summary.chatham_warnings(meeting, text)
    assert [w.names for w in warnings] == [("Ana Pérez",)]
    meeting.chatham_house = False
    assert summary.chatham_warnings(meeting, text) == []


def test_the_annex_groups_people_as_the_seed_does() -> None:
    body, actor = small_body(), secretariat()
    meeting, sent = _invited(body, actor)
    chidi = next(s for s in sent if s.invitation.person.name == "Chidi Okeke")
    for item in sent:
        meetings.answer(item.invitation, InvitationAnswer.REGRETS if item is chidi else InvitationAnswer.ONLINE,
                        now=NOW)
    meetings.mark_held(meeting, actor, now=HELD_AT)
    groups = {g.heading: g.names for g in annex(meeting)}
    assert list(groups) == ["Panel Members", "Panel Advisors, Representatives & Support Persons", "Regrets",
                            "Secretariat"]
    assert groups["Panel Members"] == ["Ms. Ana Pérez, Chair", "Mr. Bo Lindqvist"]
    assert groups["Regrets"] == ["H.E. Mr. Chidi Okeke"]
    assert groups["Panel Advisors, Representatives & Support Persons"] == ["Ms. Dana Ruiz"]
    assert groups["Secretariat"] == ["Ms. Eve Stone"]


def test_a_meeting_that_ends_before_it_starts_is_refused_with_the_field() -> None:
    body, actor = small_body(), secretariat()
    with pytest.raises(InvalidConfiguration) as refused:
        meetings.schedule(body, details(ends_at=NOW, mode=MeetingMode.IN_PERSON), actor)
    assert set(refused.value.problems) == {"ends_at", "place"}
    assert db.session.execute(select(func.count(Meeting.id))).scalar_one() == 0


def test_the_outbox_sends_text_attachments_only(app) -> None:
    from selection.services.mail import Attachment, as_email, enqueue

    with app.test_request_context("/"):
        message = enqueue("x@example.org", "Files", "summary_published", attachments=[
            Attachment("note.bin", "application/octet-stream", "....")],
            meeting=type("M", (), {"body": type("B", (), {"name": "Panel"})(), "title": "T",
                                   "starts_at": NOW})(), link="http://x")
        g.pop("queued_mail_ids")
    with pytest.raises(ValueError):
        as_email(message)
