"""The optimizer against brute-force enumeration on many small random problems."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.optimizer.optimizer_oracle import best_score, feasible_subset

from optimizer import Candidate, Problem, Rule, SolveStatus, solve, validate

ATTRIBUTES = {"group": ("g1", "g2", "g3"), "region": ("r1", "r2"), "gender": ("w", "m")}


@st.composite
def rules(draw: st.DrawFn) -> Rule:
    attribute = draw(st.sampled_from(sorted(ATTRIBUTES)))
    value = draw(st.sampled_from(("*",) + ATTRIBUTES[attribute]))
    low = draw(st.none() | st.integers(0, 3))
    high = draw(st.none() | st.integers(low or 0, 3)) if low is not None else draw(st.integers(0, 3))
    other = draw(st.sampled_from(sorted(set(ATTRIBUTES) - {attribute})))
    where = draw(st.none() | st.just({other: ATTRIBUTES[other][0]}))
    penalty = draw(st.none() | st.sampled_from((0.5, 4.0, 30.0)))
    return Rule(attribute, value, min=low, max=high, where=where, penalty=penalty)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    count = draw(st.integers(3, 8))
    candidates = tuple(
        Candidate(
            f"c{i}",
            draw(st.sampled_from((0.0, 1.0, 2.5, 3.0, 5.0, 7.5))),
            {name: draw(st.sampled_from(values)) for name, values in ATTRIBUTES.items()},
        )
        for i in range(count)
    )
    seats = draw(st.integers(1, min(4, count)))
    ids = [c.id for c in candidates]
    pinned = draw(st.lists(st.sampled_from(ids), unique=True, max_size=min(2, seats)))
    excluded = draw(st.lists(st.sampled_from([i for i in ids if i not in pinned]), unique=True, max_size=2))
    return Problem(
        seats=seats,
        candidates=candidates,
        rules=tuple(draw(st.lists(rules(), max_size=4))),
        pinned=tuple(pinned),
        excluded=tuple(excluded),
        slates=draw(st.integers(1, 3)),
        min_difference=draw(st.integers(1, 2)),
        workers=1,
    )


def _conflict_items(problem: Problem, conflicts) -> tuple[set[int], bool, set[str], set[str]]:
    rules = {c.rule for c in conflicts if c.rule is not None}
    seats = any(c.seats is not None for c in conflicts)
    pinned = {c.pinned for c in conflicts if c.pinned is not None}
    excluded = {c.excluded for c in conflicts if c.excluded is not None}
    return rules, seats, pinned, excluded


def _check_conflicts_minimal(problem: Problem, conflicts) -> None:
    rules, seats, pinned, excluded = _conflict_items(problem, conflicts)
    assert not feasible_subset(problem, rules, seats, pinned, excluded)
    for rule in rules:
        assert feasible_subset(problem, rules - {rule}, seats, pinned, excluded)
    if seats:
        assert feasible_subset(problem, rules, False, pinned, excluded)
    for pin in pinned:
        assert feasible_subset(problem, rules, seats, pinned - {pin}, excluded)
    for out in excluded:
        assert feasible_subset(problem, rules, seats, pinned, excluded - {out})


def _check_relaxations(problem: Problem, conflicts) -> None:
    everything = set(range(len(problem.rules)))
    for conflict in conflicts:
        if conflict.rule is None or conflict.relaxation is None:
            continue
        rule = problem.rules[conflict.rule]
        relaxed = Rule(rule.attribute, rule.value, min=conflict.relaxation.get("min", rule.min),
                       max=conflict.relaxation.get("max", rule.max), where=rule.where)  # fmt: skip
        changed = problem.with_changes(rules=problem.rules[: conflict.rule] + (relaxed,) + problem.rules[conflict.rule + 1 :])
        assert feasible_subset(changed, everything, True, problem.pinned, problem.excluded)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_matches_brute_force(problem: Problem) -> None:
    result = solve(problem)
    best = best_score(problem)
    if best is None:
        assert result.status is SolveStatus.INFEASIBLE
        assert result.conflicts
        _check_conflicts_minimal(problem, result.conflicts)
        _check_relaxations(problem, result.conflicts)
        return
    assert result.status is SolveStatus.OPTIMAL
    assert math.isclose(result.slates[0].score, best, abs_tol=1e-6)
    earlier: list[tuple[str, ...]] = []
    for slate in result.slates:
        assert not [v for v in validate(problem, slate.members) if v.hard]
        assert all(len(set(slate.members) - set(e)) >= problem.min_difference for e in earlier)
        assert math.isclose(slate.score, best_score(problem, earlier), abs_tol=1e-6)
        earlier.append(slate.members)
    if len(result.slates) < problem.slates:
        assert best_score(problem, earlier) is None  # no further slate exists


@settings(max_examples=40, deadline=None)
@given(problems())
def test_replacement_cost_matches_brute_force(problem: Problem) -> None:
    result = solve(problem.with_changes(slates=1))
    if result.status is not SolveStatus.OPTIMAL:
        return
    slate = result.slates[0]
    for member, cost in slate.replacement_cost.items():
        pinned = tuple(p for p in problem.pinned if p != member)
        without = problem.with_changes(pinned=pinned, excluded=problem.excluded + (member,), slates=1)
        best = best_score(without)
        if best is None:
            assert cost is None
        else:
            assert cost is not None and math.isclose(cost, slate.score - best, abs_tol=1e-6)


COUNTRIES = {"r1": ("A", "B", "C", "D"), "r2": ("E", "F")}


@st.composite
def country_problems(draw: st.DrawFn) -> Problem:
    """Big coarse groups with a per-value attribute (country, nested in region): the presolve's hardest cut."""
    candidates = []
    for i in range(draw(st.integers(5, 11))):
        region = draw(st.sampled_from(sorted(COUNTRIES)))
        attributes = {"group": draw(st.sampled_from(("g1", "g2"))), "region": region,
                      "country": draw(st.sampled_from(COUNTRIES[region]))}  # fmt: skip
        candidates.append(Candidate(f"c{i}", draw(st.sampled_from((1.0, 2.0, 3.5, 5.0))), attributes))
    seats = draw(st.integers(1, 4))
    rules = [Rule("country", max=draw(st.integers(1, 2))), Rule("region", max=draw(st.integers(1, 4)))]
    if draw(st.booleans()):
        rules.append(Rule("group", "g2", min=draw(st.integers(0, 2)), max=draw(st.integers(2, 3))))
    ids = [c.id for c in candidates]
    pinned = draw(st.lists(st.sampled_from(ids), unique=True, max_size=1))
    return Problem(seats=seats, candidates=tuple(candidates), rules=tuple(rules), pinned=tuple(pinned),
                   slates=draw(st.integers(1, 3)), min_difference=draw(st.integers(1, 2)), workers=1)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(country_problems())
def test_presolve_keeps_the_optimum_with_a_per_value_attribute(problem: Problem) -> None:
    result = solve(problem)
    earlier: list[tuple[str, ...]] = []
    for slate in result.slates:
        assert math.isclose(slate.score, best_score(problem, earlier), abs_tol=1e-6)
        earlier.append(slate.members)
    if len(result.slates) < problem.slates:
        assert best_score(problem, earlier) is None
    for member, cost in (result.slates[0].replacement_cost if result.slates else {}).items():
        without = problem.with_changes(pinned=tuple(p for p in problem.pinned if p != member), excluded=(member,))
        best = best_score(without)
        assert (cost is None) if best is None else math.isclose(cost, result.slates[0].score - best, abs_tol=1e-6)
