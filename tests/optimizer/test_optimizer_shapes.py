"""Realistic shapes: the Leadership Panel, citizens' assemblies, determinism across workers."""

from __future__ import annotations

import pytest

from optimizer import Problem, Rule, SolveStatus, solve, validate
from optimizer.samples import GROUPS, REGIONS, citizens_assembly, leadership_panel


def _hard_violations(problem: Problem, members: tuple[str, ...]) -> list:
    return [v for v in validate(problem, members) if v.hard]


def test_leadership_panel_slates() -> None:
    problem = leadership_panel(400, seed=3, slates=5, min_difference=2, time_limit_s=30)
    result = solve(problem)
    assert result.status is SolveStatus.OPTIMAL and len(result.slates) == 5
    scores = [s.score for s in result.slates]
    assert scores == sorted(scores, reverse=True) and result.bound == scores[0]
    for rank, slate in enumerate(result.slates, start=1):
        assert slate.rank == rank and slate.proven_optimal and not _hard_violations(problem, slate.members)
        people = [problem.candidate_by_id[m].attributes for m in slate.members]
        assert sorted(p["group"] for p in people) == sorted(GROUPS * 2)
        assert {p["region"] for p in people} == set(REGIONS)
        assert len({p["country"] for p in people}) == 10
        assert set(slate.replacement_cost) == set(slate.members)
        assert all(cost is None or cost >= -1e-9 for cost in slate.replacement_cost.values())
    for earlier, later in zip(result.slates, result.slates[1:]):
        assert len(set(later.members) - set(earlier.members)) >= 2


def test_same_answer_whatever_the_workers() -> None:
    problem = leadership_panel(1500, seed=11, slates=5, min_difference=2, explain=False, time_limit_s=60)
    answers = [solve(problem.with_changes(workers=workers)) for workers in (1, 8, 8)]
    assert all(a.status is SolveStatus.OPTIMAL for a in answers)
    slates = [[s.members for s in a.slates] for a in answers]
    assert slates[0] == slates[1] == slates[2]


def test_equal_scores_are_broken_deterministically() -> None:
    problem = citizens_assembly(20, 100, seed=5, slack=1, slates=3, explain=False, time_limit_s=30)
    answers = [solve(problem.with_changes(workers=workers)) for workers in (1, 4)]
    assert all(a.status is SolveStatus.OPTIMAL for a in answers)
    assert [s.members for s in answers[0].slates] == [s.members for s in answers[1].slates]


@pytest.mark.parametrize(("seats", "pool", "slack"), [(20, 100, 0), (60, 600, 1), (200, 2000, 1)])
def test_citizens_assembly_gives_a_valid_panel(seats: int, pool: int, slack: int) -> None:
    problem = citizens_assembly(seats, pool, seed=seats, slack=slack, pins=3, explain=False, time_limit_s=10)
    result = solve(problem)
    assert result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    members = result.slates[0].members
    assert not _hard_violations(problem, members) and set(problem.pinned) <= set(members)


def test_citizens_assembly_infeasible_gives_a_minimal_conflict() -> None:
    problem = citizens_assembly(30, 300, seed=2, slack=1, explain=False, time_limit_s=60)
    # Every age band may have at most 4 seats: six bands hold 24 < 30 seats.
    rules = tuple(Rule(r.attribute, r.value, min=min(r.min or 0, 4), max=4) if r.attribute == "age" else r
                  for r in problem.rules)  # fmt: skip
    problem = problem.with_changes(rules=rules)
    result = solve(problem)
    assert result.status is SolveStatus.INFEASIBLE
    conflicting = {c.rule for c in result.conflicts if c.rule is not None}
    assert {problem.rules[i].attribute for i in conflicting} == {"age"} and len(conflicting) == 6
    # Fewer seats alone cannot help: the 語 minimums need 26 seats, more than the 24 the ages allow.
    assert any(c.seats == 30 and c.relaxation is None for c in result.conflicts)
    assert all(c.relaxation == {"max": 10} for c in result.conflicts if c.rule is not None)  # 30 - 5 * 4
    assert result.conflicts_minimal
    for dropped in conflicting:  # minimal: without any one of them the rest can hold
        kept = tuple(problem.rules[i] for i in sorted(conflicting - {dropped}))
        assert solve(problem.with_changes(rules=kept)).status is SolveStatus.OPTIMAL


def test_progress_is_reported_for_each_slate_found() -> None:
    from optimizer import Progress, solve
    from optimizer.samples import leadership_panel

    problem = leadership_panel(candidates=120, seed=3, slates=4, min_difference=2, explain=False)
    reports: list[Progress] = []
    result = solve(problem, progress=reports.append)
    assert len(result.slates) == 4
    assert [r.slates_found for r in reports] == [1, 2, 3, 4]
    assert all(r.best_score == result.slates[0].score for r in reports)
    assert reports[0].bound == result.slates[0].bound
    assert all(later.elapsed_s >= earlier.elapsed_s for earlier, later in zip(reports, reports[1:]))
