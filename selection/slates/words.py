"""What the optimizer says in codes, said in the call's words: "group = gov" -> "the Government
group", "(WEOG: 3 available)" -> "(Western European and other States: 3 available)"; the least
relaxation of a conflicting rule ("allow up to 4 seats for ..."); and what a relaxed run relaxed."""
from __future__ import annotations

import re
from typing import Any

from selection.data import REGIONAL_GROUPS, country_name
from selection.models import EVERY_VALUE, RULE_ATTRIBUTES, Call
from selection.models.call import GENDER_PLURALS, value_in_words

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


def subject_of(rule: dict[str, Any]) -> str:
    """Whom a problem rule counts, in words: 'Western European and other States', 'each UN regional group'."""
    attribute, value = rule["attribute"], rule.get("value", EVERY_VALUE)
    if value == EVERY_VALUE:
        subject = f"each {RULE_ATTRIBUTES.get(attribute, attribute)}"
    else:
        subject = value_in_words(None, attribute, value)
        if attribute == "group":
            subject = rule.get("label", subject).split(":")[0] + " group"
    for where_attribute, where_value in (rule.get("where") or {}).items():
        values = where_value if isinstance(where_value, list) else [where_value]
        subject += " within " + ", ".join(value_in_words(None, where_attribute, v) for v in values)
    return subject


def available_for(problem: dict[str, Any], rule: dict[str, Any]) -> int | None:
    """How many candidates (not excluded) a single-value rule counts; None for a per-value rule."""
    if rule.get("value", EVERY_VALUE) == EVERY_VALUE:
        return None
    accepted = {name: (v if isinstance(v, list) else [v]) for name, v in (rule.get("where") or {}).items()}
    excluded = set(problem.get("excluded", []))
    return sum(1 for c in problem["candidates"] if c["id"] not in excluded
               and c["attributes"].get(rule["attribute"]) == rule["value"]
               and all(c["attributes"].get(name) in values for name, values in accepted.items()))


def relaxation_in_words(rule: dict[str, Any], relaxation: dict[str, Any], available: int | None = None) -> str:
    """E.g. 'allow up to 4 seats for Western European and other States'. When the shortlist
    holds fewer candidates than the rule's minimum (``available``), it also says how many
    more nominees the shortlist would need to keep the rule."""
    subject = subject_of(rule)
    parts = []
    if "max" in relaxation:
        parts.append(f"allow up to {relaxation['max']} seat{'s' if relaxation['max'] != 1 else ''} for {subject}")
    if "min" in relaxation:
        parts.append(f"require only {relaxation['min']} seat{'s' if relaxation['min'] != 1 else ''} for {subject}")
        missing = (rule.get("min") or 0) - available if available is not None else 0
        if missing > 0:
            parts.append(f"or shortlist at least {_count(missing)} more nominee{'s' if missing != 1 else ''} "
                         f"for {subject}")
    return " ".join(parts)


def _count(n: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(n, str(n))


def rule_label(rule: dict[str, Any]) -> str:
    """A problem rule's label (its attribute when it has none)."""
    return rule.get("label") or rule["attribute"]


def named(text: str, names: dict[str, str]) -> str:
    """Replace candidate ids in an optimizer text by people's names."""
    for cid in sorted(names, key=len, reverse=True):
        text = text.replace(cid, names[cid])
    return text


def violation_in_words(rule: dict[str, Any], violation: Any) -> str:
    """'Government: exactly 2 seats — 3 in the slate', naming the value of a per-value rule
    (``violation``: an ``optimizer.Violation`` of that rule)."""
    label = rule_label(rule)
    if rule.get("value", EVERY_VALUE) == EVERY_VALUE and violation.value is not None:
        value = value_in_words(None, rule["attribute"], violation.value)
        return f"{label} — {value}: {violation.count} in the slate"
    return f"{label} — {violation.count} in the slate"
