"""Who takes part in a nomination's review: the Secretariat and administrators, its reviewers
(assigned and not recused), and the recommenders of the call's bodies."""
from __future__ import annotations

from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    Call,
    ConflictDeclaration,
    Nomination,
    RecommendingBody,
    RecommendingBodyMember,
    Review,
    ReviewAssignment,
    Role,
    User,
    UserRole,
)
from selection.workflow.errors import WorkflowError

REVIEW_STAFF = frozenset({Role.ADMIN, Role.SECRETARIAT})


class NotPermitted(WorkflowError):
    """The acting user's role does not allow this operation."""


def is_staff(user: User | None) -> bool:
    """True for the Secretariat and administrators."""
    return user is not None and user.has_role(*REVIEW_STAFF)


def require_staff(actor: User | None, doing: str) -> None:
    """Refuse ``doing`` to anyone but the Secretariat (``actor`` None: the system itself)."""
    if actor is not None and not is_staff(actor):
        raise NotPermitted(f"Only the Secretariat can {doing}.")


def assignment_of(nomination: Nomination, reviewer: User) -> ReviewAssignment | None:
    """The reviewer's assignment to the nomination, if any."""
    return db.session.execute(select(ReviewAssignment).where(
        ReviewAssignment.nomination_id == nomination.id, ReviewAssignment.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


def conflict_of(nomination: Nomination, reviewer: User) -> ConflictDeclaration | None:
    """The reviewer's declared conflict with the nomination, if any."""
    return db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.nomination_id == nomination.id, ConflictDeclaration.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


def review_of(nomination: Nomination, reviewer: User) -> Review | None:
    """The reviewer's review (draft or submitted) of the nomination, if any."""
    return db.session.execute(select(Review).where(
        Review.nomination_id == nomination.id, Review.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


def may_review(user: User | None, nomination: Nomination) -> bool:
    """A reviewer assigned to the nomination and not recused from it."""
    return (user is not None and user.has_role(Role.REVIEWER)
            and assignment_of(nomination, user) is not None and conflict_of(nomination, user) is None)


def may_see_review_work(user: User | None, nomination: Nomination) -> bool:
    """Staff see every nomination's review; a reviewer only those they may review."""
    return is_staff(user) or may_review(user, nomination)


def bodies_of(user: User | None, call: Call) -> list[RecommendingBody]:
    """The call's bodies ``user`` may record recommendations for: all for staff, own for recommenders."""
    if user is None:
        return []
    if is_staff(user):
        return list(call.recommending_bodies)
    if not user.has_role(Role.RECOMMENDER):
        return []
    member_of = set(db.session.execute(select(RecommendingBodyMember.body_id).where(
        RecommendingBodyMember.user_id == user.id)).scalars())
    return [body for body in call.recommending_bodies if body.id in member_of]


def users_with_role(role: Role) -> list[User]:
    """Every active user holding ``role``, by name."""
    return list(db.session.execute(
        select(User).join(UserRole).where(UserRole.role == role, User.active.is_(True))
        .order_by(User.name, User.email)
    ).scalars())


def reviewers() -> list[User]:
    """Every active user holding the reviewer role, by name."""
    return users_with_role(Role.REVIEWER)
