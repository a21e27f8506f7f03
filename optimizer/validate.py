"""Solver-free check of any slate (for instance one edited by hand) against a problem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

from .problem import Problem
from .result import Violation
from .rules import RulePart, count_in, describe_bounds, describe_scope, rule_parts


def validate(problem: Problem, member_ids: Iterable[str], parts: tuple[RulePart, ...] | None = None) -> list[Violation]:
    """Every rule, pin, exclusion and seat count that the slate ``member_ids`` breaks.

    Soft rules are listed too, with ``soft=True`` and their penalty; a slate is
    acceptable when no violation is ``hard``.
    """
    members = list(member_ids)
    unique = set(members)
    violations = _id_violations(problem, members)
    if len(members) != problem.seats:
        violations.append(
            Violation("seats", f"{len(members)} members for {problem.seats} seats", count=len(members),
                      seats=abs(len(members) - problem.seats))
        )  # fmt: skip
    violations += [
        Violation("pinned", f"pinned candidate {pin} is missing", candidate=pin)
        for pin in problem.pinned
        if pin not in unique
    ]
    violations += [
        Violation("excluded", f"excluded candidate {out} is a member", candidate=out)
        for out in problem.excluded
        if out in unique
    ]
    violations += rule_violations(problem, unique, parts if parts is not None else rule_parts(problem))
    return violations


def _id_violations(problem: Problem, members: list[str]) -> list[Violation]:
    unknown = [
        Violation("unknown", f"{member} is not a candidate", candidate=member)
        for member in dict.fromkeys(members)
        if member not in problem.candidate_by_id
    ]
    duplicates = [
        Violation("duplicate", f"{member} is listed {times} times", candidate=member, count=times)
        for member, times in Counter(members).items()
        if times > 1
    ]
    return unknown + duplicates


def rule_violations(problem: Problem, members: Collection[str], parts: Iterable[RulePart]) -> list[Violation]:
    """The violations of the rule parts by the slate ``members`` (hard and soft)."""
    violations = []
    for part in parts:
        count = count_in(part, members)
        seats = part.shortfall(count)
        if not seats:
            continue
        rule = problem.rules[part.rule_index]
        text = f"{describe_scope(rule, part.value)}: {count} in the slate, {describe_bounds(part.min, part.max)} required"
        if rule.soft:
            text += f" (soft: penalty {seats * (part.penalty or 0.0):g})"
        violations.append(
            Violation("rule", text, rule=part.rule_index, value=part.value, count=count, seats=seats,
                      soft=part.soft, penalty=seats * (part.penalty or 0.0))
        )  # fmt: skip
    return violations
