"""The bodies API contract: list bodies, send a meeting record (201; 400 naming the field or the
unknown owner, nothing written), read it with the matched people's ids, publish its summary."""
from __future__ import annotations

import copy

import pytest
from flask import Flask
from openapi_spec_validator import validate
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, Meeting, Role
from tests.selection.api.test_api import bearer, token_for
from tests.selection.bodies.helpers import small_body

RECORD = {
    "title": "Virtual Meeting", "starts_at": "2025-01-21T14:00:00Z", "ends_at": "2025-01-21T16:00:00Z",
    "mode": "virtual", "purpose": "To discuss the review.", "chatham_house": True,
    "attendance": [
        {"name": "ana perez", "category": "member", "office": "chair", "status": "online"},
        {"name": "BO LINDQVIST", "category": "member", "office": None, "status": "present"},
        {"name": "Chidi Okeke", "category": "ex_officio", "office": None, "status": "regrets"},
        {"name": "Dana Ruiz", "category": "advisor", "office": None, "status": "online"},
        {"name": "Gita Guest", "category": "guest", "office": None, "status": "present"},
        {"name": "Eve Stone", "category": "secretariat", "office": None, "status": "online"},
    ],
    "decisions": [{"topic": "Concerning the review", "text": "It was agreed to write to Member States."}],
    "action_items": [{"text": "Draft a 2-page summary.", "owners": ["Bo Lindqvist", "Gita Guest"], "due": "2025-01-31"},
                     {"text": "Write a letter.", "owners": ["Ana Pérez"], "due": None}],
}


@pytest.fixture
def body(app: Flask) -> None:
    with app.app_context():
        small_body()
        db.session.commit()


@pytest.fixture
def token(app: Flask, make_user) -> str:
    return token_for(app, make_user, "sec@un.example.org", Role.SECRETARIAT)


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        return (db.session.execute(select(func.count(Meeting.id))).scalar_one(),
                db.session.execute(select(func.count(AuditEvent.id))).scalar_one())


def test_bodies_are_listed(client, body) -> None:
    assert client.get("/api/v1/bodies").json == [{"slug": "test-panel", "name": "Test Panel"}]


def test_a_record_is_created_read_and_published(app, client, body, token) -> None:
    created = client.post("/api/v1/bodies/test-panel/meetings", headers=bearer(token), json=RECORD)
    assert created.status_code == 201, created.json
    meeting_id = created.json["id"]
    read = client.get(f"/api/v1/meetings/{meeting_id}", headers=bearer(token)).json
    assert read["title"] == "Virtual Meeting" and read["mode"] == "virtual" and read["chatham_house"] is True
    by_name = {entry["name"]: entry for entry in read["attendance"]}  # matched people by their own name
    assert by_name["Ms. Ana Pérez"]["person_id"] is not None and by_name["Gita Guest"]["person_id"] is None
    assert by_name["Mr. Bo Lindqvist"]["status"] == "present" and by_name["Ms. Ana Pérez"]["office"] == "chair"
    first = read["action_items"][0]
    assert first["owners"] == ["Mr. Bo Lindqvist", "Gita Guest"] and first["due"] == "2025-01-31"
    assert first["owner_ids"][0] == by_name["Mr. Bo Lindqvist"]["person_id"] and first["owner_ids"][1] is None
    assert read["decisions"] == RECORD["decisions"] and read["summary_url"] is None
    published = client.post(f"/api/v1/meetings/{meeting_id}/publish", headers=bearer(token), json={})
    assert published.status_code == 200, published.json
    url = published.json["url"]
    assert url.startswith("http://localhost/bodies/test-panel/summaries/2025-01-21-virtual-meeting")
    page = client.get(url).get_data(as_text=True)
    assert "It was agreed to write to Member States." in page and "Draft a 2-page summary." in page
    again = client.post(f"/api/v1/meetings/{meeting_id}/publish", headers=bearer(token), json={})
    assert again.status_code == 409


@pytest.mark.parametrize("change, field", [
    (lambda r: r.pop("title"), "title"),
    (lambda r: r.update(starts_at="21 January"), "starts_at"),
    (lambda r: r.update(mode="carrier pigeon"), "mode"),
    (lambda r: r.update(ends_at="2025-01-21T13:00:00Z"), "ends_at"),
    (lambda r: r["attendance"][2].update(status="asleep"), "attendance[2].status"),
    (lambda r: r["attendance"][0].update(category="king"), "attendance[0].category"),
    (lambda r: r["action_items"][0].update(due="soon"), "action_items[0].due"),
    (lambda r: r["action_items"][1].update(owners=[]), "action_items[1].owners"),
    (lambda r: r.update(decisions="none"), "decisions"),
    (lambda r: r.update(chatham_house="yes"), "chatham_house"),
])
def test_a_malformed_record_is_refused_naming_the_field_and_nothing_is_written(app, client, body, token,
                                                                                change, field) -> None:
    record = copy.deepcopy(RECORD)
    change(record)
    before = _counts(app)
    refused = client.post("/api/v1/bodies/test-panel/meetings", headers=bearer(token), json=record)
    assert refused.status_code == 400 and refused.json["error"]["field"] == field
    assert field.split(".")[-1].split("[")[0] in refused.json["error"]["message"]
    assert _counts(app) == before


def test_an_unknown_owner_is_refused_by_name(app, client, body, token) -> None:
    record = copy.deepcopy(RECORD)
    record["action_items"][1]["owners"] = ["Ana Pérez", "Zed Unknown"]
    before = _counts(app)
    refused = client.post("/api/v1/bodies/test-panel/meetings", headers=bearer(token), json=record)
    assert refused.status_code == 400 and "Zed Unknown" in refused.json["error"]["message"]
    assert _counts(app) == before


def test_an_owner_among_the_bodys_people_but_not_present_is_accepted(client, body, token) -> None:
    record = copy.deepcopy(RECORD)
    record["action_items"][1]["owners"] = ["chidi okeke"]
    record["action_items"][0]["owners"] = ["Bo Lindqvist"]
    record["attendance"] = record["attendance"][:2]
    created = client.post("/api/v1/bodies/test-panel/meetings", headers=bearer(token), json=record)
    assert created.status_code == 201
    owners = client.get(f"/api/v1/meetings/{created.json['id']}", headers=bearer(token)).json["action_items"][1]
    assert owners["owners"] == ["H.E. Mr. Chidi Okeke"] and owners["owner_ids"][0] is not None


def test_tokens_and_roles(app, client, body, make_user) -> None:
    assert client.post("/api/v1/bodies/test-panel/meetings", json=RECORD).status_code == 401
    reviewer = token_for(app, make_user, "rev@un.example.org", Role.REVIEWER)
    assert client.post("/api/v1/bodies/test-panel/meetings", headers=bearer(reviewer), json=RECORD).status_code == 403
    assert client.get("/api/v1/meetings/1", headers=bearer(reviewer)).status_code == 403
    sec = token_for(app, make_user, "sec2@un.example.org", Role.SECRETARIAT)
    assert client.post("/api/v1/bodies/nope/meetings", headers=bearer(sec), json=RECORD).status_code == 404
    assert client.get("/api/v1/meetings/999", headers=bearer(sec)).status_code == 404


def test_the_endpoints_are_in_the_openapi_document(client, token) -> None:
    document = client.get("/api/v1/openapi.json", headers=bearer(token)).json
    validate(document)
    paths = document["paths"]
    assert "get" in paths["/bodies"] and "201" in paths["/bodies/{slug}/meetings"]["post"]["responses"]
    assert "get" in paths["/meetings/{meeting_id}"] and "post" in paths["/meetings/{meeting_id}/publish"]
