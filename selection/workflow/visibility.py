"""Who sees what: every rule of confidentiality in one place.

- A nominee and their nominator see the nomination's own steps (draft, submitted,
  withdrawn) at once, and an outcome of the Secretariat's or the decision-maker's work only
  once its notice has been released; until then they see the last released state.
- A nominee's history holds only the events written for them; staff see the whole audit log.
- A decided call's roster is public only once announced (from the announcement's date on);
  before that only the staff who may announce it see it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import selectinload

from selection.extensions import db
from selection.models import (
    AuditEvent,
    Call,
    Decision,
    Nomination,
    NominationStatus,
    Nominee,
    NoticeOutcome,
    OutcomeNotice,
    User,
    utcnow,
)
from selection.workflow.permissions import is_staff, may_announce

S = NominationStatus


class Viewer(str, Enum):
    """How a person stands to a nomination, for what they may see of it."""

    NOMINEE = "nominee"
    NOMINATOR = "nominator"
    STAFF = "staff"  # the Secretariat and administrators
    OTHER = "other"  # another nominee, reviewers, recommenders, decision-makers, anonymous


# The nominee's own acts: seen as soon as they happen.
OWN_STATUSES = frozenset({S.DRAFT, S.SUBMITTED, S.WITHDRAWN})
# What a released notice tells the nominee their nomination is.
STATUS_OF_NOTICE = {
    NoticeOutcome.RECEIVED: S.SUBMITTED,
    NoticeOutcome.UNDER_REVIEW: S.UNDER_REVIEW,
    NoticeOutcome.INELIGIBLE: S.INELIGIBLE,
    NoticeOutcome.SHORTLISTED: S.SHORTLISTED,
    NoticeOutcome.NOT_SHORTLISTED: S.NOT_SHORTLISTED,
    NoticeOutcome.APPOINTED: S.APPOINTED,
    NoticeOutcome.NOT_APPOINTED: S.NOT_APPOINTED,
}
# Audit actions on a nomination that its nominee and nominator see (besides their own status moves).
NOMINEE_ACTIONS = frozenset({
    "created", "updated", "file_attached", "consent_requested", "consent_given", "consent_declined",
    "notice_released", "deadline_extended",
})
# Of those, the ones the nominee or nominator did themself (the others are the Secretariat's).
OWN_ACTIONS = frozenset({"created", "updated", "file_attached", "consent_requested", "consent_given",
                         "consent_declined", "status"})


def viewer_of(user: User | None, nomination: Nomination) -> Viewer:
    """How ``user`` stands to ``nomination`` (the nominee wins over the nominator)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer.OTHER
    if nomination.nominee.user_id == user.id:
        return Viewer.NOMINEE
    if nomination.nominator_id == user.id and nomination.is_third_party:
        return Viewer.NOMINATOR
    if is_staff(user):
        return Viewer.STAFF
    return Viewer.OTHER


def nominee_status(actual: NominationStatus, released: NoticeOutcome | None) -> NominationStatus:
    """The status a nominee sees: their own steps as they are, else what the latest released
    notice told them (submitted when none has been released)."""
    if actual in OWN_STATUSES:
        return actual
    return STATUS_OF_NOTICE[released] if released is not None else S.SUBMITTED


def status_for(viewer: Viewer, actual: NominationStatus, released: NoticeOutcome | None) -> NominationStatus | None:
    """The status ``viewer`` sees; None: they see nothing of the nomination."""
    if viewer == Viewer.STAFF:
        return actual
    if viewer in (Viewer.NOMINEE, Viewer.NOMINATOR):
        return nominee_status(actual, released)
    return None


def latest_released_outcome() -> Any:
    """A correlated subquery: the outcome of the nomination's latest released notice."""
    return (select(OutcomeNotice.outcome)
            .where(OutcomeNotice.nomination_id == Nomination.id, OutcomeNotice.released_at.is_not(None))
            .order_by(OutcomeNotice.released_at.desc(), OutcomeNotice.id.desc())
            .limit(1).correlate(Nomination).scalar_subquery())


@dataclass(frozen=True)
class Shown:
    """A nomination with the status its viewer sees."""

    nomination: Nomination
    status: NominationStatus


def shown_status(user: User | None, nomination: Nomination) -> NominationStatus | None:
    """The status ``user`` sees of one nomination (one query)."""
    released = db.session.execute(select(latest_released_outcome()).select_from(Nomination)
                                  .where(Nomination.id == nomination.id)).scalar_one_or_none()
    return status_for(viewer_of(user, nomination), nomination.status, released)


def nominations_of(user: User) -> list[Shown]:
    """The nominations ``user`` is the nominee or the third-party nominator of, newest first,
    each with the status they see (one query; the released outcome comes with each row)."""
    rows = db.session.execute(
        select(Nomination, latest_released_outcome()).join(Nomination.nominee).where(or_(
            Nominee.user_id == user.id,
            (Nomination.nominator_id == user.id) & Nomination.nominator_kind.is_not(None),
        )).order_by(Nomination.created_at.desc(), Nomination.id.desc())
        .options(selectinload(Nomination.nominee), selectinload(Nomination.call), selectinload(Nomination.group))
    ).all()
    return [Shown(n, nominee_status(n.status, released)) for n, released in rows]


def nominee_event_filter() -> ColumnElement[bool]:
    """The audit events of a nomination its nominee and nominator see."""
    return or_(AuditEvent.action.in_(NOMINEE_ACTIONS),
               and_(AuditEvent.action == "status", AuditEvent.to_state.in_([s.value for s in OWN_STATUSES])))


def nominee_sees_event(action: str, to_state: str | None) -> bool:
    """The same rule as ``nominee_event_filter``, for one event in Python."""
    return action in NOMINEE_ACTIONS or (action == "status" and to_state in {s.value for s in OWN_STATUSES})


def history_events(nominations: Sequence[Nomination], viewer_of_each: dict[int, Viewer]) -> dict[int, list[AuditEvent]]:
    """The audit events each viewer sees of each nomination, oldest first, in one query
    (staff: all of them; nominee and nominator: those written for them; others: none)."""
    full = [n.id for n in nominations if viewer_of_each.get(n.id) == Viewer.STAFF]
    partial = [n.id for n in nominations if viewer_of_each.get(n.id) in (Viewer.NOMINEE, Viewer.NOMINATOR)]
    out: dict[int, list[AuditEvent]] = defaultdict(list)
    if not full and not partial:
        return out
    query = select(AuditEvent).where(AuditEvent.object_type == "nomination", or_(
        AuditEvent.object_id.in_(full), and_(AuditEvent.object_id.in_(partial), nominee_event_filter()),
    )).order_by(AuditEvent.id).options(selectinload(AuditEvent.actor))
    for event in db.session.execute(query).scalars():
        out[event.object_id].append(event)
    return out


# ------------------------------------------------------------------------------ the roster

def roster_is_public(decision: Decision | None, now: datetime | None = None) -> bool:
    """A decided call's roster is public once announced, from the announcement's date on."""
    if decision is None or decision.public_from is None:
        return False
    return (now or utcnow()) >= decision.public_from


def may_see_roster(user: User | None, decision: Decision | None, now: datetime | None = None) -> bool:
    """Everyone once it is public; before that only those who may announce it."""
    if decision is None:
        return False
    return roster_is_public(decision, now) or may_announce(user)


def public_roster_calls(calls: Iterable[Call], now: datetime | None = None) -> set[int]:
    """The ids of those calls whose roster is public (one query)."""
    ids = [call.id for call in calls]
    if not ids:
        return set()
    return set(db.session.execute(select(Decision.call_id).where(
        Decision.call_id.in_(ids), Decision.public_from.is_not(None),
        Decision.public_from <= (now or utcnow()))).scalars())
