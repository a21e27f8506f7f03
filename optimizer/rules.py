"""Rules expanded into countable parts, and rule texts for people.

A rule with a fixed value is one part; a rule with ``value="*"`` is one part
per value of its attribute seen among the candidates that match its ``where``
filter (excluded candidates included, so that excluding the only candidate of
a value does not silently drop that value's minimum).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .problem import ANY_VALUE, Candidate, Problem, Rule


@dataclass(frozen=True)
class RulePart:
    """The bounds of one rule on the seats of one attribute value."""

    rule_index: int
    value: str
    members: frozenset[str]
    min: int | None
    max: int | None
    penalty: float | None

    @property
    def soft(self) -> bool:
        """True for a part of a soft rule."""
        return self.penalty is not None

    def shortfall(self, count: int) -> int:
        """Seats of violation when ``count`` members of the slate are counted by this part."""
        below = self.min - count if self.min is not None and count < self.min else 0
        above = count - self.max if self.max is not None and count > self.max else 0
        return below + above

    def is_tight(self, count: int) -> bool:
        """Whether ``count`` sits exactly on a bound (a min of 0 does not count as a bound)."""
        return count == self.max or (bool(self.min) and count == self.min)


def rule_values(rule: Rule, candidates: Iterable[Candidate]) -> list[str]:
    """The values a rule is applied to: its own, or for ``"*"`` every value seen under ``where``."""
    return sorted(_members_by_value(rule, candidates))


def _members_by_value(rule: Rule, candidates: Iterable[Candidate]) -> dict[str, set[str]]:
    attribute, where = rule.attribute, tuple(rule.where.items())
    members: dict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        attributes = candidate.attributes
        value = attributes.get(attribute)
        if value is None or (where and not all(attributes.get(key) in accepted for key, accepted in where)):
            continue
        members[value].add(candidate.id)
    if rule.value == ANY_VALUE:
        return members
    return {rule.value: members.get(rule.value, set())}


def rule_parts(problem: Problem) -> tuple[RulePart, ...]:
    """Every rule of ``problem`` expanded into one part per counted value."""
    parts = []
    for index, rule in enumerate(problem.rules):
        for value, members in sorted(_members_by_value(rule, problem.candidates).items()):
            parts.append(RulePart(index, value, frozenset(members), rule.min, rule.max, rule.penalty))
    return tuple(parts)


def count_in(part: RulePart, members: Collection[str]) -> int:
    """How many of ``members`` (distinct ids) the part counts."""
    return len(part.members.intersection(members))


def _seats(count: int) -> str:
    return f"{count} seat" if count == 1 else f"{count} seats"


def describe_bounds(minimum: int | None, maximum: int | None) -> str:
    """'exactly 2 seats', 'at least 1 and at most 3 seats', 'at least 4 seats', 'at most 1 seat'."""
    minimum = minimum or None  # "at least 0" says nothing
    if minimum is not None and minimum == maximum:
        return f"exactly {_seats(minimum)}"
    if minimum is not None and maximum is not None:
        return f"at least {minimum} and at most {_seats(maximum)}"
    if minimum is not None:
        return f"at least {_seats(minimum)}"
    return f"at most {_seats(maximum or 0)}"


def describe_where(rule: Rule) -> str:
    """'group = government' or 'group = government or civil society and ...'; empty without a filter."""
    return " and ".join(f"{key} = {' or '.join(values)}" for key, values in rule.where.items())


def describe_scope(rule: Rule, value: str) -> str:
    """The candidates one part counts, e.g. 'region = WEOG within group = government'."""
    scope = f"{rule.attribute} = {value}"
    where = describe_where(rule)
    return f"{scope} within {where}" if where else scope


def describe_rule(rule: Rule) -> str:
    """A rule in words, e.g. 'within group = government, each region: at most 1 seat'."""
    if rule.label:
        return rule.label
    bounds = describe_bounds(rule.min, rule.max)
    if rule.value == ANY_VALUE and rule.min is None:
        text = f"at most {_seats(rule.max or 0)} per {rule.attribute}"
    elif rule.value == ANY_VALUE:
        text = f"each {rule.attribute}: {bounds}"
    else:
        text = f"{rule.attribute} = {rule.value}: {bounds}"
    where = describe_where(rule)
    if where:
        text = f"within {where}, {text}"
    if rule.soft:
        text += f" (soft: {rule.penalty:g} per seat of violation)"
    return text
