"""Adapter between the app and the optimizer: rows -> optimizer problem; result -> what pages show.

The problem holds the call's shortlisted candidates with their merit scores and the
attributes the rules may count (stakeholder group, UN regional group, gender, nationality,
residence) — nothing else. Donor status in particular never reaches it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

import optimizer
from selection.data import REGIONAL_GROUPS, country_name
from selection.extensions import db
from selection.models import (
    EVERY_VALUE,
    Call,
    Gender,
    Nomination,
    NominationStatus,
    Recommendation,
    SlateRun,
)
from selection.models.call import GENDER_PLURALS, value_in_words
from selection.slate_words import (  # noqa: F401  (the words of relaxations are part of this adapter's API)
    available_for,
    codes_in_words,
    relaxation_in_words,
    subject_of,
)
from selection.workflow.review import merit_of, recommendations_by_nomination

DEFAULT_SLATES = 5
DEFAULT_MIN_DIFFERENCE = 2
DEFAULT_TIME_LIMIT_S = 20.0
MAX_SLATES = 20
MAX_TIME_LIMIT_S = 600.0


@dataclass(frozen=True)
class SlateOptions:
    """How many slates, how different they must be, and the time budget of a run.

    ``relaxations`` maps a problem rule index (as text, JSON keys) to the bounds that replace
    the rule's: the "try the relaxed rule" button of the infeasible page.
    """

    slates: int = DEFAULT_SLATES
    min_difference: int = DEFAULT_MIN_DIFFERENCE
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    relaxations: dict[str, dict[str, int]] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What is wrong with the options, in words (empty when they are fine)."""
        found = []
        if not 1 <= self.slates <= MAX_SLATES:
            found.append(f"Ask for between 1 and {MAX_SLATES} slates.")
        if self.min_difference < 1:
            found.append("Slates must differ by at least 1 seat.")
        if not 1 <= self.time_limit_s <= MAX_TIME_LIMIT_S:
            found.append(f"The time limit must be between 1 and {MAX_TIME_LIMIT_S:g} seconds.")
        return found

    def to_json(self) -> dict[str, Any]:
        """The options as stored on the run."""
        return {"slates": self.slates, "min_difference": self.min_difference,
                "time_limit_s": self.time_limit_s, "relaxations": dict(self.relaxations)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SlateOptions:
        """Options stored on a run (missing keys take the defaults)."""
        return cls(int(data.get("slates", DEFAULT_SLATES)), int(data.get("min_difference", DEFAULT_MIN_DIFFERENCE)),
                   float(data.get("time_limit_s", DEFAULT_TIME_LIMIT_S)), dict(data.get("relaxations") or {}))


# ------------------------------------------------------------------------------ rows -> problem

def candidate_id(nomination_id: int) -> str:
    """The optimizer's id of a nomination."""
    return f"n{nomination_id}"


def nomination_id_of(candidate: str) -> int:
    """The nomination id behind an optimizer candidate id."""
    return int(candidate.removeprefix("n"))


def shortlist_of(call: Call) -> list[Nomination]:
    """The call's shortlisted nominations: the only candidates a slate may hold."""
    return list(db.session.execute(
        select(Nomination).where(Nomination.call_id == call.id, Nomination.status == NominationStatus.SHORTLISTED)
        .order_by(Nomination.id)).scalars())


def attributes_of(nomination: Nomination) -> dict[str, str]:
    """The facts a balance rule may count: stakeholder group, region, gender, nationality, residence."""
    nominee = nomination.nominee
    facts = {"group": nomination.group.code, "region": nominee.region, "gender": nominee.gender.value,
             "country": nominee.nationality, "residence": nominee.residence}
    return {name: value for name, value in facts.items() if value}


def _candidate_json(nomination: Nomination) -> dict[str, Any]:
    merit = merit_of(nomination)
    return {"id": candidate_id(nomination.id), "score": round(merit, 3) if merit is not None else 0,
            "attributes": attributes_of(nomination)}


def _rules_json(call: Call) -> list[dict[str, Any]]:
    """The group quotas (exact: min = max = seats), then the call's balance rules, labelled in words."""
    rules: list[dict[str, Any]] = [
        {"attribute": "group", "value": group.code, "min": group.seats, "max": group.seats,
         "label": f"{group.name}: exactly {group.seats} seat{'s' if group.seats != 1 else ''}"}
        for group in call.groups
    ]
    for rule in call.rules:
        data: dict[str, Any] = {"attribute": rule.attribute, "value": rule.value, "label": rule.describe(call)}
        if rule.min_seats is not None:
            data["min"] = rule.min_seats
        if rule.max_seats is not None:
            data["max"] = rule.max_seats
        if rule.where_attribute and rule.where_value is not None:
            data["where"] = {rule.where_attribute: rule.where_value}
        if rule.is_soft and rule.penalty:
            data["soft"] = {"penalty": rule.penalty}
        rules.append(data)
    return rules


def build_problem(call: Call, options: SlateOptions, pinned: list[int], excluded: list[int]) -> dict[str, Any]:
    """The optimizer problem (JSON, as stored on the run) for ``call`` with pins and exclusions.

    Rules whose attribute no candidate has are left out (the optimizer refuses them); a
    relaxation from ``options`` replaces the bounds of the rule it names.
    """
    candidates = [_candidate_json(n) for n in shortlist_of(call)]
    present = {name for c in candidates for name in c["attributes"]}
    rules = [rule for rule in _rules_json(call)
             if rule["attribute"] in present and set(rule.get("where", {})) <= present]
    for index, bounds in options.relaxations.items():
        if 0 <= int(index) < len(rules):
            rules[int(index)] = _relaxed(rules[int(index)], bounds)
    ids = {c["id"] for c in candidates}
    return {
        "seats": call.group_seats,
        "candidates": candidates,
        "rules": rules,
        "pinned": [candidate_id(i) for i in pinned if candidate_id(i) in ids],
        "excluded": [candidate_id(i) for i in excluded if candidate_id(i) in ids],
        "slates": options.slates,
        "min_difference": options.min_difference,
        "time_limit_s": options.time_limit_s,
    }


def _relaxed(rule: dict[str, Any], bounds: dict[str, int]) -> dict[str, Any]:
    relaxed = dict(rule)
    for key in ("min", "max"):
        if key in bounds:
            relaxed[key] = int(bounds[key])
    if relaxed.get("min") is not None and relaxed.get("max") is not None and relaxed["min"] > relaxed["max"]:
        relaxed["max"] = relaxed["min"]
    bounds = _bounds_text(relaxed)
    seats = "seat" if bounds.rsplit(" ", 1)[-1] == "1" else "seats"
    relaxed["label"] = f"{rule.get('label', rule['attribute'])} — relaxed to {bounds} {seats}"
    return relaxed


def _bounds_text(rule: dict[str, Any]) -> str:
    low, high = rule.get("min"), rule.get("max")
    if low is not None and low == high:
        return f"exactly {low}"
    if low and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low else f"at most {high}"


def solve_problem(
    problem: dict[str, Any], progress: optimizer.ProgressCallback | None = None
) -> dict[str, Any]:
    """Run the optimizer on a stored problem; the result JSON (status ``invalid`` names a bad field).

    ``progress`` is called each time one more slate is found."""
    return optimizer.solve_json(problem, progress)


# ------------------------------------------------------------------------------ result -> pages

@dataclass(frozen=True)
class Member:
    """A member of a slate as the comparison shows it."""

    nomination_id: int
    name: str
    title: str
    organization: str
    group_code: str
    group_name: str
    region: str
    region_name: str
    gender: str
    country: str
    country_name: str
    score: float
    recommendations: tuple[str, ...]
    replacement_cost: float | None = None
    irreplaceable: bool = False
    pinned: bool = False
    in_every_slate: bool = True

    @property
    def replacement_in_words(self) -> str:
        """How the slate's score changes when this member is replaced by the best alternative."""
        if self.irreplaceable:
            return "irreplaceable under the rules"
        if self.replacement_cost is None:
            return "not computed in time"
        drop = self.replacement_cost
        return f"score −{drop:.1f} if replaced" if drop >= 0 else f"score +{-drop:.1f} if replaced"


@dataclass(frozen=True)
class BalanceRow:
    """One value of one rule: the count this slate reaches and the bounds asked."""

    label: str
    count: int
    minimum: int | None
    maximum: int | None

    @property
    def met(self) -> bool:
        """True when the count is within the bounds."""
        return (self.minimum is None or self.count >= self.minimum) and (self.maximum is None or self.count <= self.maximum)


@dataclass(frozen=True)
class SlateView:
    """One slate, ready for the comparison page and the exports."""

    rank: int
    score: float
    merit: float
    penalty: float
    proven_optimal: bool
    bound: float | None
    groups: tuple[tuple[str, tuple[Member, ...]], ...]
    binding_rules: tuple[str, ...]
    soft_violations: tuple[str, ...]
    regions: tuple[BalanceRow, ...]
    genders: tuple[BalanceRow, ...]
    added: tuple[str, ...] = ()  # names compared with slate 1
    removed: tuple[str, ...] = ()

    @property
    def members(self) -> tuple[Member, ...]:
        """Every member, group by group."""
        return tuple(m for _, members in self.groups for m in members)

    @property
    def member_ids(self) -> list[int]:
        """The nomination ids of the members."""
        return [m.nomination_id for m in self.members]


@dataclass(frozen=True)
class ConflictView:
    """A rule (or pin, exclusion, seat count) of an infeasible problem, and the least relaxation."""

    text: str
    relaxation_text: str | None
    rule_index: int | None
    relaxation: dict[str, Any] | None
    nomination_id: int | None = None  # the pinned or excluded nominee the conflict names


@dataclass(frozen=True)
class RunView:
    """A finished run for the pages: its slates, or why there are none."""

    outcome: str
    slates: tuple[SlateView, ...]
    conflicts: tuple[ConflictView, ...]
    explanation: str
    error: str
    bound: float | None

    @property
    def relaxable(self) -> int:
        """How many of the conflicts one change alone resolves (those with a relaxation)."""
        return sum(1 for conflict in self.conflicts if conflict.relaxation_text)


def _member_facts(nomination: Nomination, score: float, recommendations: list[Recommendation]) -> dict[str, Any]:
    nominee = nomination.nominee
    return dict(
        nomination_id=nomination.id, name=nominee.name, title=nominee.title, organization=nominee.organization,
        group_code=nomination.group.code, group_name=nomination.group.name, region=nominee.region or "",
        region_name=REGIONAL_GROUPS.get(nominee.region or "", "No UN regional group"),
        gender=nominee.gender.label, country=nominee.nationality, country_name=country_name(nominee.nationality),
        score=score,
        recommendations=tuple(f"{r.body.name}: {r.level.label}" for r in recommendations),
    )


def nominations_by_candidate(problem: dict[str, Any]) -> dict[str, Nomination]:
    """The nominations behind the problem's candidates, with nominee and group (three queries)."""
    ids = [nomination_id_of(c["id"]) for c in problem["candidates"]]
    query = select(Nomination).where(Nomination.id.in_(ids)).options(
        selectinload(Nomination.nominee), selectinload(Nomination.group))
    rows = db.session.execute(query).scalars() if ids else []
    return {candidate_id(n.id): n for n in rows}


def run_view(call: Call, run: SlateRun) -> RunView:
    """What the comparison (or infeasible) page shows for a finished run."""
    result = run.result or {}
    problem = run.problem
    nominations = nominations_by_candidate(problem)
    scores = {c["id"]: float(c["score"]) for c in problem["candidates"]}
    members_of = [set(s["members"]) for s in result.get("slates", [])]
    in_all = set.intersection(*members_of) if members_of else set()
    first = members_of[0] if members_of else set()
    recommendations = recommendations_by_nomination(n.id for n in nominations.values())
    facts = {cid: _member_facts(n, scores[cid], recommendations[n.id]) for cid, n in nominations.items()}
    slates = tuple(
        _slate_view(call, problem, slate, facts, scores, in_all, first) for slate in result.get("slates", [])
    )
    conflicts = tuple(_conflict_view(call, problem, c, nominations) for c in result.get("conflicts", []))
    return RunView(result.get("status", run.status.value), slates, conflicts, result.get("explanation", ""),
                   result.get("error", "") or run.error, result.get("bound"))


def _slate_view(call: Call, problem: dict[str, Any], slate: dict[str, Any], facts: dict[str, dict[str, Any]],
                scores: dict[str, float], in_all: set[str], first: set[str]) -> SlateView:
    pinned = set(problem.get("pinned", []))
    costs = slate.get("replacement_cost", {})
    members = [
        Member(**facts[cid],
               replacement_cost=costs.get(cid), irreplaceable=cid in costs and costs[cid] is None,
               pinned=cid in pinned, in_every_slate=cid in in_all)
        for cid in slate["members"] if cid in facts
    ]
    groups = tuple(
        (group.name, tuple(m for m in members if m.group_code == group.code)) for group in call.groups
    )
    rules = problem["rules"]
    name = {cid: member["name"] for cid, member in facts.items()}
    ids = set(slate["members"])
    return SlateView(
        rank=slate["rank"], score=slate["score"], merit=slate["merit"], penalty=slate["penalty"],
        proven_optimal=slate["proven_optimal"], bound=slate.get("bound"), groups=groups,
        binding_rules=tuple(_rule_label(rules[i]) for i in slate.get("binding_rules", []) if i < len(rules)),
        soft_violations=tuple(_named(v["text"], name) for v in slate.get("soft_violations", [])),
        regions=balance_rows(call, members, "region"), genders=balance_rows(call, members, "gender"),
        added=tuple(sorted(name[c] for c in ids - first if c in name)) if slate["rank"] > 1 else (),
        removed=tuple(sorted(name[c] for c in first - ids if c in name)) if slate["rank"] > 1 else (),
    )


def _rule_label(rule: dict[str, Any]) -> str:
    return rule.get("label") or rule["attribute"]


def _named(text: str, names: dict[str, str]) -> str:
    """Replace candidate ids in an optimizer text by people's names."""
    for cid in sorted(names, key=len, reverse=True):
        text = text.replace(cid, names[cid])
    return text


def balance_rows(call: Call, members: list[Member] | tuple[Member, ...], attribute: str) -> tuple[BalanceRow, ...]:
    """Seats per region (or gender) reached by ``members`` against the call's unfiltered rules."""
    counts = Counter(m.region if attribute == "region" else _gender_value(m.gender) for m in members)
    values = list(REGIONAL_GROUPS) if attribute == "region" else [g.value for g in Gender if counts[g.value]
                                                                   or _bounds(call, attribute, g.value) != (None, None)]
    rows = []
    for value in values:
        low, high = _bounds(call, attribute, value)
        label = REGIONAL_GROUPS[value] if attribute == "region" else GENDER_PLURALS.get(value, value).capitalize()
        rows.append(BalanceRow(label, counts[value], low, high))
    return tuple(rows)


def _gender_value(label: str) -> str:
    return next((g.value for g in Gender if g.label == label), label)


def _bounds(call: Call, attribute: str, value: str) -> tuple[int | None, int | None]:
    """The tightest hard bounds the call's rules (without a filter) set on one value."""
    low: int | None = None
    high: int | None = None
    for rule in call.rules:
        if rule.attribute != attribute or rule.where_attribute or rule.is_soft:
            continue
        if rule.value not in (EVERY_VALUE, value):
            continue
        if rule.min_seats is not None:
            low = max(low or 0, rule.min_seats)
        if rule.max_seats is not None:
            high = rule.max_seats if high is None else min(high, rule.max_seats)
    return low, high


def _conflict_view(call: Call, problem: dict[str, Any], conflict: dict[str, Any],
                   nominations: dict[str, Nomination]) -> ConflictView:
    names = {cid: n.nominee.name for cid, n in nominations.items()}
    relaxation = conflict.get("relaxation")
    rule_index = conflict.get("rule")
    attribute = problem["rules"][rule_index]["attribute"] if rule_index is not None else None
    text = codes_in_words(_named(conflict["text"], names), call, attribute)
    named = conflict.get("pinned") or conflict.get("excluded")
    nomination_id = nomination_id_of(named) if named else None
    if relaxation is None:
        return ConflictView(text, None, rule_index, None, nomination_id)
    if rule_index is not None:
        rule = problem["rules"][rule_index]
        words = relaxation_in_words(rule, relaxation, available_for(problem, rule))
    elif "pinned" in conflict:
        words = f"unpin {names.get(conflict['pinned'], conflict['pinned'])}"
    elif "excluded" in conflict:
        words = f"stop excluding {names.get(conflict['excluded'], conflict['excluded'])}"
    else:
        words = f"change the number of seats to {relaxation.get('seats')}"
    return ConflictView(text, words, rule_index, relaxation, nomination_id)


# ------------------------------------------------------------------------------ manual slates

def violation_texts(call: Call, nomination_ids: list[int]) -> tuple[list[str], list[str]]:
    """(hard, soft) rules a hand-made slate breaks, in words with people named (optimizer.validate)."""
    names = {candidate_id(n.id): n.nominee.name for n in call.nominations}
    problem = build_problem(call, SlateOptions(slates=1), [], [])
    rules = problem["rules"]
    violations = optimizer.validate(optimizer.problem_from_json(problem), [candidate_id(i) for i in nomination_ids])
    hard, soft = [], []
    for violation in violations:
        text = _named(violation.text, names)
        if violation.kind == "rule" and violation.rule is not None and violation.rule < len(rules):
            text = _rule_violation_text(rules[violation.rule], violation)
        if violation.kind == "unknown":
            text = f"{text.split(' is not')[0]} is not on the shortlist"
        (soft if violation.soft else hard).append(text)
    return hard, soft


def _rule_violation_text(rule: dict[str, Any], violation: optimizer.Violation) -> str:
    """'Government: exactly 2 seats — 3 in the slate', naming the value of a per-value rule."""
    label = _rule_label(rule)
    if rule.get("value", EVERY_VALUE) == EVERY_VALUE and violation.value is not None:
        value = value_in_words(None, rule["attribute"], violation.value)
        return f"{label} — {value}: {violation.count} in the slate"
    return f"{label} — {violation.count} in the slate"
