"""A body's renewal rules reach the optimizer as ordinary rules on ordinary attributes."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from selection.extensions import db
from selection.models import Body, Decision, Membership
from selection.slates.problem import build_problem, candidate_id, solve_problem
from tests.selection.factories import FAST, shortlisted_call
from tests.selection.factories import review_call, submitted


def _appointed_before(body: Body, email: str, terms: int, first_year: int) -> None:
    """``email``'s owner appointed to ``terms`` consecutive earlier terms of ``body``."""
    for index in range(terms):
        year = first_year + index
        call = review_call(f"earlier-{year}")
        call.body_id, call.term_start, call.term_end = body.id, date(year, 1, 1), date(year, 12, 31)
        nomination = submitted(call, f"Earlier {year}", email=email)
        decision = Decision(call=call, member_ids=[nomination.id], decided_on=date(year - 1, 12, 1), rationale="-")
        db.session.add(decision)
        db.session.flush()
        db.session.add(Membership(call_id=call.id, decision_id=decision.id, nomination_id=nomination.id,
                                  group_id=nomination.group_id, term_start=call.term_start, term_end=call.term_end))
    db.session.flush()


@pytest.fixture
def renewal(app_ctx):
    """A call of a body renewing it for 2027: its first shortlisted nominee served 2024-2026."""
    body = Body(slug="renewed", name="Renewed Panel", settings={})
    db.session.add(body)
    call, nominations = shortlisted_call()
    call.body_id, call.term_start, call.term_end = body.id, date(2027, 1, 1), date(2027, 12, 31)
    db.session.flush()
    _appointed_before(body, nominations[0].nominee.email, 3, 2024)
    return body, call, nominations


def test_candidates_carry_their_terms_and_whether_they_are_new(renewal):
    body, call, nominations = renewal
    problem = build_problem(call, FAST, [], [])
    facts = {c["id"]: c["attributes"] for c in problem["candidates"]}
    assert facts[candidate_id(nominations[0].id)]["consecutive_terms"] == "3"
    assert facts[candidate_id(nominations[0].id)]["newcomer"] == "no"
    assert facts[candidate_id(nominations[1].id)]["newcomer"] == "yes"


def test_the_term_limit_keeps_a_member_out_after_three_terms_in_a_row(renewal):
    body, call, nominations = renewal
    call.max_consecutive_terms = 3
    problem = build_problem(call, FAST, [], [])
    limit = [r for r in problem["rules"] if r["attribute"] == "consecutive_terms"]
    assert limit == [{"attribute": "consecutive_terms", "value": "3", "max": 0,
                      "label": "at most 3 consecutive terms (not again after 3 in a row)"}]
    result = solve_problem(problem)
    assert result["slates"] and all(candidate_id(nominations[0].id) not in s["members"] for s in result["slates"])


def test_a_gap_resets_the_count(renewal):
    body, call, nominations = renewal
    call.term_start, call.term_end = date(2028, 1, 1), date(2028, 12, 31)
    skipped = review_call("earlier-2027")
    skipped.body_id, skipped.term_start, skipped.term_end = body.id, date(2027, 1, 1), date(2027, 12, 31)
    db.session.flush()
    call.max_consecutive_terms = 3
    problem = build_problem(call, FAST, [], [])
    assert not [r for r in problem["rules"] if r["attribute"] == "consecutive_terms"]


def test_a_share_of_seats_for_newcomers_is_named_when_it_cannot_be_met(renewal):
    body, call, nominations = renewal
    body.settings = {"min_share_new_members": 1.0}
    db.session.flush()
    problem = build_problem(call, FAST, [nominations[0].id], [])
    rule = [r for r in problem["rules"] if r["attribute"] == "newcomer"]
    assert rule and rule[0]["min"] == call.group_seats and "new to Renewed Panel" in rule[0]["label"]
    result = solve_problem(problem)
    assert not result["slates"]
    assert "new to Renewed Panel" in str(result)


def test_a_call_without_a_body_has_no_renewal_facts(app_ctx):
    call, _ = shortlisted_call()
    problem = build_problem(call, FAST, [], [])
    assert all("newcomer" not in c["attributes"] for c in problem["candidates"])
