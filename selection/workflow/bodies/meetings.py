"""Meetings: schedule, agenda and the Chair's approval, invitations and answers, reminders,
holding the meeting and confirming attendance. Every status change goes through ``move``."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    ActionItem, AgendaItem, Attendance, Body, BodyPerson, Invitation, Meeting, User, utcnow,
)
from selection.models.body_enums import (
    ActionStatus, AttendanceStatus, InvitationAnswer, MeetingMode, MeetingStatus,
)
from selection.workflow import audit
from selection.workflow.bodies import states
from selection.workflow.bodies.people import invitees
from selection.workflow.errors import Forbidden, ForbiddenTransition, InvalidConfiguration
from selection.workflow.permissions import is_chair, may_approve_as_chair, may_run_body

M = MeetingStatus
ANSWER_TO_ATTENDANCE = {
    InvitationAnswer.IN_PERSON: AttendanceStatus.PRESENT,
    InvitationAnswer.ONLINE: AttendanceStatus.ONLINE,
    InvitationAnswer.REGRETS: AttendanceStatus.REGRETS,
}


class NotAllowed(Forbidden):
    """The acting person may not do this (the views answer 403 before it comes to this)."""


def _require(allowed: bool, refusal: str) -> None:
    if not allowed:
        raise NotAllowed(refusal)


def move(meeting: Meeting, target: MeetingStatus, actor: User | None, **details: object) -> None:
    """Move the meeting to ``target`` if the transitions table allows it, and audit the move."""
    if not states.can_move_meeting(meeting.status, target):
        raise ForbiddenTransition(
            _("A meeting that is %(current)s cannot become %(target)s.", current=meeting.status.label.lower(),
              target=target.label.lower()))
    audit.record(actor, meeting, "meeting_status", from_state=meeting.status.value, to_state=target.value,
                 **details)
    meeting.status = target


@dataclass(frozen=True)
class MeetingDetails:
    """What the Secretariat gives when scheduling (or rescheduling) a meeting."""

    title: str
    starts_at: datetime
    ends_at: datetime
    mode: MeetingMode
    place: str = ""
    link: str = ""
    purpose: str = ""
    chatham_house: bool = True
    at_annual_igf: bool = False

    def problems(self) -> dict[str, str]:
        """Each field at fault with its reason (empty when all is well)."""
        problems: dict[str, str] = {}
        if not self.title.strip():
            problems["title"] = _("Give the meeting a title.")
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            problems["starts_at"] = _("Give the time with its time zone (UTC).")
        elif self.ends_at <= self.starts_at:
            problems["ends_at"] = _("The meeting must end after it starts.")
        if self.mode in (MeetingMode.IN_PERSON, MeetingMode.HYBRID) and not self.place.strip():
            problems["place"] = _("Say where the meeting takes place.")
        return problems


def schedule(body: Body, details: MeetingDetails, actor: User | None,
             status: MeetingStatus = M.DRAFT) -> Meeting:
    """A new meeting of ``body``; its draft agenda carries the action items to be reviewed."""
    problems = details.problems()
    if problems:
        raise InvalidConfiguration(problems)
    meeting = Meeting(body=body, status=status, created_by=actor, **details.__dict__)
    db.session.add(meeting)
    db.session.flush()
    audit.record(actor, meeting, "meeting_scheduled", to_state=status.value, title=meeting.title,
                 starts_at=meeting.starts_at)
    if status == M.DRAFT:
        carry_reviews(meeting)
    return meeting


def reschedule(meeting: Meeting, details: MeetingDetails, actor: User | None) -> None:
    """Change a meeting that is not held yet; calendars get the change (a new .ics sequence)."""
    _require(may_run_body(actor), _("You may not change this meeting."))
    if not states.is_upcoming(meeting.status):
        raise ForbiddenTransition(_("Only a meeting that is not held yet can be changed."))
    problems = details.problems()
    if problems:
        raise InvalidConfiguration(problems)
    before = {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place}
    for key, value in details.__dict__.items():
        setattr(meeting, key, value)
    meeting.ics_sequence += 1
    audit.record(actor, meeting, "meeting_changed", before=before)


def new_links(meeting: Meeting) -> list[Sent]:
    """New answer links for everyone invited, after a change of the meeting (the caller sends
    the updated invitation; earlier answers stand)."""
    return [Sent(invitation, _new_token(invitation)) for invitation in meeting.invitations]


def waiting_for_the_chair(user: User | None, body_ids: set[int]) -> list[Meeting]:
    """Meetings of these bodies whose agenda (a draft with items) or summary (a held meeting's)
    waits for the approval of ``user`` as Chair."""
    if not body_ids:
        return []
    candidates = db.session.execute(
        select(Meeting).where(Meeting.body_id.in_(body_ids), Meeting.status.in_([M.DRAFT, M.HELD]))
        .order_by(Meeting.starts_at)).scalars()
    return [m for m in candidates if is_chair(user, m) and (m.agenda if m.status == M.DRAFT else m.summary is not None)]


def pending_reviews(body: Body, before: datetime) -> list[ActionItem]:
    """Open action items of the body's earlier meetings whose follow-up is "reviewed at the
    next meeting" and that no meeting's agenda carries yet."""
    return list(db.session.execute(
        select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(Meeting.body_id == body.id, Meeting.starts_at < before,
               ActionItem.review_at_next_meeting.is_(True), ActionItem.reviewed_at_id.is_(None),
               ActionItem.status == ActionStatus.OPEN)
        .order_by(Meeting.starts_at, ActionItem.position)
    ).scalars())


def carry_reviews(meeting: Meeting) -> int:
    """Put the pending reviews on the meeting's draft agenda; returns how many were added."""
    items = pending_reviews(meeting.body, meeting.starts_at)
    for item in items:
        meeting.agenda.append(AgendaItem(
            title=f"Review: {item.text[:250]}", from_action=item, position=len(meeting.agenda),
            description=f"Action item of {item.meeting.title}, reviewed at this meeting."))
        item.reviewed_at = meeting
    return len(items)


def _agenda_changes(meeting: Meeting, actor: User | None) -> None:
    _require(may_run_body(actor), _("You may not change the agenda."))
    if not states.agenda_is_editable(meeting.status):
        raise ForbiddenTransition(_("The agenda cannot change once the invitations are sent."))
    if meeting.status == M.AGENDA_APPROVED:
        move(meeting, M.DRAFT, actor, reason="agenda changed after the Chair's approval")


def add_agenda_item(meeting: Meeting, actor: User | None, title: str, description: str = "") -> AgendaItem:
    """Add an item at the end of the agenda (an approved agenda then needs the Chair anew)."""
    if not title.strip():
        raise InvalidConfiguration({"title": _("Give the agenda item a title.")})
    _agenda_changes(meeting, actor)
    item = AgendaItem(title=title.strip(), description=description.strip(), position=len(meeting.agenda))
    meeting.agenda.append(item)
    db.session.flush()
    audit.record(actor, meeting, "agenda_item_added", item=item.title)
    return item


def remove_agenda_item(meeting: Meeting, item: AgendaItem, actor: User | None) -> None:
    """Take an item off the agenda; an action item it carried waits for the next meeting again."""
    _agenda_changes(meeting, actor)
    if item.from_action is not None:
        item.from_action.reviewed_at = None
    meeting.agenda.remove(item)
    for position, rest in enumerate(meeting.agenda):
        rest.position = position
    audit.record(actor, meeting, "agenda_item_removed", item=item.title)


def approve_agenda(meeting: Meeting, actor: User | None, now: datetime | None = None) -> None:
    """The Chair approves the agenda (or the Secretariat records the Chair's approval)."""
    _require(may_approve_as_chair(actor, meeting), _("You may not approve this agenda."))
    if meeting.status == M.DRAFT and not meeting.agenda:
        raise InvalidConfiguration({"agenda": _("Add at least one agenda item before approval.")})
    move(meeting, M.AGENDA_APPROVED, actor, items=[item.title for item in meeting.agenda])
    meeting.agenda_approved_by = actor
    meeting.agenda_approved_at = now or utcnow()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_digest = Invitation.digest_of(token)
    return token


@dataclass(frozen=True)
class Sent:
    """An invitation and the one-time readable token of its answer link."""

    invitation: Invitation
    token: str


def send_invitations(meeting: Meeting, actor: User | None, now: datetime | None = None) -> list[Sent]:
    """Invite the body's people (members, ex officio, those around them, the Secretariat) who
    have an e-mail address; the caller queues the e-mails (``invitations.notify``)."""
    _require(may_run_body(actor), _("You may not send invitations."))
    now = now or utcnow()
    move(meeting, M.INVITATIONS_SENT, actor)
    invited = {inv.person_id for inv in meeting.invitations}
    sent: list[Sent] = []
    for person in invitees(meeting.body, meeting.starts_at.date()):
        if person.id in invited or not person.email:
            continue
        invitation = Invitation(person=person, sent_at=now)
        token = _new_token(invitation)
        meeting.invitations.append(invitation)
        sent.append(Sent(invitation, token))
    db.session.flush()
    audit.record(actor, meeting, "invitations_sent", count=len(sent))
    return sent


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose answer link carries ``token``, or None."""
    return db.session.execute(
        select(Invitation).where(Invitation.token_digest == Invitation.digest_of(token))
    ).scalar_one_or_none()


def answer(invitation: Invitation, reply: InvitationAnswer, now: datetime | None = None) -> None:
    """The invited person's answer, from their link (changed freely until the meeting starts)."""
    now = now or utcnow()
    meeting = invitation.meeting
    if not states.takes_answers(meeting.status) or now >= meeting.starts_at:
        raise ForbiddenTransition(_("This meeting no longer takes answers."))
    if reply == InvitationAnswer.IN_PERSON and meeting.mode == MeetingMode.VIRTUAL:
        raise InvalidConfiguration({"answer": _("This meeting is virtual: attend online or send regrets.")})
    audit.record(None, invitation, "invitation_answered", to_state=reply.value,
                 person=invitation.person.name, before=invitation.answer.value if invitation.answer else None)
    invitation.answer = reply
    invitation.answered_at = now


def remind(meeting: Meeting, actor: User | None, now: datetime | None = None) -> list[Sent]:
    """New answer links for everyone who has not answered; the caller queues the reminders."""
    _require(may_run_body(actor), _("You may not send reminders."))
    if not states.takes_answers(meeting.status):
        raise ForbiddenTransition(_("Reminders go out only while the meeting takes answers."))
    now = now or utcnow()
    sent = []
    for invitation in meeting.invitations:
        if invitation.answer is None:
            invitation.reminded_at = now
            invitation.reminders += 1
            sent.append(Sent(invitation, _new_token(invitation)))
    audit.record(actor, meeting, "invitation_reminders", count=len(sent))
    return sent


def mark_held(meeting: Meeting, actor: User | None, now: datetime | None = None) -> None:
    """The meeting took place: attendance starts from the answers, to be confirmed."""
    _require(may_run_body(actor), _("You may not record this meeting."))
    if (now or utcnow()) < meeting.starts_at:
        raise ForbiddenTransition(_("A meeting is held only once it has started."))
    move(meeting, M.HELD, actor)
    for position, invitation in enumerate(sorted(meeting.invitations, key=lambda i: i.person.sort_name)):
        status = ANSWER_TO_ATTENDANCE.get(invitation.answer, AttendanceStatus.ABSENT)  # type: ignore[arg-type]
        meeting.attendance.append(_attendance_row(invitation.person, position, status, meeting))


def _attendance_row(person: BodyPerson, position: int, status: AttendanceStatus, meeting: Meeting) -> Attendance:
    office = person.office_on(meeting.starts_at.date())
    return Attendance(person=person, name=person.display_name, category=person.category, position=position,
                      office=office.value if office else None, status=status)


def confirm_attendance(meeting: Meeting, actor: User | None, statuses: dict[int, AttendanceStatus]) -> int:
    """Confirm who attended and how (attendance row id -> status); returns how many changed."""
    _require(may_run_body(actor), _("You may not confirm attendance."))
    if not states.record_is_editable(meeting.status):
        raise ForbiddenTransition(_("Attendance is confirmed once the meeting is held."))
    changed = {}
    for row in meeting.attendance:
        status = statuses.get(row.id)
        if status is not None and status != row.status:
            changed[row.name] = [row.status.value, status.value]
            row.status = status
    if changed:
        record_changed(meeting, actor, "attendance_confirmed", changes=changed)
    return len(changed)


def record_changed(meeting: Meeting, actor: User | None, action: str, **details: object) -> None:
    """Audit a change of the record; an approved summary goes back to the Chair."""
    audit.record(actor, meeting, action, **details)
    if meeting.status == M.SUMMARY_APPROVED:
        move(meeting, M.HELD, actor, reason="record changed after the Chair's approval")


def cancel(meeting: Meeting, actor: User | None, reason: str) -> None:
    """Cancel a meeting that is not held yet."""
    _require(may_run_body(actor), _("You may not cancel this meeting."))
    move(meeting, M.CANCELLED, actor, reason=reason)
    meeting.ics_sequence += 1
