"""Reviewers' scores on the call's rubric, and what they add up to: the aggregate of the
reviews that count (submitted, by reviewers not recused) and the merit score."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from selection.data import N_
from selection.extensions import db
from selection.models import Call, ConflictDeclaration, Nomination, Review, ReviewScore, Role, User, utcnow
from selection.review_scores import Aggregate, Criterion, ReviewInput, aggregate, merit_score
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.review.access import NotPermitted, assignment_of, conflict_of, review_of
from selection.workflow.review.conflicts import recused_reviewer_ids
from selection.workflow.review.recommendations import recommendations_of
from selection.workflow.review.summary import refresh_summaries
from selection.workflow.states import can_review


@dataclass(frozen=True)
class CriterionEntry:
    """What a reviewer entered for one criterion."""

    score: int | None
    comment: str = ""


SUBMITTED_ALREADY = N_("This review is submitted and counts in the scores: saving it again would change them. "
                     "Use “Revise review” to change it; the previous version stays in the audit log.")


def save_review(nomination: Nomination, reviewer: User, entries: Mapping[int, CriterionEntry],
                overall_comment: str, *, submit: bool, now: datetime | None = None) -> Review:
    """Save the reviewer's review (a draft, or submitted when ``submit``); scores within each scale.

    Submitting needs every criterion scored. A submitted review is never saved over (a draft
    save would wipe scores that count): it changes only through ``revise_review``.
    """
    criteria = _check_may_score(nomination, reviewer, entries, submit)
    review = review_of(nomination, reviewer)
    if review is not None and review.is_submitted:
        raise WorkflowError(gettext(SUBMITTED_ALREADY))
    now = now or utcnow()
    if review is None:
        review = Review(nomination=nomination, reviewer=reviewer, created_at=now)
        db.session.add(review)
    _write_entries(review, entries, overall_comment, now)
    if submit:
        review.submitted_at = now
    audit.record(reviewer, nomination, "review_submitted" if submit else "review_draft_saved",
                 reviewer=reviewer.email, scores=_named_scores(entries, criteria))
    db.session.flush()
    refresh_summaries(nomination.call, [nomination.id])
    return review


def revise_review(nomination: Nomination, reviewer: User, entries: Mapping[int, CriterionEntry],
                  overall_comment: str, *, now: datetime | None = None) -> Review:
    """Change a submitted review, every criterion scored; it stays submitted, and the audit log
    keeps the previous scores and comments beside the new ones."""
    criteria = _check_may_score(nomination, reviewer, entries, True)
    review = review_of(nomination, reviewer)
    if review is None or not review.is_submitted:
        raise WorkflowError(gettext("Only a submitted review can be revised; submit it first."))
    previous = {criteria[row.criterion_id].name: row.score for row in review.scores if row.criterion_id in criteria}
    previous_comments = {criteria[row.criterion_id].name: row.comment for row in review.scores
                         if row.criterion_id in criteria and row.comment}
    previous_overall = review.overall_comment
    _write_entries(review, entries, overall_comment, now or utcnow())
    audit.record(reviewer, nomination, "review_revised", reviewer=reviewer.email,
                 scores=_named_scores(entries, criteria), previous_scores=previous,
                 previous_comments=previous_comments, previous_overall_comment=previous_overall)
    db.session.flush()
    refresh_summaries(nomination.call, [nomination.id])
    return review


def _check_may_score(nomination: Nomination, reviewer: User, entries: Mapping[int, CriterionEntry],
                     complete: bool) -> dict[int, Any]:
    """The call's criteria by id, if ``reviewer`` may score ``nomination`` with ``entries``;
    else the refusal (``complete``: every criterion must be scored)."""
    if not reviewer.has_role(Role.REVIEWER):
        raise NotPermitted(gettext("Only reviewers score nominations; the Secretariat assigns them."))
    if not can_review(nomination.status):
        raise WorkflowError(gettext("A nomination that is %(status)s cannot be reviewed.",
                                    status=nomination.status.label.lower()))
    if conflict_of(nomination, reviewer) is not None:
        raise NotPermitted(gettext("You declared a conflict with this nomination and are recused from it."))
    if assignment_of(nomination, reviewer) is None:
        raise NotPermitted(gettext("You are not assigned to review this nomination."))
    criteria = {c.id: c for c in nomination.call.rubric_criteria}
    if not criteria:
        raise WorkflowError(gettext("This call has no rubric yet; ask the administrator to set its criteria."))
    problems = _score_problems(entries, criteria, complete)
    if problems:
        raise WorkflowError(" ".join(problems))
    return criteria


def _write_entries(review: Review, entries: Mapping[int, CriterionEntry], overall_comment: str,
                   now: datetime) -> None:
    for criterion_id, entry in entries.items():
        row = review.score_for(criterion_id)
        if row is None:
            row = ReviewScore(criterion_id=criterion_id)
            review.scores.append(row)
        row.score, row.comment = entry.score, entry.comment.strip()
    review.overall_comment = overall_comment.strip()
    review.updated_at = now


def _named_scores(entries: Mapping[int, CriterionEntry], criteria: Mapping[int, Any]) -> dict[str, int | None]:
    return {criteria[cid].name: e.score for cid, e in entries.items()}


def _score_problems(entries: Mapping[int, CriterionEntry], criteria: Mapping[int, Any], submit: bool) -> list[str]:
    problems = []
    for criterion_id, entry in entries.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            problems.append("A score was given for a criterion that is not in this call's rubric.")
        elif entry.score is not None and not criterion.scale_min <= entry.score <= criterion.scale_max:
            problems.append(f"{criterion.name}: the score must be between {criterion.scale_min} "
                            f"and {criterion.scale_max}; {entry.score} is outside the scale.")
    if submit:
        missing = [c.name for cid, c in criteria.items() if entries.get(cid) is None or entries[cid].score is None]
        if missing:
            problems.append(f"Score every criterion before submitting; missing: {', '.join(missing)}.")
    return problems


def criteria_of(call: Call) -> list[Criterion]:
    """The call's rubric as aggregation needs it."""
    return [Criterion(c.id, c.weight, c.scale_min, c.scale_max) for c in call.rubric_criteria]


def reviews_of(nomination: Nomination) -> list[Review]:
    """Every review of the nomination, drafts included, oldest first."""
    return list(db.session.execute(select(Review).where(Review.nomination_id == nomination.id)
                                   .order_by(Review.id)).scalars())


def review_counts(review: Review, recused_ids: set[int]) -> bool:
    """A review counts in the scores once submitted, unless its reviewer is recused."""
    return review.is_submitted and review.reviewer_id not in recused_ids


def aggregate_reviews(reviews: Iterable[Review], recused_ids: set[int], criteria: Sequence[Criterion]) -> Aggregate:
    """The aggregate of ``reviews``: only those that count (see ``review_counts``) count."""
    return aggregate([
        ReviewInput(r.reviewer_id, {s.criterion_id: s.score for s in r.scores}, r.is_submitted,
                    r.reviewer_id in recused_ids)
        for r in reviews
    ], criteria)


def scores_of(nomination: Nomination) -> Aggregate:
    """The nomination's aggregated review scores; recused reviewers and drafts count nowhere."""
    return aggregate_reviews(reviews_of(nomination), recused_reviewer_ids(nomination), criteria_of(nomination.call))


def scores_by_nomination(call: Call, nomination_ids: Iterable[int]) -> dict[int, Aggregate]:
    """``scores_of`` for many nominations of ``call`` in three queries, whatever their number."""
    ids = list(nomination_ids)
    reviews: dict[int, list[Review]] = {i: [] for i in ids}
    recused: dict[int, set[int]] = {i: set() for i in ids}
    if ids:
        for review in db.session.execute(select(Review).where(Review.nomination_id.in_(ids))
                                         .options(joinedload(Review.scores)).order_by(Review.id)).unique().scalars():
            reviews[review.nomination_id].append(review)
        for nomination_id, reviewer_id in db.session.execute(
                select(ConflictDeclaration.nomination_id, ConflictDeclaration.reviewer_id)
                .where(ConflictDeclaration.nomination_id.in_(ids))):
            recused[nomination_id].add(reviewer_id)
    criteria = criteria_of(call)
    return {i: aggregate_reviews(reviews[i], recused[i], criteria) for i in ids}


def merit_of(nomination: Nomination, scores: Aggregate | None = None) -> float | None:
    """The nomination's merit score per its call's formula."""
    scores = scores or scores_of(nomination)
    return merit_score(scores.mean, [r.level.value for r in recommendations_of(nomination)],
                       nomination.call.merit_settings)
