"""``solve``: slates, their explanations, or the conflicts that make the problem infeasible."""

from __future__ import annotations

import time
from typing import Any

from .diversity import FoundSlate, find_slates
from .explain import find_conflicts
from .presolve import Presolver
from .problem import Problem
from .result import Result, Slate, SolveStatus, problem_from_json, result_to_json
from .rules import RulePart, rule_parts
from .scoring import Scoring, scoring_for
from .solidity import binding_rules, replacement_costs, slate_score
from .validate import rule_violations


def solve(problem: Problem) -> Result:
    """The best ``problem.slates`` diverse slates, or the conflicts when the hard rules cannot hold.

    Never raises for a valid problem: when the time limit runs out the slates
    found so far come back with status ``feasible`` (or ``unknown`` if none).
    """
    started = time.monotonic()
    deadline = started + problem.time_limit_s
    parts = rule_parts(problem)
    scoring = scoring_for(problem, parts)
    presolver = Presolver(problem, scoring)
    search = find_slates(problem, parts, scoring, presolver, deadline)
    if search.infeasible:
        conflicts, explanation, minimal = find_conflicts(problem, parts, time.monotonic() + problem.time_limit_s)
        return Result(SolveStatus.INFEASIBLE, conflicts=conflicts, explanation=explanation,
                      conflicts_minimal=minimal, wall_time_s=time.monotonic() - started)  # fmt: skip
    if not search.slates:
        return Result(SolveStatus.UNKNOWN, wall_time_s=time.monotonic() - started)
    slates = tuple(
        _slate(problem, parts, scoring, presolver, search.slates, rank, deadline)
        for rank in range(1, len(search.slates) + 1)
    )
    status = SolveStatus.OPTIMAL if search.complete else SolveStatus.FEASIBLE
    return Result(status, slates, bound=search.slates[0].bound, wall_time_s=time.monotonic() - started)


def _slate(
    problem: Problem,
    parts: tuple[RulePart, ...],
    scoring: Scoring,
    presolver: Presolver,
    found: tuple[FoundSlate, ...],
    rank: int,
    deadline: float,
) -> Slate:
    this = found[rank - 1]
    members = tuple(sorted(this.members, key=lambda m: (-problem.candidate_by_id[m].score, m)))
    merit, penalty = slate_score(problem, parts, members)
    earlier = [s.members for s in found[: rank - 1]]
    costs = replacement_costs(problem, parts, scoring, presolver, members, earlier, deadline) if problem.explain else {}
    return Slate(
        rank=rank,
        members=members,
        score=round(merit - penalty, 9),
        merit=round(merit, 9),
        penalty=round(penalty, 9),
        proven_optimal=this.proven_optimal,
        bound=this.bound,
        binding_rules=binding_rules(parts, members),
        soft_violations=tuple(v for v in rule_violations(problem, set(members), parts) if v.soft),
        replacement_cost=costs,
    )


def solve_json(data: Any) -> dict[str, Any]:
    """Solve a parsed JSON problem; an invalid one gives status ``invalid`` with an ``error`` naming the field."""
    try:
        problem = problem_from_json(data)
    except ValueError as error:
        return result_to_json(Result(SolveStatus.INVALID, error=str(error)))
    return result_to_json(solve(problem))
