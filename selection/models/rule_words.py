"""Balance rules in plain words for the public, in the page's language: "At least 4 women (a
preference, not a strict requirement)", "Within the Government group, at most 1 member from
each UN regional group".

Staff pages keep ``BalanceRule.describe``, which names penalties; the public sees no internals.
Each count is one whole phrase through ``ngettext`` (the noun agrees with its number in every
language); what qualifies the members is a separate phrase put into it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import get_locale, gettext, ngettext

from selection.data import N_, REGIONAL_GROUPS, country_name
from selection.models.translations import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from selection.models.call import BalanceRule, Call

# Members "of each ...", when a rule applies to every value of its attribute.
EVERY = {"region": N_("from each UN regional group"), "group": N_("from each stakeholder group"),
         "gender": N_("of each gender"), "country": N_("of each nationality"),
         "residence": N_("resident in each country")}
# Genders counted as members with a qualifier (women and men have their own nouns below).
GENDER_QUALIFIERS = {"another": N_("of another gender identity"),
                     "undisclosed": N_("who prefer not to state their gender")}


def _women(minimum: int | None, maximum: int | None) -> str:
    if maximum == 0:
        return gettext("no women")
    if minimum is not None and minimum == maximum:
        return ngettext("exactly %(num)d woman", "exactly %(num)d women", minimum)
    if minimum and maximum is not None:
        return ngettext("between %(low)d and %(num)d woman", "between %(low)d and %(num)d women", maximum, low=minimum)
    if minimum:
        return ngettext("at least %(num)d woman", "at least %(num)d women", minimum)
    if maximum is not None:
        return ngettext("at most %(num)d woman", "at most %(num)d women", maximum)
    return gettext("any number of women")


def _men(minimum: int | None, maximum: int | None) -> str:
    if maximum == 0:
        return gettext("no men")
    if minimum is not None and minimum == maximum:
        return ngettext("exactly %(num)d man", "exactly %(num)d men", minimum)
    if minimum and maximum is not None:
        return ngettext("between %(low)d and %(num)d man", "between %(low)d and %(num)d men", maximum, low=minimum)
    if minimum:
        return ngettext("at least %(num)d man", "at least %(num)d men", minimum)
    if maximum is not None:
        return ngettext("at most %(num)d man", "at most %(num)d men", maximum)
    return gettext("any number of men")


def _members(minimum: int | None, maximum: int | None, qualifier: str) -> str:
    """'between 1 and 3 members from the African States': the count, agreeing with its noun."""
    if maximum == 0:
        return gettext("no members %(qualifier)s", qualifier=qualifier)
    if minimum is not None and minimum == maximum:
        return ngettext("exactly %(num)d member %(qualifier)s", "exactly %(num)d members %(qualifier)s",
                        minimum, qualifier=qualifier)
    if minimum and maximum is not None:
        return ngettext("between %(low)d and %(num)d member %(qualifier)s",
                        "between %(low)d and %(num)d members %(qualifier)s", maximum, low=minimum, qualifier=qualifier)
    if minimum:
        return ngettext("at least %(num)d member %(qualifier)s", "at least %(num)d members %(qualifier)s",
                        minimum, qualifier=qualifier)
    if maximum is not None:
        return ngettext("at most %(num)d member %(qualifier)s", "at most %(num)d members %(qualifier)s",
                        maximum, qualifier=qualifier)
    return gettext("any number of members %(qualifier)s", qualifier=qualifier)


def _counted(attribute: str, value: str, minimum: int | None, maximum: int | None, call: Call | None) -> str:
    """The count and whom it counts: 'at least 4 women', 'at most 2 members of each nationality'."""
    if attribute == "gender" and value == "woman":
        return _women(minimum, maximum)
    if attribute == "gender" and value == "man":
        return _men(minimum, maximum)
    return _members(minimum, maximum, _qualifier(attribute, value, call))


def _qualifier(attribute: str, value: str, call: Call | None) -> str:
    """'from the African States', 'from the Government group', 'of Kenya nationality'."""
    if value == "*":
        return gettext(EVERY[attribute]) if attribute in EVERY else gettext(
            "for each value of %(attribute)s", attribute=attribute)
    if attribute == "region":
        return gettext("from the %(region)s", region=_region(value))
    if attribute == "group":
        return gettext("from the %(group)s group", group=_group(value, call))
    if attribute == "gender" and value in GENDER_QUALIFIERS:
        return gettext(GENDER_QUALIFIERS[value])
    if attribute == "country":
        return gettext("of %(country)s nationality", country=_country(value))
    if attribute == "residence":
        return gettext("resident in %(country)s", country=_country(value))
    return gettext("with %(attribute)s %(value)s", attribute=attribute, value=value)


def _within(attribute: str, value: str, rule: str, call: Call | None) -> str:
    """The rule applied within a part of the members: 'Within the Government group, ...'."""
    if attribute == "gender" and value == "woman":
        return gettext("Among women, %(rule)s", rule=rule)
    if attribute == "gender" and value == "man":
        return gettext("Among men, %(rule)s", rule=rule)
    if attribute == "group":
        return gettext("Within the %(group)s group, %(rule)s", group=_group(value, call), rule=rule)
    if attribute == "region":
        return gettext("Within the %(region)s, %(rule)s", region=_region(value), rule=rule)
    return gettext("Among members %(qualifier)s, %(rule)s", qualifier=_qualifier(attribute, value, call), rule=rule)


def _language() -> str:
    """The language being written in (English outside a request)."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT_LANGUAGE


def _region(code: str) -> str:
    """The UN regional group's official name in the page's language."""
    return gettext(REGIONAL_GROUPS[code]) if code in REGIONAL_GROUPS else code


def _group(code: str, call: Call | None) -> str:
    """The call's stakeholder group's name in the page's language (its code when unknown)."""
    group = next((g for g in (call.groups if call else []) if g.code == code), None)
    return group.text_in("name", _language()).text if group is not None else code


def _country(code: str) -> str:
    """A country's name: the UN's short name in English, CLDR's in the other languages."""
    english, locale = country_name(code), get_locale()
    if _language() == DEFAULT_LANGUAGE or locale is None:
        return english
    return locale.territories.get((code or "").upper()) or english


def rule_in_plain_words(rule: BalanceRule, call: Call | None = None) -> str:
    """The rule as the public reads it: no codes, no penalties; soft rules said to be preferences."""
    call = call or rule.call
    text = _counted(rule.attribute, rule.value, rule.min_seats, rule.max_seats, call)
    if rule.where_attribute and rule.where_value is not None:
        text = _within(rule.where_attribute, rule.where_value, text, call)
    text = text[:1].upper() + text[1:]
    return gettext("%(rule)s (a preference, not a strict requirement)", rule=text) if rule.is_soft else text
