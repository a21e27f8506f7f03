"""The rule check of a hand-made slate parses only the candidates that can change its answer
(members, one per value a minimum counts, one per attribute), and says exactly what the check
over the whole shortlist says, whatever the slate."""
from __future__ import annotations

import random

from selection.extensions import db
from selection.models import BalanceRule
from selection.slates import SlateOptions, build_problem, violation_texts
from selection.slates.validation import names_of, problem_violation_texts, telling_candidates
from tests.selection.factories import shortlisted_call


def test_the_check_of_the_telling_candidates_says_what_the_whole_shortlist_says(app_ctx):
    call, nominations = shortlisted_call()
    # A minimum on every value (each nationality at least once, soft) and one under a condition.
    db.session.add(BalanceRule(call=call, attribute="country", value="*", min_seats=1, hard=False, penalty=1.0,
                               position=20))
    db.session.add(BalanceRule(call=call, attribute="gender", value="woman", min_seats=1, where_attribute="group",
                               where_value="civil_society", position=21))
    db.session.flush()
    ids = [n.id for n in nominations]
    problem = build_problem(call, SlateOptions(slates=1), [], [])
    rng = random.Random(13)
    slates = [[], ids[:10], ids, [ids[0], ids[0]], [ids[1], 2**31 + 5, 999_999]]
    slates += [rng.sample(ids, rng.randint(1, len(ids))) for _ in range(40)]
    for slate in slates:
        expected = problem_violation_texts(problem, slate, names_of(call, slate), call)
        assert violation_texts(call, slate) == expected, slate
    assert any(expected[1] for expected in [violation_texts(call, s) for s in slates])  # the soft rule bites


def test_the_telling_candidates_are_few_and_hold_every_member(app_ctx):
    call, nominations = shortlisted_call()
    problem = build_problem(call, SlateOptions(slates=1), [], [])
    slate = [nominations[14].id, nominations[3].id]
    kept = [c["id"] for c in telling_candidates(problem, slate)["candidates"]]
    assert {f"n{i}" for i in slate} <= set(kept) and len(kept) < len(problem["candidates"])
    assert kept == [c["id"] for c in problem["candidates"] if c["id"] in kept]  # in the shortlist's order
