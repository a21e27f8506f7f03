"""The administrators' call pages after opening: confirmed changes, review settings, privacy,
questions and deadlines."""
from __future__ import annotations

import html
from datetime import timedelta, timezone

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, CallStatus, DeadlineExtension, Gender, Nominee, Question
from selection.workflow.nominations import start_nomination
from tests.selection.factories import (
    audit_events,
    call_by_slug,
    details_data,
    groups_data,
    make_draft,
    post_form,
    rules_data,
    stored_rules,
    submitted,
)


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
    assert "Nomination number" in admin.get(url).get_data(as_text=True)
    page = admin.get(f"{url}?nomination={nomination_id}").get_data(as_text=True)
    assert f'value="{nomination_id}"' in page and "That is <bdi>Wanjiru Kamau</bdi> · Civil society · Draft." in page
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


def test_a_nominations_review_page_leads_administrators_to_its_extension(admin: FlaskClient, app: Flask,
                                                                        panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        nomination = submitted(call, "Ana Lima", nationality="BR")
        db.session.commit()
        nomination_id = nomination.id
    page = admin.get(f"/review/nominations/{nomination_id}").get_data(as_text=True)
    link = f"/admin/calls/{panel_call}/deadlines?nomination={nomination_id}#extend-nomination"
    assert "Its deadline:" in page and f'href="{link}"' in page
    form = admin.get(link).get_data(as_text=True)
    assert "That is <bdi>Ana Lima</bdi>" in form


@pytest.mark.parametrize("number, message", [
    ("", "s number."), ("0", "s number, such as 123."), ("abc", "Not a valid integer value."), ("99999", "There is no nomination #99999 in this call."),
])
def test_a_nomination_that_is_not_in_the_call_gets_no_extension(admin: FlaskClient, app: Flask, panel_call: str,
                                                                 number: str, message: str) -> None:
    with app.app_context():
        later = (call_by_slug(panel_call).closes_at + timedelta(days=2)).replace(tzinfo=None)
        other = start_nomination(call_by_slug(panel_call), call_by_slug(panel_call).groups[0], Nominee(
            name="Ana Lima", email="ana@example.net", nationality="BR", residence="BR", gender=Gender.WOMAN), None)
        db.session.commit()
        assert other.id != 99999
    url = f"/admin/calls/{panel_call}/deadlines"
    refused = post_form(admin, url, {"which": "nomination", "nomination_id": number, "time_zone": "UTC",
                                     "closes_at": later.strftime("%Y-%m-%dT%H:%M"), "reason": "Power cuts"})
    assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(DeadlineExtension)).first() is None


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


def test_the_time_zone_search_speaks_the_pages_language(admin: FlaskClient, panel_call: str) -> None:
    page = admin.get(f"/admin/calls/{panel_call}/deadlines", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'data-search-label="Rechercher un fuseau horaire"' in page
    assert 'data-shown="Fuseaux horaires affichés\u00a0: %(num)s"' in page


def test_the_rules_section_lists_the_rules_in_the_pages_language(admin: FlaskClient, panel_call: str) -> None:
    page = html.unescape(admin.get(f"/admin/calls/{panel_call}/rules", headers={"Accept-Language": "fr"})
                         .get_data(as_text=True))
    assert "<li>Femmes\u00a0: au moins" in page
    assert "<li>Women: at least" not in page and "<li>Each UN regional group:" not in page
