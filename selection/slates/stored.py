"""A run's stored problem and result, read back in one place (``optimizer.result_from_json``).

Every page, the API, the CLI and the background runner read a run's result through here,
never by picking keys out of the stored JSON.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import optimizer
from selection.models import SlateRun
from selection.plurals import gettext
from selection.slates.problem import nomination_id_of


def parsed_result(data: dict[str, Any] | None) -> optimizer.Result | None:
    """A result document as the optimizer's ``Result`` (None when there is none yet); a document
    that cannot be read gives status ``invalid`` with the reason."""
    if data is None:
        return None
    try:
        return optimizer.result_from_json(data)
    except ValueError as error:
        return optimizer.Result(optimizer.SolveStatus.INVALID,
                                error=gettext("The stored result cannot be read: %(error)s", error=str(error)))


def stored_result(run: SlateRun) -> optimizer.Result | None:
    """The run's result (None while it has none)."""
    return parsed_result(run.result)


def outcome_of(run: SlateRun) -> str | None:
    """The optimizer's status (optimal, feasible, infeasible, unknown, invalid) once done."""
    result = stored_result(run)
    return None if result is None else result.status.value


def stored_problem(run: SlateRun) -> optimizer.Problem:
    """The run's problem, exactly as it was sent to the optimizer."""
    return optimizer.problem_from_json(run.problem)


@dataclass(frozen=True)
class Summary:
    """What a run records of its result: slates found, the best score and the bound."""

    slates_found: int
    best_score: float | None
    bound: float | None
    status: str | None
    error: str


def summary_of(data: dict[str, Any] | None) -> Summary:
    """The figures the runner writes on the run, from a result document."""
    result = parsed_result(data)
    if result is None:
        return Summary(0, None, None, None, "")
    best = result.slates[0].score if result.slates else None
    return Summary(len(result.slates), best, result.bound, result.status.value, result.error or "")


def slate_members(run: SlateRun, rank: int | None) -> list[int] | None:
    """The nomination ids of the run's slate ``rank`` (None when the run has no such slate)."""
    result = stored_result(run)
    slate = next((s for s in result.slates if s.rank == rank), None) if result else None
    return [nomination_id_of(m) for m in slate.members] if slate else None


def conflict_relaxation(run: SlateRun, rule_index: str) -> dict[str, int] | None:
    """The least relaxation the run's conflict analysis proposes for the rule ``rule_index``."""
    result = stored_result(run)
    for conflict in result.conflicts if result else ():
        if conflict.relaxation and str(conflict.rule) == rule_index:
            return {key: int(value) for key, value in conflict.relaxation.items()}
    return None
