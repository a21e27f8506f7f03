"""What the optimizer says in codes, said in the call's words: "group = gov" -> "the Government
group", "(WEOG: 3 available)" -> "(Western European and other States: 3 available)"; and what a
relaxed run relaxed."""
from __future__ import annotations

import re
from typing import Any

from selection.data import REGIONAL_GROUPS, country_name
from selection.models import Call
from selection.models.call import GENDER_PLURALS

ATTRIBUTE_VALUE = re.compile(r"\b(group|region|gender|country|residence) = ([\w\-]+)")
PART_FACT = re.compile(r"(?<=[(;] )([\w\-]+)(?=: )|(?<=\()([\w\-]+)(?=: )")


def value_name(call: Call | None, attribute: str, value: str) -> str:
    """A rule value as people say it: 'Government', 'African States', 'Women', 'Kenya'."""
    if attribute == "group":
        return {group.code: group.name for group in (call.groups if call else [])}.get(value, value)
    if attribute == "region":
        return REGIONAL_GROUPS.get(value, value)
    if attribute == "gender":
        return GENDER_PLURALS.get(value, value).capitalize()
    if attribute in ("country", "residence"):
        return country_name(value)
    return value


def _fact(call: Call | None, attribute: str, value: str) -> str:
    """'group = gov' -> 'Government group'; 'region = AFR' -> 'African States'."""
    name = value_name(call, attribute, value)
    if attribute == "group":
        return f"{name} group"
    if attribute == "gender":
        return name.lower()
    if attribute == "country":
        return f"nationality {name}"
    if attribute == "residence":
        return f"residing in {name}"
    return name


def codes_in_words(text: str, call: Call | None, attribute: str | None = None) -> str:
    """Replace 'attribute = code' pairs, and the per-value facts of a rule on ``attribute``
    ('AFR: 3 available'), by names."""
    text = ATTRIBUTE_VALUE.sub(lambda m: _fact(call, m.group(1), m.group(2)), text)
    if attribute:
        text = PART_FACT.sub(lambda m: value_name(call, attribute, m.group(0)), text)
    return text


def relaxed_rules_of(run: Any) -> list[str]:
    """The rules a slate run relaxed, in words from its problem's labels:
    'Women: at least 9 seats — relaxed to at least 6 seats' (empty when none was)."""
    rules = (run.problem or {}).get("rules", [])
    indexes = sorted(int(index) for index in ((run.options or {}).get("relaxations") or {}))
    labels = [rules[i].get("label") or rules[i]["attribute"] for i in indexes if 0 <= i < len(rules)]
    return [label[:1].upper() + label[1:] for label in labels]
