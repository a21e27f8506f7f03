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


def test_shortages_are_explained_by_area_when_areas_are_given() -> None:
    conflicts = {(n, r) for n in (1, 2, 3) for r in ("a", "b")}
    area = {1: "Civil society", 2: "Civil society", 3: "Civil society", 4: "Government"}
    plan = balanced_assignment([1, 2, 3, 4], ["a", "b", "c", "d"], 3, conflicts=conflicts, area=area,
                               label={1: "#1 Amina", 2: "#2 Kwame", 3: "#3 Lena"})
    assert plan.problems == ["3 nominations of Civil society have fewer than 3 eligible reviewers after conflicts "
                             "(#1 Amina, #2 Kwame, #3 Lena)."]


def test_reviewers_with_the_areas_expertise_are_preferred_and_share_it_evenly() -> None:
    area = {n: ("Government" if n < 6 else "Civil society") for n in range(12)}
    expertise = {"a": {"Government"}, "b": {"Government"}, "c": {"Civil society"}, "d": {"Civil society"}}
    plan = balanced_assignment(list(range(12)), ["a", "b", "c", "d"], 1, area=area, expertise=expertise)
    assert plan.complete and loads(plan.pairs) == Counter({"a": 3, "b": 3, "c": 3, "d": 3})
    assert all(area[n] in expertise[r] for n, r in plan.pairs)


def test_without_expertise_each_area_is_spread_over_the_reviewers() -> None:
    area = {n: ("Government" if n < 6 else "Civil society") for n in range(12)}
    plan = balanced_assignment(list(range(12)), ["a", "b", "c"], 1, area=area)
    per_area = Counter((area[n], r) for n, r in plan.pairs)
    assert plan.complete and set(per_area.values()) == {2}  # every reviewer reads 2 of each area


def brute_force_most_placed(nominations: list[int], reviewers: list[str], per: int,
                            conflicts: set[tuple[int, str]], cap: int) -> int:
    """The most reviews placeable: every choice of reviewer set per nomination, tried."""
    from itertools import combinations, product

    options = [[c for size in range(per + 1) for c in combinations(reviewers, size)
                if not any((n, r) in conflicts for r in c)] for n in nominations]
    best = 0
    for choice in product(*options):
        load = Counter(r for chosen in choice for r in chosen)
        if all(v <= cap for v in load.values()):
            best = max(best, sum(len(chosen) for chosen in choice))
    return best


@settings(max_examples=40, deadline=None)
@given(nominations=st.integers(1, 4), reviewers=st.integers(1, 3), per=st.integers(1, 2),
       conflict_bits=st.lists(st.booleans(), min_size=12, max_size=12))
def test_the_solver_places_as_many_reviews_as_brute_force(nominations: int, reviewers: int, per: int,
                                                          conflict_bits: list[bool]) -> None:
    names = ["a", "b", "c"][:reviewers]
    noms = list(range(nominations))
    conflicts = {(n, names[r]) for n in noms for r in range(reviewers) if conflict_bits[n * 3 + r]}
    plan = balanced_assignment(noms, names, per, conflicts=conflicts)
    if per > reviewers:
        return
    best = brute_force_most_placed(noms, names, per, conflicts, plan.cap)
    assert len(plan.pairs) == best
    assert plan.complete == (best == per * nominations)
