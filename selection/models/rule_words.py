"""Balance rules in plain words for the public: "At least 4 women (a preference, not a strict
requirement)", "Within the Government group, at most 1 member from each UN regional group".

Staff pages keep ``BalanceRule.describe``, which names penalties; the public sees no internals.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from selection.data import REGIONAL_GROUPS, country_name

if TYPE_CHECKING:
    from selection.models.call import BalanceRule, Call

SOFT_NOTE = " (a preference, not a strict requirement)"
GENDER_NOUNS = {"woman": ("woman", "women"), "man": ("man", "men"),
                "another": ("person of another gender identity", "people of another gender identity"),
                "undisclosed": ("person who prefers not to state their gender",
                                "people who prefer not to state their gender")}
EVERY = {"region": "from each UN regional group", "group": "from each stakeholder group",
         "gender": "of each gender", "country": "of each nationality", "residence": "resident in each country"}


def count_in_words(minimum: int | None, maximum: int | None) -> tuple[str, int]:
    """("at least 4", 4), ("between 1 and 3", 3), ("exactly 2", 2), ("no", 0): the words and the
    number that decides the plural of what follows."""
    if maximum == 0:
        return "no", 0
    if minimum is not None and minimum == maximum:
        return f"exactly {minimum}", minimum
    if minimum and maximum is not None:
        return f"between {minimum} and {maximum}", maximum
    if minimum:
        return f"at least {minimum}", minimum
    if maximum is not None:
        return f"at most {maximum}", maximum
    return "any number of", 2


def _whom(attribute: str, value: str, number: int, call: Call | None) -> str:
    """'women', 'members from African States', 'member of nationality Kenya'."""
    if attribute == "gender" and value in GENDER_NOUNS:
        return GENDER_NOUNS[value][number != 1]
    members = "member" if number == 1 else "members"
    if value == "*":
        return f"{members} {EVERY.get(attribute, 'for each value of ' + attribute)}"
    return f"{members} {_qualifier(attribute, value, call)}"


def _qualifier(attribute: str, value: str, call: Call | None) -> str:
    if attribute == "region":
        return f"from the {REGIONAL_GROUPS.get(value, value)}"
    if attribute == "group":
        names = {group.code: group.name for group in call.groups} if call else {}
        return f"from the {names.get(value, value)} group"
    if attribute == "country":
        return f"of {country_name(value)} nationality"
    if attribute == "residence":
        return f"resident in {country_name(value)}"
    return f"with {attribute} {value}"


def _within(attribute: str, value: str, call: Call | None) -> str:
    """'Within the Government group', 'Among women'."""
    if attribute == "gender" and value in GENDER_NOUNS:
        return f"Among {GENDER_NOUNS[value][1]}"
    if attribute == "group":
        return "Within " + _qualifier(attribute, value, call).removeprefix("from ")
    if attribute == "region":
        return f"Within the {REGIONAL_GROUPS.get(value, value)}"
    return "Among members " + _qualifier(attribute, value, call)


def rule_in_plain_words(rule: BalanceRule, call: Call | None = None) -> str:
    """The rule as the public reads it: no codes, no penalties; soft rules said to be preferences."""
    call = call or rule.call
    count, number = count_in_words(rule.min_seats, rule.max_seats)
    text = f"{count} {_whom(rule.attribute, rule.value, number, call)}"
    if rule.where_attribute and rule.where_value is not None:
        text = f"{_within(rule.where_attribute, rule.where_value, call)}, {text}"
    text = text[:1].upper() + text[1:]
    return text + (SOFT_NOTE if rule.is_soft else "")
