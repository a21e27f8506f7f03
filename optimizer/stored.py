"""``result_from_json``: a stored result document back into the ``Result`` dataclasses, in one place.

The inverse of ``result_to_json`` (see README.md for the fields). Tolerant of
documents stored before a field existed: a missing list is empty, a missing
``rule_prices`` or ``robustness`` is None. ``ValueError`` names the field when
the document is not a result at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .result import Conflict, PartFact, Result, Robustness, RulePrice, RulePrices, Slate, SlateShare, SolveStatus, Violation


def _field(data: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    value = data.get(key, default)
    if value is not None and not isinstance(value, kind):
        raise ValueError(f"{where}{key}: expected {getattr(kind, '__name__', 'a value')}, got {value!r}")
    return value


def violation_from_json(data: Mapping[str, Any]) -> Violation:
    """A violation object back into a ``Violation``."""
    return Violation(data["kind"], data["text"], rule=data.get("rule"), value=data.get("value"),
                     count=data.get("count"), seats=data.get("seats", 0), soft=bool(data.get("soft", False)),
                     penalty=float(data.get("penalty") or 0.0), candidate=data.get("candidate"))  # fmt: skip


def slate_from_json(data: Mapping[str, Any], where: str = "slates[0].") -> Slate:
    """A slate object back into a ``Slate``."""
    return Slate(
        rank=int(data["rank"]),
        members=tuple(_field(data, "members", where, list, [])),
        score=float(data["score"]),
        merit=float(data.get("merit", data["score"])),
        penalty=float(data.get("penalty") or 0.0),
        proven_optimal=bool(data.get("proven_optimal", False)),
        bound=data.get("bound"),
        binding_rules=tuple(data.get("binding_rules") or ()),
        soft_violations=tuple(violation_from_json(v) for v in data.get("soft_violations") or ()),
        replacement_cost=dict(_field(data, "replacement_cost", where, dict, {})),
    )


def conflict_from_json(data: Mapping[str, Any]) -> Conflict:
    """A conflict object back into a ``Conflict``."""
    facts = tuple(PartFact(f.get("value"), int(f["available"]), int(f.get("pinned", 0)), bool(f.get("short")))
                  for f in data.get("facts") or ())
    profile = tuple((str(a), str(v)) for a, v in data.get("profile") or ())
    return Conflict(data["text"], rule=data.get("rule"), pinned=data.get("pinned"), excluded=data.get("excluded"),
                    seats=data.get("seats"), relaxation=data.get("relaxation"), facts=facts, profile=profile)  # fmt: skip


def price_from_json(data: Mapping[str, Any] | None) -> RulePrice | None:
    """A rule price object (or null) back into a ``RulePrice``."""
    if data is None:
        return None
    changes = data.get("changes") or {}
    return RulePrice(data.get("delta_score"), data.get("relative"), tuple(changes.get("in", ())),
                     tuple(changes.get("out", ())), bool(data.get("proven", True)))  # fmt: skip


def rule_prices_from_json(data: Mapping[str, Any] | None) -> RulePrices | None:
    """The ``rule_prices`` object back into ``RulePrices``."""
    if data is None:
        return None
    return RulePrices(tuple(price_from_json(p) for p in data.get("rules") or ()), price_from_json(data.get("quotas")),
                      price_from_json(data.get("all_rules")))  # fmt: skip


def robustness_from_json(data: Mapping[str, Any] | None) -> Robustness | None:
    """The ``robustness`` object back into ``Robustness``."""
    if data is None:
        return None
    shares = tuple(SlateShare(int(s["rank"]), float(s["best_share"]), float(s["optimal_share"]))
                   for s in data.get("slates") or ())  # fmt: skip
    return Robustness(int(data["samples"]), int(data.get("requested", data["samples"])), int(data.get("seed", 0)),
                      dict(data.get("members") or {}), shares, tuple(data.get("indistinguishable") or ()))  # fmt: skip


def result_from_json(data: Any) -> Result:
    """A stored result document (``result_to_json``'s output) back into a ``Result``."""
    if not isinstance(data, Mapping) or "status" not in data:
        raise ValueError("result: must be a JSON object with a status")
    try:
        status = SolveStatus(data["status"])
    except ValueError:
        raise ValueError(f"status: unknown status {data['status']!r}") from None
    try:
        return Result(
            status=status,
            slates=tuple(slate_from_json(s, f"slates[{i}].") for i, s in enumerate(_field(data, "slates", "", list, []))),
            bound=data.get("bound"),
            conflicts=tuple(conflict_from_json(c) for c in _field(data, "conflicts", "", list, [])),
            conflicts_minimal=bool(data.get("conflicts_minimal", True)),
            explanation=data.get("explanation"),
            wall_time_s=float(data.get("wall_time_s") or 0.0),
            error=data.get("error"),
            rule_prices=rule_prices_from_json(data.get("rule_prices")),
            robustness=robustness_from_json(data.get("robustness")),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"result: malformed ({error!r})") from None
