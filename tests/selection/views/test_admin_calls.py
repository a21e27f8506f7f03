"""The administrators' call pages: access, templates, creation, refusals, time zones."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Call, CallStatus, Role, utcnow
from tests.conftest import sign_in_directly
from tests.selection.factories import (
    audit_events,
    call_by_slug,
    csrf_token_from,
    details_data,
    groups_data,
    make_draft,
    post_form,
    rules_data,
    stored_rules,
)

ADMIN_PAGES = ["/admin/calls", "/admin/calls/new", "/admin/calls/{slug}", "/admin/calls/{slug}/details",
               "/admin/calls/{slug}/groups", "/admin/calls/{slug}/questions", "/admin/calls/{slug}/rules",
               "/admin/calls/{slug}/review", "/admin/calls/{slug}/privacy", "/admin/calls/{slug}/deadlines",
               "/admin/calls/{slug}/questions/preview", "/admin/users", "/admin/users/new"]
OTHER_ROLES = [Role.SECRETARIAT, Role.REVIEWER, Role.RECOMMENDER, Role.DECISION_MAKER, Role.NOMINEE]


# --- access -----------------------------------------------------------------------------------

@pytest.mark.parametrize("role", OTHER_ROLES, ids=lambda role: role.value)
def test_every_other_role_gets_403_and_changes_nothing(
    app: Flask, client: FlaskClient, make_user, panel_call: str, role: Role
) -> None:
    sign_in_directly(client, make_user(f"{role.value}@example.org", role))
    for page in ADMIN_PAGES:
        assert client.get(page.format(slug=panel_call)).status_code == 403, page
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post(f"/admin/calls/{panel_call}/close", data={"csrf_token": token}).status_code == 403
    assert client.post("/admin/calls/new", data={"template": "mag", "title": "X", "slug": "x",
                                                 "csrf_token": token}).status_code == 403
    with app.app_context():
        assert call_by_slug(panel_call).status == CallStatus.OPEN
        assert db.session.execute(select(func.count()).select_from(Call)).scalar_one() == 1
    assert "/admin/calls" not in client.get("/").get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, panel_call: str) -> None:
    for page in ADMIN_PAGES:
        response = client.get(page.format(slug=panel_call))
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], page


def test_administrators_see_every_page_and_the_navigation(admin: FlaskClient, panel_call: str) -> None:
    for page in ADMIN_PAGES:
        assert admin.get(page.format(slug=panel_call)).status_code == 200, page
    home = admin.get("/").get_data(as_text=True)
    assert 'href="/admin/calls"' in home  # one header link to the administration, whose pages link each other
    area = admin.get("/admin/calls").get_data(as_text=True).split('aria-label="Administration"')[1].split("</nav>")[0]
    assert 'href="/admin/users"' in area and 'href="/admin/igf-hosts"' in area


# --- the list and creation ------------------------------------------------------------------------

def test_the_list_shows_drafts_with_their_problems(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    response = post_form(admin, "/admin/calls/new", {"template": "blank", "title": "BPF on Cybersecurity",
                                                     "slug": "bpf-cyber-2027"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/calls/bpf-cyber-2027"
    html = admin.get("/admin/calls").get_data(as_text=True)
    assert "BPF on Cybersecurity" in html and "Draft" in html and "IGF Leadership Panel 2027–2028" in html
    assert "The body needs at least one seat" in html and "No problems" in html


def test_creating_from_the_mag_template(admin: FlaskClient, app: Flask) -> None:
    post_form(admin, "/admin/calls/new", {"template": "mag", "title": "IGF MAG 2027", "slug": "igf-mag-2027"})
    with app.app_context():
        call = call_by_slug("igf-mag-2027")
        assert call.status == CallStatus.DRAFT and call.seats == 40 and call.max_consecutive_terms == 3
        assert [g.seats for g in call.groups] == [16, 8, 8, 8]
    assert [e.details for e in audit_events(app, "created") if e.object_type == "call"] == [{"template": "mag"}]


def test_creation_refuses_a_taken_or_malformed_address(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    taken = post_form(admin, "/admin/calls/new", {"template": "mag", "title": "Again", "slug": panel_call})
    assert taken.status_code == 400 and f"A call with the address {panel_call} already exists" in taken.get_data(as_text=True)
    malformed = post_form(admin, "/admin/calls/new", {"template": "mag", "title": "MAG", "slug": "MAG 2027!"})
    assert malformed.status_code == 400 and "Use lower-case letters" in malformed.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Call)).scalar_one() == 1


# --- the "done when": MAG call, conditional question, open, public page ------------------------

def test_an_admin_runs_a_mag_call_end_to_end(admin: FlaskClient, app: Flask, client: FlaskClient) -> None:
    post_form(admin, "/admin/calls/new", {"template": "mag", "title": "IGF MAG 2027", "slug": "igf-mag-2027"})
    questions = "/admin/calls/igf-mag-2027/questions"
    assert post_form(admin, questions, {"group_id": "", "label": "Have you served on the MAG before?",
                                        "kind": "yes_no", "required": "y", "show_when": ""}).status_code == 302
    with app.app_context():
        first = call_by_slug("igf-mag-2027").questions[0]
        first_id = first.id
    page = admin.get(questions).get_data(as_text=True)
    assert f'value="{first_id}:yes"' in page
    assert post_form(admin, questions, {"group_id": "", "label": "How many terms have you served?",
                                        "kind": "choice", "choices": "1\n2\n3", "required": "y",
                                        "show_when": f"{first_id}:yes"}).status_code == 302
    with app.app_context():
        second = call_by_slug("igf-mag-2027").questions[1]
        assert (second.show_if_question_id, second.show_if_value, second.choices) == (first_id, "yes", ["1", "2", "3"])
    opened = post_form(admin, "/admin/calls/igf-mag-2027/open", {}, page="/admin/calls/igf-mag-2027")
    assert opened.status_code == 302
    with app.app_context():
        assert call_by_slug("igf-mag-2027").status == CallStatus.OPEN
    public = client.get("/calls/igf-mag-2027").get_data(as_text=True)
    assert "40 seats in all" in public
    for name, seats in (("Government", 16), ("Civil society", 8), ("Private sector", 8), ("Technical community", 8)):
        assert f'<th scope="row">{name}</th>\n            <td class="num">{seats}</td>' in public


# --- refusals -----------------------------------------------------------------------------------

def test_a_post_without_csrf_is_refused_and_changes_nothing(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    response = admin.post(f"/admin/calls/{panel_call}/details", data={"title": "Hijacked", "seats": 3})
    assert response.status_code == 400
    assert admin.post(f"/admin/calls/{panel_call}/close").status_code == 400
    with app.app_context():
        call = call_by_slug(panel_call)
        assert call.title.startswith("IGF Leadership Panel") and call.status == CallStatus.OPEN


def test_negative_seats_are_refused_next_to_the_field(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    with app.app_context():
        data = details_data(call_by_slug("mag"), seats=-4)
    response = post_form(admin, "/admin/calls/mag/details", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="seats-error"' in html and "Seats cannot be negative." in html
    with app.app_context():
        groups = groups_data(call_by_slug("mag"), civil_society={"seats": -2})
    response = post_form(admin, "/admin/calls/mag/groups", groups)
    assert response.status_code == 400 and "Seats cannot be negative." in response.get_data(as_text=True)
    with app.app_context():
        call = call_by_slug("mag")
        assert call.seats == 40 and [g.seats for g in call.groups] == [16, 8, 8, 8]


@pytest.mark.parametrize(("rule", "message"), [
    ({"attribute": "gender", "value": "woman", "min_seats": 5, "max_seats": 2}, "The minimum 5 is above the maximum 2."),
    ({"attribute": "region", "value": "ATLANTIS", "min_seats": 1}, "&#39;ATLANTIS&#39; is not a UN regional group of this call."),
    ({"attribute": "height", "min_seats": 1}, "Not a valid choice."),
    ({"attribute": "region", "min_seats": -1}, "Seat counts cannot be negative."),
])
def test_a_rule_that_makes_no_sense_is_refused(admin: FlaskClient, app: Flask, rule: dict, message: str) -> None:
    make_draft(app)
    with app.app_context():
        before = stored_rules(call_by_slug("mag"))
    response = post_form(admin, "/admin/calls/mag/rules", rules_data(before + [rule]))
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.app_context():
        assert stored_rules(call_by_slug("mag")) == before


def test_opening_with_the_deadline_past_is_refused(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    with app.app_context():
        call = call_by_slug("mag")
        call.opens_at, call.closes_at = utcnow() - timedelta(days=30), utcnow() - timedelta(days=1)
        db.session.commit()
    response = post_form(admin, "/admin/calls/mag/open", {}, page="/admin/calls/mag", follow_redirects=True)
    assert "The call cannot open: the deadline has already passed." in response.get_data(as_text=True)
    with app.app_context():
        assert call_by_slug("mag").status == CallStatus.DRAFT


def test_opening_an_impossible_call_gives_the_reasons(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    with app.app_context():
        data = details_data(call_by_slug("mag"), seats=8)
    post_form(admin, "/admin/calls/mag/details", data)
    with app.app_context():
        call = call_by_slug("mag")
        data = groups_data(call, **{g.code: {"seats": 2} for g in call.groups})
    post_form(admin, "/admin/calls/mag/groups", data)
    html = post_form(admin, "/admin/calls/mag/open", {}, page="/admin/calls/mag",
                     follow_redirects=True).get_data(as_text=True)
    assert "needs at least 30 seats (6 x 5 values) but only 8 exist" in html
    with app.app_context():
        assert call_by_slug("mag").status == CallStatus.DRAFT


# --- time zones ---------------------------------------------------------------------------------

def test_times_are_entered_in_a_time_zone_and_stored_in_utc(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    with app.app_context():
        data = details_data(call_by_slug("mag"), opens_at="2027-03-01T10:00", closes_at="2027-04-15T23:59",
                            time_zone="Africa/Nairobi")
    assert post_form(admin, "/admin/calls/mag/details", data).status_code == 302
    with app.app_context():
        call = call_by_slug("mag")
        assert call.opens_at == datetime(2027, 3, 1, 7, 0, tzinfo=timezone.utc)
        assert call.closes_at == datetime(2027, 4, 15, 20, 59, tzinfo=timezone.utc)
    html = admin.get("/admin/calls/mag/details").get_data(as_text=True)
    assert 'value="2027-03-01T07:00"' in html and "Stored: 1 March 2027, 07:00 UTC" in html
    assert '<option selected value="UTC">UTC</option>' in html


def test_a_call_that_closes_before_it_opens_is_named(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    with app.app_context():
        data = details_data(call_by_slug("mag"), opens_at="2027-03-01T10:00", closes_at="2027-02-01T10:00")
    post_form(admin, "/admin/calls/mag/details", data)
    assert "The call closes before it opens" in admin.get("/admin/calls/mag").get_data(as_text=True)
