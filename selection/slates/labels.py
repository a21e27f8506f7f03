"""Problem rules in the page's language, built at display time from the rule's structure
(attribute, value, bounds, filter, penalty, relaxation).

The English ``label`` stored with a run's problem is the optimizer's and the CLI's; the pages
never show it: a run proposed in English reads in French on a French page.
"""
from __future__ import annotations

from typing import Any

from selection.data import N_
from selection.i18n import country_name_in, regional_group_name
from selection.models import EVERY_VALUE, Call
from selection.models.call import GENDER_PLURALS
from selection.plurals import gettext, ngettext
from selection.slates.renewal import CONSECUTIVE_TERMS, NEWCOMER

EACH = {
    "region": N_("each UN regional group"),
    "gender": N_("each gender"),
    "country": N_("each nationality"),
    "residence": N_("each country of residence"),
    "group": N_("each stakeholder group"),
}


def group_name(call: Call | None, code: str) -> str:
    """The stakeholder group's name in the call (its code when the call has no such group)."""
    return {group.code: group.name for group in (call.groups if call else [])}.get(code, code)


def value_name(call: Call | None, attribute: str, value: str) -> str:
    """A rule value as a name: 'Government', 'African States', 'Women', 'Kenya'."""
    if attribute == "group":
        return group_name(call, value)
    if attribute == "region":
        return regional_group_name(value) if value else value
    if attribute == "gender":
        return gettext(GENDER_PLURALS[value]).capitalize() if value in GENDER_PLURALS else value
    if attribute in ("country", "residence"):
        return country_name_in(value)
    return value


def value_words(call: Call | None, attribute: str, value: str) -> str:
    """A rule value in a sentence: 'women', 'the Government group', 'African States', 'nationality Kenya'."""
    if attribute == "group":
        return gettext("the %(group)s group", group=group_name(call, value))
    if attribute == "gender":
        return gettext(GENDER_PLURALS[value]) if value in GENDER_PLURALS else value
    if attribute == "country":
        return gettext("nationality %(country)s", country=country_name_in(value))
    if attribute == "residence":
        return gettext("residing in %(country)s", country=country_name_in(value))
    return value_name(call, attribute, value)


def bounds_words(low: int | None, high: int | None) -> str:
    """'exactly 2 seats', 'at least 1 seat', 'at least 1 and at most 3 seats'."""
    if low is not None and low == high:
        return ngettext("exactly %(num)d seat", "exactly %(num)d seats", low)
    if low and high is not None:
        return ngettext("at least %(low)d and at most %(num)d seat", "at least %(low)d and at most %(num)d seats",
                        high, low=low)
    if low:
        return ngettext("at least %(num)d seat", "at least %(num)d seats", low)
    if high is not None:
        return ngettext("at most %(num)d seat", "at most %(num)d seats", high)
    return gettext("no limit")


def subject_words(call: Call | None, rule: dict[str, Any]) -> str:
    """Whom a rule counts: 'the Government group', 'each UN regional group', 'women within Civil society'."""
    attribute, value = rule["attribute"], rule.get("value", EVERY_VALUE)
    if value == EVERY_VALUE:
        subject = gettext(EACH[attribute]) if attribute in EACH else attribute
    else:
        subject = value_words(call, attribute, value)
    where = _where_words(call, rule)
    return gettext("%(subject)s within %(where)s", subject=subject, where=where) if where else subject


def _where_words(call: Call | None, rule: dict[str, Any]) -> str:
    parts = []
    for attribute, accepted in (rule.get("where") or {}).items():
        values = accepted if isinstance(accepted, list) else [accepted]
        parts += [value_words(call, attribute, v) for v in values]
    return ", ".join(parts)


def rule_words(call: Call | None, rule: dict[str, Any]) -> str:
    """A problem rule in words, e.g. 'each UN regional group: at least 1 and at most 3 seats',
    'Women: at least 9 seats — relaxed to at least 6 seats'."""
    before = rule.get("relaxed_from")
    text = _rule_words(call, {**rule, **before} if before else rule)
    if before:
        text = gettext("%(rule)s — relaxed to %(bounds)s", rule=text,
                       bounds=bounds_words(rule.get("min"), rule.get("max")))
    return text


def _rule_words(call: Call | None, rule: dict[str, Any]) -> str:
    attribute, low, high = rule["attribute"], rule.get("min"), rule.get("max")
    if attribute == CONSECUTIVE_TERMS:
        limit = (call.max_consecutive_terms if call else None) or int(rule.get("value") or 0)
        return ngettext("at most %(num)d consecutive term (not again after %(served)s in a row)",
                        "at most %(num)d consecutive terms (not again after %(served)s in a row)",
                        limit, served=rule.get("value"))
    if attribute == NEWCOMER:
        seats = call.group_seats if call else 0
        return ngettext("people new to %(body)s: at least %(needed)d of %(num)d seat",
                        "people new to %(body)s: at least %(needed)d of %(num)d seats",
                        seats, body=call.body if call else "", needed=low or 0)
    if rule.get("quota"):
        return gettext("%(subject)s: %(bounds)s", subject=group_name(call, rule["value"]),
                       bounds=bounds_words(low, high))
    value = rule.get("value", EVERY_VALUE)
    subject = gettext(EACH[attribute]) if value == EVERY_VALUE and attribute in EACH else (
        attribute if value == EVERY_VALUE else value_words(call, attribute, value))
    text = gettext("%(subject)s: %(bounds)s", subject=subject, bounds=bounds_words(low, high))
    where = _where_words(call, rule)
    if where:
        text = gettext("within %(where)s, %(rule)s", where=where, rule=text)
    penalty = (rule.get("soft") or {}).get("penalty")
    if penalty is not None:
        per_seat = f"{penalty:g}"
        text = gettext("%(rule)s (soft: penalty %(penalty)s per seat short or over)", rule=text, penalty=per_seat)
    return text


def capitalized(text: str) -> str:
    """The text with its first letter upper-case (a sentence's start)."""
    return text[:1].upper() + text[1:]
