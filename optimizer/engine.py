"""One CP-SAT model per run, asked many questions: slates, replacement costs, rule prices, "why not X".

Every question is a variation of the same slate model: a rule switched off, a
candidate forced in or out, a pin lifted, the difference from some earlier
slates required, or another objective (the tie-broken one, the plain score,
or resampled scores). Instead of rebuilding the model per question, the
engine builds it once and flips switches in place:

- each rule part is one linear constraint whose bounds are widened to nothing
  to switch its rule off (for a soft part the violation variable is then
  driven to 0 by the objective), and restored to switch it on;
- forcing a candidate in or out, and pins, fix the domain of its variable;
- each earlier slate adds one "at most seats - min_difference in common"
  constraint, switched on only for the questions about later ranks;
- the objective is swapped between saved copies.

Domain edits keep the LP relaxation exact (an enforcement literal per rule
would weaken it to a big-M row), and CP-SAT's presolve is off anyway (see
``run``). The model can grow: ``add_candidates`` appends new variables to the
seat count and to the rule parts that count them, for pools that widen when an
earlier slate joins the ``keep`` set of the presolve. Each solve is hinted
with the previous answer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .model import Outcome, fix, release
from .problem import Candidate, Problem
from .rules import RulePart
from .scoring import Scoring

_OFF = 1 << 40  # bounds of a switched-off constraint: nothing is excluded


@dataclass
class _Row:
    """One linear constraint of the model and the bounds it has when switched on."""

    index: int
    low: int
    high: int


@dataclass
class Question:
    """A variation of the problem: rules off, candidates forced in or out, earlier slates to differ from."""

    rules_off: Collection[int] = ()
    forced_in: Collection[str] = ()
    forced_out: Collection[str] = ()
    unpinned: Collection[str] = ()
    differ_from: Sequence[int] = ()  # indices of the engine's earlier slates
    tie_break: bool = True
    hint: Collection[str] = ()


@dataclass
class Engine:
    """The slate model over a pool of candidates, with switches for every question."""

    problem: Problem
    parts: Sequence[RulePart]
    scoring: Scoring
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    chosen: dict[str, cp_model.IntVar] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._seat_row = self._row([], self.problem.seats, self.problem.seats)
        self._part_rows: list[tuple[RulePart, list[_Row]]] = []
        self._shortfalls: list[tuple[RulePart, cp_model.IntVar]] = []
        for part in self.parts:
            self._part_rows.append((part, self._part_constraints(part)))
        self._rows_of_rule: dict[int, list[_Row]] = {}
        for part, rows in self._part_rows:
            self._rows_of_rule.setdefault(part.rule_index, []).extend(rows)
        self._difference_rows: list[_Row] = []
        self._objectives: dict[object, object] = {}
        self._scores: dict[str, int] | None = None  # override of the primary coefficients (resampling)

    # --- building ------------------------------------------------------------------------

    def _row(self, variables: list[int], low: int, high: int) -> _Row:
        proto = self.model.proto
        index = len(proto.constraints)
        linear = proto.constraints.add().linear
        linear.vars.extend(variables)
        linear.coeffs.extend([1] * len(variables))
        linear.domain.extend([low, high])
        return _Row(index, low, high)

    def _part_constraints(self, part: RulePart) -> list[_Row]:
        seats = self.problem.seats
        if not part.soft:
            return [self._row([], part.min or 0, _OFF if part.max is None else part.max)]
        rows = []
        if part.min:
            below = self.model.new_int_var(0, part.min, f"below[{part.rule_index},{part.value}]")
            rows.append(self._row([below.index], part.min, _OFF))
            self._shortfalls.append((part, below))
        if part.max is not None:
            above = self.model.new_int_var(0, seats, f"above[{part.rule_index},{part.value}]")
            row = self._row([], -_OFF, part.max)
            self.model.proto.constraints[row.index].linear.vars.append(above.index)
            self.model.proto.constraints[row.index].linear.coeffs.append(-1)
            rows.append(row)
            self._shortfalls.append((part, above))
        return rows

    def add_candidates(self, pool: Iterable[Candidate]) -> None:
        """Model the candidates of ``pool`` not modelled yet (pins stay fixed to 1, exclusions left out)."""
        excluded = set(self.problem.excluded)
        new = [c for c in pool if c.id not in self.chosen and c.id not in excluded]
        if not new:
            return
        pinned = set(self.problem.pinned)
        for candidate in new:
            variable = self.model.new_bool_var(f"chosen[{candidate.id}]")
            self.chosen[candidate.id] = variable
            self.candidates.append(candidate)
            if candidate.id in pinned:
                fix(self.model, variable, 1)
        new_ids = {c.id for c in new}
        appended = {self._seat_row.index: [self.chosen[c.id].index for c in new]}  # constraint -> new variables
        for part, rows in self._part_rows:  # a part counts up to every candidate: intersect with the few new ones
            counted = [self.chosen[m].index for m in sorted(part.members.intersection(new_ids))]
            for row in rows if counted else ():
                appended.setdefault(row.index, []).extend(counted)
        constraints = self.model.proto.constraints
        for index, variables in appended.items():
            linear = constraints[index].linear
            linear.vars.extend(variables)
            linear.coeffs.extend([1] * len(variables))
        self._objectives.clear()

    def add_slate(self, members: Collection[str]) -> int:
        """Record an earlier slate; questions may then ask to differ from it. Returns its index."""
        most_shared = self.problem.seats - self.problem.min_difference
        row = self._row([self.chosen[m].index for m in members], -_OFF, most_shared)
        self._switch(row, on=False)
        self._difference_rows.append(row)
        return len(self._difference_rows) - 1

    def set_scores(self, scores: dict[str, int] | None, scoring: Scoring | None = None) -> None:
        """Use other primary coefficients (objective units of ``scoring``) for the next questions."""
        self._scores = scores
        if scoring is not None:
            self.scoring = scoring
        self._objectives.clear()

    # --- switching -----------------------------------------------------------------------

    def _switch(self, row: _Row, on: bool) -> None:
        domain = self.model.proto.constraints[row.index].linear.domain
        domain[0], domain[1] = (row.low, row.high) if on else (-_OFF, _OFF)

    def _objective(self, tie_break: bool) -> None:
        if tie_break not in self._objectives:
            span = self.scoring.tie_span if tie_break else 1
            primary = self._primary
            terms = [(self.chosen[c.id], primary(c) * span + (self.scoring.weight(c) if tie_break else 0))
                     for c in self.candidates]  # fmt: skip
            terms += [(var, -self.scoring.penalty(part) * span) for part, var in self._shortfalls]
            self.model.maximize(cp_model.LinearExpr.weighted_sum([t[0] for t in terms], [t[1] for t in terms]))
            saved = type(self.model.proto.objective)()
            _copy(saved, self.model.proto.objective)
            self._objectives[tie_break] = saved
        _copy(self.model.proto.objective, self._objectives[tie_break])

    def _primary(self, candidate: Candidate) -> int:
        return self._scores[candidate.id] if self._scores is not None else self.scoring.primary(candidate)

    def ask(self, question: Question, time_limit_s: float) -> Outcome:
        """Solve one variation; the model is left as it was."""
        if any(i not in self.chosen for i in question.forced_in):  # excluded: no such slate
            return Outcome(cp_model.INFEASIBLE, None, None, None)
        off = [row for r in question.rules_off for row in self._rows_of_rule.get(r, [])]
        on = [self._difference_rows[i] for i in question.differ_from]
        domains: dict[str, int | None] = {i: None for i in question.unpinned if i in self.chosen}  # None: free
        domains.update({i: 0 for i in question.forced_out if i in self.chosen})
        domains.update({i: 1 for i in question.forced_in})
        pinned = set(self.problem.pinned)
        self._apply(off, on, domains)
        self._objective(question.tie_break)
        try:
            return self._run(time_limit_s, question.tie_break, question.hint)
        finally:
            self._apply(on, off, {i: 1 if i in pinned else None for i in domains})

    def _apply(self, off: list[_Row], on: list[_Row], domains: dict[str, int | None]) -> None:
        for row in off:
            self._switch(row, on=False)
        for row in on:
            self._switch(row, on=True)
        for candidate_id, value in domains.items():
            variable = self.chosen[candidate_id]
            if value is None:
                release(self.model, variable)
            else:
                fix(self.model, variable, value)

    def _run(self, time_limit_s: float, tie_break: bool, hint: Collection[str]) -> Outcome:
        model = self.model
        model.clear_hints()
        if hint:
            for candidate_id, variable in self.chosen.items():
                model.add_hint(variable, candidate_id in hint)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
        solver.parameters.num_workers = self.problem.worker_count
        solver.parameters.cp_model_presolve = False  # the pool is presolved already (presolve.py)
        status = solver.solve(model)
        if status == cp_model.MODEL_INVALID:  # a bug in the engine, never the user's problem
            raise RuntimeError(f"invalid CP-SAT model: {model.validate()}")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Outcome(status, None, None, None)
        members = tuple(cid for cid, var in self.chosen.items() if solver.boolean_value(var))
        span = self.scoring.tie_span if tie_break else 1
        return Outcome(status, members, round(solver.objective_value) // span, round(solver.best_objective_bound) // span)


def _copy(target: object, source: object) -> None:
    """Copy a proto message in place: OR-Tools >= 9.13 wraps them (``copy_from``), older ones use protobuf."""
    copy = getattr(target, "copy_from", None) or getattr(target, "CopyFrom")
    copy(source)
