"""Contributions to the Trust Fund, kept apart: their own pages and API for administrators and
contributions officers only; everyone who selects gets 403; bad input writes nothing; audited."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, DonorContribution, NominationStatus, Role, User
from selection.workflow.users import issue_api_token
from tests.conftest import AuthActions, csrf_token_from
from tests.selection.factories import review_call, submitted

PAGES = ["/contributions/", "/contributions/report", "/contributions/report.csv"]
API = ["/api/v1/contributions", "/api/v1/contributions/report"]
GOOD = {"donor": "Government of Norway", "amount": "250000.00", "currency": "usd",
        "received_on": "2026-03-01", "purpose": "IGF Secretariat operations", "facilitator": ""}


def signed_in(app: Flask, make_user, role: Role) -> FlaskClient:
    client = app.test_client()
    email = f"{role.value}@un.example.org"
    make_user(email, role)
    assert AuthActions(client).sign_in(email).status_code == 302
    return client


def token_for(app: Flask, make_user, role: Role) -> str:
    user_id = make_user(f"api-{role.value}@un.example.org", role)
    with app.app_context():
        secret = issue_api_token(db.session.get(User, user_id), None)
        db.session.commit()
        return secret


def contributions_count(app: Flask) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(DonorContribution.id))).scalar_one()


def record(client: FlaskClient, **overrides: str):
    page = client.get("/contributions/")
    data = {**GOOD, **overrides, "csrf_token": csrf_token_from(page.get_data(as_text=True))}
    return client.post("/contributions/", data=data)


@pytest.mark.parametrize("role", [Role.DECISION_MAKER, Role.REVIEWER, Role.RECOMMENDER, Role.SECRETARIAT])
def test_those_who_select_get_403_on_every_contribution_page_and_api(app: Flask, make_user, role: Role) -> None:
    client = signed_in(app, make_user, role)
    for path in PAGES:
        assert client.get(path).status_code == 403, path
    html = client.get("/").get_data(as_text=True)
    token = csrf_token_from(html) if 'name="csrf_token"' in html else ""
    assert client.post("/contributions/", data={**GOOD, "csrf_token": token}).status_code == 403
    assert "/contributions" not in html
    bearer = {"Authorization": f"Bearer {token_for(app, make_user, role)}"}
    api = app.test_client()
    for path in API:
        assert api.get(path, headers=bearer).status_code == 403, path
    assert api.post("/api/v1/contributions", json={**GOOD}, headers=bearer).status_code == 403
    assert contributions_count(app) == 0


def test_strangers_are_sent_to_sign_in(client: FlaskClient) -> None:
    for path in PAGES:
        assert client.get(path).status_code == 302
    for path in API:
        assert client.get(path).status_code == 401


@pytest.mark.parametrize("role", [Role.CONTRIBUTIONS, Role.ADMIN])
def test_an_officer_records_and_reports_and_it_is_audited(app: Flask, make_user, role: Role) -> None:
    client = signed_in(app, make_user, role)
    assert record(client).status_code == 302
    assert record(client, amount="50000", received_on="2026-09-10").status_code == 302
    assert record(client, donor="Acme Foundation", amount="1000.5", currency="EUR", received_on="2025-12-31").status_code == 302
    page = client.get("/contributions/").get_data(as_text=True)
    assert "Government of Norway" in page and "250,000.00 USD" in page
    report = client.get("/contributions/report").get_data(as_text=True)
    assert "300,000.00" in report and "1,000.50" in report
    csv = client.get("/contributions/report.csv").get_data(as_text=True).splitlines()
    assert csv[0] == "year,currency,donor,contributions,total"
    assert "2026,USD,Government of Norway,2,300000.00" in csv and "2025,EUR,Acme Foundation,1,1000.50" in csv
    with app.app_context():
        rows = db.session.execute(select(DonorContribution).order_by(DonorContribution.id)).scalars().all()
        assert rows[0].currency == "USD" and rows[0].amount == Decimal("250000.00")
        assert rows[0].received_on == date(2026, 3, 1) and rows[0].year == 2026 and rows[0].purpose
        events = db.session.execute(select(AuditEvent).where(AuditEvent.action == "contribution_recorded")).scalars().all()
        assert len(events) == 3 and events[0].details["amount"] == "250000.00"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("donor", "", "Name the donor"),
    ("donor", "Acme\x00Foundation", "control character"),
    ("purpose", "Operations\x00", "control character"),
    ("amount", "lots", "positive number"),
    ("amount", "-5", "positive number"),
    ("amount", "1.234", "two decimals"),
    ("amount", "1e400", "positive number"),
    ("currency", "dollars", "three letters"),
    ("received_on", "", "date the contribution was received"),
    ("received_on", "2026-02-30", "date the contribution was received"),
    ("received_on", "2999-01-01", "cannot be in the future"),
    ("facilitator", "99999999999999", "Name a member of the body as facilitator"),
    ("facilitator", "abc", "Name a member of the body as facilitator"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(app: Flask, make_user, field: str,
                                                                        value: str, words: str) -> None:
    client = signed_in(app, make_user, Role.CONTRIBUTIONS)
    response = record(client, **{field: value})
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert contributions_count(app) == 0
    with app.app_context():
        assert db.session.execute(select(AuditEvent).where(AuditEvent.action == "contribution_recorded")).first() is None


def test_every_problem_is_shown_in_one_round(app: Flask, make_user) -> None:
    client = signed_in(app, make_user, Role.CONTRIBUTIONS)
    page = record(client, donor="", amount="x", currency="dollars", received_on="", facilitator="77").get_data(as_text=True)
    for words in ("Name the donor", "positive number", "three letters", "date the contribution was received",
                  "Name a member of the body as facilitator"):
        assert words in page
    assert 'value="x"' in page and 'value="dollars"' in page  # the input is kept
    assert contributions_count(app) == 0


def test_the_api_records_lists_and_reports_and_refuses_bad_bodies(app: Flask, make_user) -> None:
    bearer = {"Authorization": f"Bearer {token_for(app, make_user, Role.CONTRIBUTIONS)}"}
    api = app.test_client()
    bad = api.post("/api/v1/contributions", json={"donor": "", "amount": [1], "currency": 5}, headers=bearer)
    assert bad.status_code == 400 and "Name the donor" in bad.get_json()["error"]["message"]
    assert contributions_count(app) == 0
    made = api.post("/api/v1/contributions", headers=bearer, json={
        "donor": "Government of Norway", "amount": "250000", "currency": "USD", "received_on": "2026-03-01"})
    assert made.status_code == 200 and made.get_json()["amount"] == "250000.00"
    assert [row["donor"] for row in api.get("/api/v1/contributions", headers=bearer).get_json()] == ["Government of Norway"]
    assert api.get("/api/v1/contributions/report", headers=bearer).get_json()[0]["total"] == "250000.00"
    document = api.get("/api/v1/openapi.json", headers=bearer).get_json()
    assert {"get", "post"} <= set(document["paths"]["/contributions"]) and "/contributions/report" in document["paths"]


def test_an_officer_lands_on_their_work_and_finds_the_contributions_in_the_header(app: Flask, make_user) -> None:
    client = signed_in(app, make_user, Role.CONTRIBUTIONS)
    landing = client.get("/", follow_redirects=True)
    assert landing.status_code == 200
    assert 'href="/contributions/"' in landing.get_data(as_text=True)
    decider = signed_in(app, make_user, Role.DECISION_MAKER)
    assert 'href="/contributions/"' not in decider.get("/", follow_redirects=True).get_data(as_text=True)


def test_only_members_appointed_may_be_named_as_facilitators(app: Flask, make_user) -> None:
    with app.app_context():
        call = review_call()
        member = submitted(call, "Ana Member", status=NominationStatus.APPOINTED)
        nominee = submitted(call, "Ben Nominee", status=NominationStatus.NOT_SHORTLISTED)
        db.session.commit()
        member_id, nominee_id = member.nominee_id, nominee.nominee_id
    client = signed_in(app, make_user, Role.CONTRIBUTIONS)
    page = client.get("/contributions/").get_data(as_text=True)
    assert "Ana Member" in page and "Ben Nominee" not in page  # no other nominee's name reaches this page
    refused = record(client, facilitator=str(nominee_id))
    assert refused.status_code == 400 and "Name a member of the body as facilitator" in refused.get_data(as_text=True)
    assert contributions_count(app) == 0
    assert record(client, facilitator=str(member_id)).status_code == 302
    with app.app_context():
        assert db.session.execute(select(DonorContribution)).scalar_one().nominee_id == member_id
