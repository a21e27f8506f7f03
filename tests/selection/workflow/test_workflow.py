"""The workflow layer: transitions along the table only, always audited; call configuration."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    AuditEvent,
    AuditLogIsAppendOnly,
    BalanceRule,
    Call,
    CallStatus,
    Gender,
    NominationStatus,
    Nominee,
    StakeholderGroup,
    utcnow,
)
from selection.workflow import nominations as ops
from selection.workflow.calls import configuration_problems, open_call
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration, WorkflowError
from selection.workflow.states import TRANSITIONS
from tests.selection.factories import call_by_slug, complete_application

pytestmark = pytest.mark.usefixtures("app_ctx")


def a_nomination(call: Call, **person):
    nominee = Nominee(name=person.get("name", "Zanele Ito"), email="z@example.org",
                      nationality=person.get("nationality", "za"), residence="ZA", gender=Gender.WOMAN)
    return complete_application(ops.start_nomination(call, call.groups[0], nominee, None))


def audit_count() -> int:
    return db.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def test_region_is_derived_from_nationality(panel_call: str) -> None:
    nomination = a_nomination(call_by_slug(panel_call), nationality="br")
    assert nomination.nominee.nationality == "BR"
    assert nomination.nominee.region == "GRULAC"
    nomination.nominee.nationality = "JP"
    assert nomination.nominee.region == "APG"


def test_submit_moves_along_the_table_and_is_audited(panel_call: str) -> None:
    nomination = a_nomination(call_by_slug(panel_call))
    before = audit_count()
    ops.submit(nomination, None)
    assert nomination.status == NominationStatus.SUBMITTED and nomination.submitted_at
    event = db.session.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
    assert (event.object_type, event.object_id, event.from_state, event.to_state) == (
        "nomination", nomination.id, "draft", "submitted")
    assert audit_count() == before + 1


@pytest.mark.parametrize("current", list(NominationStatus))
def test_every_move_outside_the_table_is_refused_and_changes_nothing(panel_call: str, current) -> None:
    nomination = a_nomination(call_by_slug(panel_call))
    for target in NominationStatus:
        nomination.status = current
        before = audit_count()
        if target in TRANSITIONS[current]:
            ops.move(nomination, target, None)
            assert nomination.status == target and audit_count() == before + 1
        else:
            with pytest.raises(ForbiddenTransition):
                ops.move(nomination, target, None)
            assert nomination.status == current and audit_count() == before


def test_withdrawn_is_final(panel_call: str) -> None:
    nomination = a_nomination(call_by_slug(panel_call))
    ops.withdraw(nomination, None, reason="changed my mind")
    with pytest.raises(ForbiddenTransition, match="withdrawn cannot become submitted"):
        ops.submit(nomination, None)


def test_no_nomination_after_the_deadline(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    nomination = a_nomination(call)
    with pytest.raises(WorkflowError, match="deadline .* has passed"):
        ops.submit(nomination, None, now=call.closes_at)
    assert nomination.status == NominationStatus.DRAFT
    ops.submit(nomination, None, now=call.closes_at - timedelta(seconds=1))


def test_closed_group_takes_no_nomination(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    call.groups[0].open_for_nominations = False
    with pytest.raises(WorkflowError, match="Government is not open"):
        a_nomination(call)


def test_audit_events_cannot_be_changed_or_deleted(panel_call: str) -> None:
    ops.submit(a_nomination(call_by_slug(panel_call)), None)
    db.session.commit()
    event = db.session.execute(select(AuditEvent)).scalars().first()
    event.action = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def draft_call(**changes) -> Call:
    now = utcnow()
    call = Call(slug="c", title="C", body="Body", seats=8, term_start=date(2027, 1, 1),
                term_end=date(2028, 12, 31), opens_at=now, closes_at=now + timedelta(days=30))
    for index, code in enumerate(["a", "b", "c", "d"]):
        call.groups.append(StakeholderGroup(code=code, name=code.upper(), seats=2, position=index))
    for key, value in changes.items():
        setattr(call, key, value)
    db.session.add(call)
    return call


def test_sound_configuration_has_no_problems() -> None:
    assert configuration_problems(draft_call()) == {}


def test_group_seats_must_add_up_to_the_body() -> None:
    problems = configuration_problems(draft_call(seats=10))
    assert problems == {"seats": "the stakeholder groups have 8 seats together, but the body has 10"}


def test_closing_before_opening_is_named() -> None:
    call = draft_call()
    call.closes_at = call.opens_at - timedelta(hours=1)
    assert "closes_at" in configuration_problems(call)


@pytest.mark.parametrize("rule, message", [
    (BalanceRule(attribute="region", value="*", min_seats=2), "needs at least 10 seats (2 x 5 values) but only 8 exist"),
    (BalanceRule(attribute="region", value="*", max_seats=1), "allows at most 5 seats"),
    (BalanceRule(attribute="gender", value="woman", min_seats=5, max_seats=3), "the minimum 5 is above the maximum 3"),
    (BalanceRule(attribute="shoe size", value="*", max_seats=1), "unknown attribute 'shoe size'"),
    (BalanceRule(attribute="region", value="AFR", min_seats=-1), "seat counts cannot be negative"),
    (BalanceRule(attribute="gender", value="woman", min_seats=4, hard=False), "a soft rule needs a positive penalty"),
])
def test_impossible_rules_are_explained(rule: BalanceRule, message: str) -> None:
    call = draft_call()
    call.rules.append(rule)
    problems = configuration_problems(call)
    assert list(problems) == ["rules[0]"]
    assert message in problems["rules[0]"]


def test_open_call_refuses_bad_configuration_and_changes_nothing() -> None:
    call = draft_call(seats=9)
    with pytest.raises(InvalidConfiguration) as error:
        open_call(call, None)
    assert "seats" in error.value.problems
    assert call.status == CallStatus.DRAFT


def test_open_call_refuses_a_deadline_in_the_past() -> None:
    call = draft_call()
    with pytest.raises(InvalidConfiguration, match="deadline has already passed"):
        open_call(call, None, now=call.closes_at + timedelta(minutes=1))


def test_open_then_close_is_audited() -> None:
    from selection.workflow.calls import close_call

    call = draft_call()
    open_call(call, None)
    close_call(call, None)
    assert call.status == CallStatus.CLOSED
    states = [e.to_state for e in db.session.execute(
        select(AuditEvent).where(AuditEvent.object_type == "call").order_by(AuditEvent.id)).scalars()]
    assert states == ["open", "closed"]
    with pytest.raises(ForbiddenTransition):
        close_call(call, None)


def test_datetimes_come_back_aware_in_utc(panel_call: str) -> None:
    db.session.expire_all()
    call = call_by_slug(panel_call)
    assert call.closes_at.tzinfo == timezone.utc
    with pytest.raises(Exception, match="naive"):
        call.opens_at = datetime(2027, 1, 1)
        db.session.flush()
    db.session.rollback()
