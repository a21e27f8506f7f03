"""Result -> what the pages show: slates grouped by stakeholder group with balance, members with
their replacement cost and robustness share, conflicts with relaxations, rule prices, and the
shortlisted nominees on no slate. Recommendations come in as words (the workflow gathers them).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import optimizer
from selection.data import REGIONAL_GROUPS
from selection.i18n import country_name_in, regional_group_name
from selection.models import EVERY_VALUE, Call, Gender, Nomination, SlateRun
from selection.models.call import GENDER_PLURALS
from selection.slates.insight import PriceRow, Unslated, price_rows, unslated_of
from selection.slates.problem import nomination_id_of, nominations_by_candidate
from selection.slates.stored import stored_result
from selection.plurals import gettext
from selection.slates.labels import rule_words
from selection.slates.sentences import member_share_words, replacement_words, robustness_words
from selection.slates.words import (
    available_for,
    conflict_in_words,
    other_violation_in_words,
    relaxation_in_words,
    violation_in_words,
)


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
    share: float | None = None  # share of resamples whose best slate holds them (robustness runs only)

    @property
    def replacement_in_words(self) -> str:
        """How the slate's score changes when this member is replaced by the best alternative."""
        return replacement_words(self.irreplaceable, self.replacement_cost)

    @property
    def share_in_words(self) -> str:
        """'in the best slate in 97% of resamples' (empty without a robustness analysis)."""
        return member_share_words(self.share) if self.share is not None else ""


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
    best_share: float | None = None  # share of resamples in which it is the best proposed slate

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
    prices: tuple[PriceRow, ...] = ()
    robustness: str = ""  # one sentence on whether the reviews separate the slates
    resamples: int = 0
    unslated: tuple[Unslated, ...] = ()  # shortlisted nominees on no slate (not excluded)

    @property
    def relaxable(self) -> int:
        """How many of the conflicts one change alone resolves (those with a relaxation)."""
        return sum(1 for conflict in self.conflicts if conflict.relaxation_text)


def _member_facts(nomination: Nomination, score: float, recommendations: Sequence[str]) -> dict[str, Any]:
    nominee = nomination.nominee
    return dict(
        nomination_id=nomination.id, name=nominee.name, title=nominee.title, organization=nominee.organization,
        group_code=nomination.group.code, group_name=nomination.group.name, region=nominee.region or "",
        region_name=regional_group_name(nominee.region),
        gender=nominee.gender.label, country=nominee.nationality, country_name=country_name_in(nominee.nationality),
        score=score, recommendations=tuple(recommendations),
    )


def run_view(call: Call, run: SlateRun, recommendations: Mapping[int, Sequence[str]]) -> RunView:
    """What the comparison (or infeasible) page shows for a finished run; ``recommendations`` gives
    each nomination's recommendations in words ("Body: Recommend")."""
    result = stored_result(run) or optimizer.Result(optimizer.SolveStatus.UNKNOWN)
    problem = run.problem
    nominations = nominations_by_candidate(problem)
    scores = {c["id"]: float(c["score"]) for c in problem["candidates"]}
    members_of = [set(s.members) for s in result.slates]
    in_all = set.intersection(*members_of) if members_of else set()
    first = members_of[0] if members_of else set()
    facts = {cid: _member_facts(n, scores[cid], recommendations.get(n.id, ())) for cid, n in nominations.items()}
    names = {cid: fact["name"] for cid, fact in facts.items()}
    robust = result.robustness
    shares = {s.rank: s.best_share for s in robust.slates} if robust else {}
    slates = tuple(_slate_view(call, problem, slate, facts, in_all, first, robust, shares.get(slate.rank))
                   for slate in result.slates)
    conflicts = tuple(_conflict_view(call, problem, c, names) for c in result.conflicts)
    return RunView(
        result.status.value if run.result is not None else run.status.value, slates, conflicts,
        result.explanation or "", result.error or run.error, result.bound,
        prices=price_rows(problem, result.rule_prices, names, call),
        robustness=robustness_words(robust) if robust else "", resamples=robust.samples if robust else 0,
        unslated=unslated_of(problem, facts, set().union(*members_of) if members_of else set()),
    )


def _slate_view(call: Call, problem: dict[str, Any], slate: optimizer.Slate, facts: dict[str, dict[str, Any]],
                in_all: set[str], first: set[str], robust: optimizer.Robustness | None,
                best_share: float | None) -> SlateView:
    pinned = set(problem.get("pinned", []))
    costs = slate.replacement_cost
    members = [
        Member(**facts[cid], replacement_cost=costs.get(cid), irreplaceable=cid in costs and costs[cid] is None,
               pinned=cid in pinned, in_every_slate=cid in in_all,
               share=robust.members.get(cid, 0.0) if robust else None)
        for cid in slate.members if cid in facts
    ]
    groups = tuple(
        (group.name, tuple(m for m in members if m.group_code == group.code)) for group in call.groups
    )
    rules = problem["rules"]
    name = {cid: member["name"] for cid, member in facts.items()}
    ids = set(slate.members)
    later = slate.rank > 1
    return SlateView(
        rank=slate.rank, score=slate.score, merit=slate.merit, penalty=slate.penalty,
        proven_optimal=slate.proven_optimal, bound=slate.bound, groups=groups,
        binding_rules=tuple(rule_words(call, rules[i]) for i in slate.binding_rules if i < len(rules)),
        soft_violations=tuple(_violation_words(call, problem, v, name) for v in slate.soft_violations),
        regions=balance_rows(call, members, "region"), genders=balance_rows(call, members, "gender"),
        added=tuple(sorted(name[c] for c in ids - first if c in name)) if later else (),
        removed=tuple(sorted(name[c] for c in first - ids if c in name)) if later else (),
        best_share=best_share,
    )


def _violation_words(call: Call, problem: dict[str, Any], violation: optimizer.Violation,
                     names: dict[str, str]) -> str:
    rules = problem["rules"]
    if violation.kind == "rule" and violation.rule is not None and violation.rule < len(rules):
        return violation_in_words(rules[violation.rule], violation, call)
    return other_violation_in_words(violation, names, problem["seats"], call)


def balance_rows(call: Call, members: list[Member] | tuple[Member, ...], attribute: str) -> tuple[BalanceRow, ...]:
    """Seats per region (or gender) reached by ``members`` against the call's unfiltered rules."""
    counts = Counter(m.region if attribute == "region" else _gender_value(m.gender) for m in members)
    values = list(REGIONAL_GROUPS) if attribute == "region" else [g.value for g in Gender if counts[g.value]
                                                                   or _bounds(call, attribute, g.value) != (None, None)]
    rows = []
    for value in values:
        low, high = _bounds(call, attribute, value)
        if attribute == "region":
            label = regional_group_name(value)
        else:
            label = gettext(GENDER_PLURALS.get(value, value)).capitalize()
        rows.append(BalanceRow(label, counts[value], low, high))
    return tuple(rows)


def _gender_value(label: str) -> str:
    return next((g.value for g in Gender if label in (g.label, g.english_label)), label)


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


def _conflict_view(call: Call, problem: dict[str, Any], conflict: optimizer.Conflict,
                   names: dict[str, str]) -> ConflictView:
    relaxation = dict(conflict.relaxation) if conflict.relaxation is not None else None
    rule_index = conflict.rule
    text = conflict_in_words(call, problem, conflict, names)
    who = conflict.pinned or conflict.excluded
    nomination_id = nomination_id_of(who) if who else None
    if relaxation is None:
        return ConflictView(text, None, rule_index, None, nomination_id)
    if rule_index is not None:
        rule = problem["rules"][rule_index]
        words = relaxation_in_words(rule, relaxation, available_for(problem, rule), call)
    elif conflict.pinned:
        words = gettext("unpin %(name)s", name=names.get(conflict.pinned, conflict.pinned))
    elif conflict.excluded:
        words = gettext("stop excluding %(name)s", name=names.get(conflict.excluded, conflict.excluded))
    else:
        words = gettext("change the number of seats to %(seats)s", seats=relaxation.get("seats"))
    return ConflictView(text, words, rule_index, relaxation, nomination_id)
