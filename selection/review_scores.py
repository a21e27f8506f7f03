"""Aggregating reviews into scores, and the merit score (pure functions, no database).

Scale. Every criterion is scored on its own scale (e.g. 1-5). A criterion's score is first
put on 0-100 ((score - min) / (max - min) x 100), so criteria with different scales weigh
only by their weights.

Per review: the weighted mean of its criteria on 0-100 (weights as the rubric sets them,
normalised over the criteria scored).

Per nomination, over the submitted reviews of reviewers who are not recused: the mean, the
median and the spread. The spread is the range (highest minus lowest review score, in points
of 0-100): with two to four reviewers per nomination a range is easier to read than a
standard deviation and says directly how far apart two reviewers are. Reviews disagree
when the range reaches ``DISAGREEMENT_THRESHOLD`` points (25, i.e. one point on a 1-5
scale in every criterion). A recused reviewer's review counts nowhere: not in the count,
the mean, the median, the spread or the disagreement flag.

Merit (0-100), per the call's ``merit_formula``: review_weight x mean review score +
recommendation_weight x mean of the points of the recommendations received. When only one
part exists, it counts alone; with neither there is no merit score.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from selection.data import N_
from selection.plurals import gettext

DISAGREEMENT_THRESHOLD = 25.0

RECOMMENDATION_WORDS = {
    "strongly_recommend": N_("strongly recommend"), "recommend": N_("recommend"),
    "neutral": N_("neutral"), "not_recommended": N_("not recommended"),
}


@dataclass(frozen=True)
class Criterion:
    """A rubric criterion as aggregation needs it."""

    id: int
    weight: float
    scale_min: int
    scale_max: int

    def normalised(self, score: float) -> float:
        """``score`` on 0-100."""
        span = self.scale_max - self.scale_min
        return 100.0 if span <= 0 else (score - self.scale_min) / span * 100.0


@dataclass(frozen=True)
class ReviewInput:
    """One reviewer's scores (criterion id -> score); only submitted, not recused ones count."""

    reviewer_id: int
    scores: Mapping[int, int | None]
    submitted: bool = True
    recused: bool = False


@dataclass(frozen=True)
class Aggregate:
    """A nomination's review scores, on 0-100."""

    count: int
    mean: float | None
    median: float | None
    spread: float | None
    disagreement: bool
    per_review: Mapping[int, float]

    @property
    def has_scores(self) -> bool:
        """True when at least one counting review exists."""
        return self.count > 0


def review_score(scores: Mapping[int, int | None], criteria: Sequence[Criterion]) -> float | None:
    """The weighted mean of a review's criteria on 0-100; None when nothing weighed is scored."""
    total = weights = 0.0
    for criterion in criteria:
        score = scores.get(criterion.id)
        if score is None or criterion.weight <= 0:
            continue
        total += criterion.weight * criterion.normalised(score)
        weights += criterion.weight
    return total / weights if weights else None


def aggregate(reviews: Iterable[ReviewInput], criteria: Sequence[Criterion],
              threshold: float = DISAGREEMENT_THRESHOLD) -> Aggregate:
    """Mean, median, spread (range) and disagreement over the counting reviews."""
    per_review: dict[int, float] = {}
    for review in reviews:
        if not review.submitted or review.recused:
            continue
        score = review_score(review.scores, criteria)
        if score is not None:
            per_review[review.reviewer_id] = score
    return aggregate_scores(per_review, threshold)


def aggregate_scores(per_review: dict[int, float], threshold: float = DISAGREEMENT_THRESHOLD) -> Aggregate:
    """Mean, median, spread (range) and disagreement over the counting reviews' scores
    (reviewer id -> the review's score): for callers that scored each review already."""
    values = list(per_review.values())
    if not values:
        return Aggregate(0, None, None, None, False, {})
    spread = max(values) - min(values)
    return Aggregate(
        count=len(values), mean=statistics.fmean(values), median=statistics.median(values),
        spread=spread, disagreement=len(values) > 1 and spread >= threshold, per_review=per_review,
    )


def recommendation_points(levels: Iterable[str], formula: Mapping[str, Any]) -> float | None:
    """The mean points of the recommendations received, or None without any."""
    points = formula.get("recommendation_points", {})
    values = [float(points[level]) for level in levels if level in points]
    return statistics.fmean(values) if values else None


def merit_score(review_mean: float | None, recommendation_levels: Iterable[str],
                formula: Mapping[str, Any]) -> float | None:
    """The merit score (0-100) per ``formula``; a missing part leaves the other to count alone."""
    parts = [
        (float(formula.get("review_weight", 0)), review_mean),
        (float(formula.get("recommendation_weight", 0)), recommendation_points(recommendation_levels, formula)),
    ]
    present = [(weight, value) for weight, value in parts if value is not None and weight > 0]
    if not present:
        return None
    return sum(weight * value for weight, value in present) / sum(weight for weight, _ in present)


def describe_formula(formula: Mapping[str, Any]) -> str:
    """The merit formula in words, shown wherever a merit score is shown."""
    review_weight = float(formula.get("review_weight", 0))
    recommendation_weight = float(formula.get("recommendation_weight", 0))
    points = formula.get("recommendation_points", {})
    scale = ", ".join(f"{gettext(RECOMMENDATION_WORDS[level]) if level in RECOMMENDATION_WORDS else level} {value:g}"
                      for level, value in points.items())
    return gettext(
        "Merit (0–100) = %(review)s × mean review score (0–100) + %(recommendation)s × mean "
        "recommendation points (%(scale)s); when only one part exists it counts alone.",
        review=f"{review_weight:g}", recommendation=f"{recommendation_weight:g}", scale=scale,
    )


def describe_aggregation(threshold: float = DISAGREEMENT_THRESHOLD) -> str:
    """How review scores are combined, in words, for pages and exports."""
    return gettext(
        "Each review: weighted mean of the criteria, each put on 0–100. Per nomination: mean and "
        "median of the submitted reviews; spread = highest minus lowest review score; reviews "
        "disagree when the spread is %(threshold)s points or more. Recused reviewers and drafts "
        "count nowhere.",
        threshold=f"{threshold:g}",
    )
