"""Recommending bodies: who speaks for each, and their recommendations on shortlisted candidates."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from selection.extensions import db
from selection.models import (
    Call,
    Nomination,
    NominationStatus,
    Recommendation,
    RecommendationLevel,
    RecommendingBody,
    RecommendingBodyMember,
    Role,
    User,
    utcnow,
)
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.review.access import NotPermitted, bodies_of, require_staff, users_with_role
from selection.workflow.review.summary import refresh_summaries


def record_recommendation(nomination: Nomination, body: RecommendingBody, actor: User | None, *,
                          level: RecommendationLevel, note: str = "") -> Recommendation:
    """Record (or revise) a body's recommendation on a shortlisted nomination."""
    if body.call_id != nomination.call_id:
        raise WorkflowError(gettext("%(body)s is not a recommending body of this call.", body=body.name))
    if actor is not None and body not in bodies_of(actor, nomination.call):
        raise NotPermitted(gettext("You cannot record recommendations for %(body)s.", body=body.name))
    if nomination.status != NominationStatus.SHORTLISTED:
        raise WorkflowError(gettext("Recommendations are recorded on shortlisted candidates only; this nomination "
                                    "is %(status)s.", status=nomination.status.label.lower()))
    existing = db.session.execute(select(Recommendation).where(
        Recommendation.nomination_id == nomination.id, Recommendation.body_id == body.id)).scalar_one_or_none()
    previous = existing.level.value if existing else None
    if existing is None:
        existing = Recommendation(nomination=nomination, body=body, level=level)
        db.session.add(existing)
    existing.level, existing.note = level, note.strip()
    existing.recorded_by, existing.recorded_at = actor, utcnow()
    audit.record(actor, nomination, "recommendation", from_state=previous, to_state=level.value,
                 body=body.name, note=existing.note)
    db.session.flush()
    refresh_summaries(nomination.call, [nomination.id])
    return existing


def recommendations_of(nomination: Nomination) -> list[Recommendation]:
    """The recommendations recorded on the nomination, in the order of the call's bodies."""
    return recommendations_by_nomination([nomination.id])[nomination.id]


def recommendations_by_nomination(nomination_ids: Iterable[int]) -> dict[int, list[Recommendation]]:
    """The recommendations of many nominations in one query, each list in the order of the bodies."""
    grouped: dict[int, list[Recommendation]] = {nomination_id: [] for nomination_id in nomination_ids}
    if not grouped:
        return grouped
    rows = db.session.execute(
        select(Recommendation).join(RecommendingBody).options(contains_eager(Recommendation.body))
        .where(Recommendation.nomination_id.in_(grouped))
        .order_by(RecommendingBody.position, RecommendingBody.id)).scalars()
    for recommendation in rows:
        grouped[recommendation.nomination_id].append(recommendation)
    return grouped


def add_body_member(body: RecommendingBody, user: User, actor: User | None) -> RecommendingBodyMember:
    """Let a recommender account record recommendations for ``body``."""
    require_staff(actor, gettext("Only the Secretariat can choose who speaks for a recommending body."))
    if not user.has_role(Role.RECOMMENDER):
        raise WorkflowError(gettext("%(email)s does not hold the recommending body role.", email=user.email))
    existing = db.session.execute(select(RecommendingBodyMember).where(
        RecommendingBodyMember.body_id == body.id, RecommendingBodyMember.user_id == user.id)).scalar_one_or_none()
    if existing is not None:
        raise WorkflowError(gettext("%(email)s already speaks for %(body)s.", email=user.email, body=body.name))
    member = RecommendingBodyMember(body=body, user=user)
    db.session.add(member)
    audit.record(actor, body.call, "recommender_added", body=body.name, user=user.email)
    db.session.flush()
    return member


def body_members(call: Call) -> list[RecommendingBodyMember]:
    """Who speaks for each of the call's recommending bodies."""
    return list(db.session.execute(select(RecommendingBodyMember).join(RecommendingBody).where(
        RecommendingBody.call_id == call.id)).scalars())


def recommenders() -> list[User]:
    """Every active user holding the recommending body role, by name."""
    return users_with_role(Role.RECOMMENDER)
