"""The optimizer's input: frozen dataclasses checked on construction.

Every check raises ``ValueError`` with a message that names the culprit
(a candidate id, ``rules[i]``, ``pinned``, ``seats``...), so that the JSON
layer and the CLI can report it in one line.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

ANY_VALUE = "*"
"""A rule whose value is ``"*"`` applies separately to every value of its attribute."""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_count(name: str, value: object, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")


@dataclass(frozen=True)
class Candidate:
    """A nominee: a unique id, a merit score and free-form attributes (all strings).

    ``score_samples`` (merit recomputed from resampled reviews) or ``score_sd``
    (a standard deviation around ``score``) say how uncertain the score is; a
    problem with ``robustness`` draws from them (see robustness.py).
    """

    id: str
    score: float = 0.0
    attributes: Mapping[str, str] = field(default_factory=dict, hash=False)
    score_samples: tuple[float, ...] = ()
    score_sd: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"candidate id must be a non-empty string, got {self.id!r}")
        if not _is_number(self.score) or not math.isfinite(self.score):
            raise ValueError(f"candidate {self.id!r}: score must be a finite number, got {self.score!r}")
        attributes = dict(self.attributes)
        for key, value in attributes.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise ValueError(
                    f"candidate {self.id!r}: attribute {key!r} must map a string to a string, got {value!r}"
                )
        object.__setattr__(self, "score", float(self.score))
        object.__setattr__(self, "attributes", attributes)
        samples = tuple(self.score_samples)
        if not all(_is_number(v) and math.isfinite(v) for v in samples):
            raise ValueError(f"candidate {self.id!r}: score_samples must be finite numbers")
        object.__setattr__(self, "score_samples", tuple(float(v) for v in samples))
        if self.score_sd is not None and (not _is_number(self.score_sd) or not math.isfinite(self.score_sd)
                                          or self.score_sd < 0):  # fmt: skip
            raise ValueError(f"candidate {self.id!r}: score_sd must be a non-negative number, got {self.score_sd!r}")


@dataclass(frozen=True)
class Rule:
    """A min and/or max number of seats for the candidates with ``attribute == value``.

    ``value="*"`` applies the bounds separately to every value of ``attribute``
    seen among the candidates that match ``where``. ``where`` maps attributes to
    accepted values (a string or several); a rule counts only the candidates
    matching every entry. A rule with a ``penalty`` is soft: each seat of
    violation costs ``penalty`` in the objective. ``label`` is an optional human
    name used in texts instead of the generated description. ``quota`` marks a
    seat quota (seats per stakeholder group): the price of "all balance rules"
    keeps the quotas and lifts every other rule.
    """

    attribute: str
    value: str = ANY_VALUE
    min: int | None = None
    max: int | None = None
    where: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    penalty: float | None = None
    label: str | None = None
    quota: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.attribute, str) or not self.attribute:
            raise ValueError(f"attribute must be a non-empty string, got {self.attribute!r}")
        if not isinstance(self.value, str):
            raise ValueError(f"value must be a string, got {self.value!r}")
        _check_count("min", self.min)
        _check_count("max", self.max)
        if self.min is None and self.max is None:
            raise ValueError("a rule needs a min or a max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        if self.penalty is not None and (
            not _is_number(self.penalty) or not math.isfinite(self.penalty) or self.penalty <= 0
        ):
            raise ValueError(f"penalty must be a positive number, got {self.penalty!r}")
        object.__setattr__(self, "where", _normalized_where(self.where))

    @property
    def soft(self) -> bool:
        """True when the rule may be violated at a cost of ``penalty`` per seat."""
        return self.penalty is not None

    def applies_to(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` matches every entry of the ``where`` filter."""
        return all(candidate.attributes.get(key) in accepted for key, accepted in self.where.items())

    @property
    def referenced_attributes(self) -> frozenset[str]:
        """The attribute counted and the attributes of the ``where`` filter."""
        return frozenset({self.attribute, *self.where})


def _normalized_where(where: Mapping[str, object] | None) -> dict[str, tuple[str, ...]]:
    if where is None:
        return {}
    if not isinstance(where, Mapping):
        raise ValueError(f"where must map attributes to values, got {where!r}")
    normalized: dict[str, tuple[str, ...]] = {}
    for key, accepted in where.items():
        values = (accepted,) if isinstance(accepted, str) else tuple(accepted)  # type: ignore[arg-type]
        if not isinstance(key, str) or not values or not all(isinstance(v, str) for v in values):
            raise ValueError(f"where[{key!r}] must be a string or a non-empty list of strings")
        normalized[key] = values
    return normalized


@dataclass(frozen=True)
class Problem:
    """Candidates, a number of seats, rules and the solve options.

    ``slates`` asks for that many slates, each differing from every earlier one
    by at least ``min_difference`` seats. ``workers`` is the number of CP-SAT
    workers (default: one less than the machine's cores, 1 to 8). ``explain`` computes the
    replacement cost of every member and the price of every rule (extra solves).
    ``robustness`` > 0 re-solves that many times with scores drawn (seeded by
    ``seed``) from the candidates' ``score_samples`` or ``score_sd``.
    """

    seats: int
    candidates: tuple[Candidate, ...]
    rules: tuple[Rule, ...] = ()
    pinned: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    slates: int = 1
    min_difference: int = 1
    time_limit_s: float = 10.0
    workers: int | None = None
    explain: bool = True
    robustness: int = 0
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("candidates", "rules", "pinned", "excluded"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _check_count("seats", self.seats, allow_none=False)
        self._check_options()
        self._check_candidates()
        self._check_rules()
        self._check_pins()

    def _check_options(self) -> None:
        if not isinstance(self.slates, int) or isinstance(self.slates, bool) or self.slates < 1:
            raise ValueError(f"slates must be a positive integer, got {self.slates!r}")
        if not isinstance(self.min_difference, int) or isinstance(self.min_difference, bool) or self.min_difference < 1:
            raise ValueError(f"min_difference must be a positive integer, got {self.min_difference!r}")
        if not _is_number(self.time_limit_s) or not self.time_limit_s > 0:
            raise ValueError(f"time_limit_s must be a positive number, got {self.time_limit_s!r}")
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise ValueError(f"workers must be a positive integer, got {self.workers!r}")
        _check_count("robustness", self.robustness, allow_none=False)
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise ValueError(f"seed must be an integer, got {self.seed!r}")

    def _check_candidates(self) -> None:
        seen: set[str] = set()
        for candidate in self.candidates:
            if not isinstance(candidate, Candidate):
                raise ValueError(f"candidates must be Candidate objects, got {candidate!r}")
            if candidate.id in seen:
                raise ValueError(f"candidates: duplicate id {candidate.id!r}")
            seen.add(candidate.id)

    def _check_rules(self) -> None:
        known = self.attribute_names
        for index, rule in enumerate(self.rules):
            if not isinstance(rule, Rule):
                raise ValueError(f"rules[{index}] must be a Rule, got {rule!r}")
            unknown = sorted(rule.referenced_attributes - known)
            if unknown:
                raise ValueError(f"rules[{index}]: unknown attribute {unknown[0]!r} (no candidate has it)")

    def _check_pins(self) -> None:
        for name in ("pinned", "excluded"):
            ids = getattr(self, name)
            if len(set(ids)) != len(ids):
                duplicate = next(i for i in ids if ids.count(i) > 1)
                raise ValueError(f"{name}: {duplicate!r} is listed twice")
            unknown = [i for i in ids if i not in self.candidate_by_id]
            if unknown:
                raise ValueError(f"{name}: unknown candidate id {unknown[0]!r}")
        both = sorted(set(self.pinned) & set(self.excluded))
        if both:
            raise ValueError(f"pinned and excluded: {both[0]!r} is in both")
        if len(self.pinned) > self.seats:
            raise ValueError(f"pinned: {len(self.pinned)} candidates pinned but only {self.seats} seats")

    @cached_property
    def candidate_by_id(self) -> dict[str, Candidate]:
        """The candidates indexed by id."""
        return {candidate.id: candidate for candidate in self.candidates}

    @cached_property
    def attribute_names(self) -> frozenset[str]:
        """Every attribute name that some candidate has."""
        return frozenset(key for candidate in self.candidates for key in candidate.attributes)

    @property
    def worker_count(self) -> int:
        """CP-SAT workers: ``workers`` if given, else one less than the machine's cores (1 to 8).

        Measured on 2 cores: one worker solves the presolved models fastest, and
        the other core stays free for the web app.
        """
        return self.workers or max(1, min(8, (os.cpu_count() or 1) - 1))

    def with_changes(self, **changes: object) -> Problem:
        """A copy of this problem with some fields replaced (checked again)."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields.update(changes)
        return Problem(**fields)  # type: ignore[arg-type]
