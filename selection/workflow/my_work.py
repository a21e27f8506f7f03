"""What needs the signed-in staff member: the counts of their staff home page, and a reviewer's
assignments in the order they are worked through.

Each count is one aggregate query (grouped by call where it concerns a call), never a loop
over nominations. A section shows for the role it concerns; administrators see every section.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import contains_eager, joinedload

from selection.extensions import db
from selection.models import (
    Call,
    CallStatus,
    Nomination,
    NominationStatus,
    OutcomeNotice,
    Review,
    ReviewAssignment,
    Role,
    SlateRun,
    SlateRunStatus,
    User,
)
from selection.workflow.states import can_review

S = NominationStatus
REVIEWABLE = [status for status in NominationStatus if can_review(status)]


@dataclass(frozen=True)
class WorkCount:
    """How many of one kind of task wait, for one call (or across calls when ``call`` is None)."""

    kind: str
    count: int
    call: Call | None = None


@dataclass
class WorkSection:
    """The tasks of one role: ``kinds`` names what it counts, ``items`` those with something waiting."""

    role: Role
    kinds: tuple[str, ...]
    items: list[WorkCount] = field(default_factory=list)


def my_work(user: User) -> list[WorkSection]:
    """The sections of ``user``'s staff home page, each with its counts (only those above zero)."""
    admin = user.has_role(Role.ADMIN)
    sections = []
    if admin or user.has_role(Role.REVIEWER):
        sections.append(WorkSection(Role.REVIEWER, ("reviews_to_do",), _reviews_to_do(user)))
    if admin or user.has_role(Role.SECRETARIAT):
        sections.append(WorkSection(Role.SECRETARIAT, ("to_screen", "notices_held"),
                                    _per_call("to_screen", _to_screen()) + _per_call("notices_held", _notices_held())))
    if admin or user.has_role(Role.DECISION_MAKER):
        sections.append(WorkSection(Role.DECISION_MAKER, ("to_decide", "runs_finished"),
                                    _per_call("to_decide", _to_decide()) + _per_call("runs_finished", _runs_finished())))
    return sections


def _reviews_to_do(user: User) -> list[WorkCount]:
    """Assigned nominations open for review whose review is not submitted (drafts included)."""
    count = db.session.execute(
        select(func.count(ReviewAssignment.id)).join(Nomination, Nomination.id == ReviewAssignment.nomination_id)
        .outerjoin(Review, and_(Review.nomination_id == ReviewAssignment.nomination_id,
                                Review.reviewer_id == ReviewAssignment.reviewer_id))
        .where(ReviewAssignment.reviewer_id == user.id, Nomination.status.in_(REVIEWABLE),
               Review.submitted_at.is_(None))
    ).scalar_one()
    return [WorkCount("reviews_to_do", count)] if count else []


def _to_screen() -> dict[int, int]:
    return dict(db.session.execute(select(Nomination.call_id, func.count(Nomination.id))
                                   .where(Nomination.status == S.SUBMITTED).group_by(Nomination.call_id)).all())


def _notices_held() -> dict[int, int]:
    return dict(db.session.execute(
        select(Nomination.call_id, func.count(OutcomeNotice.id)).join(Nomination, Nomination.id == OutcomeNotice.nomination_id)
        .where(OutcomeNotice.released_at.is_(None), OutcomeNotice.superseded_at.is_(None))
        .group_by(Nomination.call_id)).all())


def _to_decide() -> dict[int, int]:
    """Closed calls with a shortlist: the number shortlisted."""
    return dict(db.session.execute(
        select(Nomination.call_id, func.count(Nomination.id)).join(Call, Call.id == Nomination.call_id)
        .where(Call.status == CallStatus.CLOSED, Nomination.status == S.SHORTLISTED)
        .group_by(Nomination.call_id)).all())


def _runs_finished() -> dict[int, int]:
    """Slate runs done on calls still to decide."""
    return dict(db.session.execute(
        select(SlateRun.call_id, func.count(SlateRun.id)).join(Call, Call.id == SlateRun.call_id)
        .where(Call.status == CallStatus.CLOSED, SlateRun.status == SlateRunStatus.DONE)
        .group_by(SlateRun.call_id)).all())


def _per_call(kind: str, counts: dict[int, int]) -> list[WorkCount]:
    if not counts:
        return []
    calls = db.session.execute(select(Call).where(Call.id.in_(counts)).order_by(Call.closes_at.desc())).scalars()
    return [WorkCount(kind, counts[call.id], call) for call in calls]


# ---------------------------------------------------------------------------- a reviewer's assignments

@dataclass(frozen=True)
class AssignmentRow:
    """One nomination on a reviewer's list, with the state of their review."""

    nomination: Nomination
    assigned_at: datetime
    review: Review | None
    reviewable: bool

    @property
    def order(self) -> int:
        """0 to do, 1 draft, 2 submitted, 3 no longer open for review."""
        if not self.reviewable:
            return 3
        if self.review is None:
            return 0
        return 2 if self.review.is_submitted else 1


ASSIGNMENTS_PER_PAGE = 50


@dataclass(frozen=True)
class AssignmentPage:
    """One page of a reviewer's assignments and where it sits among them."""

    rows: list[AssignmentRow]
    number: int
    pages: int
    total: int


def _work_order() -> ColumnElement[int]:
    """``AssignmentRow.order`` in SQL: 0 to do, 1 draft, 2 submitted, 3 no longer open for review."""
    return case((Nomination.status.not_in(REVIEWABLE), 3), (Review.id.is_(None), 0),
                (Review.submitted_at.is_not(None), 2), else_=1)


def assignments_of(reviewer: User, page: int = 1, per_page: int | None = None) -> AssignmentPage:
    """The ``page``-th page (clamped to the last) of the reviewer's assignments: reviews still to
    do first, then drafts, then submitted; oldest first in each. Sorted and sliced in SQL: two
    statements, whatever the number of assignments."""
    per_page = per_page or ASSIGNMENTS_PER_PAGE
    own = ReviewAssignment.reviewer_id == reviewer.id
    total = db.session.execute(select(func.count(ReviewAssignment.id)).where(own)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(page, 1), pages)
    pairs = db.session.execute(
        select(ReviewAssignment, Review).join(Nomination, Nomination.id == ReviewAssignment.nomination_id)
        .outerjoin(Review, and_(Review.nomination_id == ReviewAssignment.nomination_id,
                                Review.reviewer_id == ReviewAssignment.reviewer_id))
        .where(own).order_by(_work_order(), ReviewAssignment.assigned_at, ReviewAssignment.id)
        .offset((number - 1) * per_page).limit(per_page)
        .options(contains_eager(ReviewAssignment.nomination).options(
            joinedload(Nomination.nominee), joinedload(Nomination.group), joinedload(Nomination.call)))
    ).all()
    rows = [AssignmentRow(a.nomination, a.assigned_at, review, can_review(a.nomination.status)) for a, review in pairs]
    return AssignmentPage(rows, number, pages, total)

