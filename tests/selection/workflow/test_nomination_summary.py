"""Each nomination's summary row (counting reviews, mean, merit) stays what the reviews,
conflicts, recommendations and the call's formula give, through every change the workflow
makes; the migration's backfill and a call's recomputation give the same."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from selection.extensions import db
from selection.models import ConflictKind, Nomination, NominationStatus, NominationSummary, RecommendationLevel, Role
from selection.workflow import call_config
from selection.workflow import review as ops
from selection.workflow.review import CriterionEntry
from selection.workflow.review.summary import refresh_summaries
from selection.workflow.review_page import shortlist_page
from tests.selection.factories import review_call, shortlisted_call, staff, submitted


def scores(call, values: list[int]) -> dict[int, CriterionEntry]:
    return {c.id: CriterionEntry(value) for c, value in zip(call.rubric_criteria, values)}


def stored(nomination: Nomination) -> tuple[int, float | None, float | None]:
    row = db.session.execute(select(NominationSummary).where(NominationSummary.nomination_id == nomination.id)
                             .execution_options(populate_existing=True)).scalar_one_or_none()
    return (0, None, None) if row is None else (row.review_count, row.mean, row.merit)


def computed(nomination: Nomination) -> tuple[int, float | None, float | None]:
    aggregate = ops.scores_of(nomination)
    return aggregate.count, aggregate.mean, ops.merit_of(nomination, aggregate)


def assert_in_step(nomination: Nomination) -> tuple[int, float | None, float | None]:
    row, expected = stored(nomination), computed(nomination)
    assert row[0] == expected[0]
    for got, want in zip(row[1:], expected[1:]):
        assert (got is None) == (want is None) and (want is None or got == pytest.approx(want, abs=1e-9)), (row, expected)
    return row


@pytest.mark.usefixtures("app_ctx")
def test_the_summary_follows_reviews_conflicts_recommendations_and_the_formula() -> None:
    call = review_call()
    sec = staff("sec@un.example.org", Role.SECRETARIAT)
    r1, r2 = staff("r1@un.example.org", Role.REVIEWER), staff("r2@un.example.org", Role.REVIEWER)
    nomination, other = submitted(call, "Amina Diallo"), submitted(call, "Kofi Mensah", email="kofi@example.org")
    for n in (nomination, other):
        ops.screen(n, sec, eligible=True)
    ops.assign_in_bulk([nomination, other], [r1, r2], sec)
    assert stored(nomination) == (0, None, None)

    ops.save_review(nomination, r1, scores(call, [5, 4, 3, 5]), "", submit=False)  # a draft counts nowhere
    assert assert_in_step(nomination) == (0, None, None)
    ops.save_review(nomination, r1, scores(call, [5, 4, 3, 5]), "strong", submit=True)
    assert assert_in_step(nomination)[0] == 1
    ops.save_review(nomination, r2, scores(call, [1, 2, 2, 1]), "weak", submit=True)
    two = assert_in_step(nomination)
    assert two[0] == 2

    ops.revise_review(nomination, r2, scores(call, [5, 5, 5, 5]), "revised")
    revised = assert_in_step(nomination)
    assert revised[1] > two[1]

    ops.declare_conflict(nomination, r2, r2, kind=ConflictKind.SAME_ORGANIZATION)  # r2's review stops counting
    assert assert_in_step(nomination)[0] == 1

    nomination.status = NominationStatus.SHORTLISTED
    ops.record_recommendation(nomination, call.recommending_bodies[0], sec, level=RecommendationLevel.NOT_RECOMMENDED)
    recommended = assert_in_step(nomination)
    assert recommended[2] != recommended[1]  # the recommendation weighs in the merit

    formula = {"review_weight": 1.0, "recommendation_weight": 0.0, "recommendation_points": dict(
        call.merit_settings["recommendation_points"])}
    criteria = [{"row": i, **{name: getattr(c, name) for name in call_config.CRITERION_FIELDS}}
                for i, c in enumerate(call.rubric_criteria)]
    call_config.update_review_settings(call, criteria, [b.name for b in call.recommending_bodies], formula, sec)
    for n in (nomination, other):
        assert_in_step(n)
    assert stored(other) == (0, None, None)


@pytest.mark.usefixtures("app_ctx")
def test_recomputing_a_call_gives_the_rows_kept_along_the_way() -> None:
    call = review_call()
    sec, reviewer = staff("sec@un.example.org", Role.SECRETARIAT), staff("r1@un.example.org", Role.REVIEWER)
    nominations = [submitted(call, f"Person {i}", email=f"p{i}@example.org") for i in range(3)]
    for n in nominations:
        ops.screen(n, sec, eligible=True)
    ops.assign_in_bulk(nominations, [reviewer], sec)
    for value, n in zip([1, 3, 5], nominations):
        ops.save_review(n, reviewer, scores(call, [value] * 4), "", submit=True)
    kept = [stored(n) for n in nominations]
    refresh_summaries(call)
    assert [stored(n) for n in nominations] == kept
    assert [row[1] for row in kept] == sorted(row[1] for row in kept)


@pytest.mark.usefixtures("app_ctx")
def test_the_shortlist_pages_by_group_then_merit_as_the_whole_shortlist_sorts() -> None:
    call, nominations = shortlisted_call()
    merits = {n.id: computed(n)[2] for n in nominations}
    expected = [n.id for n in sorted(nominations, key=lambda n: (n.group.position, -(merits[n.id] or 0), n.id))]
    pages = [shortlist_page(call, number, per_page=4) for number in (1, 2, 3, 4, 9)]
    assert [(p.number, p.pages, p.total) for p in pages] == [(1, 4, 15), (2, 4, 15), (3, 4, 15), (4, 4, 15), (4, 4, 15)]
    assert [d.nomination.id for p in pages[:4] for d in p.rows] == expected
    assert all(d.merit == pytest.approx(merits[d.nomination.id]) for p in pages for d in p.rows)
