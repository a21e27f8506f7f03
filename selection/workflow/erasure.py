"""The right to erasure: a person asks, the Secretariat confirms (the data is erased) or
declines with a reason (e.g. a nomination still under decision, or an appointed member,
whose name and role are public record)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import ErasureRequest, ErasureStatus, NominationStatus, Nominee, User, utcnow
from selection.workflow import audit
from selection.workflow.anonymise import anonymise_account, anonymise_nomination, anonymise_nominee
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import may_decide_erasure, may_request_erasure
from selection.workflow.personal_data import nominations_about

S = NominationStatus
# A nomination in one of these holds up an erasure: still in the selection, or appointed.
IN_PROGRESS = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED})


def pending_request_of(user: User) -> ErasureRequest | None:
    """The person's request waiting for the Secretariat, if any."""
    return db.session.execute(select(ErasureRequest).where(
        ErasureRequest.user_id == user.id, ErasureRequest.status == ErasureStatus.PENDING)).scalar_one_or_none()


def latest_request_of(user: User) -> ErasureRequest | None:
    """The person's latest request, whatever became of it."""
    return db.session.execute(select(ErasureRequest).where(ErasureRequest.user_id == user.id)
                              .order_by(ErasureRequest.id.desc()).limit(1)).scalar_one_or_none()


def request_erasure(user: User, now: datetime | None = None) -> ErasureRequest:
    """Record the person's request (once: a second one while the first waits is refused)."""
    if not may_request_erasure(user):
        raise WorkflowError(_("Only a personal account can ask for its data to be erased."))
    if pending_request_of(user) is not None:
        raise WorkflowError(_("You have already asked for erasure; the Secretariat will answer it."))
    request = ErasureRequest(user=user, user_id=user.id, requested_at=now or utcnow())
    db.session.add(request)
    db.session.flush()
    audit.record(user, request, "erasure_requested", to_state=ErasureStatus.PENDING.value)
    return request


def pending_requests() -> list[ErasureRequest]:
    """Every request waiting for the Secretariat, oldest first."""
    return list(db.session.execute(select(ErasureRequest).where(ErasureRequest.status == ErasureStatus.PENDING)
                                   .order_by(ErasureRequest.requested_at, ErasureRequest.id)).scalars())


def obstacles(request: ErasureRequest) -> list[str]:
    """Why the data cannot be erased now, in words for the Secretariat (empty: it can)."""
    found = []
    for nomination in nominations_about(request.user):
        if nomination.status in IN_PROGRESS:
            found.append(_("Nomination %(id)s (%(call)s) is still in the selection (%(status)s): it must be "
                           "withdrawn first.", id=nomination.id, call=nomination.call.title,
                           status=_(nomination.status.label).lower()))
        elif nomination.status == S.APPOINTED:
            found.append(_("Nomination %(id)s (%(call)s) was appointed: the names and roles of members are public "
                           "record.", id=nomination.id, call=nomination.call.title))
    return found


def confirm_erasure(request: ErasureRequest, actor: User, now: datetime | None = None) -> None:
    """Erase the person's data: their nominations' content and files, their identity (region and
    gender stay for the statistics), their account. The audit log records that it happened
    and how much went, never what."""
    _check_decidable(request, actor)
    problems = obstacles(request)
    if problems:
        raise WorkflowError(_("%(problems)s Decline the request with that reason instead.", problems=" ".join(problems)))
    now = now or utcnow()
    nominations = nominations_about(request.user)
    files = sum(anonymise_nomination(n, actor, "erasure", now) for n in nominations)
    for nominee in db.session.execute(select(Nominee).where(Nominee.user_id == request.user_id)).scalars():
        anonymise_nominee(nominee, actor, "erasure", now)
    anonymise_account(request.user, actor, now)
    request.status, request.decided_by, request.decided_at = ErasureStatus.CONFIRMED, actor, now
    audit.record(actor, request, "erasure_confirmed", from_state=ErasureStatus.PENDING.value,
                 to_state=ErasureStatus.CONFIRMED.value, nominations=len(nominations), files=files)
    db.session.flush()


def decline_erasure(request: ErasureRequest, actor: User, reason: str, now: datetime | None = None) -> None:
    """Decline with the reason the person reads on their page."""
    _check_decidable(request, actor)
    if not reason.strip():
        raise WorkflowError(_("Give the reason for declining: the person reads it."))
    if any(ord(ch) < 32 and ch not in "\n\r\t" or ord(ch) == 127 for ch in reason):
        raise WorkflowError(_("The reason contains a control character; type it again."))
    request.status, request.decided_by, request.decided_at = ErasureStatus.DECLINED, actor, now or utcnow()
    request.decline_reason = reason.strip()
    audit.record(actor, request, "erasure_declined", from_state=ErasureStatus.PENDING.value,
                 to_state=ErasureStatus.DECLINED.value)
    db.session.flush()


def _check_decidable(request: ErasureRequest, actor: User) -> None:
    if not may_decide_erasure(actor):
        raise WorkflowError(_("Only the Secretariat decides on requests for erasure."))
    if request.status != ErasureStatus.PENDING:
        raise WorkflowError(_("This request has already been answered."))

