"""Why is a candidate on no slate? The best slate that includes them, and the rules in the way.

``explain_absence(problem, candidate_id)`` answers for one candidate:

- ``status``: ``on_slate`` (they are on slate ``rank``: nothing to explain),
  ``excluded``, ``possible`` (some slate with them keeps the hard rules),
  ``impossible`` (none does) or ``unknown`` (the time limit ran out first);
- the best slate that includes them (the tie-broken optimum with the candidate
  forced in), its score and ``cost`` = slate 1's score minus its score;
  ``replaces``: the members of slate 1 it drops, ``joins``: the others it brings in;
- ``blocking``: the rules that stand in the way: each rule whose lifting (with
  the candidate still forced in) gives a better slate, or any slate at all,
  with the cost against slate 1 once it is lifted (<= 0: the candidate would
  get in at no cost);
- ``conflicts`` (impossible only): the conflict analysis of the problem with
  the candidate pinned: a minimal set of rules, pins and exclusions that
  cannot hold together with them (see explain.py), each with its relaxation;
- ``swaps``: for each member of slate 1, what a direct swap would break (the
  hard and soft violations of slate 1 with the candidate in that member's seat):
  "replacing n17 would leave African States without a government seat".

Every answer comes from one engine whose pool holds what the presolve keeps
with the candidate pinned, for the problem and for each rule lifted.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from .engine import Engine, Question
from .explain import find_conflicts
from .prices import price_pools
from .problem import Problem
from .result import Conflict, Result, SolveStatus, Violation, conflict_to_json, json_number, violation_to_json
from .rules import describe_rule, rule_parts
from .scoring import scoring_for
from .solidity import binding_rules, slate_score
from .validate import rule_violations

_QUESTION_TIME_S = 5.0


@dataclass(frozen=True)
class Blocking:
    """A rule in the way: the cost against slate 1 once it is lifted (None: lifting it alone is not enough)."""

    rule: int
    cost_without: float | None


@dataclass(frozen=True)
class Swap:
    """The candidate directly in ``member``'s seat of slate 1: the score change and what it breaks."""

    member: str
    score_change: float
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class Absence:
    """Why a candidate is on no slate (see the module docstring)."""

    candidate: str
    status: str  # "on_slate", "excluded", "possible", "impossible", "unknown" (the time limit ran out)
    rank: int | None = None
    slate: tuple[str, ...] = ()
    score: float | None = None
    cost: float | None = None
    replaces: tuple[str, ...] = ()
    joins: tuple[str, ...] = ()
    binding_rules: tuple[int, ...] = ()
    blocking: tuple[Blocking, ...] = ()
    swaps: tuple[Swap, ...] = ()
    conflicts: tuple[Conflict, ...] = ()  # impossible: a minimal set of rules and pins that keeps them out


def explain_absence(problem: Problem, candidate_id: str, result: Result | None = None) -> Absence:
    """Why ``candidate_id`` is on no slate of ``result`` (solved here when not given).

    ``ValueError`` for an unknown id; an infeasible problem gives status ``impossible``.
    """
    from .solver import solve  # solver imports this package's modules; solve only when asked

    if candidate_id not in problem.candidate_by_id:
        raise ValueError(f"candidate: unknown candidate id {candidate_id!r}")
    if candidate_id in problem.excluded:
        return Absence(candidate_id, "excluded")
    if result is None:
        result = solve(problem.with_changes(explain=False, robustness=0))
    for slate in result.slates:
        if candidate_id in slate.members:
            return Absence(candidate_id, "on_slate", rank=slate.rank, slate=slate.members, score=slate.score, cost=0.0)
    if not result.slates:
        return Absence(candidate_id, "impossible" if result.status is SolveStatus.INFEASIBLE else "unknown")
    return _explain(problem, candidate_id, result.slates[0].members)


def _explain(problem: Problem, candidate_id: str, first: tuple[str, ...]) -> Absence:
    deadline = time.monotonic() + problem.time_limit_s
    parts = rule_parts(problem)
    scoring = scoring_for(problem, parts)
    merit, penalty = slate_score(problem, parts, first)
    first_score = merit - penalty
    swaps = tuple(_swap(problem, parts, first, member, candidate_id, first_score) for member in first)
    if len(problem.pinned) >= problem.seats:  # every seat is pinned: no room for anyone else
        return Absence(candidate_id, "impossible", swaps=swaps)
    engine = Engine(problem, parts, scoring)
    engine.add_candidates(price_pools(problem, scoring, extra_pins=[candidate_id], base=True))
    forced = engine.ask(Question(forced_in=[candidate_id], hint=first), _budget(deadline))
    cost = _cost(problem, parts, first_score, forced.members)
    blocking = []
    for index in range(len(problem.rules)):
        outcome = engine.ask(Question(rules_off=[index], forced_in=[candidate_id], hint=forced.members or first),
                             _budget(deadline))  # fmt: skip
        lifted = _cost(problem, [p for p in parts if p.rule_index != index], first_score, outcome.members)
        if lifted is not None and (cost is None or lifted < cost - 1e-9):
            blocking.append(Blocking(index, lifted))
    if forced.members is None and forced.status != cp_model.INFEASIBLE:
        return Absence(candidate_id, "unknown", swaps=swaps)
    if forced.members is None:
        pinned = problem.with_changes(pinned=problem.pinned + (candidate_id,))
        conflicts, _, _ = find_conflicts(pinned, rule_parts(pinned), time.monotonic() + problem.time_limit_s)
        return Absence(candidate_id, "impossible", blocking=tuple(blocking), swaps=swaps, conflicts=conflicts)
    members = tuple(sorted(forced.members, key=lambda m: (-problem.candidate_by_id[m].score, m)))
    return Absence(
        candidate_id, "possible", slate=members, score=round(first_score - (cost or 0.0), 9), cost=cost,
        replaces=tuple(m for m in first if m not in forced.members),
        joins=tuple(m for m in members if m not in first and m != candidate_id),
        binding_rules=binding_rules(parts, members), blocking=tuple(blocking), swaps=swaps,
    )  # fmt: skip


def _budget(deadline: float) -> float:
    return max(0.01, min(_QUESTION_TIME_S, deadline - time.monotonic()))


def _cost(problem: Problem, parts: list, first_score: float, members: tuple[str, ...] | None) -> float | None:
    if members is None:
        return None
    merit, penalty = slate_score(problem, parts, members)
    return round(first_score - (merit - penalty), 9)


def _swap(problem: Problem, parts: tuple, first: tuple[str, ...], member: str, candidate_id: str, first_score: float) -> Swap:
    members = [candidate_id if m == member else m for m in first]
    merit, penalty = slate_score(problem, parts, members)
    pins = [Violation("pinned", f"pinned candidate {member} would leave", candidate=member)] if member in problem.pinned else []
    violations = tuple(pins + rule_violations(problem, set(members), parts))
    return Swap(member, round(merit - penalty - first_score, 9), violations)


def absence_to_json(absence: Absence) -> dict[str, Any]:
    """The answer as a JSON object (what ``why-not --json`` prints)."""
    return {
        "candidate": absence.candidate,
        "status": absence.status,
        "rank": absence.rank,
        "slate": list(absence.slate),
        "score": json_number(absence.score),
        "cost": json_number(absence.cost),
        "replaces": list(absence.replaces),
        "joins": list(absence.joins),
        "binding_rules": list(absence.binding_rules),
        "blocking": [{"rule": b.rule, "cost_without": json_number(b.cost_without)} for b in absence.blocking],
        "swaps": [{"member": s.member, "score_change": json_number(s.score_change),
                   "violations": [violation_to_json(v) for v in s.violations]} for s in absence.swaps],  # fmt: skip
        "conflicts": [conflict_to_json(c) for c in absence.conflicts],
    }


def _score(value: float) -> str:
    return f"{value:g}"


def _names(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def absence_text(problem: Problem, absence: Absence) -> list[str]:
    """The answer in sentences (what ``why-not`` prints), one per line."""
    who = absence.candidate
    if absence.status == "on_slate":
        return [f"{who} is on slate {absence.rank}."]
    if absence.status == "excluded":
        return [f"{who} is excluded: no slate may hold them."]
    lines = [f"{who} is on no slate."]
    if absence.status == "unknown":
        return lines + [f"The time limit ran out before a slate with {who} was found."]
    if absence.status == "impossible":
        lines.append(f"No slate that keeps the hard rules includes {who}.")
        lines += [f"- {c.text}" for c in absence.conflicts]
    else:
        cost = absence.cost or 0.0
        lines.append(f"The best slate with {who} scores {_score(absence.score or 0.0)}, "
                     + (f"{_score(cost)} less than slate 1: " if cost > 1e-9 else "as much as slate 1: ")
                     + ", ".join(absence.slate) + ".")  # fmt: skip
        if absence.replaces:
            joins = f"; {_names(absence.joins)} would also join" if absence.joins else ""
            lines.append(f"{who} would replace {_names(absence.replaces)}{joins}.")
    if absence.blocking:
        lines.append("Rules in the way:")
        for block in absence.blocking:
            label = describe_rule(problem.rules[block.rule])
            cost = block.cost_without
            effect = "gets in at no cost" if cost is not None and cost <= 1e-9 else f"gets in at a cost of {_score(cost or 0.0)}"
            lines.append(f"- {label}: without it, {who} {effect}.")
    if absence.swaps:
        lines.append(f"{who} directly in a member's seat of slate 1:")
        for swap in absence.swaps:
            broken = [v.text for v in swap.violations]
            lines.append(f"- replacing {swap.member} ({swap.score_change:+g}): " + ("; ".join(broken) or "breaks no rule"))
    return lines
