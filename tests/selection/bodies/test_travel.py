"""Travel support: eligibility from the reference data, requests, the budget, authorisation."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, BodyPerson, Meeting, TravelRequest
from selection.models.body_enums import MeetingMode, PersonCategory
from selection.models.travel import TravelStatus
from selection.workflow import travel
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration, WorkflowError
from tests.selection.bodies.helpers import person, secretariat, year_panel

TODAY = date(2026, 5, 2)
ASK = travel.SupportRequest(travel_cost=Decimal("1200.00"), subsistence_days=4, other_funding_sought=True,
                            other_funding_note="Asked my ministry; no answer yet.")


@pytest.fixture
def meeting_in_person(app_ctx):
    """The panel, its Secretariat and an in-person meeting with a budget of 3,000."""
    body = year_panel()
    staff = secretariat()
    start = datetime(2026, 6, 23, 9, tzinfo=timezone.utc)
    meeting = Meeting(body=body, title="Annual IGF meeting", starts_at=start, ends_at=start, mode=MeetingMode.IN_PERSON)
    db.session.add(meeting)
    db.session.flush()
    travel.set_budget(meeting, Decimal("3000.00"), Decimal("250.00"), "usd", staff)
    return body, staff, meeting


@pytest.mark.parametrize(("country", "basis"), [
    ("GH", "Ghana is a developing economy"), ("SE", None), ("HT", "Haiti is a least developed country"),
    ("FJ", "Fiji is a small island developing State"),
])
def test_eligibility_comes_from_the_reference_data(meeting_in_person, country, basis):
    body, _, _ = meeting_in_person
    efua = person(body, "Efua Mensah")
    efua.country = country
    assert travel.eligibility_basis(efua) == basis


def test_a_member_from_a_developing_country_is_authorised_within_the_budget(meeting_in_person):
    body, staff, meeting = meeting_in_person
    request = travel.request_support(meeting, person(body, "Dolores Ibarra"), ASK, None)
    assert travel.requested_amount(request) == Decimal("2200.00")
    travel.authorise(request, Decimal("2200.00"), staff, TODAY)
    assert request.status == TravelStatus.AUTHORISED and request.authorised_on == TODAY
    assert travel.committed_amount(meeting) == Decimal("2200.00")
    assert travel.available_amount(meeting) == Decimal("800.00")
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "travel_request")).all()
    assert actions == ["travel_requested", "travel_moved"]


def test_nothing_is_authorised_beyond_the_budget(meeting_in_person):
    body, staff, meeting = meeting_in_person
    first = travel.request_support(meeting, person(body, "Dolores Ibarra"), ASK, None)
    second = travel.request_support(meeting, person(body, "Efua Mensah"), ASK, None)
    travel.authorise(first, Decimal("2200.00"), staff, TODAY)
    with pytest.raises(WorkflowError, match="Only 800.00 of the budget is left"):
        travel.authorise(second, Decimal("2200.00"), staff, TODAY)
    assert second.status == TravelStatus.REQUESTED and second.authorised_amount is None
    travel.authorise(second, Decimal("800.00"), staff, TODAY)
    assert travel.available_amount(meeting) == Decimal("0.00")
    with pytest.raises(WorkflowError, match="cannot be less"):
        travel.set_budget(meeting, Decimal("2999.99"), Decimal("250"), "USD", staff)


def test_a_member_from_a_developed_country_needs_an_override_with_its_reason(meeting_in_person):
    body, staff, meeting = meeting_in_person
    sweden = person(body, "Björn Lund")
    with pytest.raises(WorkflowError, match="exception"):
        travel.request_support(meeting, sweden, ASK, staff)
    request = travel.request_support(meeting, sweden, ASK, staff, override_reason="Self-funded civil society member.")
    assert request.eligibility == "Exception: Self-funded civil society member."


def test_refusals_write_nothing(meeting_in_person):
    body, staff, meeting = meeting_in_person
    advisor = BodyPerson(body=body, name="Ada Advisor", category=PersonCategory.ADVISOR, country="HT")
    db.session.add(advisor)
    db.session.commit()
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    with pytest.raises(WorkflowError, match="not a member"):
        travel.request_support(meeting, advisor, ASK, staff)
    with pytest.raises(InvalidConfiguration):
        travel.request_support(meeting, person(body, "Dolores Ibarra"),
                               travel.SupportRequest(Decimal("10"), 45, False), staff)
    request = travel.request_support(meeting, person(body, "Dolores Ibarra"), ASK, staff)
    with pytest.raises(InvalidConfiguration, match="at most 2,200.00"):
        travel.authorise(request, Decimal("5000"), staff, TODAY)
    with pytest.raises(InvalidConfiguration):
        travel.decline(request, "  ", staff)
    travel.decline(request, "Funds are reserved for members from least developed countries.", staff)
    with pytest.raises(ForbiddenTransition):
        travel.authorise(request, Decimal("100"), staff, TODAY)
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before + 2


def test_virtual_meetings_get_no_travel_support(meeting_in_person):
    body, staff, meeting = meeting_in_person
    meeting.mode = MeetingMode.VIRTUAL
    with pytest.raises(WorkflowError, match="in person or hybrid"):
        travel.request_support(meeting, person(body, "Dolores Ibarra"), ASK, staff)


@pytest.mark.parametrize("typed", ["abc", "-5", "1.234", "NaN", "1e12"])
def test_amounts_are_parsed_carefully(typed):
    with pytest.raises(InvalidConfiguration):
        travel.money(typed, "amount")


def test_withdrawing_an_authorised_request_returns_the_funds(meeting_in_person):
    body, staff, meeting = meeting_in_person
    request = travel.request_support(meeting, person(body, "Dolores Ibarra"), ASK, None)
    travel.authorise(request, Decimal("1000"), staff, TODAY)
    travel.withdraw(request, None)
    assert travel.available_amount(meeting) == Decimal("3000.00")
    assert db.session.scalar(select(func.count(TravelRequest.id))) == 1


def test_the_eligibility_is_said_in_the_pages_language(app, meeting_in_person):
    body, _, _ = meeting_in_person
    efua = person(body, "Efua Mensah")
    efua.country = "GH"
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert travel.eligibility_basis(efua) == "Ghana est une économie en développement"
        efua.country = "FJ"
        assert travel.eligibility_basis(efua) == "Fidji est un petit État insulaire en développement"


def test_a_request_records_its_basis_in_english_and_shows_it_in_the_pages_language(app, meeting_in_person):
    body, _, meeting = meeting_in_person
    member = person(body, "Dolores Ibarra")
    member.country = "GH"
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        request = travel.request_support(meeting, member, ASK, None)
        assert request.eligibility == "Ghana is a developing economy"
        assert travel.eligibility_words(request) == "Ghana est une économie en développement"
