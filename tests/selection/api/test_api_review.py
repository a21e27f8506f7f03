"""The review API: reviews, shortlist and recommendations for staff, read and write, in the
OpenAPI document; every role refused where it should be, with nothing changed."""
from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Nomination, NominationStatus, Recommendation, Role, User
from selection.workflow import review as ops
from selection.workflow.users import issue_api_token
from tests.selection.factories import review_call, rubric_scores, submitted

ROLES = {"secretariat": Role.SECRETARIAT, "admin": Role.ADMIN, "reviewer": Role.REVIEWER,
         "recommender": Role.RECOMMENDER, "decision_maker": Role.DECISION_MAKER}


@pytest.fixture
def world(app, make_user):
    ids = {name: make_user(f"{name}@example.org", role, password=None) for name, role in ROLES.items()}
    with app.app_context():
        tokens = {name: issue_api_token(db.session.get(User, uid), None) for name, uid in ids.items()}
        call = review_call("lp-api")
        sec, reviewer = db.session.get(User, ids["secretariat"]), db.session.get(User, ids["reviewer"])
        amina, kwame = submitted(call, "Amina Diallo"), submitted(call, "Kwame Mensah", group=1)
        for n in (amina, kwame):
            ops.screen(n, sec, eligible=True)
        ops.assign_reviewer(amina, reviewer, sec)
        ops.save_review(amina, reviewer, rubric_scores(call, 4, "ok"), "", submit=True)
        ops.shortlist(amina, sec, shortlisted=True)
        ops.add_body_member(call.recommending_bodies[1], db.session.get(User, ids["recommender"]), sec)
        db.session.commit()
        return {"tokens": tokens, "amina": amina.id, "kwame": kwame.id}


def get(client, world, who, path):
    return client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {world['tokens'][who]}"})


def post(client, world, who, path, body):
    return client.post(f"/api/v1{path}", json=body, headers={"Authorization": f"Bearer {world['tokens'][who]}"})


@pytest.mark.parametrize(("path", "allowed"), [
    ("/calls/lp-api/reviews", {"secretariat", "admin"}),
    ("/calls/lp-api/shortlist", {"secretariat", "admin", "recommender"}),
    ("/nominations/{amina}/reviews", {"secretariat", "admin"}),
])
def test_reading_for_every_role(client, world, path, allowed) -> None:
    for who in ROLES:
        response = get(client, world, who, path.format(**world))
        assert response.status_code == (200 if who in allowed else 403), who
    assert client.get(f"/api/v1{path.format(**world)}").status_code == 401


def test_reviews_and_shortlist_content(client, world) -> None:
    body = get(client, world, "secretariat", "/calls/lp-api/reviews").get_json()
    amina = next(n for n in body["nominations"] if n["nomination"] == world["amina"])
    assert amina["scores"]["mean"] == 75.0 and amina["reviews"][0]["counted"] is True
    assert amina["reviews"][0]["scores"][0] == {"criterion": "Expertise", "score": 4, "comment": "ok"}
    assert "0.7 × mean review score" in body["merit_formula"]
    shortlist = get(client, world, "recommender", "/calls/lp-api/shortlist").get_json()
    assert [c["name"] for c in shortlist["candidates"]] == ["Amina Diallo"]


def test_reviews_and_shortlist_come_a_page_at_a_time(client, world) -> None:
    first = get(client, world, "secretariat", "/calls/lp-api/reviews?limit=1").get_json()
    assert [n["nomination"] for n in first["nominations"]] == [world["amina"]]
    assert first["total"] == 2 and first["limit"] == 1 and first["next_cursor"] == str(world["amina"])
    assert first["nominations"][0]["candidate"] == world["amina"]  # the person's oldest nomination
    second = client.get(first["next"], headers={"Authorization": f"Bearer {world['tokens']['secretariat']}"}).get_json()
    assert [n["nomination"] for n in second["nominations"]] == [world["kwame"]] and second["next"] is None
    shortlist = get(client, world, "recommender", "/calls/lp-api/shortlist?limit=500").get_json()
    assert shortlist["total"] == 1 and shortlist["next"] is None and len(shortlist["candidates"]) == 1


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=x", "cursor=abc"])
@pytest.mark.parametrize("path", ["/calls/lp-api/reviews", "/calls/lp-api/shortlist"])
def test_a_page_out_of_bounds_is_refused(client, world, path, query) -> None:
    response = get(client, world, "secretariat", f"{path}?{query}")
    assert response.status_code == 400 and response.get_json()["error"]["message"]


def test_shortlist_by_api_and_refusals(app, client, world) -> None:
    assert post(client, world, "reviewer", f"/nominations/{world['kwame']}/shortlist", {"shortlisted": True}).status_code == 403
    assert post(client, world, "secretariat", f"/nominations/{world['kwame']}/shortlist", {"shortlisted": "y"}).status_code == 400
    refused = post(client, world, "secretariat", f"/nominations/{world['amina']}/shortlist", {"shortlisted": True})
    assert refused.status_code == 400 and "already shortlisted" in refused.get_json()["error"]["message"]
    with app.app_context():
        assert db.session.get(Nomination, world["kwame"]).status == NominationStatus.UNDER_REVIEW
    done = post(client, world, "secretariat", f"/nominations/{world['kwame']}/shortlist", {"shortlisted": False})
    assert done.status_code == 200 and done.get_json()["status"] == "not_shortlisted"


def test_recommendations_by_api(app, client, world) -> None:
    envoy = {"body": "Office of the Envoy on Technology", "level": "recommend", "note": "solid"}
    assert post(client, world, "reviewer", f"/nominations/{world['amina']}/recommendations", envoy).status_code == 403
    other = envoy | {"body": "IGF Secretariat"}
    assert post(client, world, "recommender", f"/nominations/{world['amina']}/recommendations", other).status_code == 403
    assert post(client, world, "recommender", f"/nominations/{world['kwame']}/recommendations", envoy).status_code == 400
    assert post(client, world, "recommender", f"/nominations/{world['amina']}/recommendations",
                envoy | {"level": "great"}).status_code == 400
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Recommendation)).scalar_one() == 0
    done = post(client, world, "recommender", f"/nominations/{world['amina']}/recommendations", envoy)
    assert done.status_code == 200 and done.get_json()["level"] == "recommend"


@pytest.mark.parametrize("body", [{"body": ["a list"], "level": "recommend"},
                                  {"body": "Office of the Envoy on Technology", "level": ["recommend"]}])
def test_recommendations_of_the_wrong_type_are_400(client, world, body) -> None:
    """Found by the API fuzzer: a list as "body" reached the database query (500)."""
    response = post(client, world, "recommender", f"/nominations/{world['amina']}/recommendations", body)
    assert response.status_code == 400


def test_the_review_endpoints_are_in_the_openapi_document(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    assert {"/calls/{slug}/reviews", "/calls/{slug}/shortlist", "/nominations/{nomination_id}/reviews"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/nominations/{nomination_id}/shortlist"]
    assert "post" in spec["paths"]["/nominations/{nomination_id}/recommendations"]
    body = spec["paths"]["/nominations/{nomination_id}/shortlist"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["required"] == ["shortlisted"]
