"""The pages of the Panel's year: the Secretariat's terms, elections and travel pages (theirs
only), members voting by secret ballot from their sign-in link, and asking for travel support."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from flask import Flask
from sqlalchemy import func, select

from selection.demo.panel_body import BODY_SLUG, seed_panel_body
from selection.demo.panel_year import seed_panel_year
from selection.extensions import db
from selection.models import AuditEvent, Ballot, Call, Meeting, Role, TravelRequest, User
from selection.models.body_enums import Office
from selection.models.election import Election, ElectionStatus
from selection.models.travel import TravelStatus
from tests.conftest import csrf_token_from, sign_in_directly
from tests.selection.factories import staff_accounts

NOW = datetime.now(timezone.utc)
# Members serving on in 2027 (odd places of the demo's MEMBERS).
ILSE, KWAME, HIROKI, DAYO = ("ilse.marchetti", "kwame.oduyabrandt", "hiroki.tanabemoss", "dayo.fenwick")


def _address(local: str) -> str:
    return f"{local}@panel.example.org"


@pytest.fixture
def panel(app: Flask, make_user) -> dict[str, int]:
    """The demo's Panel and its year, with Secretariat, reviewer and members' accounts."""
    ids = {**staff_accounts(make_user), "stranger": make_user("someone@example.net", Role.NOMINEE)}
    for local in (ILSE, KWAME, HIROKI, DAYO, "marguerite.oyelaran"):
        ids[local] = make_user(_address(local), Role.NOMINEE)
    with app.app_context():
        staff = db.session.get(User, ids["secretariat"])
        body = seed_panel_body(staff, NOW)
        seed_panel_year(body, staff, NOW)
        for person in body.people:  # the pages count from today: half the terms end in a month
            if person.term_end == date(NOW.year, 12, 31):
                person.term_end = NOW.date() + timedelta(days=30)
        db.session.commit()
    return ids


def _post(client, page: str, url: str, data: dict[str, str]):
    """Send a form found on ``page`` with its CSRF token."""
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=True)


def _election(app: Flask, office: Office) -> Election:
    with app.app_context():
        election = db.session.scalars(select(Election).where(Election.office == office)).one()
        db.session.expunge(election)
        return election


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_secretariat_sees_terms_ending_and_who_voted_but_not_how(client, panel):
    sign_in_directly(client, panel["secretariat"])
    page = _text(client.get(f"/secretariat/bodies/{BODY_SLUG}/year").get_data(as_text=True))
    assert "5 terms end within 92 days" in page and "30 days" in page
    assert "3 of 5 have voted" in page and "Ms. Ilse Marchetti" in page
    assert "Chair 2027" in page and "Vice-Chair 2027" in page


@pytest.mark.parametrize("role", ["reviewer", "decider", "stranger"])
@pytest.mark.parametrize("url", [f"/secretariat/bodies/{BODY_SLUG}/year", "/secretariat/meetings/{meeting}/travel"])
def test_other_roles_get_403_on_the_secretariat_pages(app, client, panel, role, url):
    with app.app_context():
        meeting = db.session.scalars(select(Meeting.id).where(Meeting.at_annual_igf.is_(True))).one()
    sign_in_directly(client, panel[role])
    assert client.get(url.format(meeting=meeting)).status_code == 403


def test_a_member_votes_once_in_secret_and_the_count_can_be_verified(app, client, panel):
    chair = _election(app, Office.CHAIR)
    sign_in_directly(client, panel[DAYO])
    page = client.get("/my-panel/elections").get_data(as_text=True)
    assert "Your secret vote for the Chair" in page
    with app.app_context():
        choice = db.session.get(Election, chair.id).candidacies[0].id
    done = _post(client, "/my-panel/elections", f"/my-panel/elections/{chair.id}/vote", {f"v{chair.id}-candidacy": str(choice)})
    receipt = re.search(r"receipt is ([0-9a-f]{12})", done.get_data(as_text=True)).group(1)
    again = client.post(f"/my-panel/elections/{chair.id}/vote", data={
        "csrf_token": csrf_token_from(client.get("/my-panel/elections").get_data(as_text=True)),
        f"v{chair.id}-candidacy": str(choice)}, follow_redirects=True)
    assert "You have voted in this round" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Ballot.id))) == 4
    sign_in_directly(client, panel["secretariat"])
    counted = _post(client, f"/secretariat/bodies/{BODY_SLUG}/year", f"/secretariat/elections/{chair.id}/count", {})
    assert "The round is counted." in counted.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Election, chair.id).status == ElectionStatus.DECIDED
    sign_in_directly(client, panel[DAYO])
    result = client.get(f"/bodies/{BODY_SLUG}/elections/{chair.id}").get_data(as_text=True)
    assert receipt in result and "The stored ballots recount to the published result." in result


def test_people_outside_the_panel_cannot_vote_or_see_the_count(app, client, panel):
    chair = _election(app, Office.CHAIR)
    sign_in_directly(client, panel["stranger"])
    assert "Only members of a body" in client.get("/my-panel/elections").get_data(as_text=True)
    response = client.post(f"/my-panel/elections/{chair.id}/vote", data={
        "csrf_token": csrf_token_from(client.get("/my-panel/elections").get_data(as_text=True))})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Ballot.id))) == 3


def test_a_proposed_member_accepts_from_their_page(app, client, panel):
    vice = _election(app, Office.VICE_CHAIR)
    with app.app_context():
        pending = next(c for c in db.session.get(Election, vice.id).candidacies if c.status.value == "proposed")
        pending_id, person = pending.id, pending.person.name
    assert person == "Ilse Marchetti"  # proposed by Lukas Ferraz-Ivanov, in the demo
    page = "/my-panel/elections"
    sign_in_directly(client, panel[KWAME])
    assert _post(client, page, f"/my-panel/candidacies/{pending_id}/answer", {"accept": "yes"}).status_code == 403
    sign_in_directly(client, panel[ILSE])
    answered = _post(client, page, f"/my-panel/candidacies/{pending_id}/answer", {"accept": "yes"})
    assert "You stand for election." in answered.get_data(as_text=True)


def test_opening_elections_without_a_year_is_refused_and_writes_nothing(app, client, panel):
    sign_in_directly(client, panel["secretariat"])
    with app.app_context():
        before = db.session.scalar(select(func.count(AuditEvent.id)))
    page = f"/secretariat/bodies/{BODY_SLUG}/year"
    response = _post(client, page, f"/secretariat/bodies/{BODY_SLUG}/elections", {"year": "", "takes_office_on": "x"})
    assert "Give the year of office." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditEvent.id))) == before


def test_the_next_call_starts_from_the_body_page(app, client, panel):
    sign_in_directly(client, panel["secretariat"])
    with app.app_context():
        db.session.add(Call(slug="igf-lp-2025", title="IGF Leadership Panel 2025–2026", body="IGF Leadership Panel",
                            seats=10, term_start=datetime(2025, 1, 1).date(), term_end=datetime(2026, 12, 31).date(),
                            opens_at=NOW, closes_at=NOW, body_id=db.session.scalar(select(Meeting.body_id).limit(1))))
        db.session.commit()
    page = f"/secretariat/bodies/{BODY_SLUG}/year"
    response = _post(client, page, f"/secretariat/bodies/{BODY_SLUG}/next-call", {})
    assert "The call for the next term is drafted" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Call.term_start).where(Call.slug == "igf-leadership-panel-2027")).year == 2027


def test_travel_is_authorised_within_the_budget_with_a_letter(app, client, panel):
    with app.app_context():
        meeting = db.session.scalars(select(Meeting).where(Meeting.at_annual_igf.is_(True))).one()
        meeting_id = meeting.id
        waiting = db.session.scalars(select(TravelRequest).where(TravelRequest.status == TravelStatus.REQUESTED)).one()
        authorised = db.session.scalars(select(TravelRequest).where(TravelRequest.status == TravelStatus.AUTHORISED)).one()
        waiting_id, authorised_id = waiting.id, authorised.id
    sign_in_directly(client, panel["secretariat"])
    page = f"/secretariat/meetings/{meeting_id}/travel"
    text = _text(client.get(page).get_data(as_text=True))
    assert "Available USD 8,600.00" in text and "Malawi is a least developed country" in text
    too_much = _post(client, page, f"/secretariat/travel/{waiting_id}/authorise", {"amount": "9000"})
    assert "at most 3,950.00" in too_much.get_data(as_text=True)
    bad = _post(client, page, f"/secretariat/travel/{waiting_id}/authorise", {"amount": "lots"})
    assert "give an amount such as 1250.00" in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(TravelRequest, waiting_id).status == TravelStatus.REQUESTED
    letter = _text(client.get(f"/secretariat/travel/{authorised_id}/letter").get_data(as_text=True))
    assert "Authorisation of travel support" in letter and "USD 3,400.00" in letter
    assert client.get(f"/secretariat/travel/{waiting_id}/letter").status_code == 404


def test_a_member_asks_for_travel_support(app, client, panel):
    with app.app_context():
        meeting_id = db.session.scalars(select(Meeting.id).where(Meeting.at_annual_igf.is_(True))).one()
    sign_in_directly(client, panel["marguerite.oyelaran"])  # Fiji: a small island developing State
    page = f"/my-panel/meetings/{meeting_id}/travel"
    assert "Fiji is a small island developing State" in client.get(page).get_data(as_text=True)
    sent = _post(client, page, page, {"travel_cost": "2100.50", "subsistence_days": "4", "other_funding_sought": "y"})
    assert "Your request is sent to the Secretariat." in sent.get_data(as_text=True)
    sign_in_directly(client, panel["stranger"])
    assert client.get(page).status_code == 403


def test_the_secretariat_changes_who_votes_and_the_renewal_share(app, client, panel):
    sign_in_directly(client, panel["secretariat"])
    page = f"/secretariat/bodies/{BODY_SLUG}/year"
    saved = _post(client, page, f"{page}/settings", {"ex_officio_vote": "y", "min_share_new_members": "34",
                                                     "term_reminder_days": "90"})
    assert "The settings are saved." in saved.get_data(as_text=True)
    with app.app_context():
        body = db.session.scalars(select(Meeting)).first().body
        assert body.setting("ex_officio_vote") is True and body.setting("min_share_new_members") == 0.34
        assert body.setting("outgoing_chair_may_stand") is False
    refused = _post(client, page, f"{page}/settings", {"min_share_new_members": "150", "term_reminder_days": "90"})
    assert "Give a percentage between 1 and 100" in refused.get_data(as_text=True)


def test_the_travel_page_says_each_basis_in_the_pages_language(app, client, panel):
    with app.app_context():
        meeting_id = db.session.scalars(select(Meeting.id).where(Meeting.at_annual_igf.is_(True))).one()
    sign_in_directly(client, panel["secretariat"])
    page = _text(client.get(f"/secretariat/meetings/{meeting_id}/travel", headers={"Accept-Language": "fr"})
                 .get_data(as_text=True))
    assert "est une économie en développement" in page or "parmi les moins avancés" in page
    assert " is a developing economy" not in page and " is a least developed country" not in page
