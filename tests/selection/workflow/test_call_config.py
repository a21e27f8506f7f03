"""Editing a call's configuration: validation that names the field, impossible configurations,
confirmation and audit of seat and rule changes after opening, deadlines, questions."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    AuditEvent,
    BalanceRule,
    CallStatus,
    DeadlineExtension,
    Gender,
    Nominee,
    QuestionKind,
    RequiredLevel,
    utcnow,
)
from selection.workflow import call_config
from selection.workflow.call_config import ConfirmationRequired
from selection.workflow.calls import (
    configuration_problems,
    create_call,
    extend_call_deadline,
    extend_nomination_deadline,
    open_call,
)
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.nominations import start_nomination
from tests.selection.factories import call_by_slug

RULE = {"attribute": "region", "value": "*", "min_seats": None, "max_seats": None, "hard": True,
        "penalty": None, "where_attribute": None, "where_value": None}


def rule(row: int = 0, **values) -> dict:
    return {**RULE, "row": row, **values}


def group_rows(call, **seats: int) -> list[dict]:
    return [{"row": i, "id": g.id, "code": g.code, "name": g.name, "seats": seats.get(g.code, g.seats),
             "eligibility": g.eligibility, "required_level": g.required_level,
             "open_for_nominations": g.open_for_nominations, "remove": False} for i, g in enumerate(call.groups)]


@pytest.fixture
def mag(app_ctx):
    call = create_call("mag", "mag", "MAG", None)
    db.session.commit()
    return call


# --- impossible configurations ---------------------------------------------------------------

def test_seats_of_the_groups_must_add_up(mag) -> None:
    mag.seats = 41
    assert configuration_problems(mag)["seats"] == "the stakeholder groups have 40 seats together, but the body has 41"


def test_a_rule_no_slate_can_meet_on_seat_counts(mag) -> None:
    mag.seats = 8
    for group in mag.groups:
        group.seats = 2
    mag.rules = [BalanceRule(attribute="region", value="*", min_seats=2)]
    problem = configuration_problems(mag)["rules[0]"]
    assert "needs at least 10 seats (2 x 5 values) but only 8 exist" in problem


def test_a_call_that_closes_before_it_opens(mag) -> None:
    mag.closes_at = mag.opens_at - timedelta(hours=1)
    assert configuration_problems(mag)["closes_at"] == "the call closes before it opens"
    with pytest.raises(InvalidConfiguration) as refused:
        open_call(mag, None)
    assert "closes_at" in refused.value.problems and mag.status == CallStatus.DRAFT


def test_opening_with_a_past_deadline_is_refused(mag) -> None:
    mag.opens_at = utcnow() - timedelta(days=10)
    mag.closes_at = utcnow() - timedelta(days=1)
    with pytest.raises(InvalidConfiguration) as refused:
        open_call(mag, None)
    assert refused.value.problems == {"closes_at": "the deadline has already passed"}


# --- refusals of the section operations --------------------------------------------------------

def test_negative_seats_are_refused_naming_the_group_row(mag) -> None:
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.replace_groups(mag, group_rows(mag, civil_society=-1), None)
    assert refused.value.problems == {"groups[1].seats": "seats cannot be negative"}


@pytest.mark.parametrize(("values", "field", "reason"), [
    ({"min_seats": 3, "max_seats": 1}, "max_seats", "the minimum 3 is above the maximum 1"),
    ({"attribute": "height", "min_seats": 1}, "attribute", "unknown attribute 'height'"),
    ({"min_seats": -1}, "min_seats", "seat counts cannot be negative"),
    ({"value": "MARS", "min_seats": 1}, "value", "'MARS' is not a UN regional group of this call"),
    ({"max_seats": 2, "where_attribute": "group", "where_value": "parliament"}, "where_value",
     "'parliament' is not a stakeholder group of this call"),
    ({"min_seats": 1, "hard": False}, "penalty", "a soft rule needs a positive penalty"),
    ({}, "min_seats", "give a minimum, a maximum or both"),
])
def test_rules_that_make_no_sense_are_refused(mag, values: dict, field: str, reason: str) -> None:
    before = [r.describe() for r in mag.rules]
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.replace_rules(mag, [rule(4, **values)], None)
    assert refused.value.problems == {f"rules[4].{field}": reason}
    db.session.rollback()
    assert [r.describe() for r in call_by_slug("mag").rules] == before


def test_details_refuse_negative_seats_and_unknown_ex_officio(mag) -> None:
    values = {name: getattr(mag, name) for name in call_config.DETAIL_FIELDS}
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.update_details(mag, {**values, "seats": -3, "ex_officio_seats": ["king"]}, None)
    assert set(refused.value.problems) == {"seats", "ex_officio_seats"}


def test_review_settings_refuse_weights_that_do_not_add_up(mag) -> None:
    formula = {"review_weight": 0.9, "recommendation_weight": 0.3,
               "recommendation_points": {"recommend": 75}}
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.update_review_settings(mag, [], ["IGF Secretariat"], formula, None)
    assert "add up to 1" in refused.value.problems["review_weight"]


# --- after opening: confirmation and audit --------------------------------------------------------

def test_a_rule_change_after_opening_needs_confirmation_and_is_audited(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    new_rules = [rule(0, attribute="gender", value="woman", min_seats=5)]
    with pytest.raises(ConfirmationRequired) as asked:
        call_config.replace_rules(call, new_rules, None)
    assert "women: at least 5 seats" in asked.value.changes[0]
    db.session.rollback()
    call = call_by_slug(panel_call)
    assert len(call.rules) == 5
    call_config.replace_rules(call, new_rules, None, confirmed=True)
    db.session.commit()
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "configuration_changed")).scalar_one()
    assert event.details["section"] == "rules" and event.details["confirmed"] is True
    assert len(event.details["old"]) == 5
    assert event.details["new"] == [{"attribute": "gender", "value": "woman", "min_seats": 5, "max_seats": None,
                                     "hard": True, "penalty": None, "where_attribute": None, "where_value": None}]


def test_seat_changes_after_opening_need_confirmation_and_must_still_add_up(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    with pytest.raises(ConfirmationRequired):
        call_config.replace_groups(call, group_rows(call, at_large=3), None)
    db.session.rollback()
    call = call_by_slug(panel_call)
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.replace_groups(call, group_rows(call, at_large=3), None, confirmed=True)
    assert "the stakeholder groups have 11 seats together, but the body has 10" in refused.value.problems["seats"]


def test_wording_changes_after_opening_need_no_confirmation(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    rows = group_rows(call)
    rows[0]["eligibility"] = "Ministers only."
    call_config.replace_groups(call, rows, None)
    assert call.groups[0].eligibility == "Ministers only."


def test_a_group_with_nominations_cannot_be_removed(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    _nominate(call)
    rows = group_rows(call)
    rows[0]["remove"] = True
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.replace_groups(call, rows, None, confirmed=True)
    assert "has 1 nomination and cannot be removed" in refused.value.problems["groups[0].remove"]


def test_new_group_code_must_be_unique_and_well_formed(mag) -> None:
    rows = group_rows(mag) + [
        {"row": 4, "id": None, "code": "government", "name": "Parliaments", "seats": 0, "eligibility": "",
         "required_level": RequiredLevel.NONE, "open_for_nominations": True, "remove": False},
        {"row": 5, "id": None, "code": "Bad Code", "name": "Youth", "seats": 0, "eligibility": "",
         "required_level": RequiredLevel.NONE, "open_for_nominations": True, "remove": False},
    ]
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.replace_groups(mag, rows, None)
    assert set(refused.value.problems) == {"groups[0].code", "groups[4].code", "groups[5].code"}


# --- deadlines ------------------------------------------------------------------------------

def _nominate(call, email: str = "nominee@example.net"):
    nominee = Nominee(name="Test Nominee", email=email, nationality="KE", residence="KE", gender=Gender.WOMAN)
    db.session.add(nominee)
    return start_nomination(call, call.groups[0], nominee, None)


def test_a_per_nominee_extension_moves_only_that_deadline(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    extended, other = _nominate(call), _nominate(call, "other@example.net")
    later = call.closes_at + timedelta(days=3)
    extend_nomination_deadline(call, extended, later, "Hospitalised in the last week of the call", None)
    db.session.commit()
    assert call.deadline_for(extended) == later
    assert call.deadline_for(other) == call.closes_at
    assert call.deadline_for(None) == call.closes_at
    extension = db.session.execute(select(DeadlineExtension)).scalar_one()
    assert extension.reason == "Hospitalised in the last week of the call"
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "deadline_extended")).scalar_one()
    assert (event.object_type, event.object_id) == ("nomination", extended.id)
    assert event.details == {"old": call.closes_at.isoformat(), "new": later.isoformat(),
                             "reason": "Hospitalised in the last week of the call"}


@pytest.mark.parametrize(("days", "reason", "field"), [(3, "  ", "reason"), (-1, "Late", "closes_at")])
def test_a_per_nominee_extension_needs_a_reason_and_a_later_deadline(
    app_ctx, panel_call: str, days: int, reason: str, field: str
) -> None:
    call = call_by_slug(panel_call)
    nomination = _nominate(call)
    with pytest.raises(InvalidConfiguration) as refused:
        extend_nomination_deadline(call, nomination, call.closes_at + timedelta(days=days), reason, None)
    assert field in refused.value.problems


def test_extending_the_whole_call_is_audited(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    old = call.closes_at
    extend_call_deadline(call, old + timedelta(days=7), "Few nominations from Africa", None)
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "deadline_extended")).scalar_one()
    assert event.details == {"old": old.isoformat(), "new": (old + timedelta(days=7)).isoformat(),
                             "reason": "Few nominations from Africa"}
    with pytest.raises(InvalidConfiguration):
        extend_call_deadline(call, old, "shorter", None)


# --- questions ------------------------------------------------------------------------------

def question(**values) -> dict:
    return {"group_id": None, "label": "Question", "help_text": "", "kind": "text", "required": False,
            "choices": [], "show_if_question_id": None, "show_if_value": None, **values}


def test_a_conditional_question_refers_to_an_earlier_choice(mag) -> None:
    office = call_config.add_question(mag, question(label="Do you hold public office?", kind="yes_no"), None)
    which = call_config.add_question(mag, question(label="Which office?", required=True,
                                                   show_if_question_id=office.id, show_if_value="yes"), None)
    assert which.spec_fields() == {"key": str(which.id), "label": "Which office?", "kind": "text", "required": True,
                                   "choices": (), "help_text": "", "show_if": (str(office.id), "yes")}
    assert mag.questions_for(mag.groups[0]) == [office, which]
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.add_question(mag, question(show_if_question_id=office.id, show_if_value="maybe"), None)
    assert refused.value.problems == {"show_if_value": "“maybe” is not an answer to “Do you hold public office?”"}
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.add_question(mag, question(show_if_question_id=which.id, show_if_value="x"), None)
    assert "not a choice or yes/no question" in refused.value.problems["show_if_question_id"]


def test_questions_per_group_and_their_order(mag) -> None:
    government = mag.groups[0]
    own = call_config.add_question(mag, question(label="Permanent Mission", group_id=government.id), None)
    shared = call_config.add_question(mag, question(label="Languages"), None)
    assert mag.questions_for(government) == [own, shared]
    assert mag.questions_for(mag.groups[1]) == [shared]
    call_config.move_question(shared, -1, None)
    assert [q.label for q in call_by_slug("mag").questions] == ["Languages", "Permanent Mission"]


def test_a_choice_question_needs_options_and_a_question_its_dependants(mag) -> None:
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.add_question(mag, question(kind="choice", choices=["Only one"]), None)
    assert refused.value.problems == {"choices": "give at least two options, one per line"}
    db.session.rollback()
    mag = call_by_slug("mag")
    stream = call_config.add_question(mag, question(label="Stream", kind="choice", choices=["Policy", "Technical"]), None)
    call_config.add_question(mag, question(label="Detail", show_if_question_id=stream.id, show_if_value="Policy"), None)
    db.session.commit()
    with pytest.raises(WorkflowError, match="depends on it"):
        call_config.delete_question(stream, None)
    with pytest.raises(WorkflowError, match="must stay after it"):
        call_config.move_question(stream, 1, None)
    with pytest.raises(InvalidConfiguration, match="depends on this question"):
        call_config.update_question(stream, question(label="Stream", kind="text"), None)
    db.session.rollback()
    assert call_by_slug("mag").questions[0].kind == QuestionKind.CHOICE


def test_extensions_are_refused_for_a_draft(mag) -> None:
    nominee = Nominee(name="N", email="n@example.net", nationality="KE", residence="KE", gender=Gender.MAN)
    db.session.add(nominee)
    mag.status = CallStatus.OPEN
    mag.opens_at = utcnow() - timedelta(days=1)
    nomination = start_nomination(mag, mag.groups[0], nominee, None)
    mag.status = CallStatus.DRAFT
    with pytest.raises(WorkflowError, match="takes no extensions"):
        extend_nomination_deadline(mag, nomination, mag.closes_at + timedelta(days=1), "r", None,
                                   now=datetime(2026, 1, 1, tzinfo=timezone.utc))
