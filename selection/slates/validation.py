"""Checks of a hand-made slate: the hard and soft rules it breaks, in words with people named."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

import optimizer
from selection.extensions import db
from selection.models import Call, Nomination, Nominee
from selection.slates.problem import SlateOptions, build_problem, candidate_id
from selection.slates.words import other_violation_in_words, violation_in_words


def violation_texts(call: Call, nomination_ids: list[int]) -> tuple[list[str], list[str]]:
    """(hard, soft) rules a hand-made slate breaks, in words with people named (optimizer.validate).

    Merit plays no part in a rule, so the problem is built without it."""
    names = names_of(call, nomination_ids)
    problem = build_problem(call, SlateOptions(slates=1), [], [])
    return problem_violation_texts(telling_candidates(problem, nomination_ids), nomination_ids, names, call)


def telling_candidates(problem: dict[str, Any], nomination_ids: list[int]) -> dict[str, Any]:
    """``problem`` (without pins or exclusions) with only the candidates that can change what
    ``optimizer.validate`` says of the slate: its members; for the rules with a minimum, one
    candidate per combination of the values they read (so that each rule still counts every value,
    e.g. each regional group present); and for each attribute one candidate that has it. A rule
    counts the slate's members only, and a value no member has breaks only a minimum, so the
    violations are those of the whole shortlist, at a cost that grows with the rules, not with it."""
    candidates = problem["candidates"]
    kept = {candidate_id(i) for i in nomination_ids}
    reads = {(rule["attribute"], *sorted(rule.get("where") or {}))
             for rule in problem["rules"] if (rule.get("min") or 0) > 0}
    for names in reads:
        firsts: dict[tuple[Any, ...], str] = {}
        for candidate in candidates:
            attributes = candidate.get("attributes", {})
            firsts.setdefault(tuple(_exact(attributes.get(name)) for name in names), candidate["id"])
        kept.update(firsts.values())
    having: dict[str, str] = {}
    for candidate in candidates:
        for name, value in candidate.get("attributes", {}).items():
            if value is not None and name not in having:
                having[name] = candidate["id"]
    kept.update(having.values())
    return {**problem, "candidates": [c for c in candidates if c["id"] in kept]}


def _exact(value: Any) -> Any:
    """A value as a key that tells apart what the optimizer may read differently (1 and True)."""
    if type(value) is str:
        return value
    return type(value).__name__, value if isinstance(value, (int, float, bool, type(None))) else repr(value)


def problem_violation_texts(problem: dict[str, Any], nomination_ids: list[int],
                            names: dict[str, str], call: Call | None = None) -> tuple[list[str], list[str]]:
    """(hard, soft) rules of ``problem`` that the slate of ``nomination_ids`` breaks, in words
    (``names``: people's names by candidate id; ``call`` names its stakeholder groups)."""
    rules = problem["rules"]
    violations = optimizer.validate(optimizer.problem_from_json(problem), [candidate_id(i) for i in nomination_ids])
    hard, soft = [], []
    for violation in violations:
        if violation.kind == "rule" and violation.rule is not None and violation.rule < len(rules):
            text = violation_in_words(rules[violation.rule], violation, call)
        else:
            text = other_violation_in_words(violation, names, problem["seats"], call)
        (soft if violation.soft else hard).append(text)
    return hard, soft


def names_of(call: Call, nomination_ids: list[int]) -> dict[str, str]:
    """The nominee's name behind each candidate id a violation may name: the slate's members of
    the call (the check has no pins or exclusions, so nobody else is named; one query, whatever
    the shortlist's length)."""
    ids = [i for i in dict.fromkeys(nomination_ids) if 0 < i < 2**31]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Nomination.id, Nominee.name).join(Nominee, Nominee.id == Nomination.nominee_id)
        .where(Nomination.call_id == call.id, Nomination.id.in_(ids)))
    return {candidate_id(nomination_id): name for nomination_id, name in rows}
