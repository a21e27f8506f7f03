"""The call dashboard's figures: nominations by stakeholder group x UN regional group x
gender, counts per status, and the gaps against the call's seats and balance rules, in words.

A nominee counts as *eligible* for the gaps while they are in the pool (submitted, under
review or shortlisted): someone not yet screened may still fill a seat, someone ineligible,
withdrawn or not shortlisted cannot. Candidates nominated several times count once.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import func, select

from selection.data import REGIONAL_GROUPS
from selection.extensions import db
from selection.models import (EVERY_VALUE, BalanceRule, Call, Gender, Nomination, NominationStatus, Nominee,
                              StakeholderGroup)
from selection.plurals import ngettext
from selection.slates.labels import value_words
from selection.slates.problem import rule_in_page_words
from selection.workflow.states import is_in_pool


@dataclass(frozen=True)
class Gap:
    """A shortfall ('gap': the rule cannot be met from the pool) or a thin spot ('thin')."""

    severity: str
    text: str


@dataclass(frozen=True)
class Cell:
    """How many nominations received share a group, UN regional group, gender and status (and a
    nationality and residence when a balance rule of the call is about them)."""

    group: str
    region: str
    gender: str
    status: NominationStatus
    count: int
    country: str = ""
    residence: str = ""


def attribute_of(cell: Cell, attribute: str) -> str:
    """The value of a balance-rule attribute for a cell's nominees."""
    return {
        "region": cell.region, "gender": cell.gender, "country": cell.country,
        "residence": cell.residence, "group": cell.group,
    }.get(attribute, "")


def received(call: Call) -> list[Cell]:
    """The call's nominations sent in (every one but drafts), counted in SQL per group, region,
    gender and status, and per nationality and residence only when a rule's minimum needs them
    (a maximum per country makes no gap, and thousands of cells would cost what rows did)."""
    places = any(attribute in ("country", "residence") for rule in call.rules if rule.min_seats
                 for attribute in (rule.attribute, rule.where_attribute))
    columns = [StakeholderGroup.code, Nominee.region, Nominee.gender, Nomination.status]
    if places:
        columns += [Nominee.nationality, Nominee.residence]
    rows = db.session.execute(
        select(*columns, func.count(Nomination.id)).select_from(Nomination)
        .join(Nominee, Nominee.id == Nomination.nominee_id)
        .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .where(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT)
        .group_by(*columns)
    ).all()
    return [Cell(row[0], row[1] or "", row[2].value, row[3], row[-1], *(row[4:6] if places else ()))
            for row in rows]


def total(cells: list[Cell]) -> int:
    """The number of nominations the cells count."""
    return sum(cell.count for cell in cells)


def cross_table(cells: list[Cell]) -> dict[tuple[str, str, str], int]:
    """(group code, region, gender) -> number of nominations."""
    table: Counter[tuple[str, str, str]] = Counter()
    for cell in cells:
        table[(cell.group, cell.region, cell.gender)] += cell.count
    return table


def by_group_and_by_region(table: dict[tuple[str, str, str], int]
                           ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """The cross table's margins: (group code, gender) -> count and (region, gender) -> count."""
    by_group: Counter[tuple[str, str]] = Counter()
    by_region: Counter[tuple[str, str]] = Counter()
    for (code, region, gender), count in table.items():
        by_group[(code, gender)] += count
        by_region[(region, gender)] += count
    return by_group, by_region


def status_counts(cells: list[Cell]) -> list[tuple[NominationStatus, int]]:
    """Every status with its count, in the order of the workflow (zeros left out)."""
    counts: Counter[NominationStatus] = Counter()
    for cell in cells:
        counts[cell.status] += cell.count
    return [(status, counts[status]) for status in NominationStatus if counts[status]]


def in_pool(cells: list[Cell]) -> list[Cell]:
    """The cells of nominations still able to fill a seat."""
    return [cell for cell in cells if is_in_pool(cell.status)]


def gaps(call: Call, cells: list[Cell]) -> list[Gap]:
    """Where the pool falls short of the call's seats and balance rules, or is thin, in words."""
    pool = in_pool(cells)
    found: list[Gap] = []
    for group in call.groups:
        in_group = [cell for cell in pool if cell.group == group.code]
        if total(in_group) < group.seats:
            found.append(Gap("gap", ngettext("%(group)s: %(num)d eligible nominee for %(seats)s seats.",
                                             "%(group)s: %(num)d eligible nominees for %(seats)s seats.",
                                             total(in_group), group=group.local_name, seats=group.seats)))
        if _regions_limited_within(call, group.code):
            for region, name in REGIONAL_GROUPS.items():
                count = total([cell for cell in in_group if cell.region == region])
                if count <= 1:
                    found.append(Gap("thin", ngettext("%(group)s: %(num)d eligible nominee from %(region)s.",
                                                      "%(group)s: %(num)d eligible nominees from %(region)s.",
                                                      count, group=group.local_name, region=gettext(name))))
    for rule in call.rules:
        found.extend(_rule_gaps(call, rule, pool))
    return found


def _regions_limited_within(call: Call, group_code: str) -> bool:
    """True when a rule limits regions within the group (e.g. one government member per region):
    then each region's few nominees in that group matter."""
    return any(r.attribute == "region" and r.where_attribute == "group" and r.where_value == group_code
               for r in call.rules)


def _rule_gaps(call: Call, rule: BalanceRule, pool: list[Cell]) -> list[Gap]:
    if not rule.min_seats:
        return []
    scope = [c for c in pool if not rule.where_attribute or attribute_of(c, rule.where_attribute) == rule.where_value]
    values = _values(call, rule.attribute) if rule.value == EVERY_VALUE else [rule.value]
    counts: Counter[str] = Counter()
    for cell in scope:
        counts[attribute_of(cell, rule.attribute)] += cell.count
    out = []
    for value in values:
        count = counts[value]
        if count < rule.min_seats:
            out.append(Gap("gap", ngettext(
                "The rule “%(rule)s” needs %(num)d seat for %(who)s; the pool has %(count)d.",
                "The rule “%(rule)s” needs %(num)d seats for %(who)s; the pool has %(count)d.",
                rule.min_seats, rule=rule_in_page_words(rule, call), who=value_words(call, rule.attribute, value),
                count=count)))
    return out


def _values(call: Call, attribute: str) -> list[str]:
    if attribute == "region":
        return list(REGIONAL_GROUPS)
    if attribute == "group":
        return [g.code for g in call.groups]
    if attribute == "gender":
        return [Gender.WOMAN.value, Gender.MAN.value]
    return []  # one value per country: a per-country minimum is not a pool question
