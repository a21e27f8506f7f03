"""Small helpers of the CP-SAT slate model: fixing a variable in place, and the outcome of one solve.

The model itself is built once per run by ``engine.Engine``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model


def fix(model: cp_model.CpModel, variable: cp_model.IntVar, value: int) -> None:
    """Restrict ``variable`` to ``value`` in place (undone by ``release``)."""
    _set_domain(model, variable, value, value)


def release(model: cp_model.CpModel, variable: cp_model.IntVar) -> None:
    """Give a 0/1 variable its full domain back."""
    _set_domain(model, variable, 0, 1)


def _set_domain(model: cp_model.CpModel, variable: cp_model.IntVar, low: int, high: int) -> None:
    domain = model.proto.variables[variable.index].domain
    domain.clear()
    domain.extend([low, high])


@dataclass(frozen=True)
class Outcome:
    """What one CP-SAT solve found, in objective units."""

    status: int
    members: tuple[str, ...] | None
    objective: int | None
    bound: int | None

    @property
    def proven(self) -> bool:
        """True when the solve proved its answer (optimal or infeasible)."""
        return self.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
