"""Who takes part in a nomination's review: the Secretariat and administrators, its reviewers
(assigned and not recused), and the recommenders of the call's bodies."""
from __future__ import annotations

from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    Call,
    Nomination,
    RecommendingBody,
    RecommendingBodyMember,
    Review,
    Role,
    User,
    UserRole,
)
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import (  # noqa: F401  (who takes part, named here for the review)
    STAFF,
    assignment_of,
    conflict_of,
    is_staff,
    may_review,
    may_see_review_work,
)

REVIEW_STAFF = STAFF


class NotPermitted(WorkflowError):
    """The acting user's role does not allow this operation."""


def require_staff(actor: User | None, refusal: str) -> None:
    """Refuse anyone but the Secretariat (``actor`` None: the system itself), saying ``refusal``."""
    if actor is not None and not is_staff(actor):
        raise NotPermitted(refusal)


def review_of(nomination: Nomination, reviewer: User) -> Review | None:
    """The reviewer's review (draft or submitted) of the nomination, if any."""
    return db.session.execute(select(Review).where(
        Review.nomination_id == nomination.id, Review.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


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
