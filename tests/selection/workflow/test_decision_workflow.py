"""Proposing, pinning, excluding, deciding and appointing; the refusals change nothing."""
from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from selection.extensions import db
from selection.reports.slates_workbook import slates_workbook
from selection.services.jobs import execute_run
from selection.models import (
    AuditEvent,
    CallStatus,
    Decision,
    Membership,
    NominationStatus,
    OutboxMessage,
    OutboxStatus,
    Role,
    SlateRun,
    SlateRunStatus,
)
from selection.slates import SlateOptions, outcome_of
from selection.workflow.decision import DecisionInput, choose, decide, propose
from selection.workflow.errors import WorkflowError
from selection.workflow.slate_runs import comparison
from tests.selection.factories import FAST, decider, shortlisted_call, staff


def _events(action: str) -> int:
    return db.session.execute(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)).scalar()


def test_propose_keeps_the_inputs_and_a_second_request_returns_the_running_run(app_ctx):
    call, _ = shortlisted_call()
    user = decider()
    first = propose(call, user, FAST)
    assert first.created and first.run.status == SlateRunStatus.QUEUED
    assert first.run.problem["slates"] == 3 and first.run.requested_by is user
    again = propose(call, user, SlateOptions(slates=1))
    assert not again.created and again.run is first.run
    assert db.session.execute(select(func.count()).select_from(SlateRun)).scalar() == 1
    assert _events("proposed") == 1


def test_a_finished_run_records_progress_and_result_and_its_inputs_cannot_change(app_ctx):
    call, _ = shortlisted_call()
    run = propose(call, decider(), FAST).run
    db.session.commit()
    execute_run(run.id)
    db.session.refresh(run)
    assert run.status == SlateRunStatus.DONE and outcome_of(run) == "optimal"
    assert run.slates_found == 3 and run.best_score == run.result["slates"][0]["score"]
    assert run.bound is not None and run.started_at <= run.finished_at and run.elapsed_s() >= 0
    run.problem = {**run.problem, "seats": 9}
    with pytest.raises(ValueError, match="inputs cannot change"):
        db.session.flush()
    db.session.rollback()


def test_only_deciders_propose(app_ctx):
    call, _ = shortlisted_call()
    with pytest.raises(WorkflowError, match="Only decision-makers"):
        propose(call, staff("sec@un.example.org", Role.SECRETARIAT), FAST)
    assert db.session.execute(select(func.count()).select_from(SlateRun)).scalar() == 0


def test_an_open_call_or_bad_options_are_refused(app_ctx):
    call, _ = shortlisted_call()
    with pytest.raises(WorkflowError, match="between 1 and 20 slates"):
        propose(call, decider(), SlateOptions(slates=0))
    call.status = CallStatus.OPEN
    with pytest.raises(WorkflowError, match="once it has closed"):
        propose(call, decider("b@un.example.org"), FAST)


def test_pin_and_exclude_propose_again_with_the_choice(app_ctx):
    call, nominations = shortlisted_call()
    user = decider()
    run = propose(call, user, FAST).run
    db.session.commit()
    execute_run(run.id)
    pinned = choose(run, nominations[2], "pin", user).run
    assert pinned.id != run.id and pinned.pinned == [nominations[2].id]
    db.session.commit()
    execute_run(pinned.id)
    db.session.refresh(pinned)
    assert all(f"n{nominations[2].id}" in s["members"] for s in pinned.result["slates"])
    excluded = choose(pinned, nominations[0], "exclude", user).run
    assert excluded.pinned == [nominations[2].id] and excluded.excluded == [nominations[0].id]
    assert _events("pinned") == 1 and _events("excluded") == 1


def _best_slate(call, user):
    run = propose(call, user, FAST).run
    db.session.commit()
    execute_run(run.id)
    db.session.refresh(run)
    return run, [int(m[1:]) for m in run.result["slates"][0]["members"]]


def test_decide_appoints_the_members_holds_notices_and_decides_the_call(app_ctx):
    call, nominations = shortlisted_call()
    user = decider()
    run, members = _best_slate(call, user)
    decision = decide(call, DecisionInput(members, date(2025, 5, 2), "Balanced and strong.", slate_run_id=run.id,
                                          slate_rank=1), user)
    assert decision.source_in_words == f"Slate 1 of run #{run.id}" and decision.broken_rules == []
    assert call.status == CallStatus.DECIDED
    statuses = {n.id: n.status for n in nominations}
    assert {i for i, s in statuses.items() if s == NominationStatus.APPOINTED} == set(members)
    assert sum(s == NominationStatus.NOT_APPOINTED for s in statuses.values()) == 5
    seats = db.session.execute(select(Membership)).scalars().all()
    assert len(seats) == 10 and seats[0].term_end == call.term_end
    held = db.session.execute(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.HELD)).scalars().all()
    assert sum("appointment" in m.subject for m in held) == 10 and len(held) == 15
    assert _events("decided") == 1


def _decision_count() -> int:
    return db.session.execute(select(func.count()).select_from(Decision)).scalar()


def test_second_decision_is_refused(app_ctx):
    call, _ = shortlisted_call()
    user = decider()
    _, members = _best_slate(call, user)
    decide(call, DecisionInput(members, date(2025, 5, 2), "First."), user)
    with pytest.raises(WorkflowError, match="already been recorded"):
        decide(call, DecisionInput(members, date(2025, 5, 3), "Again."), user)
    assert _decision_count() == 1


def test_refusals_change_nothing(app_ctx):
    call, nominations = shortlisted_call()
    user = decider()
    _, members = _best_slate(call, user)
    with pytest.raises(WorkflowError, match="rationale"):
        decide(call, DecisionInput(members, date(2025, 5, 2), "  "), user)
    withdrawn = next(n for n in nominations if n.id == members[0])
    withdrawn.status = NominationStatus.WITHDRAWN
    with pytest.raises(WorkflowError, match=r"Only shortlisted nominees.*\(withdrawn\)"):
        decide(call, DecisionInput(members, date(2025, 5, 2), "Why."), user)
    withdrawn.status = NominationStatus.SHORTLISTED
    call.status = CallStatus.OPEN
    with pytest.raises(WorkflowError, match="only once it has closed"):
        decide(call, DecisionInput(members, date(2025, 5, 2), "Why."), user)
    call.status = CallStatus.CLOSED
    with pytest.raises(WorkflowError, match="Only decision-makers"):
        decide(call, DecisionInput(members, date(2025, 5, 2), "Why."), staff("r@un.example.org", Role.REVIEWER))
    assert _decision_count() == 0
    assert all(n.status == NominationStatus.SHORTLISTED for n in nominations)


def test_breaking_a_hard_rule_needs_a_justification(app_ctx):
    call, nominations = shortlisted_call()
    user = decider()
    three_governments = [n.id for n in nominations[:3]] + [n.id for n in nominations[3:10]]
    with pytest.raises(WorkflowError, match="breaks hard rules.*justification"):
        decide(call, DecisionInput(three_governments, date(2025, 5, 2), "Why."), user)
    assert _decision_count() == 0
    decision = decide(call, DecisionInput(three_governments, date(2025, 5, 2), "Why.",
                                          hard_rule_justification="The Secretary-General's explicit choice."), user)
    assert decision.broken_rules and decision.source_in_words == "Composed by hand"


def test_the_runs_workbook_names_the_decisions_members(app_ctx):
    call, nominations = shortlisted_call()
    user = decider()
    run, members = _best_slate(call, user)
    decision = decide(call, DecisionInput(members, date(2025, 5, 2), "Balanced and strong."), user)
    book = load_workbook(io.BytesIO(slates_workbook(run, comparison(run), decision)))
    named = [row[1] for row in book["Decision"].iter_rows(values_only=True) if row[0] == "Member"]
    by_id = {n.id: n.nominee.name for n in nominations}
    assert named == [by_id[i] for i in decision.member_ids] and len(named) == 10
