"""What the optimizer says in codes and facts, said in the page's language: a conflict ("Women:
at least 9 seats (only 8 available)"), a broken rule of a slate, the least relaxation of a
conflicting rule ("allow up to 4 seats for ..."), and what a relaxed run relaxed.

Results stored before the optimizer gave its facts as data keep their English text, with the
codes replaced by names ("group = gov" -> "Government group").
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from selection.models import EVERY_VALUE, Call
from selection.plurals import gettext, ngettext
from selection.slates.labels import capitalized, rule_words, subject_words, value_name, value_words

ATTRIBUTE_VALUE = re.compile(r"\b(group|region|gender|country|residence) = ([\w\-]+)")
PART_FACT = re.compile(r"(?<=[(;] )([\w\-]+)(?=: )|(?<=\()([\w\-]+)(?=: )")


def codes_in_words(text: str, call: Call | None, attribute: str | None = None) -> str:
    """An English optimizer text with its 'attribute = code' pairs, and the per-value facts of a
    rule on ``attribute`` ('AFR: 3 available'), replaced by names (results stored without facts)."""
    text = ATTRIBUTE_VALUE.sub(lambda m: value_words(call, m.group(1), m.group(2)), text)
    if attribute:
        text = PART_FACT.sub(lambda m: value_name(call, attribute, m.group(0)), text)
    return text


def conflict_in_words(call: Call | None, problem: dict[str, Any], conflict: Any, names: Mapping[str, str]) -> str:
    """One member of a conflict (an ``optimizer.Conflict``) in words, people named."""
    rules = problem["rules"]
    if conflict.seats is not None:
        available = len(problem["candidates"]) - len(problem.get("excluded", []))
        return ngettext("%(num)d seats to fill from %(available)d available candidates",
                        "%(num)d seats to fill from %(available)d available candidates",
                        conflict.seats, available=available)
    who = conflict.pinned or conflict.excluded
    if who is not None:
        if not conflict.profile and "no attribute" not in conflict.text:  # stored before the profile came as data
            return codes_in_words(named(conflict.text, names), call)
        profile = ", ".join(value_words(call, a, v) for a, v in conflict.profile) or gettext(
            "no attribute of the conflicting rules")
        if conflict.pinned:
            return gettext("%(name)s is pinned (%(profile)s)", name=names.get(who, who), profile=profile)
        return gettext("%(name)s is excluded (%(profile)s)", name=names.get(who, who), profile=profile)
    if conflict.rule is None or conflict.rule >= len(rules):
        return codes_in_words(named(conflict.text, names), call)
    rule = rules[conflict.rule]
    if not conflict.facts:
        label = rule.get("label") or ""
        if label and conflict.text.startswith(label + " ("):  # stored before the optimizer gave the facts
            return codes_in_words(named(conflict.text, names), call, rule["attribute"])
        return rule_words(call, rule)
    facts = "; ".join(_fact_words(call, rule["attribute"], fact) for fact in conflict.facts)
    return gettext("%(rule)s (%(facts)s)", rule=rule_words(call, rule), facts=facts)


def _fact_words(call: Call | None, attribute: str, fact: Any) -> str:
    """'only 1 available', 'Western European and other States: 3 available, 2 pinned'."""
    if fact.short:
        words = ngettext("only %(num)d available", "only %(num)d available", fact.available)
    else:
        words = ngettext("%(num)d available", "%(num)d available", fact.available)
    if fact.pinned:
        words = ngettext("%(available)s, %(num)d pinned", "%(available)s, %(num)d pinned", fact.pinned,
                         available=words)
    if fact.value is None:
        return words
    return gettext("%(value)s: %(facts)s", value=value_name(call, attribute, fact.value), facts=words)


def relaxed_rules_of(run: Any) -> list[str]:
    """The rules a slate run relaxed, in words: 'Women: at least 9 seats — relaxed to at least
    6 seats' (empty when none was)."""
    rules = (run.problem or {}).get("rules", [])
    indexes = sorted(int(index) for index in ((run.options or {}).get("relaxations") or {}))
    call = getattr(run, "call", None)
    return [capitalized(rule_words(call, rules[i])) for i in indexes if 0 <= i < len(rules)]


def subject_of(rule: dict[str, Any], call: Call | None = None) -> str:
    """Whom a problem rule counts, in words: 'Western European and other States', 'each UN regional group'."""
    return subject_words(call, rule)


def available_for(problem: dict[str, Any], rule: dict[str, Any]) -> int | None:
    """How many candidates (not excluded) a single-value rule counts; None for a per-value rule."""
    if rule.get("value", EVERY_VALUE) == EVERY_VALUE:
        return None
    accepted = {name: (v if isinstance(v, list) else [v]) for name, v in (rule.get("where") or {}).items()}
    excluded = set(problem.get("excluded", []))
    return sum(1 for c in problem["candidates"] if c["id"] not in excluded
               and c["attributes"].get(rule["attribute"]) == rule["value"]
               and all(c["attributes"].get(name) in values for name, values in accepted.items()))


def relaxation_in_words(rule: dict[str, Any], relaxation: dict[str, Any], available: int | None = None,
                        call: Call | None = None) -> str:
    """E.g. 'allow up to 4 seats for Western European and other States'. When the shortlist
    holds fewer candidates than the rule's minimum (``available``), it also says how many
    more nominees the shortlist would need to keep the rule."""
    subject = subject_words(call, rule)
    parts = []
    if "max" in relaxation:
        parts.append(ngettext("allow up to %(num)d seat for %(subject)s", "allow up to %(num)d seats for %(subject)s",
                              int(relaxation["max"]), subject=subject))
    if "min" in relaxation:
        parts.append(ngettext("require only %(num)d seat for %(subject)s", "require only %(num)d seats for %(subject)s",
                              int(relaxation["min"]), subject=subject))
        missing = (rule.get("min") or 0) - available if available is not None else 0
        if missing > 0:
            parts.append(_shortlist_more(missing, subject))
    return " ".join(parts)


def _shortlist_more(missing: int, subject: str) -> str:
    if missing == 1:
        return gettext("or shortlist at least one more nominee for %(subject)s", subject=subject)
    return ngettext("or shortlist at least %(num)d more nominee for %(subject)s",
                    "or shortlist at least %(num)d more nominees for %(subject)s", missing, subject=subject)


def rule_label(rule: dict[str, Any], call: Call | None = None) -> str:
    """A problem rule in the page's words (see ``labels.rule_words``)."""
    return rule_words(call, rule)


def named(text: str, names: Mapping[str, str]) -> str:
    """Replace candidate ids in an optimizer text by people's names."""
    for cid in sorted(names, key=len, reverse=True):
        text = text.replace(cid, names[cid])
    return text


def violation_in_words(rule: dict[str, Any], violation: Any, call: Call | None = None) -> str:
    """'Government: exactly 2 seats — 3 in the slate', naming the value of a per-value rule
    (``violation``: an ``optimizer.Violation`` of that rule)."""
    label = rule_words(call, rule)
    if rule.get("value", EVERY_VALUE) == EVERY_VALUE and violation.value is not None:
        return ngettext("%(rule)s — %(value)s: %(num)d in the slate", "%(rule)s — %(value)s: %(num)d in the slate",
                        violation.count or 0, rule=label, value=value_words(call, rule["attribute"], violation.value))
    return ngettext("%(rule)s — %(num)d in the slate", "%(rule)s — %(num)d in the slate", violation.count or 0,
                    rule=label)


def other_violation_in_words(violation: Any, names: Mapping[str, str], seats: int,
                             call: Call | None = None) -> str:
    """A broken promise that is not a rule: the seat count (``seats``), a pin, an exclusion, an
    id off the shortlist or listed twice."""
    who = names.get(violation.candidate, violation.candidate) if violation.candidate else ""
    if violation.kind == "seats":
        return ngettext("%(num)d member for %(seats)d seats", "%(num)d members for %(seats)d seats",
                        violation.count or 0, seats=seats)
    if violation.kind == "pinned":
        return gettext("%(name)s is pinned but not on the slate", name=who)
    if violation.kind == "excluded":
        return gettext("%(name)s is excluded but on the slate", name=who)
    if violation.kind == "unknown":
        return gettext("%(name)s is not on the shortlist", name=who)
    if violation.kind == "duplicate":
        return ngettext("%(name)s is listed %(num)d time", "%(name)s is listed %(num)d times", violation.count or 0,
                        name=who)
    return codes_in_words(named(violation.text, names), call)
