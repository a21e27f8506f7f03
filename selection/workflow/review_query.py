"""The review list's work done by the database: each nomination's review mean and merit
aggregated in SQL, the list's filters as one SQL condition, and candidate numbers from a
projection of the identity columns only. Pages then load in full only the rows they show."""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    FromClause,
    Numeric,
    Select,
    Subquery,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
)

from selection.extensions import db
from selection.models import (
    Call,
    ConflictDeclaration,
    Gender,
    Nomination,
    NominationStatus,
    NominationSummary,
    Nominee,
    Recommendation,
    Review,
    ReviewAssignment,
    StakeholderGroup,
)
from selection.models.review import RecommendationLevel, ReviewScore
from selection.models.rubric import RubricCriterion
from selection.models.names import normalised_name
from selection.workflow.candidates import PersonKey, group_candidates

# Means are compared and sorted rounded, so that sums taken in another order than Python's
# exactly rounded mean do not split ties or move a boundary.
DIGITS = 9


def _rounded(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.round(cast(value, Numeric), DIGITS)


def review_means(call: Call, ids: Sequence[int] | None = None) -> Subquery:
    """(nomination_id, mean, count): the mean over the submitted reviews of reviewers not recused
    of each review's weighted mean of its criteria on 0-100 (see ``review_scores``), and how many
    reviews count; only of the nominations ``ids`` when given."""
    c = RubricCriterion
    span = c.scale_max - c.scale_min
    normalised = case((span <= 0, literal(100.0)), else_=(ReviewScore.score - c.scale_min) * literal(100.0) / span)
    recused = exists().where(ConflictDeclaration.nomination_id == Review.nomination_id,
                             ConflictDeclaration.reviewer_id == Review.reviewer_id)
    per_review = (
        select(Review.nomination_id, (func.sum(c.weight * normalised) / func.sum(c.weight)).label("score"))
        .join(Nomination, Nomination.id == Review.nomination_id)
        .join(ReviewScore, ReviewScore.review_id == Review.id)
        .join(c, and_(c.id == ReviewScore.criterion_id, c.call_id == call.id))
        .where(Nomination.call_id == call.id, Review.submitted_at.is_not(None), ReviewScore.score.is_not(None),
               c.weight > 0, ~recused, *_among(Review.nomination_id, ids))
        .group_by(Review.id, Review.nomination_id)
    ).subquery()
    return (select(per_review.c.nomination_id, func.avg(per_review.c.score).label("mean"),
                   func.count().label("count"))
            .group_by(per_review.c.nomination_id)).subquery()


def _among(column: ColumnElement[int], ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
    """The condition that ``column`` is one of ``ids`` (none when ``ids`` is None: all of them)."""
    return [] if ids is None else [column.in_(list(ids))]


def recommendation_means(call: Call, ids: Sequence[int] | None = None) -> Subquery:
    """(nomination_id, points): the mean points of the recommendations received, per the formula
    (only of the nominations ``ids`` when given)."""
    points = call.merit_settings.get("recommendation_points", {})
    known = {level.value: level for level in RecommendationLevel}
    whens = [(Recommendation.level == known[level], literal(float(value))) for level, value in points.items()
             if level in known]
    value = case(*whens, else_=null()) if whens else cast(null(), Float)
    return (select(Recommendation.nomination_id, func.avg(value).label("points"))
            .join(Nomination, Nomination.id == Recommendation.nomination_id)
            .where(Nomination.call_id == call.id, *_among(Recommendation.nomination_id, ids))
            .group_by(Recommendation.nomination_id)).subquery()


def merit_expression(mean: ColumnElement[Any], points: ColumnElement[Any],
                     formula: Mapping[str, Any]) -> ColumnElement[Any]:
    """The merit score in SQL, as ``review_scores.merit_score`` computes it."""
    parts = [(float(formula.get("review_weight", 0)), mean),
             (float(formula.get("recommendation_weight", 0)), points)]
    parts = [(weight, value) for weight, value in parts if weight > 0]
    if not parts:
        return null()
    numerator = sum((case((value.is_not(None), weight * value), else_=0.0) for weight, value in parts), literal(0.0))
    denominator = sum((case((value.is_not(None), weight), else_=0.0) for weight, value in parts), literal(0.0))
    return case((or_(*[value.is_not(None) for _, value in parts]), numerator / denominator), else_=null())


def scores_select(call: Call, ids: Sequence[int] | None = None) -> Select[Any]:
    """(nomination_id, call_id, review_count, mean, merit) of every nomination of the call (of
    ``ids`` only when given), mean and merit rounded to ``DIGITS``: what a summary row holds."""
    means, recommendations = review_means(call, ids), recommendation_means(call, ids)
    return (
        select(Nomination.id.label("nomination_id"), Nomination.call_id.label("call_id"),
               func.coalesce(means.c.count, 0).label("review_count"), _rounded(means.c.mean).label("mean"),
               _rounded(merit_expression(means.c.mean, recommendations.c.points, call.merit_settings)).label("merit"))
        .outerjoin(means, means.c.nomination_id == Nomination.id)
        .outerjoin(recommendations, recommendations.c.nomination_id == Nomination.id)
        .where(Nomination.call_id == call.id, *_among(Nomination.id, ids))
    )


def scores_subquery(call: Call) -> Subquery:
    """(nomination_id, call_id, review_count, mean, merit) for every nomination of the call, computed
    from the reviews (lists read the maintained ``NominationSummary`` instead)."""
    return scores_select(call).subquery()


def filter_condition(f: Any, scores: FromClause | None) -> ColumnElement[bool]:
    """The review list's filter (a ``NominationFilter``) as one SQL condition over Nomination,
    Nominee, StakeholderGroup and, for score bounds, ``scores`` (a ``mean`` column per nomination:
    the summary table)."""
    conditions: list[ColumnElement[bool]] = []
    if f.group:
        conditions.append(StakeholderGroup.code == f.group)
    if f.region:
        conditions.append(Nominee.region == f.region)
    if f.gender:
        genders = {g.value: g for g in Gender}
        conditions.append(Nominee.gender == genders[f.gender] if f.gender in genders else false())
    if f.status:
        conditions.append(Nomination.status == NominationStatus(f.status))
    if f.reviewer is not None:
        conditions.append(or_(
            exists().where(ReviewAssignment.nomination_id == Nomination.id, ReviewAssignment.reviewer_id == f.reviewer),
            exists().where(Review.nomination_id == Nomination.id, Review.reviewer_id == f.reviewer)))
    if scores is not None and f.score_min is not None:
        conditions.append(and_(scores.c.mean.is_not(None), scores.c.mean >= f.score_min))
    if scores is not None and f.score_max is not None:
        conditions.append(and_(scores.c.mean.is_not(None), scores.c.mean <= f.score_max))
    if f.has_conflicts is not None:
        declared = exists().where(ConflictDeclaration.nomination_id == Nomination.id)
        conditions.append(declared if f.has_conflicts else ~declared)
    conditions.append(search_condition(search_words(f.q)))
    return and_(true(), *conditions)


def search_words(text: str) -> list[str]:
    """The words of a search, normalised as ``Nominee.search_text`` is (case and accents
    ignored), control characters left out."""
    return normalised_name("".join(ch for ch in text if unicodedata.category(ch) != "Cc")).split()


def search_condition(words: Sequence[str]) -> ColumnElement[bool]:
    """True for a nomination (its Nominee joined) whose name or organization holds every word."""
    return and_(true(), *[Nominee.search_text.contains(word, autoescape=True) for word in words])


def with_listing_joins(query: Select[Any]) -> Select[Any]:
    """``query`` over the nominations with nominee, group and summary joined (what lists filter
    and sort on)."""
    return (query.select_from(Nomination).join(Nominee, Nominee.id == Nomination.nominee_id)
            .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
            .outerjoin(NominationSummary, NominationSummary.nomination_id == Nomination.id))


def candidate_numbers_in_call(call_id: int, drafts: bool) -> dict[int, int]:
    """Candidate number of each nomination of the call (oldest id first, as ``candidate_numbers``
    numbers them), from the identity columns only; ``drafts`` says whether drafts take part."""
    query = (select(Nomination.id, Nominee.email, Nominee.name, Nominee.nationality)
             .join(Nominee, Nominee.id == Nomination.nominee_id).where(Nomination.call_id == call_id)
             .order_by(Nomination.id))
    if not drafts:
        query = query.where(Nomination.status != NominationStatus.DRAFT)
    return numbers_of(db.session.execute(query).all())


def numbers_of(rows: Sequence[Any]) -> dict[int, int]:
    """Candidate numbers from rows of (id, email, name, nationality), in the rows' order."""
    groups = group_candidates([PersonKey(row[0], row[1], row[2], row[3]) for row in rows])
    return {nomination_id: number for number, group in enumerate(groups, 1) for nomination_id in group}
