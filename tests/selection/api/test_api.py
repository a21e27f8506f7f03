"""The staff JSON API: bearer tokens, calls, nominations with candidates, OpenAPI."""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from sqlalchemy import select

from selection.extensions import db
from selection.models import ApiToken, Call, Gender, Nominee, Role, User, utcnow
from selection.workflow import nominations as ops
from selection.workflow.users import issue_api_token
from tests.selection.factories import complete_application


def token_for(app: Flask, make_user, email: str, *roles: Role) -> str:
    make_user(email, *roles)
    with app.app_context():
        user = db.session.execute(select(User).where(User.email == email)).scalar_one()
        token = issue_api_token(user, None)
        db.session.commit()
        return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token(app: Flask, make_user) -> str:
    return token_for(app, make_user, "sec@example.org", Role.SECRETARIAT)


@pytest.fixture
def nominations(app: Flask, panel_call: str) -> list[int]:
    """Two nominations of one person (by e-mail) and one of another, submitted."""
    ids = []
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        for name, email, iso2 in (("Amina Bello", "amina@example.net", "GH"),
                                  ("Amina Bello-Ade", "amina@example.net", "NG"),
                                  ("Лев Толстой", "lev@example.net", "RU")):
            nominee = Nominee(name=name, email=email, nationality=iso2, residence=iso2, gender=Gender.WOMAN)
            nomination = complete_application(ops.start_nomination(call, call.groups[0], nominee, None))
            ops.submit(nomination, None)
            ids.append(nomination.id)
        db.session.commit()
    return ids


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}])
def test_without_a_valid_token_the_api_answers_401_in_json(client: FlaskClient, headers: dict) -> None:
    response = client.get("/api/v1/calls", headers=headers)
    assert response.status_code == 401 and response.is_json
    assert response.json["error"]["code"] == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(app: Flask, client: FlaskClient, token: str) -> None:
    with app.app_context():
        db.session.execute(select(ApiToken)).scalar_one().revoked_at = utcnow()
        db.session.commit()
    assert client.get("/api/v1/calls", headers=bearer(token)).status_code == 401


def test_staff_without_the_secretariats_role_cannot_read_nominations(app: Flask, client: FlaskClient, make_user,
                                                                      panel_call: str) -> None:
    other = token_for(app, make_user, "rec@example.org", Role.RECOMMENDER)
    assert client.get("/api/v1/calls", headers=bearer(other)).status_code == 200
    response = client.get(f"/api/v1/calls/{panel_call}/nominations", headers=bearer(other))
    assert response.status_code == 403 and response.is_json


def test_calls_are_listed(client: FlaskClient, token: str, panel_call: str) -> None:
    response = client.get("/api/v1/calls", headers=bearer(token))
    assert response.status_code == 200
    [call] = response.json
    assert call["slug"] == panel_call and call["seats"] == 10 and len(call["groups"]) == 5
    assert call["nominations_url"].endswith(f"/api/v1/calls/{panel_call}/nominations")


def test_nominations_show_one_candidate_for_duplicates(client: FlaskClient, token: str, panel_call: str,
                                                      nominations: list[int]) -> None:
    rows = client.get(f"/api/v1/calls/{panel_call}/nominations", headers=bearer(token)).json["nominations"]
    candidates = {row["id"]: row["candidate"] for row in rows}
    assert candidates[nominations[0]] == candidates[nominations[1]] != candidates[nominations[2]]
    assert rows[2]["nominee"]["name"] == "Лев Толстой" and rows[2]["nominee"]["region"] == "EEG"
    only = client.get(f"/api/v1/calls/{panel_call}/nominations?status=withdrawn", headers=bearer(token)).json
    assert only == {"nominations": [], "total": 0, "limit": 100, "next_cursor": None, "next": None}
    assert client.get(f"/api/v1/calls/{panel_call}/nominations?status=bogus", headers=bearer(token)).status_code == 400


def test_nominations_come_a_page_at_a_time_with_a_link_to_the_next(client: FlaskClient, token: str, panel_call: str,
                                                                 nominations: list[int]) -> None:
    first = client.get(f"/api/v1/calls/{panel_call}/nominations?limit=2&status=submitted", headers=bearer(token)).json
    assert [row["id"] for row in first["nominations"]] == nominations[:2]
    assert first["total"] == 3 and first["limit"] == 2 and first["next_cursor"] == str(nominations[1])
    assert "limit=2" in first["next"] and "status=submitted" in first["next"]
    second = client.get(first["next"], headers=bearer(token)).json
    assert [row["id"] for row in second["nominations"]] == nominations[2:]
    assert second["next"] is None and second["next_cursor"] is None
    # Duplicates share a candidate across pages: it is the call's, not the page's.
    assert first["nominations"][0]["candidate"] == first["nominations"][1]["candidate"] != second["nominations"][0]["candidate"]


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=ten", "cursor=abc", "cursor=-1"])
def test_a_page_out_of_bounds_is_refused_with_the_reason(client: FlaskClient, token: str, panel_call: str,
                                                         query: str) -> None:
    response = client.get(f"/api/v1/calls/{panel_call}/nominations?{query}", headers=bearer(token))
    assert response.status_code == 400 and response.is_json
    assert ("500" in response.json["error"]["message"]) == query.startswith("limit")


def test_the_list_is_paginated_in_the_openapi_document(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    listing = spec["paths"]["/calls/{slug}/nominations"]["get"]
    limit = next(p for p in listing["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500 and {p["name"] for p in listing["parameters"]} >= {"cursor", "status"}
    assert listing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NominationPage"}
    assert {"next", "next_cursor"} <= set(spec["components"]["schemas"]["NominationPage"]["required"])


def test_one_nomination_in_full(client: FlaskClient, token: str, nominations: list[int]) -> None:
    body = client.get(f"/api/v1/nominations/{nominations[0]}", headers=bearer(token)).json
    assert body["status"] == "submitted" and body["biography"] == "A biography."
    assert [event["to"] for event in body["history"] if event["action"] == "status"] == ["submitted"]
    missing = client.get("/api/v1/nominations/9999", headers=bearer(token))
    assert missing.status_code == 404 and missing.json["error"]["code"] == 404


def test_unknown_paths_answer_404_in_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.is_json


def test_openapi_document_is_valid_and_describes_every_endpoint(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec: dict[str, Any] = response.json
    validate(spec)
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) == {"/calls", "/calls/{slug}/nominations", "/nominations/{nomination_id}",
                                  "/openapi.json", "/calls/{slug}/reviews", "/calls/{slug}/shortlist",
                                  "/nominations/{nomination_id}/reviews", "/nominations/{nomination_id}/shortlist",
                                  "/nominations/{nomination_id}/recommendations", "/nominations/{nomination_id}/withdraw",
                                  "/calls/{slug}/slate-runs", "/slate-runs/{run_id}", "/calls/{slug}/decision",
                                  "/calls/{slug}/announce", "/contributions", "/contributions/report",
                                  "/bodies", "/bodies/{slug}/meetings",
                                  "/meetings/{meeting_id}", "/meetings/{meeting_id}/publish"}
    assert spec["paths"]["/nominations/{nomination_id}"]["get"]["parameters"][0]["schema"]["type"] == "integer"


def test_api_is_csrf_exempt_and_token_use_is_recorded(app: Flask, client: FlaskClient, token: str) -> None:
    assert client.get("/api/v1/calls", headers=bearer(token)).status_code == 200
    with app.app_context():
        assert db.session.execute(select(ApiToken)).scalar_one().last_used_at is not None


def test_one_nomination_has_the_candidate_the_list_gives(app: Flask, client: FlaskClient, token: str,
                                                                panel_call: str, nominations: list[int]) -> None:
    with app.app_context():  # Lev Tolstoy again, by name and nationality under another e-mail
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        nominee = Nominee(name="Лев Толстой", email="leo@example.net", nationality="RU", residence="RU",
                          gender=Gender.MAN)
        again = ops.start_nomination(call, call.groups[1], nominee, None)
        db.session.commit()
        ids = nominations + [again.id]
    listed = {row["id"]: row["candidate"] for row in
              client.get(f"/api/v1/calls/{panel_call}/nominations", headers=bearer(token)).json["nominations"]}
    one = {i: client.get(f"/api/v1/nominations/{i}", headers=bearer(token)).json["candidate"] for i in ids}
    assert one == {i: listed[i] for i in ids}
    assert one[ids[0]] == one[ids[1]] != one[ids[2]] == one[ids[3]]
    assert one[ids[1]] == ids[0] and one[ids[3]] == ids[2]  # the person's oldest nomination
