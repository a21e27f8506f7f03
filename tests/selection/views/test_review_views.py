"""The review pages: every route for every role (allowed, or 403 with nothing changed), and
the Secretariat's, reviewers' and recommenders' journeys through the real forms."""
from __future__ import annotations

import html
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    AuditEvent,
    BalanceRule,
    ConflictDeclaration,
    Nomination,
    NominationStatus,
    OutboxMessage,
    OutboxStatus,
    Recommendation,
    Review,
    ReviewAssignment,
    Role,
    User,
)
from selection.workflow import review as ops
from tests.selection.factories import csrf_token_from, review_call, submitted

S = NominationStatus
SLUG = "lp-review"
ACCOUNTS = {
    "secretariat": (Role.SECRETARIAT,), "admin": (Role.ADMIN,), "reviewer": (Role.REVIEWER,),
    "other_reviewer": (Role.REVIEWER,), "recommender": (Role.RECOMMENDER,),
    "decision_maker": (Role.DECISION_MAKER,), "nominee": (Role.NOMINEE,),
}


@pytest.fixture
def world(app, make_user):
    """A call with one nomination under review (assigned to ``reviewer``), one shortlisted,
    one submitted; the recommender speaks for the Envoy's office."""
    ids = {name: make_user(f"{name}@example.org", *roles) for name, roles in ACCOUNTS.items()}
    with app.app_context():
        call = review_call(SLUG)
        sec = db.session.get(User, ids["secretariat"])
        reviewing = submitted(call, "Amina Diallo")
        listed = submitted(call, "Kwame Mensah", group=1, nationality="GH")
        waiting = submitted(call, "Sofia Rossi", group=2, nationality="IT")
        for n in (reviewing, listed):
            ops.screen(n, sec, eligible=True)
        ops.assign_reviewer(reviewing, db.session.get(User, ids["reviewer"]), sec)
        ops.shortlist(listed, sec, shortlisted=True)
        ops.add_body_member(call.recommending_bodies[1], db.session.get(User, ids["recommender"]), sec)
        db.session.commit()
        ids.update(reviewing=reviewing.id, listed=listed.id, waiting=waiting.id,
                   body=call.recommending_bodies[1].id, criteria=[c.id for c in call.rubric_criteria])
    return ids


def sign_in(auth, who: str) -> None:
    if who != "anonymous":
        assert auth.sign_in(f"{who}@example.org").status_code == 302


def token(client) -> str:
    return csrf_token_from(client.get("/").get_data(as_text=True))


def state(app) -> dict:
    """Everything the review routes may change, to prove a refusal changed nothing."""
    with app.app_context():
        count = lambda model: db.session.execute(select(func.count()).select_from(model)).scalar_one()  # noqa: E731
        return {"statuses": sorted((n.id, n.status.value) for n in db.session.execute(select(Nomination)).scalars()),
                "assignments": count(ReviewAssignment), "reviews": count(Review), "conflicts": count(ConflictDeclaration),
                "recommendations": count(Recommendation), "audit": count(AuditEvent),
                "pending_mail": db.session.execute(select(func.count()).select_from(OutboxMessage).where(
                    OutboxMessage.status == OutboxStatus.PENDING)).scalar_one()}


STAFF = {"secretariat", "admin"}
EVERYONE = ["secretariat", "admin", "reviewer", "other_reviewer", "recommender", "decision_maker", "nominee"]
GET_ROUTES = {
    "/review/calls/lp-review": STAFF,
    "/review/calls/lp-review/nominations": STAFF,
    "/review/calls/lp-review/nominations?q=amina&status=under_review&sort=score&order=desc": STAFF,
    "/review/calls/lp-review/notices": STAFF,
    "/review/my-assignments": {"reviewer", "other_reviewer"},
    "/review/shortlists": STAFF | {"recommender"},
    "/review/calls/lp-review/shortlist": STAFF | {"recommender"},
    "nomination:reviewing": STAFF | {"reviewer"},
    "nomination:listed": STAFF | {"recommender"},
    "nomination:waiting": STAFF,
}


def url(path: str, ids: dict) -> str:
    if path.startswith("nomination:"):
        return f"/review/nominations/{ids[path.split(':')[1]]}"
    return path


@pytest.mark.parametrize("path", list(GET_ROUTES))
def test_every_page_for_every_role(client, auth, world, path) -> None:
    for who in EVERYONE + ["anonymous"]:
        sign_in(auth, who)
        response = client.get(url(path, world))
        if who == "anonymous":
            assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
        else:
            assert response.status_code == (200 if who in GET_ROUTES[path] else 403), who
            auth.sign_out()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_for_staff_only(app, client, auth, world, fmt) -> None:
    for who in EVERYONE:
        sign_in(auth, who)
        response = client.get(f"/review/calls/{SLUG}/export.{fmt}?status=shortlisted")
        response.get_data()  # a streamed export is complete once read, as a browser reads it
        assert response.status_code == (200 if who in STAFF else 403), who
        if who in STAFF and fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(response.data))["Nominations"]
            assert sheet.max_row == 2 and sheet["F2"].value == "Kwame Mensah"
            assert "attachment" in response.headers["Content-Disposition"]
        auth.sign_out()


def post_routes(ids: dict) -> dict[str, tuple[str, dict, set[str]]]:
    """Each POST with valid data, and who may make it."""
    first = ids["criteria"]
    scores = {f"score_{c}": "4" for c in first} | {"submit_review": "Submit review"}
    return {
        "screen": (f"/review/nominations/{ids['waiting']}/screen", {"decision": "eligible"}, STAFF),
        "assign": (f"/review/nominations/{ids['reviewing']}/assign", {"reviewer": ids["other_reviewer"]}, STAFF),
        "unassign": (f"/review/nominations/{ids['reviewing']}/unassign/{ids['reviewer']}", {}, STAFF),
        "review": (f"/review/nominations/{ids['reviewing']}/review", scores, {"reviewer"}),
        "conflict": (f"/review/nominations/{ids['reviewing']}/conflict",
                     {"kind": "personal_relation", "reviewer": ids["reviewer"]}, STAFF | {"reviewer"}),
        "comment": (f"/review/nominations/{ids['reviewing']}/comment", {"body": "note"}, STAFF | {"reviewer"}),
        "shortlist": (f"/review/nominations/{ids['reviewing']}/shortlist", {"decision": "shortlist"}, STAFF),
        "recommend": (f"/review/nominations/{ids['listed']}/recommend",
                      {"body": ids["body"], "level": "recommend"}, STAFF | {"recommender"}),
        "bulk": (f"/review/calls/{SLUG}/bulk", {"action": "assign", "reviewer": ids["other_reviewer"],
                                                "nomination": str(ids["reviewing"])}, STAFF),
        "balanced": (f"/review/calls/{SLUG}/assign-balanced", {"per_nomination": "1"}, STAFF),
        "release": (f"/review/calls/{SLUG}/notices/release", {"outcome": ""}, STAFF),
        "received": (f"/review/calls/{SLUG}/notices/received", {}, STAFF),
        "template": (f"/review/calls/{SLUG}/notices?outcome=shortlisted",
                     {"t-shortlisted-subject": "S", "t-shortlisted-body": "B"}, STAFF),
    }


ACTIONS = ["screen", "assign", "unassign", "review", "conflict", "comment", "shortlist", "recommend", "bulk",
           "balanced", "release", "received", "template"]


def post_as(client, auth, world, who: str, action: str):
    path, data, _allowed = post_routes(world)[action]
    sign_in(auth, who)
    csrf = token(client)
    data = data | ({"t-shortlisted-csrf_token": csrf} if action == "template" else {"csrf_token": csrf})
    return client.post(path, data=data)


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_is_refused_to_the_roles_without_it(app, client, auth, world, action) -> None:
    allowed = post_routes(world)[action][2]
    for who in EVERYONE:
        if who in allowed:
            continue
        before = state(app)
        assert post_as(client, auth, world, who, action).status_code == 403, who
        assert state(app) == before, who
        auth.sign_out()


_NO_IDS = {"waiting": 0, "reviewing": 0, "reviewer": 0, "other_reviewer": 0, "listed": 0, "body": 0, "criteria": []}
ALLOWED = [(action, who) for action in ACTIONS for who in EVERYONE if who in post_routes(_NO_IDS)[action][2]]


@pytest.mark.parametrize(("action", "who"), ALLOWED)
def test_every_action_works_for_the_roles_with_it(app, client, auth, world, action, who) -> None:
    before = state(app)
    response = post_as(client, auth, world, who, action)
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
    assert state(app) != before, f"{action} by {who} changed nothing"


def test_reviewer_journey_scores_out_of_scale_refused_then_submitted(app, client, auth, world) -> None:
    sign_in(auth, "reviewer")
    page = client.get(f"/review/nominations/{world['reviewing']}").get_data(as_text=True)
    assert "Your review" in page and "Amina Diallo" in page
    first, *rest = world["criteria"]
    data = {"csrf_token": csrf_token_from(page), f"score_{first}": "9", "submit_review": "Submit review"}
    response = client.post(f"/review/nominations/{world['reviewing']}/review", data=data)
    assert response.status_code == 400
    assert "the score must be between 1 and 5; 9 is outside the scale" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Review)).scalar_one() == 0
    data = {"csrf_token": csrf_token_from(page), "submit_review": "Submit review"} | {f"score_{c}": "5" for c in world["criteria"]}
    assert client.post(f"/review/nominations/{world['reviewing']}/review", data=data).status_code == 302
    page = client.get(f"/review/nominations/{world['reviewing']}").get_data(as_text=True)
    assert "100.0" in page and "Merit" in page and "0.7 × mean review score" in page
    assert "Amina Diallo" in client.get("/review/my-assignments").get_data(as_text=True)


def test_a_recused_reviewer_loses_the_nomination(app, client, auth, world) -> None:
    sign_in(auth, "reviewer")
    page = client.get(f"/review/nominations/{world['reviewing']}").get_data(as_text=True)
    response = client.post(f"/review/nominations/{world['reviewing']}/conflict", data={
        "csrf_token": csrf_token_from(page), "kind": "other", "details": ""})
    assert response.status_code == 400 and "“Other” needs an explanation" in response.get_data(as_text=True)
    client.post(f"/review/nominations/{world['reviewing']}/conflict", data={
        "csrf_token": csrf_token_from(page), "kind": "same_organization"})
    assert client.get(f"/review/nominations/{world['reviewing']}").status_code == 403
    assert "Nothing assigned to you" in client.get("/review/my-assignments").get_data(as_text=True)


def test_screening_ineligible_without_reason_shows_the_message_next_to_the_field(app, client, auth, world) -> None:
    sign_in(auth, "secretariat")
    page = client.get(f"/review/nominations/{world['waiting']}").get_data(as_text=True)
    before = state(app)
    response = client.post(f"/review/nominations/{world['waiting']}/screen", data={
        "csrf_token": csrf_token_from(page), "decision": "ineligible", "reason": ""})
    assert response.status_code == 400
    assert "Choose the reason the nomination is ineligible." in response.get_data(as_text=True)
    assert state(app) == before


def test_bulk_shortlist_shows_the_changes_then_applies_them(app, client, auth, world) -> None:
    sign_in(auth, "secretariat")
    csrf = token(client)
    response = client.post(f"/review/calls/{SLUG}/bulk", data={
        "csrf_token": csrf, "action": "shortlist", "reviewer": "0",
        "nomination": [str(world["reviewing"]), str(world["waiting"]), str(world["listed"])]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "1 nomination will become" in page
    assert "Sofia Rossi is submitted and cannot become shortlisted" in page
    assert "Kwame Mensah is already shortlisted" in page
    with app.app_context():
        assert db.session.get(Nomination, world["reviewing"]).status == S.UNDER_REVIEW
    confirm = {name: value for name, value in
               [("csrf_token", csrf_token_from(page))] +
               [(n, html.unescape(v)) for n, v in re.findall(r'name="(decision|token|ids)"[^>]*value="([^"]*)"', page)]}
    assert client.post(f"/review/calls/{SLUG}/bulk/apply", data=confirm).status_code == 302
    with app.app_context():
        assert db.session.get(Nomination, world["reviewing"]).status == S.SHORTLISTED
        assert db.session.get(Nomination, world["waiting"]).status == S.SUBMITTED


def test_release_sends_the_held_notices(app, client, auth, world) -> None:
    sign_in(auth, "secretariat")
    page = client.get(f"/review/calls/{SLUG}/notices").get_data(as_text=True)
    assert "Held: 2" in page
    client.post(f"/review/calls/{SLUG}/notices/release", data={"csrf_token": csrf_token_from(page), "outcome": "shortlisted"})
    with app.app_context():
        statuses = sorted(m.status.value for m in db.session.execute(select(OutboxMessage)).scalars())
    assert statuses in (["held", "pending"], ["held", "sent"])


def test_template_with_an_unknown_placeholder_is_refused_next_to_the_field(app, client, auth, world) -> None:
    sign_in(auth, "secretariat")
    page = client.get(f"/review/calls/{SLUG}/notices").get_data(as_text=True)
    response = client.post(f"/review/calls/{SLUG}/notices?outcome=shortlisted", data={
        "t-shortlisted-csrf_token": csrf_token_from(page), "t-shortlisted-subject": "Hi",
        "t-shortlisted-body": "Dear {first_name}"})
    assert response.status_code == 400 and "Unknown placeholder {first_name}" in response.get_data(as_text=True)


def test_the_list_filters_searches_and_links_exports(client, auth, world) -> None:
    sign_in(auth, "secretariat")
    page = client.get(f"/review/calls/{SLUG}/nominations?q=kwame").get_data(as_text=True)
    assert "Kwame Mensah" in page and "Amina Diallo" not in page
    assert "export.xlsx?q=kwame" in page
    page = client.get(f"/review/calls/{SLUG}/nominations?reviewer={world['reviewer']}").get_data(as_text=True)
    assert "Amina Diallo" in page and "Kwame Mensah" not in page


def test_dashboard_shows_table_charts_and_gaps(client, auth, world) -> None:
    sign_in(auth, "secretariat")
    page = client.get(f"/review/calls/{SLUG}").get_data(as_text=True)
    assert "<svg" in page and "Nominations by stakeholder group and gender" in page
    assert "Gap:" in page and "Civil society: 0 eligible nominees for 2 seats." in page


def test_the_nomination_page_says_which_language_it_is_written_in(app, client, auth, world) -> None:
    with app.app_context():
        db.session.get(Nomination, world["waiting"]).language = "fr"
        db.session.commit()
    sign_in(auth, "secretariat")
    assert "Written in: French" in client.get(f"/review/nominations/{world['waiting']}").get_data(as_text=True)
    client.post("/language", data={"language": "ru", "csrf_token": token(client), "next": "/"})
    page = client.get(f"/review/nominations/{world['waiting']}").get_data(as_text=True)
    assert "французский" in page  # the language named in the page's language


def test_dashboard_counts_a_country_minimum_from_the_pool_only(app, client, auth, world) -> None:
    with app.app_context():
        call = db.session.execute(select(Nomination).where(Nomination.id == world["waiting"])).scalar_one().call
        call.rules.append(BalanceRule(attribute="country", value="KE", min_seats=2))
        call.rules.append(BalanceRule(attribute="residence", value="IT", min_seats=1))
        submitted(call, "Wanjiru Kamau", status=NominationStatus.WITHDRAWN)  # Kenyan, out of the pool
        submitted(call, "Otieno Draft", status=NominationStatus.DRAFT)  # not received
        db.session.commit()
    sign_in(auth, "secretariat")
    page = html.unescape(client.get(f"/review/calls/{SLUG}").get_data(as_text=True))
    assert "needs 2 seats for nationality Kenya; the pool has 1." in page
    assert "Italy; the pool has" not in page  # Sofia Rossi lives in Italy and is in the pool
    assert "4 nominations received; 3 still in the pool" in page
