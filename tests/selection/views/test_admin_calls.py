"""The administrators' call pages: access, templates, sections, refusals, confirmation, deadlines."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, Call, CallStatus, DeadlineExtension, Gender, Nominee, Question, Role, utcnow
from selection.workflow.nominations import start_nomination
from tests.conftest import sign_in_directly
from tests.selection.factories import (
    audit_events,
    call_by_slug,
    csrf_token_from,
    groups_data,
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


def details_data(call: Call, **changes) -> dict:
    data = {"title": call.title, "body": call.body, "description": call.description, "seats": call.seats,
            "term_start": call.term_start.isoformat(), "term_end": call.term_end.isoformat(),
            "opens_at": call.opens_at.strftime("%Y-%m-%dT%H:%M"), "closes_at": call.closes_at.strftime("%Y-%m-%dT%H:%M"),
            "time_zone": "UTC", "max_consecutive_terms": call.max_consecutive_terms or "",
            "ex_officio_seats": list(call.ex_officio_seats)}
    data.update(changes)
    return data


def make_draft(app: Flask, template: str = "mag", slug: str = "mag") -> None:
    from selection.workflow.calls import create_call

    with app.app_context():
        create_call(template, slug, "MAG", None)
        db.session.commit()


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


# --- after opening: confirmation ---------------------------------------------------------------------

def test_a_rule_change_after_opening_asks_for_confirmation_then_is_audited(
    admin: FlaskClient, app: Flask, panel_call: str
) -> None:
    with app.app_context():
        rows = stored_rules(call_by_slug(panel_call))
    rows[1]["min_seats"] = 5
    url = f"/admin/calls/{panel_call}/rules"
    asked = post_form(admin, url, rules_data(rows))
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Confirm this change" in html and "women: at least 5 seats" in html
    with app.app_context():
        assert call_by_slug(panel_call).rules[1].min_seats == 4
    assert audit_events(app, "configuration_changed") == []
    confirmed = post_form(admin, url, {**rules_data(rows), "confirm": "yes"})
    assert confirmed.status_code == 302
    with app.app_context():
        assert call_by_slug(panel_call).rules[1].min_seats == 5
    [event] = audit_events(app, "configuration_changed")
    assert event.details["section"] == "rules" and event.details["confirmed"] and event.details["after_opening"]
    assert event.details["old"][1]["min_seats"] == 4 and event.details["new"][1]["min_seats"] == 5
    overview = admin.get(f"/admin/calls/{panel_call}").get_data(as_text=True)
    assert "configuration changed: rules" in overview and "Confirmed after opening." in overview


def test_seat_changes_after_opening_ask_for_confirmation(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    with app.app_context():
        data = details_data(call_by_slug(panel_call), seats=12)
    asked = post_form(admin, f"/admin/calls/{panel_call}/details", data)
    assert asked.status_code == 200 and "Seats of the body: 10 → 12" in asked.get_data(as_text=True)
    refused = post_form(admin, f"/admin/calls/{panel_call}/details", {**data, "confirm": "yes"})
    assert refused.status_code == 400
    assert "The stakeholder groups have 10 seats together, but the body has 12." in refused.get_data(as_text=True)
    with app.app_context():
        assert call_by_slug(panel_call).seats == 10


def test_groups_can_be_added_in_a_draft(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    with app.app_context():
        data = groups_data(call_by_slug("mag"))
    data.update({"groups-4-code": "parliaments", "groups-4-name": "Parliaments", "groups-4-seats": "2",
                 "groups-4-required_level": "none", "groups-4-open_for_nominations": "y",
                 "groups-5-code": "", "groups-5-name": "", "groups-5-required_level": "none"})
    assert post_form(admin, "/admin/calls/mag/groups", data).status_code == 302
    with app.app_context():
        call = call_by_slug("mag")
        assert [g.code for g in call.groups][-1] == "parliaments" and call.group_seats == 42
    assert "The stakeholder groups have 42 seats together, but the body has 40" in admin.get(
        "/admin/calls/mag/groups").get_data(as_text=True)


# --- review settings and privacy ---------------------------------------------------------------------

def test_review_settings_are_saved(admin: FlaskClient, app: Flask) -> None:
    make_draft(app)
    data = {"criteria-0-name": "Expertise", "criteria-0-weight": "2", "criteria-0-scale_min": "0",
            "criteria-0-scale_max": "10", "criteria-1-name": "", "bodies": "IGF Secretariat\nDESA",
            "review_weight": "0.6", "recommendation_weight": "0.4", "points_strongly_recommend": "100",
            "points_recommend": "80", "points_neutral": "50", "points_not_recommended": "0"}
    assert post_form(admin, "/admin/calls/mag/review", data).status_code == 302
    with app.app_context():
        call = call_by_slug("mag")
        assert [(c.name, c.weight, c.scale_min, c.scale_max) for c in call.rubric_criteria] == [("Expertise", 2.0, 0, 10)]
        assert [b.name for b in call.recommending_bodies] == ["IGF Secretariat", "DESA"]
        assert call.merit_formula["review_weight"] == 0.6
        assert call.merit_formula["recommendation_points"]["recommend"] == 80
    bad = post_form(admin, "/admin/calls/mag/review", {**data, "criteria-0-scale_max": "0"})
    assert bad.status_code == 400 and "The top of the scale must be above its bottom." in bad.get_data(as_text=True)


def test_privacy_notice_and_retention(admin: FlaskClient, app: Flask, client: FlaskClient) -> None:
    make_draft(app)
    assert post_form(admin, "/admin/calls/mag/privacy", {"privacy_notice": "We keep little.",
                                                         "retention_months": "12"}).status_code == 302
    refused = post_form(admin, "/admin/calls/mag/privacy", {"privacy_notice": "x", "retention_months": "0"})
    assert refused.status_code == 400 and "Give between 1 and 120 months." in refused.get_data(as_text=True)
    with app.app_context():
        call = call_by_slug("mag")
        assert (call.privacy_notice, call.retention_months) == ("We keep little.", 12)


# --- questions ---------------------------------------------------------------------------------------

def first_question(admin: FlaskClient, app: Flask, url: str, label: str, kind: str) -> int:
    """Make the draft call "mag" and add its first question through the page; the question's id."""
    make_draft(app)
    post_form(admin, url, {"group_id": "", "label": label, "kind": kind, "show_when": ""})
    with app.app_context():
        return call_by_slug("mag").questions[0].id


def test_a_question_depended_on_cannot_be_removed(admin: FlaskClient, app: Flask) -> None:
    url = "/admin/calls/mag/questions"
    first_id = first_question(admin, app, url, "Member before?", "yes_no")
    post_form(admin, url, {"group_id": "", "label": "Which years?", "kind": "text", "show_when": f"{first_id}:yes"})
    response = post_form(admin, f"{url}/{first_id}/delete", {}, page=url, follow_redirects=True)
    assert "cannot be removed: the condition of “Which years?” depends on it" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Question)).scalar_one() == 2


def test_editing_a_question(admin: FlaskClient, app: Flask) -> None:
    url = "/admin/calls/mag/questions"
    edit = f"{url}/{first_question(admin, app, url, 'Languages', 'text')}"
    refused = post_form(admin, edit, {"group_id": "", "label": "Languages", "kind": "choice", "choices": "English",
                                      "show_when": ""})
    assert refused.status_code == 400 and "Give at least two options, one per line." in refused.get_data(as_text=True)
    saved = post_form(admin, edit, {"group_id": "", "label": "Working language", "kind": "choice",
                                    "choices": "English\nFrench\nSpanish", "show_when": ""})
    assert saved.status_code == 302 and saved.headers["Location"] == url
    with app.app_context():
        assert call_by_slug("mag").questions[0].choices == ["English", "French", "Spanish"]


# --- deadlines ----------------------------------------------------------------------------------------

def test_a_per_nominee_extension_through_the_page(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        nominee = Nominee(name="Wanjiru Kamau", email="w@example.net", nationality="KE", residence="KE",
                          gender=Gender.WOMAN)
        nomination = start_nomination(call, call.groups[3], nominee, None)
        db.session.commit()
        nomination_id, closes = nomination.id, call.closes_at
    url = f"/admin/calls/{panel_call}/deadlines"
    page = admin.get(url).get_data(as_text=True)
    assert "Wanjiru Kamau · Civil society · Draft" in page
    later = (closes + timedelta(days=2)).replace(tzinfo=None)
    missing_reason = post_form(admin, url, {"which": "nomination", "nomination_id": nomination_id,
                                            "closes_at": later.strftime("%Y-%m-%dT%H:%M"), "time_zone": "UTC"})
    assert missing_reason.status_code == 400 and "Say why the deadline is extended." in missing_reason.get_data(as_text=True)
    done = post_form(admin, url, {"which": "nomination", "nomination_id": nomination_id, "time_zone": "UTC",
                                  "closes_at": later.strftime("%Y-%m-%dT%H:%M"), "reason": "Power cuts in Nairobi"})
    assert done.status_code == 302
    with app.app_context():
        call = call_by_slug(panel_call)
        extension = db.session.execute(select(DeadlineExtension)).scalar_one()
        assert extension.reason == "Power cuts in Nairobi"
        assert call.deadline_for(db.session.get(type(extension.nomination), nomination_id)) == later.replace(
            tzinfo=timezone.utc)
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "deadline_extended")).scalar_one()
        assert event.object_type == "nomination" and event.details["reason"] == "Power cuts in Nairobi"
    assert "Power cuts in Nairobi" in admin.get(url).get_data(as_text=True)


def test_extending_the_whole_call_through_the_page(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    with app.app_context():
        closes = call_by_slug(panel_call).closes_at
    later = closes + timedelta(days=7)
    response = post_form(admin, f"/admin/calls/{panel_call}/deadlines", {
        "which": "call", "closes_at": later.strftime("%Y-%m-%dT%H:%M"), "time_zone": "UTC",
        "reason": "More nominations from small island states"})
    assert response.status_code == 302
    with app.app_context():
        assert call_by_slug(panel_call).closes_at == later
    [event] = audit_events(app, "deadline_extended")
    assert event.details["old"] == closes.isoformat() and event.details["new"] == later.isoformat()


def test_close_and_reopen(admin: FlaskClient, app: Flask, panel_call: str) -> None:
    overview = f"/admin/calls/{panel_call}"
    post_form(admin, f"{overview}/close", {}, page=overview)
    with app.app_context():
        assert call_by_slug(panel_call).status == CallStatus.CLOSED
    assert "Reopen the call" in admin.get(overview).get_data(as_text=True)
    post_form(admin, f"{overview}/open", {}, page=overview)
    with app.app_context():
        assert call_by_slug(panel_call).status == CallStatus.OPEN
    states = [(e.from_state, e.to_state) for e in audit_events(app, "status")]
    assert states[-2:] == [("open", "closed"), ("closed", "open")]
