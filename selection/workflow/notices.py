"""Outcome notices to nominees: written from the call's templates, held in the outbox, and
sent only when the Secretariat releases them.

A template is plain text with placeholders in braces, e.g. ``{nominee_name}``; only the
names in ``PLACEHOLDERS`` exist, and a template using another is refused when saved. A call
may give its wording in each of the six languages; a notice goes out in the nominee's language
(the one their nomination was written in): the call's wording in it, else the call's wording
in its original language, else the built-in wording (``notice_texts``) in the nominee's. A new
outcome for a nomination supersedes its earlier notice that is still held (that message is
removed from the outbox, never sent), so a nominee only ever hears the latest decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
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
from selection.services.mail import in_language
from selection.models.translations import LANGUAGES
from selection.plurals import ngettext
from selection.workflow import audit
from selection.workflow.notice_texts import DEFAULT_TEMPLATES, built_in_text, default_reason
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.permissions import may_screen

PLACEHOLDERS = {
    "nominee_name": _l("the nominee's name"),
    "call_title": _l("the call's title"),
    "body": _l("the body appointed, e.g. IGF Leadership Panel"),
    "group": _l("the stakeholder group nominated for"),
    "nomination_number": _l("the nomination's number"),
    "reason": _l("the reason given (ineligible notices)"),
}
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

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
    """A template's subject and body in force for a call, the language they are written in,
    and whether it is the built-in one."""

    outcome: NoticeOutcome
    subject: str
    body: str
    built_in: bool
    language: str


def notice_text(call: Call, outcome: NoticeOutcome, language: str | None = None) -> NoticeText:
    """The notice's wording for a reader of ``language`` (default: the call's original one):
    the call's own in that language, else the call's own in its original language, else the
    built-in one in ``language``."""
    language = language if language in LANGUAGES else call.original_language
    row = _template_row(call, outcome)
    if row is not None:
        for wanted in dict.fromkeys((language, call.original_language)):
            subject, body = row.text_in("subject", wanted), row.text_in("body", wanted)
            if subject.language == body.language == wanted and subject and body:
                return NoticeText(outcome, subject.text, body.text, False, wanted)
    with in_language(language):
        subject_text, body_text = built_in_text(outcome)
    return NoticeText(outcome, subject_text, body_text, True, language)


def own_text(call: Call, outcome: NoticeOutcome, language: str) -> NoticeText | None:
    """The call's own wording given in exactly ``language``, if any (no fallback)."""
    row = _template_row(call, outcome)
    if row is None:
        return None
    subject, body = row.text_in("subject", language), row.text_in("body", language)
    if subject.language != language or not (subject and body):
        return None
    return NoticeText(outcome, subject.text, body.text, False, language)


def _template_row(call: Call, outcome: NoticeOutcome) -> NoticeTemplate | None:
    return db.session.execute(select(NoticeTemplate).where(
        NoticeTemplate.call_id == call.id, NoticeTemplate.outcome == outcome)).scalar_one_or_none()


def template_problems(subject: str, body: str) -> dict[str, str]:
    """What is wrong with a template: empty parts, unknown placeholders."""
    problems = {}
    empty = {"subject": gettext("Write the subject."), "body": gettext("Write the text.")}
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    for name, text in (("subject", subject), ("body", body)):
        if not text.strip():
            problems[name] = empty[name]
            continue
        unknown = sorted({p for p in _PLACEHOLDER.findall(text) if p not in PLACEHOLDERS})
        if unknown:
            problems[name] = ngettext(
                "Unknown placeholder %(names)s; use only %(known)s.",
                "Unknown placeholders %(names)s; use only %(known)s.", len(unknown),
                names=", ".join("{" + p + "}" for p in unknown), known=known)
    return problems


def save_template(call: Call, outcome: NoticeOutcome, subject: str, body: str, actor: User | None,
                  language: str | None = None) -> NoticeTemplate:
    """Set the call's wording of one outcome notice in ``language`` (default: the call's
    original language); notices already held keep their text."""
    if actor is not None and not may_screen(actor):
        raise WorkflowError(gettext("Only the Secretariat can edit notice templates."))
    language = language or call.original_language
    if language not in LANGUAGES:
        raise InvalidConfiguration({"language": gettext("Choose one of the six official languages.")})
    problems = template_problems(subject, body)
    if problems:
        raise InvalidConfiguration(problems)
    row = _template_row(call, outcome)
    if row is None:
        row = NoticeTemplate(call=call, outcome=outcome, subject="", body="")
        db.session.add(row)
    row.set_text("subject", language, subject.strip())
    row.set_text("body", language, body.strip())
    row.updated_by, row.updated_at = actor, utcnow()
    audit.record(actor, call, "notice_template", outcome=outcome.value, language=language)
    db.session.flush()
    return row


def render(text: str, nomination: Nomination, reason: str = "", language: str | None = None) -> str:
    """Fill a template's placeholders for one nomination, with the call's texts in
    ``language`` where given (no other code runs)."""
    language = language or nomination.call.original_language
    with in_language(language):
        values = {
            "nominee_name": nomination.nominee.name,
            "call_title": nomination.call.text_in("title", language).text,
            "body": nomination.call.body, "group": nomination.group.text_in("name", language).text,
            "nomination_number": str(nomination.id), "reason": reason or default_reason(),
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
    text = notice_text(nomination.call, outcome, nomination.language)
    message = OutboxMessage(
        recipient=nomination.nominee.email, subject=render(text.subject, nomination, reason, text.language),
        body_text=render(text.body, nomination, reason, text.language), status=OutboxStatus.HELD,
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
    told = exists().where(OutcomeNotice.nomination_id == Nomination.id)
    untold = db.session.execute(
        select(Nomination).where(Nomination.call_id == call.id,
                                 Nomination.status == NominationStatus.SUBMITTED, ~told)
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))
        .order_by(Nomination.id)).scalars().all()
    for nomination in untold:
        hold_notice(nomination, NoticeOutcome.RECEIVED, actor)
    return len(untold)


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
