"""Brute-force reference answers for small problems, by enumerating every slate."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import combinations

from optimizer import Problem
from optimizer.rules import rule_parts
from optimizer.solidity import slate_score
from optimizer.validate import validate


def slates_of(problem: Problem, sizes: Iterable[int] | None = None) -> Iterable[tuple[str, ...]]:
    """Every set of candidate ids of the given sizes (default: the problem's seats)."""
    ids = [c.id for c in problem.candidates]
    for size in sizes if sizes is not None else [problem.seats]:
        yield from combinations(ids, size)


def acceptable(problem: Problem, members: Collection[str]) -> bool:
    """No hard violation."""
    return not any(v.hard for v in validate(problem, members))


def best_score(problem: Problem, earlier: Iterable[Collection[str]] = ()) -> float | None:
    """The best objective over acceptable slates differing enough from ``earlier``; None if none."""
    parts = rule_parts(problem)
    earlier = [set(s) for s in earlier]
    most_shared = problem.seats - problem.min_difference
    best = None
    for members in slates_of(problem):
        if any(len(set(members) & s) > most_shared for s in earlier) or not acceptable(problem, members):
            continue
        merit, penalty = slate_score(problem, parts, members)
        if best is None or merit - penalty > best:
            best = merit - penalty
    return best


def feasible_subset(
    problem: Problem, rules: Collection[int], seats: bool, pinned: Collection[str], excluded: Collection[str]
) -> bool:
    """Whether some slate obeys only the given hard rules, pins, exclusions and (if ``seats``) the seat count."""
    parts = [p for p in rule_parts(problem) if p.rule_index in rules and not p.soft]
    sizes = [problem.seats] if seats else range(len(problem.candidates) + 1)
    for members in slates_of(problem, sizes):
        chosen = set(members)
        if set(pinned) <= chosen and not chosen & set(excluded) and all(
            not p.shortfall(len(chosen & p.members)) for p in parts
        ):
            return True
    return False


def best_slate(problem: Problem) -> tuple[tuple[str, ...], float]:
    """The enumerated best slate under the tie-break the optimizer uses, and its soft penalty.

    Among the slates of the best score, the one with the largest sum of tie weights
    (``optimizer.scoring``): the optimizer's answer is unique, so it must be this one.
    """
    from optimizer.scoring import scoring_for

    parts = rule_parts(problem)
    scoring = scoring_for(problem, parts)
    best: tuple[int, int, tuple[str, ...], float] | None = None
    by_id = problem.candidate_by_id
    for members in slates_of(problem):
        if not acceptable(problem, members):
            continue
        merit, penalty = slate_score(problem, parts, members)
        primary = sum(scoring.primary(by_id[m]) for m in members) - sum(
            scoring.penalty(v_part) * v_part.shortfall(len(set(members) & v_part.members))
            for v_part in parts if v_part.soft
        )
        weight = sum(scoring.weight(by_id[m]) for m in members)
        if best is None or (primary, weight) > (best[0], best[1]):
            best = (primary, weight, members, penalty)
    if best is None:
        raise ValueError("no acceptable slate")
    return best[2], best[3]
