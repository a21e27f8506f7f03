"""Outcome notices to nominees: written from the call's templates, held in the outbox, and
sent only when the Secretariat releases them.

A template is plain text with placeholders in braces, e.g. ``{nominee_name}``; only the
names in ``PLACEHOLDERS`` exist, and a template using another is refused when saved. A new
outcome for a nomination supersedes its earlier notice that is still held (that message is
removed from the outbox, never sent), so a nominee only ever hears the latest decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from selection.extensions import db
from selection.models import (
    Call,
    Nomination,
    NominationStatus,
    NoticeOutcome,
    NoticeTemplate,
    OutboxMessage,
    OutboxStatus,
    OutcomeNotice,
    User,
    utcnow,
)
from selection.workflow import audit
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.permissions import may_screen

PLACEHOLDERS = {
    "nominee_name": "the nominee's name",
    "call_title": "the call's title",
    "body": "the body appointed, e.g. IGF Leadership Panel",
    "group": "the stakeholder group nominated for",
    "nomination_number": "the nomination's number",
    "reason": "the reason given (ineligible notices)",
}
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

_SIGNATURE = "\n\nWith kind regards,\nThe Secretariat of the {body}"
DEFAULT_TEMPLATES: dict[NoticeOutcome, tuple[str, str]] = {
    NoticeOutcome.RECEIVED: (
        "Your nomination to the {body} has been received",
        "Dear {nominee_name},\n\nYour nomination (number {nomination_number}) for the {group} group of "
        "the {call_title} has been received. The Secretariat will now screen its eligibility; we "
        "will write to you again when the review advances." + _SIGNATURE),
    NoticeOutcome.UNDER_REVIEW: (
        "Your nomination to the {body} is under review",
        "Dear {nominee_name},\n\nYour nomination for the {group} group of the {call_title} meets "
        "the eligibility requirements and is now being reviewed." + _SIGNATURE),
    NoticeOutcome.INELIGIBLE: (
        "Your nomination to the {body}",
        "Dear {nominee_name},\n\nThank you for your interest in the {body}. After screening, your "
        "nomination for the {group} group could not be accepted: {reason}.\n\nYou may write to the "
        "Secretariat if you believe this is a mistake." + _SIGNATURE),
    NoticeOutcome.SHORTLISTED: (
        "Your nomination to the {body}: shortlisted",
        "Dear {nominee_name},\n\nWe are pleased to tell you that your nomination for the {group} "
        "group of the {call_title} has been shortlisted. The final decision on the membership "
        "follows; we will inform you of it." + _SIGNATURE),
    NoticeOutcome.NOT_SHORTLISTED: (
        "Your nomination to the {body}",
        "Dear {nominee_name},\n\nThank you for your nomination for the {group} group of the "
        "{call_title}. After careful review it has not been shortlisted. We received many strong "
        "nominations and are grateful for your interest in the work of the {body}." + _SIGNATURE),
    NoticeOutcome.APPOINTED: (
        "Your appointment to the {body}",
        "Dear {nominee_name},\n\nWe are pleased to inform you that the Secretary-General has appointed "
        "you a member of the {body} for the {group} group, following the {call_title}. The "
        "Secretariat will write to you about the term and the first meeting." + _SIGNATURE),
    NoticeOutcome.NOT_APPOINTED: (
        "Your nomination to the {body}",
        "Dear {nominee_name},\n\nThank you for your nomination for the {group} group of the "
        "{call_title}, which was shortlisted. The Secretary-General has now appointed the members of "
        "the {body}, and your nomination was not among them. We are grateful for your interest and "
        "your patience throughout the process." + _SIGNATURE),
}
_OUTCOME_OF_STATUS = {
    NominationStatus.SUBMITTED: NoticeOutcome.RECEIVED,
    NominationStatus.UNDER_REVIEW: NoticeOutcome.UNDER_REVIEW,
    NominationStatus.INELIGIBLE: NoticeOutcome.INELIGIBLE,
    NominationStatus.SHORTLISTED: NoticeOutcome.SHORTLISTED,
    NominationStatus.NOT_SHORTLISTED: NoticeOutcome.NOT_SHORTLISTED,
    NominationStatus.APPOINTED: NoticeOutcome.APPOINTED,
    NominationStatus.NOT_APPOINTED: NoticeOutcome.NOT_APPOINTED,
}


def outcome_of(status: NominationStatus) -> NoticeOutcome:
    """The notice that tells a nominee about ``status``."""
    return _OUTCOME_OF_STATUS[status]


@dataclass(frozen=True)
class NoticeText:
    """A template's subject and body in force for a call, and whether it is the built-in one."""

    outcome: NoticeOutcome
    subject: str
    body: str
    built_in: bool


def notice_text(call: Call, outcome: NoticeOutcome) -> NoticeText:
    """The call's own wording of a notice, or the built-in one."""
    row = _template_row(call, outcome)
    if row is None:
        subject, body = DEFAULT_TEMPLATES[outcome]
        return NoticeText(outcome, subject, body, True)
    return NoticeText(outcome, row.subject, row.body, False)


def _template_row(call: Call, outcome: NoticeOutcome) -> NoticeTemplate | None:
    return db.session.execute(select(NoticeTemplate).where(
        NoticeTemplate.call_id == call.id, NoticeTemplate.outcome == outcome)).scalar_one_or_none()


def template_problems(subject: str, body: str) -> dict[str, str]:
    """What is wrong with a template: empty parts, unknown placeholders."""
    problems = {}
    for name, text in (("subject", subject), ("body", body)):
        if not text.strip():
            problems[name] = "Write the " + name + "."
            continue
        unknown = sorted({p for p in _PLACEHOLDER.findall(text) if p not in PLACEHOLDERS})
        if unknown:
            problems[name] = ("Unknown placeholder " + ", ".join("{" + p + "}" for p in unknown)
                              + "; use " + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ".")
    return problems


def save_template(call: Call, outcome: NoticeOutcome, subject: str, body: str, actor: User | None) -> NoticeTemplate:
    """Set the call's wording of one outcome notice; notices already held keep their text."""
    if actor is not None and not may_screen(actor):
        raise WorkflowError(gettext("Only the Secretariat can edit notice templates."))
    problems = template_problems(subject, body)
    if problems:
        raise InvalidConfiguration(problems)
    row = _template_row(call, outcome)
    if row is None:
        row = NoticeTemplate(call=call, outcome=outcome, subject="", body="")
        db.session.add(row)
    row.subject, row.body = subject.strip(), body.strip()
    row.updated_by, row.updated_at = actor, utcnow()
    audit.record(actor, call, "notice_template", outcome=outcome.value)
    db.session.flush()
    return row


def render(text: str, nomination: Nomination, reason: str = "") -> str:
    """Fill a template's placeholders for one nomination (no other code runs)."""
    values = {
        "nominee_name": nomination.nominee.name, "call_title": nomination.call.title,
        "body": nomination.call.body, "group": nomination.group.name,
        "nomination_number": str(nomination.id), "reason": reason or "see the Secretariat's note",
    }
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def held_notice(nomination: Nomination) -> OutcomeNotice | None:
    """The nomination's notice still waiting for release, if any."""
    return db.session.execute(select(OutcomeNotice).where(
        OutcomeNotice.nomination_id == nomination.id, OutcomeNotice.released_at.is_(None),
        OutcomeNotice.superseded_at.is_(None))).scalar_one_or_none()


def _supersede(notice: OutcomeNotice, now: datetime) -> None:
    """A held notice is never sent: its message leaves the outbox."""
    notice.superseded_at = now
    if notice.message is not None and notice.message.status == OutboxStatus.HELD:
        db.session.delete(notice.message)
        notice.message = None


def cancel_held_notice(nomination: Nomination, actor: User | None) -> OutcomeNotice | None:
    """Cancel the notice still held for a nomination (it was withdrawn): it is never sent."""
    held = held_notice(nomination)
    if held is None:
        return None
    _supersede(held, utcnow())
    audit.record(actor, nomination, "notice_cancelled", outcome=held.outcome.value)
    db.session.flush()
    return held


def hold_notice(nomination: Nomination, outcome: NoticeOutcome, actor: User | None, reason: str = "") -> OutcomeNotice:
    """Write the outcome notice into the outbox, held; an earlier held notice is superseded."""
    now = utcnow()
    earlier = held_notice(nomination)
    if earlier is not None:
        _supersede(earlier, now)
    text = notice_text(nomination.call, outcome)
    message = OutboxMessage(
        recipient=nomination.nominee.email, subject=render(text.subject, nomination, reason),
        body_text=render(text.body, nomination, reason), status=OutboxStatus.HELD,
        related_type="nomination", related_id=nomination.id,
    )
    notice = OutcomeNotice(nomination=nomination, outcome=outcome, message=message, held_at=now)
    db.session.add_all([message, notice])
    audit.record(actor, nomination, "notice_held", outcome=outcome.value,
                 superseded=earlier.outcome.value if earlier else None)
    db.session.flush()
    return notice


def hold_received_notices(call: Call, actor: User | None) -> int:
    """Hold a “received” notice for every submitted nomination that has had no notice yet."""
    count = 0
    for nomination in call.nominations:
        if nomination.status == NominationStatus.SUBMITTED and not _has_notice(nomination):
            hold_notice(nomination, NoticeOutcome.RECEIVED, actor)
            count += 1
    return count


def _has_notice(nomination: Nomination) -> bool:
    return db.session.execute(select(OutcomeNotice.id).where(
        OutcomeNotice.nomination_id == nomination.id)).first() is not None


def notices_held(call: Call, outcome: NoticeOutcome | None = None) -> list[OutcomeNotice]:
    """The call's notices waiting for release (of one outcome, or all)."""
    query = select(OutcomeNotice).join(Nomination).where(
        Nomination.call_id == call.id, OutcomeNotice.released_at.is_(None), OutcomeNotice.superseded_at.is_(None))
    if outcome is not None:
        query = query.where(OutcomeNotice.outcome == outcome)
    query = query.options(joinedload(OutcomeNotice.nomination).joinedload(Nomination.nominee))
    return list(db.session.execute(query.order_by(OutcomeNotice.id)).scalars())


def release_notices(call: Call, actor: User | None, outcome: NoticeOutcome | None = None) -> list[OutboxMessage]:
    """Release the held notices (of one outcome, or all): their messages turn pending and are sent.

    Returns the released messages so that the caller can have them delivered after commit.
    """
    if actor is not None and not may_screen(actor):
        raise WorkflowError(gettext("Only the Secretariat can release outcome notices."))
    held = notices_held(call, outcome)
    if not held:
        raise WorkflowError(gettext("There are no held notices to release."))
    now = utcnow()
    released = []
    for notice in held:
        notice.released_at, notice.released_by = now, actor
        if notice.message is not None and notice.message.status == OutboxStatus.HELD:
            notice.message.status = OutboxStatus.PENDING
            released.append(notice.message)
        audit.record(actor, notice.nomination, "notice_released", outcome=notice.outcome.value)
    audit.record(actor, call, "notices_released", count=len(held),
                 outcome=outcome.value if outcome else "all")
    db.session.flush()
    return released
