"""How solid a slate is: the rules it sits against, and what each member would cost to replace.

``replacement_cost[m]`` = this slate's score - the score of the best slate
without ``m`` that obeys the same rules, pins and (for ranks > 1) the same
difference from the earlier slates. A pinned member is unpinned for its own
solve, so its cost can be negative: that is what the pin costs. ``None`` means
irreplaceable (no such slate exists). A member missing from the mapping was
not computed before the time limit. When a solve runs out of time, the
cost is computed from the best alternative found (so it may be overstated).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence

from ortools.sat.python import cp_model

from .engine import Engine, Question
from .problem import Problem
from .relaxation import Relaxation
from .rules import RulePart, count_in
from .validate import rule_violations

_REPLACEMENT_TIME_S = 2.0  # per member; these solves are small and seeded with the slate as a hint


def binding_rules(parts: Sequence[RulePart], members: Collection[str]) -> tuple[int, ...]:
    """Indices of the rules with a value whose count sits exactly on its min (> 0) or max."""
    return tuple(sorted({p.rule_index for p in parts if p.is_tight(count_in(p, members))}))


def slate_score(problem: Problem, parts: Sequence[RulePart], members: Collection[str]) -> tuple[float, float]:
    """The members' merit (sum of scores) and the soft-rule penalty of the slate."""
    merit = sum(problem.candidate_by_id[m].score for m in members)
    penalty = sum(v.penalty for v in rule_violations(problem, set(members), parts) if v.soft)
    return merit, penalty


def replacement_costs(
    problem: Problem,
    parts: tuple[RulePart, ...],
    engine: Engine,
    relaxation: Relaxation,
    members: Sequence[str],
    earlier: Sequence[Collection[str]],
    deadline: float,
) -> dict[str, float | None]:
    """For each member of the slate of ``rank``, its score minus the best score without that member.

    None: irreplaceable. The engine's pool already holds the candidates the
    presolve keeps with one spare per signature beside the ``earlier`` slates
    (the engine's slates 0..len(earlier)-1). The LP relaxation answers first
    (relaxation.py); CP-SAT only when its optimum is fractional.
    """
    merit, penalty = slate_score(problem, parts, members)
    pinned = set(problem.pinned)
    relaxation.differ_from(len(earlier))
    costs: dict[str, float | None] = {}
    for member in members:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        answered, other = relaxation.best_without(member)
        if answered:
            costs[member] = None if other is None else _difference(problem, parts, merit - penalty, other)
            continue
        question = Question(forced_out=[member], unpinned=[member] if member in pinned else (),
                            differ_from=range(len(earlier)), tie_break=False, hint=set(members) - {member})  # fmt: skip
        outcome = engine.ask(question, min(remaining, _REPLACEMENT_TIME_S))
        if outcome.status == cp_model.INFEASIBLE:
            costs[member] = None
        elif outcome.members is not None:
            costs[member] = _difference(problem, parts, merit - penalty, outcome.members)
    return costs


def _difference(problem: Problem, parts: Sequence[RulePart], score: float, other: Collection[str]) -> float:
    other_merit, other_penalty = slate_score(problem, parts, other)
    return round(score - (other_merit - other_penalty), 9)
