"""The CP-SAT model of one slate: one function per constraint family."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .problem import Candidate, Problem
from .rules import RulePart
from .scoring import Scoring


@dataclass
class SlateModel:
    """A CP-SAT model and its decision variables: ``chosen[id]`` is 1 when the candidate is a member."""

    model: cp_model.CpModel
    chosen: dict[str, cp_model.IntVar]
    tie_span: int  # objective units per primary unit (1 without tie-break)


def build_slate_model(
    problem: Problem,
    parts: Sequence[RulePart],
    scoring: Scoring,
    pool: Sequence[Candidate],
    earlier: Iterable[Collection[str]] = (),
    tie_break: bool = True,
) -> SlateModel:
    """The model of the best slate from ``pool`` that differs enough from the ``earlier`` slates."""
    model = cp_model.CpModel()
    chosen = {c.id: model.new_bool_var(f"chosen[{c.id}]") for c in pool}
    add_seat_count(model, chosen, problem.seats)
    add_pins(model, chosen, problem.pinned)
    add_hard_rules(model, chosen, [p for p in parts if not p.soft])
    shortfalls = add_soft_rules(model, chosen, [p for p in parts if p.soft], problem.seats)
    for slate in earlier:
        add_difference(model, chosen, slate, problem.seats - problem.min_difference)
    tie_span = scoring.tie_span if tie_break else 1
    set_objective(model, chosen, pool, shortfalls, scoring, tie_span, tie_break)
    return SlateModel(model, chosen, tie_span)


def _counted(chosen: dict[str, cp_model.IntVar], members: Iterable[str]) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([chosen[m] for m in members if m in chosen])


def add_seat_count(model: cp_model.CpModel, chosen: dict[str, cp_model.IntVar], seats: int) -> None:
    """Exactly ``seats`` members."""
    model.add(cp_model.LinearExpr.sum(list(chosen.values())) == seats)


def add_pins(model: cp_model.CpModel, chosen: dict[str, cp_model.IntVar], pinned: Iterable[str]) -> None:
    """Pinned candidates are members (fixed in the variable's domain, so one solve can lift it)."""
    for candidate_id in pinned:
        fix(model, chosen[candidate_id], 1)


def add_hard_rules(model: cp_model.CpModel, chosen: dict[str, cp_model.IntVar], parts: Iterable[RulePart]) -> None:
    """min <= count <= max for every part of every hard rule."""
    for part in parts:
        count = _counted(chosen, part.members)
        if part.min:
            model.add(count >= part.min)
        if part.max is not None:
            model.add(count <= part.max)


def add_soft_rules(
    model: cp_model.CpModel, chosen: dict[str, cp_model.IntVar], parts: Iterable[RulePart], seats: int
) -> list[tuple[RulePart, cp_model.IntVar]]:
    """For every soft part, a variable of seats of violation that the objective penalizes."""
    shortfalls = []
    for part in parts:
        count = _counted(chosen, part.members)
        if part.min:
            below = model.new_int_var(0, part.min, f"below[{part.rule_index},{part.value}]")
            model.add(count + below >= part.min)
            shortfalls.append((part, below))
        if part.max is not None:
            above = model.new_int_var(0, seats, f"above[{part.rule_index},{part.value}]")
            model.add(count - above <= part.max)
            shortfalls.append((part, above))
    return shortfalls


def add_difference(model: cp_model.CpModel, chosen: dict[str, cp_model.IntVar], slate: Collection[str], most_shared: int) -> None:
    """At most ``most_shared`` members in common with an earlier ``slate``."""
    model.add(_counted(chosen, slate) <= most_shared)


def set_objective(
    model: cp_model.CpModel,
    chosen: dict[str, cp_model.IntVar],
    pool: Sequence[Candidate],
    shortfalls: Sequence[tuple[RulePart, cp_model.IntVar]],
    scoring: Scoring,
    tie_span: int,
    tie_break: bool,
) -> None:
    """Maximize the members' scores minus the soft penalties (times ``tie_span``) plus the tie-break."""
    coefficient = scoring.combined if tie_break else scoring.primary
    merit = [(chosen[c.id], coefficient(c)) for c in pool]
    penalties = [(var, -scoring.penalty(part) * tie_span) for part, var in shortfalls]
    variables, coefficients = zip(*(merit + penalties)) if merit or penalties else ((), ())
    model.maximize(cp_model.LinearExpr.weighted_sum(list(variables), list(coefficients)))


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


def run(slate_model: SlateModel, time_limit_s: float, workers: int, hint: Collection[str] = ()) -> Outcome:
    """Solve ``slate_model`` within ``time_limit_s``; objective and bound are in primary units."""
    model, chosen = slate_model.model, slate_model.chosen
    model.clear_hints()
    if hint:
        for candidate_id, variable in chosen.items():
            model.add_hint(variable, candidate_id in hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
    solver.parameters.num_workers = workers
    # The pool is presolved already (presolve.py); CP-SAT's own presolve then costs more than it saves:
    # measured 4x slower on a 40-seat body, and no slower on 200-seat assemblies.
    solver.parameters.cp_model_presolve = False
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(status, None, None, None)
    members = tuple(cid for cid, var in chosen.items() if solver.boolean_value(var))
    span = slate_model.tie_span
    return Outcome(status, members, round(solver.objective_value) // span, round(solver.best_objective_bound) // span)
