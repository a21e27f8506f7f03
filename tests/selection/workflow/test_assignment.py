"""The balanced automatic assignment (pure): every nomination gets N reviewers, nobody more
than the ceiling of the share, never a conflicted pair; impossible cases are explained."""
from __future__ import annotations

import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from selection.workflow.assignment import balanced_assignment


def loads(pairs) -> Counter:
    return Counter(r for _n, r in pairs)


def test_each_nomination_gets_n_reviewers_and_the_load_is_even() -> None:
    plan = balanced_assignment(list(range(10)), ["a", "b", "c", "d"], 2)
    assert plan.complete and plan.cap == math.ceil(20 / 4)
    per_nomination = Counter(n for n, _r in plan.pairs)
    assert all(per_nomination[n] == 2 for n in range(10))
    assert len(set(plan.pairs)) == 20
    assert max(loads(plan.pairs).values()) <= 5


def test_conflicts_are_never_assigned() -> None:
    conflicts = {(0, "a"), (0, "b"), (1, "c")}
    plan = balanced_assignment([0, 1, 2], ["a", "b", "c"], 1, conflicts=conflicts)
    assert plan.complete and not set(plan.pairs) & conflicts
    assert dict(plan.pairs)[0] == "c"


def test_existing_assignments_count_toward_the_need_and_the_load() -> None:
    plan = balanced_assignment([0, 1], ["a", "b"], 2, existing={0: {"a"}})
    assert plan.complete
    assert sorted(plan.pairs) == [(0, "b"), (1, "a"), (1, "b")]


def test_load_outside_the_nominations_is_respected() -> None:
    plan = balanced_assignment([0, 1], ["a", "b"], 1, existing_load={"a": 2})
    assert plan.complete and plan.cap == 2
    assert loads(plan.pairs) == Counter({"b": 2})


def test_too_few_reviewers_free_of_conflict_is_explained_per_nomination() -> None:
    plan = balanced_assignment([7, 8], ["a", "b"], 2, conflicts={(7, "a")}, label={7: "#7 Amina Diallo"})
    assert not plan.complete
    assert plan.problems == ["#7 Amina Diallo: only 1 reviewer without a declared conflict, 2 needed."]


def test_more_reviewers_per_nomination_than_reviewers_is_explained() -> None:
    plan = balanced_assignment([1], ["a"], 3)
    assert plan.problems == ["3 reviewers per nomination were asked for, but there is only 1 reviewer."]


def test_no_reviewers_or_zero_per_nomination_is_explained() -> None:
    assert "no reviewers" in balanced_assignment([1], [], 1).problems[0]
    assert "at least one" in balanced_assignment([1], ["a"], 0).problems[0]


def test_when_the_cap_cannot_hold_with_the_conflicts_the_shortfall_is_counted() -> None:
    # Everyone but "a" is conflicted with every nomination: a would need all 3; the cap is 2.
    conflicts = {(n, r) for n in range(3) for r in ("b", "c")}
    plan = balanced_assignment([0, 1, 2], ["a", "b", "c"], 1, conflicts=conflicts)
    assert not plan.complete
    assert "2 reviews could not be placed with at most 1 nomination per reviewer" in plan.problems[0]


def test_a_greedy_trap_is_solved_by_the_flow() -> None:
    # Nomination 0 can only go to "a"; a greedy pass giving "a" to nomination 1 first would fail.
    plan = balanced_assignment([1, 0], ["a", "b"], 1, conflicts={(0, "b")})
    assert plan.complete and set(plan.pairs) == {(0, "a"), (1, "b")}


@settings(max_examples=60, deadline=None)
@given(nominations=st.integers(1, 12), reviewers=st.integers(1, 6), per=st.integers(1, 3),
       conflict_bits=st.lists(st.booleans(), min_size=72, max_size=72))
def test_any_plan_keeps_the_rules(nominations: int, reviewers: int, per: int, conflict_bits: list[bool]) -> None:
    names = [f"r{i}" for i in range(reviewers)]
    conflicts = {(n, names[r]) for n in range(nominations) for r in range(reviewers)
                 if conflict_bits[(n * 6 + r) % 72] and conflict_bits[(n + r) % 72]}
    plan = balanced_assignment(list(range(nominations)), names, per, conflicts=conflicts)
    assert not set(plan.pairs) & conflicts
    assert len(set(plan.pairs)) == len(plan.pairs)
    assert all(load <= plan.cap for load in loads(plan.pairs).values())
    per_nomination = Counter(n for n, _r in plan.pairs)
    assert all(count <= per for count in per_nomination.values())
    if plan.complete:
        assert all(per_nomination[n] == per for n in range(nominations))
    else:
        assert plan.problems
