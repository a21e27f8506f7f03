"""``solve``: slates, their explanations, or the conflicts that make the problem infeasible."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .diversity import FoundSlate, find_slates
from .engine import Engine
from .explain import find_conflicts
from .presolve import Presolver
from .prices import price_pools, rule_prices
from .problem import Problem
from .relaxation import Relaxation
from .result import Result, Slate, SolveStatus, problem_from_json, result_to_json
from .robustness import SampleProgress, analyse_robustness
from .rules import RulePart, rule_parts
from .scoring import scoring_for
from .solidity import binding_rules, replacement_costs, slate_score
from .validate import rule_violations


@dataclass(frozen=True)
class Progress:
    """How far a solve has come: reported each time one more slate is found."""

    slates_found: int
    best_score: float
    bound: float | None
    elapsed_s: float


ProgressCallback = Callable[[Progress], None]


def solve(
    problem: Problem, progress: ProgressCallback | None = None, sample_progress: SampleProgress | None = None
) -> Result:
    """The best ``problem.slates`` diverse slates, or the conflicts when the hard rules cannot hold.

    Never raises for a valid problem: when the time limit runs out the slates
    found so far come back with status ``feasible`` (or ``unknown`` if none).
    ``progress``, when given, is called each time one more slate is found (before
    the explanations are computed), so that a caller can show the solve advancing;
    ``sample_progress(done, total)`` after each resample of a robustness analysis.
    With ``explain`` the replacement costs and the rule prices come from the same
    engine (one CP-SAT model) as the slates.
    """
    started = time.monotonic()
    deadline = started + problem.time_limit_s
    parts = rule_parts(problem)
    scoring = scoring_for(problem, parts)
    presolver = Presolver(problem, scoring)
    engine = Engine(problem, parts, scoring)
    on_slate = _reporter(problem, parts, started, progress) if progress else None
    search = find_slates(problem, engine, presolver, deadline, on_slate=on_slate)
    if search.infeasible:
        conflicts, explanation, minimal = find_conflicts(problem, parts, time.monotonic() + problem.time_limit_s)
        return Result(SolveStatus.INFEASIBLE, conflicts=conflicts, explanation=explanation,
                      conflicts_minimal=minimal, wall_time_s=time.monotonic() - started)  # fmt: skip
    if not search.slates:
        return Result(SolveStatus.UNKNOWN, wall_time_s=time.monotonic() - started)
    relaxation = None
    if problem.explain:
        relaxation = Relaxation(problem, parts, scoring, engine.candidates, [s.members for s in search.slates])
    slates = tuple(_slate(problem, parts, engine, relaxation, search.slates, rank, deadline)
                   for rank in range(1, len(search.slates) + 1))  # fmt: skip
    prices = None
    if problem.explain:
        engine.add_candidates(price_pools(problem, scoring))
        prices = rule_prices(problem, parts, engine, search.slates[0].members, deadline)
    robust = None
    if problem.robustness:
        robust = analyse_robustness(problem, [s.members for s in slates], sample_progress)
    status = SolveStatus.OPTIMAL if search.complete else SolveStatus.FEASIBLE
    return Result(status, slates, bound=search.slates[0].bound, wall_time_s=time.monotonic() - started,
                  rule_prices=prices, robustness=robust)  # fmt: skip


def _reporter(
    problem: Problem, parts: tuple[RulePart, ...], started: float, progress: ProgressCallback
) -> Callable[[list[FoundSlate]], None]:
    """Turn the search's slates-so-far into a ``Progress`` for the caller."""

    def report(found: list[FoundSlate]) -> None:
        merit, penalty = slate_score(problem, parts, found[0].members)
        progress(Progress(len(found), round(merit - penalty, 9), found[0].bound, time.monotonic() - started))

    return report


def _slate(
    problem: Problem,
    parts: tuple[RulePart, ...],
    engine: Engine,
    relaxation: Relaxation | None,
    found: tuple[FoundSlate, ...],
    rank: int,
    deadline: float,
) -> Slate:
    this = found[rank - 1]
    members = tuple(sorted(this.members, key=lambda m: (-problem.candidate_by_id[m].score, m)))
    merit, penalty = slate_score(problem, parts, members)
    earlier = [s.members for s in found[: rank - 1]]
    costs = replacement_costs(problem, parts, engine, relaxation, members, earlier, deadline) if relaxation else {}
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


def solve_json(
    data: Any, progress: ProgressCallback | None = None, sample_progress: SampleProgress | None = None
) -> dict[str, Any]:
    """Solve a parsed JSON problem; an invalid one gives status ``invalid`` with an ``error`` naming the field."""
    try:
        problem = problem_from_json(data)
    except ValueError as error:
        return result_to_json(Result(SolveStatus.INVALID, error=str(error)))
    return result_to_json(solve(problem, progress, sample_progress))
