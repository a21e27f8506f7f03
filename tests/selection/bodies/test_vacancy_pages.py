"""The vacancy pages: the Secretariat's year page links a vacancy to the decision-maker's page,
which proposes slates for the seat and records the fill; 403 for other staff, nothing changed."""
from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Nomination, NominationStatus, Role, VacancyDecision, utcnow
from tests.conftest import csrf_token_from, sign_in_directly
from tests.selection.bodies.helpers import decided_panel
from tests.selection.factories import staff_accounts


@pytest.fixture
def panel(app: Flask, make_user) -> dict[str, int]:
    """The decided Panel with one vacancy (committed), and an account per role."""
    ids = {**staff_accounts(make_user), "admin": make_user("admin@un.example.org", Role.ADMIN)}
    with app.app_context():
        found = decided_panel(utcnow().date())
        ids.update(departed=found.departed.id, candidate=found.nominations[2].id, other=found.nominations[5].id)
        db.session.commit()
    return ids


def _page(panel: dict[str, int]) -> str:
    return f"/decide/vacancies/{panel['departed']}"


def _fills(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(VacancyDecision.id)))


def _status(app: Flask, nomination_id: int) -> NominationStatus:
    with app.app_context():
        return db.session.get(Nomination, nomination_id).status


@pytest.mark.parametrize("role", ["secretariat", "reviewer"])
def test_other_staff_get_403_and_change_nothing(app, client, panel, role):
    sign_in_directly(client, panel[role])
    assert client.get(_page(panel)).status_code == 403
    assert client.get("/decide/vacancies").status_code == 403
    token = csrf_token_from(client.get("/staff").get_data(as_text=True))
    response = client.post(_page(panel), data={"csrf_token": token, "nomination_id": panel["candidate"],
                                               "decided_on": "2026-03-01", "rationale": "Because."})
    assert response.status_code == 403
    assert _fills(app) == 0 and _status(app, panel["candidate"]) == NominationStatus.NOT_APPOINTED


def test_the_year_page_links_the_vacancy_for_whoever_may_fill_it(client, panel):
    sign_in_directly(client, panel["secretariat"])
    page = client.get("/secretariat/bodies/vacancy-panel/year").get_data(as_text=True)
    assert "Vacant seats" in page and "Nominee 00 KE" in page and "The decision-maker fills the seat" in page
    assert _page(panel) not in page
    sign_in_directly(client, panel["admin"])
    page = client.get("/secretariat/bodies/vacancy-panel/year").get_data(as_text=True)
    assert f'href="{_page(panel)}">Fill this seat</a>' in page


def test_the_decision_maker_sees_the_slates_and_fills_the_seat(app, client, panel):
    sign_in_directly(client, panel["decider"])
    listing = client.get("/decide/vacancies").get_data(as_text=True)
    assert f'href="{_page(panel)}">Fill this seat</a>' in listing
    page = client.get(_page(panel)).get_data(as_text=True)
    assert "Fill the seat of" in page and "Slate 1:" in page and "Nominee 02 IN</bdi> joins" in page
    assert "Every rule holds" in page and "Government: exactly 2 seats" in page
    token = csrf_token_from(page)
    form = {"csrf_token": token, "nomination_id": str(panel["candidate"]), "decided_on": "2026-03-01"}

    missing = client.post(_page(panel), data={**form, "rationale": ""})
    assert missing.status_code == 400 and "Give the rationale of the decision." in missing.get_data(as_text=True)
    stranger = client.post(_page(panel), data={**form, "nomination_id": str(panel["other"]), "rationale": "Why"})
    assert stranger.status_code == 400
    assert "Nominee 05 DE is not a candidate for this seat" in stranger.get_data(as_text=True)
    assert _fills(app) == 0 and _status(app, panel["candidate"]) == NominationStatus.NOT_APPOINTED

    done = client.post(_page(panel), data={**form, "rationale": "Next on the merit list."}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert done.status_code == 200 and "is filled" in text and "Proposed slate 1" in text
    assert _fills(app) == 1 and _status(app, panel["candidate"]) == NominationStatus.APPOINTED
    assert "No seat is vacant." in client.get("/decide/vacancies").get_data(as_text=True)
