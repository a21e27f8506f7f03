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

from selection.data import REGIONAL_GROUPS
from selection.models import EVERY_VALUE, BalanceRule, Call, Gender, Nomination, NominationStatus
from selection.models.call import GENDER_PLURALS, RULE_ATTRIBUTES
from selection.plurals import ngettext
from selection.workflow.review_list import call_nominations
from selection.workflow.states import is_in_pool


@dataclass(frozen=True)
class Gap:
    """A shortfall ('gap': the rule cannot be met from the pool) or a thin spot ('thin')."""

    severity: str
    text: str


def attribute_of(nomination: Nomination, attribute: str) -> str:
    """The value of a balance-rule attribute for a nomination's nominee."""
    person = nomination.nominee
    return {
        "region": person.region or "", "gender": person.gender.value, "country": person.nationality,
        "residence": person.residence, "group": nomination.group.code,
    }.get(attribute, "")


def received(call: Call) -> list[Nomination]:
    """The call's nominations sent in: every one but drafts, oldest first."""
    return [n for n in call_nominations(call) if n.status != NominationStatus.DRAFT]


def cross_table(nominations: list[Nomination]) -> dict[tuple[str, str, str], int]:
    """(group code, region, gender) -> number of nominations."""
    return Counter((n.group.code, n.nominee.region or "", n.nominee.gender.value) for n in nominations)


def by_group_and_by_region(table: dict[tuple[str, str, str], int]
                           ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """The cross table's margins: (group code, gender) -> count and (region, gender) -> count."""
    by_group: Counter[tuple[str, str]] = Counter()
    by_region: Counter[tuple[str, str]] = Counter()
    for (code, region, gender), count in table.items():
        by_group[(code, gender)] += count
        by_region[(region, gender)] += count
    return by_group, by_region


def status_counts(nominations: list[Nomination]) -> list[tuple[NominationStatus, int]]:
    """Every status with its count, in the order of the workflow (zeros left out)."""
    counts = Counter(n.status for n in nominations)
    return [(status, counts[status]) for status in NominationStatus if counts[status]]


def in_pool(nominations: list[Nomination]) -> list[Nomination]:
    """The nominations still able to fill a seat."""
    return [n for n in nominations if is_in_pool(n.status)]


def gaps(call: Call, nominations: list[Nomination]) -> list[Gap]:
    """Where the pool falls short of the call's seats and balance rules, or is thin, in words."""
    pool = in_pool(nominations)
    found: list[Gap] = []
    for group in call.groups:
        in_group = [n for n in pool if n.group_id == group.id]
        if len(in_group) < group.seats:
            found.append(Gap("gap", ngettext("%(group)s: %(num)d eligible nominee for %(seats)s seats.",
                                             "%(group)s: %(num)d eligible nominees for %(seats)s seats.",
                                             len(in_group), group=group.local_name, seats=group.seats)))
        if _regions_limited_within(call, group.code):
            for region, name in REGIONAL_GROUPS.items():
                count = sum(1 for n in in_group if n.nominee.region == region)
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


def _rule_gaps(call: Call, rule: BalanceRule, pool: list[Nomination]) -> list[Gap]:
    if not rule.min_seats:
        return []
    scope = [n for n in pool if not rule.where_attribute or attribute_of(n, rule.where_attribute) == rule.where_value]
    values = _values(call, rule.attribute) if rule.value == EVERY_VALUE else [rule.value]
    out = []
    for value in values:
        count = sum(1 for n in scope if attribute_of(n, rule.attribute) == value)
        if count < rule.min_seats:
            out.append(Gap("gap", f"The rule “{rule.describe(call)}” needs {rule.min_seats} "
                                  f"{_value_words(call, rule.attribute, value)}; the pool has {count}."))
    return out


def _values(call: Call, attribute: str) -> list[str]:
    if attribute == "region":
        return list(REGIONAL_GROUPS)
    if attribute == "group":
        return [g.code for g in call.groups]
    if attribute == "gender":
        return [Gender.WOMAN.value, Gender.MAN.value]
    return []  # one value per country: a per-country minimum is not a pool question


def _value_words(call: Call, attribute: str, value: str) -> str:
    if attribute == "gender":
        return GENDER_PLURALS.get(value, value)
    if attribute == "region":
        return f"from {REGIONAL_GROUPS.get(value, value)}"
    if attribute == "group":
        names = {g.code: g.name for g in call.groups}
        return f"in {names.get(value, value)}"
    return f"{RULE_ATTRIBUTES.get(attribute, attribute)} {value}"
