"""Several slates, each the best among those differing from every earlier one by ``min_difference`` seats."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .engine import Engine, Question
from .presolve import Presolver
from .problem import Problem


@dataclass(frozen=True)
class FoundSlate:
    """A slate as the search found it; ``bound`` is in score units."""

    members: tuple[str, ...]
    proven_optimal: bool
    bound: float


@dataclass(frozen=True)
class Search:
    """The slates found, whether the first solve proved infeasibility, and whether the list is complete."""

    slates: tuple[FoundSlate, ...]
    infeasible: bool
    complete: bool  # every slate proven, and no further slate asked for or none exists


def find_slates(
    problem: Problem,
    engine: Engine,
    presolver: Presolver,
    deadline: float,
    on_slate: Callable[[list[FoundSlate]], None] | None = None,
) -> Search:
    """Up to ``problem.slates`` slates in rank order, stopping early at ``deadline``.

    Each slate is one more question to the same ``engine``: the pool grows by the
    candidates the presolve keeps once the earlier slates are set aside (with one
    spare per signature when replacement costs follow), and the slate is added
    as a difference constraint for the next ranks. ``on_slate`` is called with
    the slates found so far each time one more is found.
    """
    found: list[FoundSlate] = []
    spare = 1 if problem.explain else 0
    for rank in range(1, problem.slates + 1):
        remaining = deadline - time.monotonic()
        if rank > 1 and remaining <= 0:
            return Search(tuple(found), False, False)
        earlier_members = {m for slate in found for m in slate.members}
        engine.add_candidates(presolver.pool(keep=earlier_members, spare=spare))
        hint = found[-1].members if found else ()
        outcome = engine.ask(Question(differ_from=range(len(found)), hint=hint), remaining)
        if outcome.members is None:
            infeasible = outcome.status == cp_model.INFEASIBLE
            return Search(tuple(found), infeasible and rank == 1, infeasible)
        proven = outcome.status == cp_model.OPTIMAL
        found.append(FoundSlate(outcome.members, proven, engine.scoring.to_score(outcome.bound)))
        engine.add_slate(outcome.members)
        if on_slate is not None:
            on_slate(found)
        if not proven:
            return Search(tuple(found), False, False)
    return Search(tuple(found), False, True)
