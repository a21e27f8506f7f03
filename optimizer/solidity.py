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

from .model import build_slate_model, fix, release, run
from .presolve import Presolver
from .problem import Problem
from .rules import RulePart, count_in
from .scoring import Scoring
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
    scoring: Scoring,
    presolver: Presolver,
    members: Sequence[str],
    earlier: Sequence[Collection[str]],
    deadline: float,
) -> dict[str, float | None]:
    """For each member, this slate's score minus the best score without that member (None: irreplaceable)."""
    merit, penalty = slate_score(problem, parts, members)
    earlier_members = {m for slate in earlier for m in slate}
    pool = presolver.pool(keep=earlier_members, spare=1)
    slate_model = build_slate_model(problem, parts, scoring, pool, earlier=earlier, tie_break=False)
    pinned = set(problem.pinned)
    costs: dict[str, float | None] = {}
    for member in members:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        variable = slate_model.chosen[member]
        fix(slate_model.model, variable, 0)
        outcome = run(slate_model, min(remaining, _REPLACEMENT_TIME_S), problem.worker_count, hint=set(members) - {member})
        if member in pinned:
            fix(slate_model.model, variable, 1)
        else:
            release(slate_model.model, variable)
        if outcome.status == cp_model.INFEASIBLE:
            costs[member] = None
        elif outcome.members is not None:
            other_merit, other_penalty = slate_score(problem, parts, outcome.members)
            costs[member] = round((merit - penalty) - (other_merit - other_penalty), 9)
    return costs
