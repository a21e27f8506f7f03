"""Terms: whose end when, one reminder per term, the next call in one step, departures."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from selection.cli import cli
from selection.extensions import db
from selection.models import BodyPerson, Call, OutboxMessage
from selection.models.body_enums import PersonCategory
from selection.workflow import terms
from selection.workflow.call_templates import build_call
from selection.workflow.errors import WorkflowError
from tests.selection.bodies.helpers import person, secretariat, year_panel

NOW = datetime(2026, 10, 5, 9, tzinfo=timezone.utc)


@pytest.fixture
def body(app_ctx):
    """The year panel, with a Secretariat address and a last call for 2025–2026."""
    body = year_panel(call_template="leadership-panel")
    db.session.add(BodyPerson(body=body, name="Secretariat", category=PersonCategory.SECRETARIAT,
                              email="igf@un.example.org"))
    person(body, "Efua Mensah").term_end = date(2027, 12, 31)
    previous = build_call("leadership-panel", "year-panel-2025", "Year Panel 2025–2026",
                          datetime(2024, 9, 1, tzinfo=timezone.utc), datetime(2024, 10, 15, tzinfo=timezone.utc))
    previous.body_id = body.id
    db.session.add(previous)
    db.session.flush()
    return body


def test_terms_ending_within_three_months_soonest_first(body):
    ending = terms.terms_ending(body, date(2026, 10, 5))
    assert [e.person.name for e in ending] == ["Amal Haddad", "Björn Lund", "Chen Wei", "Dolores Ibarra"]
    assert ending[0].days_left == 87
    assert terms.terms_ending(body, date(2026, 9, 1)) == []


def test_the_secretariat_is_reminded_once_per_term(body):
    first = terms.remind_terms_ending(body, date(2026, 10, 5))
    assert len(first) == 4
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.recipient == "igf@un.example.org" and "Amal Haddad" in mail.body_text
    assert "in 87 days" in mail.body_text
    assert terms.remind_terms_ending(body, date(2026, 10, 6)) == []
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1


def test_the_next_call_copies_the_last_one_for_the_next_term(body):
    staff = secretariat()
    call = terms.start_next_call(body, staff, NOW)
    previous = db.session.scalar(select(Call).where(Call.slug == "year-panel-2025"))
    assert call.slug == "year-panel-2027" and call.body_id == body.id
    assert (call.term_start, call.term_end) == (date(2027, 1, 1), date(2028, 12, 31))
    assert call.status.value == "draft" and call.opens_at > NOW
    assert [g.name for g in call.groups] == [g.name for g in previous.groups]
    assert len(call.rules) == len(previous.rules) and len(call.rubric_criteria) == len(previous.rubric_criteria)
    with pytest.raises(WorkflowError, match="year-panel-2027 for the next term"):
        terms.start_next_call(body, staff, NOW)


def test_a_body_without_calls_starts_from_its_template(app_ctx):
    body = year_panel()
    with pytest.raises(WorkflowError, match="no earlier call"):
        terms.start_next_call(body, None, NOW)
    body.settings = {"call_template": "mag"}
    assert terms.start_next_call(body, None, NOW).term_start == date(2027, 1, 1)


def test_a_departure_ends_the_term_and_needs_a_reason(body):
    chen = person(body, "Chen Wei")
    with pytest.raises(WorkflowError, match="Say why"):
        terms.record_departure(chen, date(2026, 3, 3), " ", None)
    terms.record_departure(chen, date(2026, 3, 3), "Resigned on taking up a government post.", None)
    assert not chen.active and chen.term_end == date(2026, 3, 3)
    with pytest.raises(WorkflowError, match="not a serving member"):
        terms.record_departure(chen, date(2026, 3, 4), "Again", None)


def test_the_daily_command_reminds_once(app, runner, body):
    db.session.commit()
    first = runner.invoke(cli, ["bodies", "remind-terms", "--today", "2026-10-05"])
    assert first.exit_code == 0 and "Year Panel: 4 term(s) ending" in first.output
    again = runner.invoke(cli, ["bodies", "remind-terms", "--today", "2026-10-05"])
    assert "0 new reminder(s)" in again.output
