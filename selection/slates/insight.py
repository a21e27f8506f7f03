"""What the decision workspace adds to the slates: what each rule costs, which shortlisted
nominees are on no slate, and why a given nominee is on none (``optimizer.explain_absence`` on
the run's stored problem and result), all in words with people named.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import optimizer
from selection.models import Call, SlateRun
from selection.slates.problem import candidate_id, nomination_id_of, nominations_by_candidate
from selection.slates.stored import stored_problem, stored_result
from selection.plurals import gettext
from selection.slates.labels import rule_words
from selection.slates.sentences import blocking_words, price_words, swap_words
from selection.slates.words import conflict_in_words

WHY_NOT_TIME_LIMIT_S = 10.0  # a page computed on request: the answer must come quickly


@dataclass(frozen=True)
class PriceRow:
    """What one rule (or the quotas, or all balance rules) costs slate 1, in one sentence."""

    text: str
    kind: str  # "rule", "quotas" or "all"
    delta: float | None
    joins: tuple[str, ...] = ()  # names of those who would come in without it
    leaves: tuple[str, ...] = ()

    @property
    def free(self) -> bool:
        """True when the rule costs nothing."""
        return self.delta is not None and self.delta <= 1e-9


def price_rows(problem: dict[str, Any], prices: optimizer.RulePrices | None,
               names: Mapping[str, str] | None = None, call: Call | None = None) -> tuple[PriceRow, ...]:
    """Each rule's price, then the seat quotas' and all balance rules' together (empty without prices)."""
    if prices is None:
        return ()
    names = names or {}
    rules = problem["rules"]
    rows = [_row(rule_words(call, rule), "rule", price, names) for rule, price in zip(rules, prices.rules)]
    if any(rule.get("quota") for rule in rules):
        rows.append(_row(gettext("the seat quotas"), "quotas", prices.quotas, names))
    if rules:
        rows.append(_row(gettext("all balance rules together"), "all", prices.all_rules, names))
    return tuple(rows)


def _row(label: str, kind: str, price: optimizer.RulePrice | None, names: Mapping[str, str]) -> PriceRow:
    delta = price.delta_score if price else None
    joins = tuple(names.get(c, c) for c in price.joins) if price else ()
    leaves = tuple(names.get(c, c) for c in price.leaves) if price else ()
    return PriceRow(price_words(label, price), kind, delta, joins, leaves)


@dataclass(frozen=True)
class Unslated:
    """A shortlisted nominee on no slate: the "Why not?" rows of the comparison."""

    nomination_id: int
    name: str
    group_name: str
    score: float


def unslated_of(problem: dict[str, Any], facts: Mapping[str, Mapping[str, Any]],
                on_slates: set[str]) -> tuple[Unslated, ...]:
    """The problem's candidates on no slate and not excluded, best merit first."""
    excluded = set(problem.get("excluded", []))
    rows = [Unslated(fact["nomination_id"], fact["name"], fact["group_name"], fact["score"])
            for cid, fact in facts.items() if cid not in on_slates and cid not in excluded]
    return tuple(sorted(rows, key=lambda row: (-row.score, row.name)))


@dataclass(frozen=True)
class AbsenceView:
    """Why one nominee is on no slate, for the "Why not?" page."""

    nomination_id: int
    name: str
    status: str  # on_slate, excluded, possible, impossible, unknown
    rank: int | None = None
    slate: tuple[str, ...] = ()  # names of the best slate that includes them
    score: float | None = None
    cost: float | None = None
    replaces: tuple[str, ...] = ()
    joins: tuple[str, ...] = ()
    blocking: tuple[str, ...] = ()  # the rules in the way, in sentences
    swaps: tuple[str, ...] = ()  # the nominee directly in the seat of each member of their group, in sentences
    conflicts: tuple[str, ...] = ()


def absence_view(call: Call, run: SlateRun, nomination_id: int) -> AbsenceView:
    """Why the nominee is on no slate of the finished ``run`` (``ValueError`` when the nominee is
    not one of the run's candidates)."""
    problem = stored_problem(run)
    problem = problem.with_changes(time_limit_s=min(problem.time_limit_s, WHY_NOT_TIME_LIMIT_S))
    who = candidate_id(nomination_id)
    absence = optimizer.explain_absence(problem, who, stored_result(run))
    nominations = nominations_by_candidate(run.problem)
    names = {cid: n.nominee.name for cid, n in nominations.items()}
    group = {cid: n.group_id for cid, n in nominations.items()}
    rules = run.problem["rules"]
    name = names.get(who, who)
    return AbsenceView(
        nomination_id, name, absence.status, absence.rank, tuple(names.get(m, m) for m in absence.slate),
        absence.score, absence.cost, tuple(names.get(m, m) for m in absence.replaces),
        tuple(names.get(m, m) for m in absence.joins),
        blocking=tuple(blocking_words(call, rules[b.rule], name, b.cost_without) for b in absence.blocking),
        # A seat of another stakeholder group would break the seat quotas: only same-group seats say something.
        swaps=tuple(swap_words(call, run.problem, swap, names) for swap in absence.swaps
                    if group.get(swap.member) == group.get(who)),
        conflicts=tuple(conflict_in_words(call, run.problem, c, names) for c in absence.conflicts),
    )


def is_candidate(run: SlateRun, nomination_id: int) -> bool:
    """True when the nomination is one of the run's candidates."""
    return any(nomination_id_of(c["id"]) == nomination_id for c in run.problem.get("candidates", []))
