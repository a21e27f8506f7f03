"""Infeasible problems: a minimal set of rules, pins, exclusions and seats that cannot hold together.

The check works on counts, not on candidates: candidates with the same values
on the attributes of the hard rules are interchangeable for feasibility, so the
model has one integer per such signature (how many of it are chosen) plus one
0/1 variable per pinned or excluded candidate. Every rule part, the seat count,
each pin and each exclusion is guarded by a literal.

A first solve passes the literals as assumptions, and CP-SAT's
``sufficient_assumptions_for_infeasibility`` gives a core. Then deletion
filtering (dropping halves, then single items) shrinks the core to an
irreducible set: dropping any one member makes the rest feasible. The
filtering checks do not use assumptions: they fix the literals in a copy of the
model, because assumptions keep CP-SAT's presolve from using the guarded
constraints. Measured on a 300-person assembly with 40 quota rules: 5 s without
an answer with assumptions, 0.03 s with the literals fixed. A second pass names
the values of ``"*"`` rules that take part.

Each member then gets the least relaxation that makes the *whole* problem
feasible when only that member changes: a rule's new min and/or max (the
smallest total change, the same for every value of a ``"*"`` rule), the
nearest feasible number of seats, or lifting the pin or exclusion. ``None``
when changing that member alone is not enough (the problem has other conflicts).

The analysis has its own budget of ``time_limit_s`` once infeasibility is
proven. A check that runs out of time counts as "feasible", so the set stays
infeasible but may not be minimal (``Result.conflicts_minimal`` is then false,
and relaxations may be missing).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .problem import ANY_VALUE, Candidate, Problem
from .result import Conflict, PartFact
from .rules import RulePart, describe_rule

Item = tuple[str, Hashable]  # ("rule", index) | ("part", part) | ("seats", None) | ("pinned", id) | ("excluded", id)
_CORE_TIME_S = 1.0  # the assumption solve is only a shortcut
_MIN_CHECK_TIME_S = 0.05


@dataclass
class CountModel:
    """The counting model and the literals that switch each item on."""

    model: cp_model.CpModel
    literals: dict[Item, list[cp_model.IntVar]] = field(default_factory=dict)
    objective_terms: list[cp_model.IntVar] = field(default_factory=list)
    seat_total: cp_model.IntVar | None = None


def _signatures(problem: Problem, parts: Sequence[RulePart]) -> dict[tuple, list[Candidate]]:
    attributes = sorted({a for p in parts for a in problem.rules[p.rule_index].referenced_attributes})
    groups: dict[tuple, list[Candidate]] = defaultdict(list)
    for candidate in problem.candidates:
        groups[tuple(candidate.attributes.get(a) for a in attributes)].append(candidate)
    return groups


def build_count_model(
    problem: Problem, parts: Sequence[RulePart], relax_rule: int | None = None, relax_seats: bool = False
) -> CountModel:
    """The feasibility model; ``relax_rule``/``relax_seats`` turn one item into a minimized slack."""
    counting = CountModel(cp_model.CpModel())
    model = counting.model
    pinned, excluded = set(problem.pinned), set(problem.excluded)
    chosen_of: dict[str, cp_model.LinearExpr] = {}  # candidate id -> expression of its signature's count
    totals = []
    for index, members in enumerate(_signatures(problem, parts).values()):
        free = sum(1 for c in members if c.id not in pinned | excluded)
        terms = [model.new_int_var(0, free, f"free[{index}]")]
        for candidate in members:
            if candidate.id in pinned | excluded:
                terms.append(_pin_or_exclusion(counting, candidate.id, candidate.id in pinned))
        total = cp_model.LinearExpr.sum(terms)
        totals.append(total)
        for candidate in members:
            chosen_of[candidate.id] = total
    _add_seats(counting, totals, problem.seats, relax_seats)
    for part in parts:
        representatives = {id(chosen_of[m]): chosen_of[m] for m in part.members}
        count = cp_model.LinearExpr.sum(list(representatives.values()))
        if part.rule_index == relax_rule:
            _add_relaxed_part(counting, part, count, problem.seats)
        else:
            _add_part(counting, part, count)
    if counting.objective_terms:
        model.minimize(cp_model.LinearExpr.sum(counting.objective_terms))
    return counting


def _pin_or_exclusion(counting: CountModel, candidate_id: str, is_pinned: bool) -> cp_model.IntVar:
    chosen = counting.model.new_bool_var(f"chosen[{candidate_id}]")
    literal = counting.model.new_bool_var(f"keep[{candidate_id}]")
    counting.model.add(chosen == int(is_pinned)).only_enforce_if(literal)
    counting.literals[("pinned" if is_pinned else "excluded", candidate_id)] = [literal]
    return chosen


def _add_seats(counting: CountModel, totals: list, seats: int, relax: bool) -> None:
    model = counting.model
    total = cp_model.LinearExpr.sum(totals)
    if relax:
        counting.seat_total = model.new_int_var(0, 10**6, "seat_total")
        distance = model.new_int_var(0, 10**6, "seat_change")
        model.add(counting.seat_total == total)
        model.add_abs_equality(distance, counting.seat_total - seats)
        counting.objective_terms.append(distance)
        return
    literal = model.new_bool_var("keep[seats]")
    model.add(total == seats).only_enforce_if(literal)
    counting.literals[("seats", None)] = [literal]


def _add_part(counting: CountModel, part: RulePart, count: cp_model.LinearExpr) -> None:
    literal = counting.model.new_bool_var(f"keep[{part.rule_index},{part.value}]")
    if part.min:
        counting.model.add(count >= part.min).only_enforce_if(literal)
    if part.max is not None:
        counting.model.add(count <= part.max).only_enforce_if(literal)
    counting.literals[("part", part)] = [literal]
    counting.literals.setdefault(("rule", part.rule_index), []).append(literal)


def _add_relaxed_part(counting: CountModel, part: RulePart, count: cp_model.LinearExpr, seats: int) -> None:
    model = counting.model
    if not counting.objective_terms:
        counting.objective_terms += [model.new_int_var(0, 10**6, "min_down"), model.new_int_var(0, 10**6, "max_up")]
    min_down, max_up = counting.objective_terms
    if part.min:
        model.add(count + min_down >= part.min)
    if part.max is not None:
        model.add(count - max_up <= part.max)


@dataclass
class Checker:
    """Feasibility checks of sets of items against one count model, under a deadline."""

    counting: CountModel
    workers: int
    deadline: float
    conclusive: bool = True  # False once a check ran out of time

    def _solver(self, cap: float | None = None) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        remaining = max(_MIN_CHECK_TIME_S, self.deadline - time.monotonic())
        solver.parameters.max_time_in_seconds = min(remaining, cap) if cap else remaining
        solver.parameters.num_workers = self.workers
        return solver

    def solve(self, items: Sequence[Item]) -> tuple[int, cp_model.CpSolver]:
        """Solve with exactly ``items`` switched on (literals fixed in a copy of the model)."""
        model = self.counting.model.clone()
        active = {lit.index for item in items for lit in self.counting.literals.get(item, [])}
        for literals in self.counting.literals.values():
            for literal in literals:
                domain = model.proto.variables[literal.index].domain
                domain.clear()
                domain.extend([1, 1] if literal.index in active else [0, 0])
        solver = self._solver()
        status = solver.solve(model)
        if status == cp_model.UNKNOWN:
            self.conclusive = False
        return status, solver

    def infeasible(self, items: Sequence[Item]) -> bool:
        """Whether ``items`` cannot hold together (a check that runs out of time says no)."""
        return self.solve(items)[0] == cp_model.INFEASIBLE

    def core(self, items: Sequence[Item]) -> list[Item]:
        """An infeasible subset of the infeasible ``items`` from an assumption solve (all of them if none)."""
        model = self.counting.model
        model.clear_assumptions()
        model.add_assumptions([lit for item in items for lit in self.counting.literals.get(item, [])])
        solver = self._solver(cap=_CORE_TIME_S)
        solver.parameters.num_workers = 1  # cores come back only from a single worker
        status = solver.solve(model)
        model.clear_assumptions()
        if status != cp_model.INFEASIBLE:
            return list(items)
        core_indices = set(solver.sufficient_assumptions_for_infeasibility())
        core = [item for item in items if any(lit.index in core_indices for lit in self.counting.literals.get(item, []))]
        return core if core and self.infeasible(core) else list(items)


def shrink(items: Sequence[Item], checker: Checker) -> list[Item]:
    """Deletion filtering of an infeasible set: drop chunks, then items, whose removal keeps it infeasible."""
    kept = checker.core(items)
    position, chunk = 0, max(1, len(kept) // 2)
    while position < len(kept):
        if time.monotonic() > checker.deadline:
            checker.conclusive = False
            break
        trial = kept[:position] + kept[position + chunk :]
        if checker.infeasible(trial):
            kept = trial
        elif chunk > 1:
            chunk //= 2
            continue
        else:
            position += 1  # this item is needed
        chunk = max(1, (len(kept) - position) // 2)
    return kept


def all_items(problem: Problem, parts: Sequence[RulePart]) -> list[Item]:
    """Every item that can take part in a conflict, in the order deletion tries to drop them.

    Exclusions and pins go first and the seat count last, so a conflict names
    a decision-maker's choices only when the rules alone do not conflict, and
    keeps the seat count (a conflict everyone understands) when it can.
    """
    hard_rules = sorted({p.rule_index for p in parts})
    return (
        [("excluded", i) for i in problem.excluded]
        + [("pinned", i) for i in problem.pinned]
        + [("rule", i) for i in hard_rules]
        + [("seats", None)]
    )


def find_conflicts(
    problem: Problem, all_parts: Sequence[RulePart], deadline: float
) -> tuple[tuple[Conflict, ...], str, bool]:
    """A minimal conflicting set with a text and a relaxation for each member, a summary, and whether it is proven minimal."""
    parts = [p for p in all_parts if not p.soft]
    checker = Checker(build_count_model(problem, parts), problem.worker_count, deadline)
    minimal = shrink(all_items(problem, parts), checker)
    conflicting_parts = _conflicting_parts(checker, minimal, parts)
    conflicts = tuple(
        Conflict(
            text=_text(problem, item, conflicting_parts),
            relaxation=_relaxation(problem, parts, item, checker),
            **_conflict_key(problem, item),
            **_structured(problem, item, conflicting_parts),
        )
        for item in minimal
    )
    summary = "These cannot all hold together: " + "; ".join(c.text for c in conflicts) + "."
    return conflicts, summary, checker.conclusive


def _conflicting_parts(checker: Checker, minimal: list[Item], parts: Sequence[RulePart]) -> list[RulePart]:
    """The parts (values) of the conflicting rules that the conflict needs."""
    rules = {key for kind, key in minimal if kind == "rule"}
    others = [item for item in minimal if item[0] != "rule"]
    part_items: list[Item] = [("part", p) for p in parts if p.rule_index in rules]
    conclusive = checker.conclusive
    needed = shrink(others + part_items, checker)
    checker.conclusive = conclusive  # naming values is a nicety; it does not change the set of rules
    return [key for kind, key in needed if kind == "part"]  # type: ignore[misc]


def _conflict_key(problem: Problem, item: Item) -> dict[str, object]:
    kind, key = item
    if kind == "seats":
        return {"seats": problem.seats}
    return {kind: key}


def _relaxation(
    problem: Problem, parts: Sequence[RulePart], item: Item, checker: Checker
) -> dict[str, int | bool] | None:
    kind, key = item
    others = [i for i in all_items(problem, parts) if i != item]
    if kind in ("pinned", "excluded"):
        return None if checker.infeasible(others) else {kind: False}
    relaxed = Checker(
        build_count_model(problem, parts, relax_rule=key if kind == "rule" else None, relax_seats=kind == "seats"),  # type: ignore[arg-type]
        checker.workers,
        checker.deadline,
    )
    status, solver = relaxed.solve(others)
    if status != cp_model.OPTIMAL:
        return None
    if kind == "seats":
        return {"seats": solver.value(relaxed.counting.seat_total)}
    return _new_bounds(problem.rules[key], *(solver.value(v) for v in relaxed.counting.objective_terms))  # type: ignore[index]


def _new_bounds(rule, min_down: int, max_up: int) -> dict[str, int]:
    bounds = {}
    if min_down:
        bounds["min"] = rule.min - min_down
    if max_up:
        bounds["max"] = rule.max + max_up
    return bounds


def _text(problem: Problem, item: Item, conflicting_parts: list[RulePart]) -> str:
    kind, key = item
    if kind == "seats":
        available = len(problem.candidates) - len(problem.excluded)
        return f"{problem.seats} seats to fill from {available} available candidates"
    if kind in ("pinned", "excluded"):
        return f"{key} is {kind} ({_profile(problem, key, conflicting_parts)})"  # type: ignore[arg-type]
    rule = problem.rules[key]  # type: ignore[index]
    facts = [_part_fact(problem, p) for p in conflicting_parts if p.rule_index == key]
    return f"{describe_rule(rule)} ({'; '.join(facts)})" if facts else describe_rule(rule)


def _structured(problem: Problem, item: Item, conflicting_parts: list[RulePart]) -> dict[str, object]:
    """The facts of ``_text`` as data: a rule's values, or a pinned or excluded candidate's profile."""
    kind, key = item
    if kind == "rule":
        return {"facts": tuple(_part_data(problem, p) for p in conflicting_parts if p.rule_index == key)}
    if kind in ("pinned", "excluded"):
        candidate = problem.candidate_by_id[key]  # type: ignore[index]
        attributes = sorted({problem.rules[p.rule_index].attribute for p in conflicting_parts})
        return {"profile": tuple((a, candidate.attributes[a]) for a in attributes if a in candidate.attributes)}
    return {}


def _part_data(problem: Problem, part: RulePart) -> PartFact:
    available = len(part.members - set(problem.excluded))
    value = part.value if problem.rules[part.rule_index].value == ANY_VALUE else None
    return PartFact(value, available, len(part.members & set(problem.pinned)), bool(part.min and available < part.min))


def _part_fact(problem: Problem, part: RulePart) -> str:
    """'only 1 available' or 'WEOG: 3 available, 2 pinned': what the pool offers for one part."""
    available = len(part.members - set(problem.excluded))
    pinned_here = len(part.members & set(problem.pinned))
    fact = f"{'only ' if part.min and available < part.min else ''}{available} available"
    if pinned_here:
        fact += f", {pinned_here} pinned"
    return f"{part.value}: {fact}" if problem.rules[part.rule_index].value == ANY_VALUE else fact


def _profile(problem: Problem, candidate_id: str, conflicting_parts: list[RulePart]) -> str:
    candidate = problem.candidate_by_id[candidate_id]
    attributes = sorted({problem.rules[p.rule_index].attribute for p in conflicting_parts})
    shown = [f"{a} = {candidate.attributes[a]}" for a in attributes if a in candidate.attributes]
    return ", ".join(shown) if shown else "no attribute of the conflicting rules"
