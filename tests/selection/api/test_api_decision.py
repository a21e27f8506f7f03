"""The decision endpoints of the JSON API: start a run, read it, record the decision."""
from __future__ import annotations

from flask import Flask
from openapi_spec_validator import validate
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Decision, Role, SlateRun
from tests.selection.factories import shortlisted_call, wait_for_runs
from tests.selection.api.test_api import bearer, token_for

SLUG = "lp-decision"


def _call(app: Flask) -> list[int]:
    with app.app_context():
        _, nominations = shortlisted_call(SLUG)
        db.session.commit()
        return [n.id for n in nominations]



def test_start_read_and_decide(app, client, make_user):
    _call(app)
    token = token_for(app, make_user, "dm@un.example.org", Role.DECISION_MAKER)
    started = client.post(f"/api/v1/calls/{SLUG}/slate-runs", headers=bearer(token),
                          json={"slates": 2, "min_difference": 2, "time_limit_s": 10})
    assert started.status_code == 200 and started.json["created"] and started.json["status"] in ("queued", "running",
                                                                                                 "done")
    wait_for_runs(app)
    run = client.get(f"/api/v1/slate-runs/{started.json['id']}", headers=bearer(token)).json
    assert run["status"] == "done" and run["outcome"] == "optimal" and len(run["slates"]) == 2
    assert run["progress"]["slates_found"] == 2 and len(run["slates"][0]["members"]) == 10
    members = [m["nomination"] for m in run["slates"][0]["members"]]
    decided = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(token), json={
        "members": members, "decided_on": "2025-05-02", "rationale": "Best slate.", "slate_run": run["id"],
        "slate_rank": 1})
    assert decided.status_code == 200 and decided.json["source"] == "run" and decided.json["members"] == members
    again = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(token), json={
        "members": members, "decided_on": "2025-05-02", "rationale": "Again."})
    assert again.status_code == 400 and "already been recorded" in again.json["error"]["message"]


def test_refusals_in_json(app, client, make_user):
    ids = _call(app)
    other = token_for(app, make_user, "sec@un.example.org", Role.SECRETARIAT)
    token = token_for(app, make_user, "dm@un.example.org", Role.DECISION_MAKER)
    assert client.post(f"/api/v1/calls/{SLUG}/slate-runs", headers=bearer(other), json={}).status_code == 403
    assert client.post(f"/api/v1/calls/{SLUG}/slate-runs", headers=bearer(token),
                       json={"pinned": "n1"}).status_code == 400
    assert client.post("/api/v1/calls/nope/slate-runs", headers=bearer(token), json={}).status_code == 404
    bad_date = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(token),
                           json={"members": ids[:10], "decided_on": "May 2", "rationale": "x"})
    assert bad_date.status_code == 400 and "decided_on" in bad_date.json["error"]["message"]
    broken = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(token),
                         json={"members": ids[:10], "decided_on": "2025-05-02", "rationale": "x"})
    assert broken.status_code == 400 and "justification" in broken.json["error"]["message"]
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(SlateRun)).scalar() == 0
        assert db.session.execute(select(func.count()).select_from(Decision)).scalar() == 0


def test_endpoints_are_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json
    validate(spec)
    assert "post" in spec["paths"]["/calls/{slug}/slate-runs"]
    assert "get" in spec["paths"]["/slate-runs/{run_id}"]
    assert "post" in spec["paths"]["/calls/{slug}/decision"]
