"""Aggregating reviews (pure): weighted means per review, mean/median/spread per nomination,
disagreement, recusal, and the merit score per the call's formula."""
from __future__ import annotations

import pytest

from selection.models import DEFAULT_MERIT_FORMULA
from selection.review_scores import (
    DISAGREEMENT_THRESHOLD,
    Criterion,
    ReviewInput,
    aggregate,
    describe_formula,
    merit_score,
    recommendation_points,
    review_score,
)

# Two criteria on 1-5 (weights 3 and 1) and one on 0-10 (weight 1).
CRITERIA = [Criterion(1, 3.0, 1, 5), Criterion(2, 1.0, 1, 5), Criterion(3, 1.0, 0, 10)]


def test_a_review_is_the_weighted_mean_of_its_criteria_on_0_to_100() -> None:
    # 5 -> 100, 1 -> 0, 5 of 0-10 -> 50; weights 3, 1, 1.
    assert review_score({1: 5, 2: 1, 3: 5}, CRITERIA) == pytest.approx((300 + 0 + 50) / 5)


def test_unscored_criteria_leave_the_weights_of_the_scored_ones() -> None:
    assert review_score({1: 3, 2: None}, CRITERIA) == pytest.approx(50.0)
    assert review_score({}, CRITERIA) is None


def test_mean_median_and_spread_over_the_reviews() -> None:
    reviews = [ReviewInput(10, {1: 5, 2: 5, 3: 10}), ReviewInput(11, {1: 3, 2: 3, 3: 5}),
               ReviewInput(12, {1: 4, 2: 4, 3: 7.5})]
    result = aggregate(reviews, CRITERIA)
    assert result.count == 3
    assert result.per_review == {10: 100.0, 11: 50.0, 12: 75.0}
    assert result.mean == pytest.approx(75.0)
    assert result.median == pytest.approx(75.0)
    assert result.spread == pytest.approx(50.0)
    assert result.disagreement is True


def test_the_median_of_an_even_count_is_the_middle_pair_mean() -> None:
    reviews = [ReviewInput(i, {1: s, 2: s, 3: (s - 1) * 2.5}) for i, s in enumerate([1, 2, 4, 5])]
    result = aggregate(reviews, CRITERIA)
    assert result.median == pytest.approx(50.0)
    assert result.mean == pytest.approx(50.0)


def test_close_reviews_do_not_disagree_and_the_threshold_is_inclusive() -> None:
    close = aggregate([ReviewInput(1, {1: 4, 2: 4, 3: 7.5}), ReviewInput(2, {1: 5, 2: 5, 3: 10})], CRITERIA)
    assert close.spread == pytest.approx(25.0) and DISAGREEMENT_THRESHOLD == 25.0
    assert close.disagreement is True
    near = aggregate([ReviewInput(1, {1: 4, 2: 4, 3: 7.5}), ReviewInput(2, {1: 4, 2: 5, 3: 7.5})], CRITERIA)
    assert near.spread == pytest.approx(5.0) and near.disagreement is False


def test_one_review_never_disagrees_with_itself() -> None:
    result = aggregate([ReviewInput(1, {1: 1, 2: 1, 3: 0})], CRITERIA)
    assert (result.count, result.spread, result.disagreement) == (1, 0.0, False)


def test_recused_reviewers_and_drafts_count_nowhere() -> None:
    reviews = [ReviewInput(1, {1: 5, 2: 5, 3: 10}), ReviewInput(2, {1: 1, 2: 1, 3: 0}, recused=True),
               ReviewInput(3, {1: 1, 2: 1, 3: 0}, submitted=False)]
    result = aggregate(reviews, CRITERIA)
    assert result.count == 1 and set(result.per_review) == {1}
    assert (result.mean, result.median, result.spread, result.disagreement) == (100.0, 100.0, 0.0, False)


def test_no_counting_review_gives_no_scores() -> None:
    result = aggregate([ReviewInput(2, {1: 1}, recused=True)], CRITERIA)
    assert not result.has_scores and result.mean is None and result.median is None and result.spread is None


def test_merit_combines_review_and_recommendations_by_the_formula() -> None:
    formula = DEFAULT_MERIT_FORMULA  # 0.7 review + 0.3 recommendations
    assert recommendation_points(["strongly_recommend", "neutral"], formula) == pytest.approx(75.0)
    assert merit_score(60.0, ["strongly_recommend", "neutral"], formula) == pytest.approx(0.7 * 60 + 0.3 * 75)


def test_merit_with_one_part_missing_counts_the_other_alone() -> None:
    assert merit_score(60.0, [], DEFAULT_MERIT_FORMULA) == pytest.approx(60.0)
    assert merit_score(None, ["recommend"], DEFAULT_MERIT_FORMULA) == pytest.approx(75.0)
    assert merit_score(None, [], DEFAULT_MERIT_FORMULA) is None


def test_a_call_s_own_formula_is_used() -> None:
    formula = {"review_weight": 1, "recommendation_weight": 1,
               "recommendation_points": {"strongly_recommend": 10, "recommend": 5, "neutral": 0, "not_recommended": -10}}
    assert merit_score(40.0, ["not_recommended"], formula) == pytest.approx(15.0)


def test_the_formula_is_described_in_words() -> None:
    text = describe_formula(DEFAULT_MERIT_FORMULA)
    assert "0.7 × mean review score" in text and "0.3 × mean recommendation points" in text
    assert "strongly recommend 100" in text and "not recommended 0" in text
