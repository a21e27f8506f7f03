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
    return problem_violation_texts(problem, nomination_ids, names, call)


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
