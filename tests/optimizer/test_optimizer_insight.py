"""Rule prices, "why not X" and robustness against brute-force enumeration on small random problems."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.optimizer.optimizer_oracle import best_slate, best_score
from tests.optimizer.test_optimizer_oracle import country_problems, problems

from optimizer import Problem, SolveStatus, explain_absence, solve
from optimizer.robustness import sampled_problem, score_draws

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _without(problem: Problem, lifted: set[int]) -> Problem:
    return problem.with_changes(rules=tuple(r for i, r in enumerate(problem.rules) if i not in lifted))


@st.composite
def quota_problems(draw: st.DrawFn) -> Problem:
    """Random problems, some rules marked as seat quotas."""
    problem = draw(problems())
    marks = draw(st.lists(st.booleans(), min_size=len(problem.rules), max_size=len(problem.rules)))
    return problem.with_changes(rules=tuple(replace(r, quota=m) for r, m in zip(problem.rules, marks)), slates=1)


@SETTINGS
@given(quota_problems())
def test_rule_price_is_the_difference_of_two_enumerated_optima(problem: Problem) -> None:
    result = solve(problem)
    if result.status is not SolveStatus.OPTIMAL:
        assert result.rule_prices is None
        return
    prices = result.rule_prices
    slate = result.slates[0]
    variants = [({i}, prices.rules[i]) for i in range(len(problem.rules))]
    quotas = {i for i, r in enumerate(problem.rules) if r.quota}
    variants.append((set(range(len(problem.rules))) - quotas, prices.all_rules if problem.rules else None))
    if quotas:
        variants.append((quotas, prices.quotas))
    else:
        assert prices.quotas is None
    for lifted, price in variants:
        if not problem.rules:
            break
        without = _without(problem, lifted)
        expected = best_score(without) - best_score(problem)
        assert price is not None and price.proven
        assert price.delta_score >= -1e-9
        assert math.isclose(price.delta_score, expected, abs_tol=1e-6)
        members, _ = best_slate(without)
        assert set(price.joins) == set(members) - set(slate.members)
        assert set(price.leaves) == set(slate.members) - set(members)


@SETTINGS
@given(country_problems())
def test_rule_prices_with_a_per_value_attribute_match_brute_force(problem: Problem) -> None:
    """Lifting "at most m per country" changes the presolve's second argument: the pools must follow."""
    problem = problem.with_changes(slates=1)
    result = solve(problem)
    if result.status is not SolveStatus.OPTIMAL:
        return
    prices = result.rule_prices
    for index, price in enumerate(prices.rules):
        expected = best_score(_without(problem, {index})) - result.slates[0].score
        assert math.isclose(price.delta_score, expected, abs_tol=1e-6)
    assert math.isclose(prices.all_rules.delta_score, best_score(_without(problem, set(range(len(problem.rules)))))
                        - result.slates[0].score, abs_tol=1e-6)  # fmt: skip


@SETTINGS
@given(problems(), st.data())
def test_why_not_gives_the_best_slate_containing_the_candidate(problem: Problem, data: st.DataObject) -> None:
    problem = problem.with_changes(slates=1)
    candidate = data.draw(st.sampled_from([c.id for c in problem.candidates]))
    absence = explain_absence(problem, candidate)
    if candidate in problem.excluded:
        assert absence.status == "excluded"
        return
    first = best_score(problem)
    if first is None:
        assert absence.status == "impossible"
        return
    if absence.status == "on_slate":
        assert candidate in solve(problem).slates[0].members
        return
    forced = problem.with_changes(pinned=problem.pinned + (candidate,)) if len(problem.pinned) < problem.seats else None
    best = best_score(forced) if forced else None
    if best is None:
        assert absence.status == "impossible" and not absence.slate
    else:
        assert absence.status == "possible"
        assert candidate in absence.slate and set(problem.pinned) <= set(absence.slate)
        assert math.isclose(absence.score, best, abs_tol=1e-6)
        assert math.isclose(absence.cost, first - best, abs_tol=1e-6)
        assert set(absence.replaces) == set(solve(problem).slates[0].members) - set(absence.slate)
    for block in absence.blocking:  # lifting the rule lets the candidate in, or in more cheaply
        lifted = best_score(_without(forced, {block.rule})) if forced else None
        assert lifted is not None and math.isclose(block.cost_without, first - lifted, abs_tol=1e-6)
        assert best is None or lifted > best + 1e-9
    for index in set(range(len(problem.rules))) - {b.rule for b in absence.blocking}:
        lifted = best_score(_without(forced, {index})) if forced else None
        assert lifted is None or (best is not None and lifted <= best + 1e-9)


@st.composite
def uncertain_problems(draw: st.DrawFn) -> Problem:
    """Random problems whose candidates carry score samples or a standard deviation."""
    problem = draw(problems())
    candidates = []
    for candidate in problem.candidates:
        kind = draw(st.sampled_from(("samples", "sd", "none")))
        if kind == "samples":
            samples = draw(st.lists(st.sampled_from((0.0, 1.0, 2.5, 4.0, 6.0)), min_size=1, max_size=4))
            candidate = replace(candidate, score_samples=tuple(samples))
        elif kind == "sd":
            candidate = replace(candidate, score_sd=draw(st.sampled_from((0.5, 2.0))))
        candidates.append(candidate)
    return problem.with_changes(candidates=tuple(candidates), robustness=draw(st.integers(1, 6)),
                                seed=draw(st.integers(0, 99)), explain=False)  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uncertain_problems())
def test_robustness_shares_match_a_direct_resolve_of_each_sample(problem: Problem) -> None:
    result = solve(problem)
    if result.status is not SolveStatus.OPTIMAL:
        return
    robustness = result.robustness
    assert robustness.samples == robustness.requested == problem.robustness
    in_best: Counter[str] = Counter()
    best_of_proposed: Counter[int] = Counter()
    optimal: Counter[int] = Counter()
    for draw in score_draws(problem):
        sample = sampled_problem(problem, draw)
        members = set(solve(sample).slates[0].members)
        assert math.isclose(sum(draw[m] for m in members) - best_slate(sample)[1], best_score(sample), abs_tol=1e-6)
        in_best.update(members)
        scores = [sum(draw[m] for m in s.members) - s.penalty for s in result.slates]
        best_of_proposed[max(range(len(scores)), key=lambda i: (scores[i], -i))] += 1
        optimal.update(i for i, s in enumerate(result.slates) if set(s.members) == members)
    n = problem.robustness
    assert {m: share for m, share in robustness.members.items() if share} == {m: c / n for m, c in in_best.items()}
    assert [s.best_share for s in robustness.slates] == [best_of_proposed[i] / n for i in range(len(result.slates))]
    assert [s.optimal_share for s in robustness.slates] == [optimal[i] / n for i in range(len(result.slates))]
