"""The optimizer's output dataclasses, and the JSON contract in and out (see README.md)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .problem import ANY_VALUE, Candidate, Problem, Rule


class SolveStatus(str, Enum):
    """How a solve ended."""

    OPTIMAL = "optimal"  # every slate returned is proven optimal
    FEASIBLE = "feasible"  # the time limit ran out; the best slates found so far
    INFEASIBLE = "infeasible"  # proven: no slate obeys the hard rules; see conflicts
    UNKNOWN = "unknown"  # the time limit ran out before any slate was found or infeasibility proven
    INVALID = "invalid"  # the problem itself is malformed (JSON layer only; Python raises ValueError)


@dataclass(frozen=True)
class Violation:
    """One broken promise of a slate: a rule part, the seat count, a pin, an exclusion or an id."""

    kind: str  # "rule", "seats", "pinned", "excluded", "unknown", "duplicate"
    text: str
    rule: int | None = None
    value: str | None = None
    count: int | None = None
    seats: int = 0  # seats of violation
    soft: bool = False
    penalty: float = 0.0  # for a soft rule: seats * penalty
    candidate: str | None = None

    @property
    def hard(self) -> bool:
        """True when the violation makes the slate unacceptable (everything but a soft rule)."""
        return not self.soft


@dataclass(frozen=True)
class Slate:
    """One proposed slate with its figures and explanations."""

    rank: int
    members: tuple[str, ...]
    score: float  # merit - penalty: the objective
    merit: float  # sum of the members' scores
    penalty: float  # soft-rule penalties
    proven_optimal: bool
    bound: float | None
    binding_rules: tuple[int, ...] = ()
    soft_violations: tuple[Violation, ...] = ()
    # member -> score lost if that member is replaced; None: irreplaceable; absent: not computed in time
    replacement_cost: Mapping[str, float | None] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class PartFact:
    """What the pool offers for one value of a conflicting rule (``value`` None for a single-value rule)."""

    value: str | None
    available: int
    pinned: int = 0
    short: bool = False  # fewer available than the rule's minimum


@dataclass(frozen=True)
class Conflict:
    """One member of a minimal set of rules, pins, exclusions and the seat count that cannot all hold.

    ``text`` says it in English; ``facts`` (a rule's values) and ``profile`` (the attributes of a
    pinned or excluded candidate that the conflicting rules count) let an app say it in its own words.
    """

    text: str
    rule: int | None = None
    pinned: str | None = None
    excluded: str | None = None
    seats: int | None = None
    # the least change of this one item that makes the whole problem feasible; None: not enough alone
    relaxation: Mapping[str, int | bool] | None = None
    facts: tuple[PartFact, ...] = ()
    profile: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RulePrice:
    """What one rule (or a group of rules) costs slate 1: best score without it minus best score with it.

    ``delta_score`` is None when the solve without the rule did not finish in time;
    ``joins`` and ``leaves`` are the members that would change (the best slate without the rule).
    """

    delta_score: float | None
    relative: float | None = None  # delta_score / |slate 1 score|; None when that score is 0
    joins: tuple[str, ...] = ()
    leaves: tuple[str, ...] = ()
    proven: bool = True


@dataclass(frozen=True)
class RulePrices:
    """The price of every rule (by index), of the seat quotas together, and of all other rules together."""

    rules: tuple[RulePrice | None, ...] = ()  # None: not computed before the time limit
    quotas: RulePrice | None = None  # None also when no rule is a quota
    all_rules: RulePrice | None = None  # every rule but the quotas lifted


@dataclass(frozen=True)
class SlateShare:
    """How often a proposed slate wins under resampled scores."""

    rank: int
    best_share: float  # share of samples in which it scores highest of the proposed slates
    optimal_share: float  # share of samples in which it is the best slate of all


@dataclass(frozen=True)
class Robustness:
    """Slates re-solved with sampled scores: how often each candidate and each proposed slate comes out best."""

    samples: int  # samples solved (fewer than requested when the time ran out)
    requested: int
    seed: int
    members: Mapping[str, float] = field(default_factory=dict, hash=False)  # id -> share in the best slate
    slates: tuple[SlateShare, ...] = ()
    indistinguishable: tuple[int, ...] = ()  # ranks the samples cannot separate from the most often best one


@dataclass(frozen=True)
class Result:
    """The outcome of ``solve``."""

    status: SolveStatus
    slates: tuple[Slate, ...] = ()
    bound: float | None = None
    conflicts: tuple[Conflict, ...] = ()
    conflicts_minimal: bool = True  # False when the conflict analysis ran out of time
    explanation: str | None = None
    wall_time_s: float = 0.0
    error: str | None = None
    rule_prices: RulePrices | None = None
    robustness: Robustness | None = None


# --- JSON in ---------------------------------------------------------------

_PROBLEM_KEYS = {
    "seats", "candidates", "rules", "pinned", "excluded", "slates", "min_difference",
    "time_limit_s", "workers", "explain", "robustness", "seed",
}  # fmt: skip
# "relaxed_from": the bounds a relaxed rule had before (for the app's words; the solver ignores it)
_RULE_KEYS = {"attribute", "value", "min", "max", "where", "soft", "label", "quota", "relaxed_from"}


def _require(condition: bool, field_name: str, message: str) -> None:
    if not condition:
        raise ValueError(f"{field_name}: {message}")


def _attribute_value(value: object, field_name: str) -> str:
    # Numbers are accepted as attribute values (age bands, years) and compared as text.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    _require(isinstance(value, str), field_name, f"must be a string, got {value!r}")
    return value  # type: ignore[return-value]


def _candidate_from_json(data: object, where: str) -> Candidate:
    _require(isinstance(data, dict), where, "must be an object with id, score, attributes")
    assert isinstance(data, dict)
    _require("id" in data, where, "missing 'id'")
    attributes = data.get("attributes", {})
    _require(isinstance(attributes, dict), f"{where}.attributes", "must be an object")
    converted = {
        str(key): _attribute_value(value, f"{where}.attributes.{key}")
        for key, value in attributes.items()
        if value is not None
    }
    samples = data.get("score_samples", [])
    _require(isinstance(samples, list), f"{where}.score_samples", "must be a list of numbers")
    try:
        return Candidate(data["id"], data.get("score", 0.0), converted, tuple(samples), data.get("score_sd"))
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


def _rule_from_json(data: object, where: str) -> Rule:
    _require(isinstance(data, dict), where, "must be an object with attribute, value, min, max")
    assert isinstance(data, dict)
    unknown = sorted(set(data) - _RULE_KEYS)
    _require(not unknown, f"{where}.{unknown[0] if unknown else ''}", "unknown field")
    _require("attribute" in data, where, "missing 'attribute'")
    soft = data.get("soft")
    _require(soft is None or (isinstance(soft, dict) and "penalty" in soft), f"{where}.soft", 'must be {"penalty": number}')
    value = data.get("value", ANY_VALUE)
    where_filter = data.get("where")
    if isinstance(where_filter, dict):
        where_filter = {
            key: [_attribute_value(v, f"{where}.where.{key}") for v in (vals if isinstance(vals, list) else [vals])]
            for key, vals in where_filter.items()
        }
    try:
        return Rule(
            attribute=data["attribute"],
            value=_attribute_value(value, f"{where}.value"),
            min=data.get("min"),
            max=data.get("max"),
            where=where_filter,  # type: ignore[arg-type]
            penalty=soft["penalty"] if soft else None,
            label=data.get("label"),
            quota=bool(data.get("quota", False)),
        )
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


def problem_from_json(data: object) -> Problem:
    """A ``Problem`` from the parsed JSON document; ``ValueError`` names the offending field."""
    _require(isinstance(data, dict), "problem", "must be a JSON object")
    assert isinstance(data, dict)
    unknown = sorted(set(data) - _PROBLEM_KEYS)
    _require(not unknown, unknown[0] if unknown else "", "unknown field")
    _require("seats" in data, "seats", "missing")
    _require(isinstance(data.get("candidates"), list), "candidates", "must be a list")
    rules = data.get("rules", [])
    _require(isinstance(rules, list), "rules", "must be a list")
    for name in ("pinned", "excluded"):
        ids = data.get(name, [])
        _require(isinstance(ids, list) and all(isinstance(i, str) for i in ids), name, "must be a list of ids")
    options = {key: data[key] for key in ("slates", "min_difference", "time_limit_s", "workers", "robustness", "seed")
               if key in data}  # fmt: skip
    return Problem(
        seats=data["seats"],
        candidates=tuple(_candidate_from_json(c, f"candidates[{i}]") for i, c in enumerate(data["candidates"])),
        rules=tuple(_rule_from_json(r, f"rules[{i}]") for i, r in enumerate(rules)),
        pinned=tuple(data.get("pinned", [])),
        excluded=tuple(data.get("excluded", [])),
        explain=bool(data.get("explain", True)),
        **options,
    )


def load_problem(path: str) -> Problem:
    """Read a problem JSON file; ``ValueError`` (with the field) when malformed or invalid."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ValueError(f"{path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    return problem_from_json(data)


# --- JSON out --------------------------------------------------------------


def _number(value: float | None) -> float | int | None:
    if value is None or not math.isfinite(value):
        return None
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 2**53 else rounded


def json_number(value: float | None) -> float | int | None:
    """A number as the JSON contract writes it: None for non-finite, 6 decimals, integral values as int."""
    return _number(value)


def violation_to_json(violation: Violation) -> dict[str, Any]:
    """A violation as a JSON object (fields that do not apply are left out)."""
    data: dict[str, Any] = {"kind": violation.kind, "text": violation.text, "soft": violation.soft}
    for key in ("rule", "value", "count", "candidate"):
        if getattr(violation, key) is not None:
            data[key] = getattr(violation, key)
    if violation.seats:
        data["seats"] = violation.seats
    if violation.soft:
        data["penalty"] = _number(violation.penalty)
    return data


def slate_to_json(slate: Slate) -> dict[str, Any]:
    """A slate as a JSON object."""
    return {
        "rank": slate.rank,
        "members": list(slate.members),
        "score": _number(slate.score),
        "merit": _number(slate.merit),
        "penalty": _number(slate.penalty),
        "proven_optimal": slate.proven_optimal,
        "bound": _number(slate.bound),
        "binding_rules": list(slate.binding_rules),
        "soft_violations": [violation_to_json(v) for v in slate.soft_violations],
        "replacement_cost": {member: _number(cost) for member, cost in slate.replacement_cost.items()},
    }


def conflict_to_json(conflict: Conflict) -> dict[str, Any]:
    """A conflict as a JSON object naming its rule index, pinned or excluded id, or seats."""
    data: dict[str, Any] = {}
    for key in ("rule", "pinned", "excluded", "seats"):
        if getattr(conflict, key) is not None:
            data[key] = getattr(conflict, key)
    data["text"] = conflict.text
    data["relaxation"] = dict(conflict.relaxation) if conflict.relaxation is not None else None
    if conflict.facts:
        data["facts"] = [{"value": f.value, "available": f.available, "pinned": f.pinned, "short": f.short}
                         for f in conflict.facts]
    if conflict.profile:
        data["profile"] = [list(pair) for pair in conflict.profile]
    return data


def result_to_json(result: Result) -> dict[str, Any]:
    """The result as the JSON document of the contract."""
    data: dict[str, Any] = {
        "status": result.status.value,
        "slates": [slate_to_json(s) for s in result.slates],
        "bound": _number(result.bound),
        "conflicts": [conflict_to_json(c) for c in result.conflicts],
        "wall_time_s": round(result.wall_time_s, 3),
    }
    if result.status is SolveStatus.INFEASIBLE:
        data["conflicts_minimal"] = result.conflicts_minimal
    if result.explanation:
        data["explanation"] = result.explanation
    if result.error:
        data["error"] = result.error
    if result.rule_prices is not None:
        data["rule_prices"] = rule_prices_to_json(result.rule_prices)
    if result.robustness is not None:
        data["robustness"] = robustness_to_json(result.robustness)
    return data


def price_to_json(price: RulePrice | None) -> dict[str, Any] | None:
    """A rule price as a JSON object; None stays null (not computed in time, or no quota)."""
    if price is None:
        return None
    return {"delta_score": _number(price.delta_score), "relative": _number(price.relative),
            "changes": {"in": list(price.joins), "out": list(price.leaves)}, "proven": price.proven}  # fmt: skip


def rule_prices_to_json(prices: RulePrices) -> dict[str, Any]:
    """``{"rules": [price by rule index], "quotas": price, "all_rules": price}``."""
    return {"rules": [price_to_json(p) for p in prices.rules], "quotas": price_to_json(prices.quotas),
            "all_rules": price_to_json(prices.all_rules)}  # fmt: skip


def robustness_to_json(robustness: Robustness) -> dict[str, Any]:
    """The resampling figures as a JSON object (shares rounded to 4 decimals)."""
    return {
        "samples": robustness.samples,
        "requested": robustness.requested,
        "seed": robustness.seed,
        "members": {m: round(share, 4) for m, share in robustness.members.items()},
        "slates": [{"rank": s.rank, "best_share": round(s.best_share, 4), "optimal_share": round(s.optimal_share, 4)}
                   for s in robustness.slates],  # fmt: skip
        "indistinguishable": list(robustness.indistinguishable),
    }
