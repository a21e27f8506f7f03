"""A decided call's appointed members take their seats in the body the call appoints."""
from __future__ import annotations

from datetime import date

import pytest
from flask import g

from selection.extensions import db
from selection.models.body_enums import PersonCategory
from selection.workflow.bodies import seating
from selection.workflow.bodies.meetings import NotAllowed
from selection.workflow.decision import DecisionInput, decide
from selection.workflow.errors import ForbiddenTransition
from tests.selection.bodies.helpers import secretariat
from tests.selection.factories import decider, shortlisted_call


def test_appointed_members_are_seated_once_in_the_calls_body(app) -> None:
    with app.test_request_context("/"):
        call, nominations = shortlisted_call()
        staff_user = secretariat()
        with pytest.raises(ForbiddenTransition):
            seating.seat_members(call, staff_user)  # not decided yet
        decide(call, DecisionInput([n.id for n in nominations[:10]], date(2025, 5, 2), "Chosen.",
                                   hard_rule_justification="Test."), decider())
        g.pop("queued_mail_ids", None)
        assert seating.unseated_calls() == [call]
        with pytest.raises(NotAllowed):
            seating.seat_members(call, None)
        seated = seating.seat_members(call, staff_user)
        assert len(seated) == 10 and {p.category for p in seated} == {PersonCategory.MEMBER}
        assert call.body_id == seated[0].body_id and seated[0].body.name == call.body
        assert all(p.term_start == call.term_start and p.seat for p in seated)
        assert seating.seat_members(call, staff_user) == [] and seating.unseated_calls() == []
        db.session.rollback()
