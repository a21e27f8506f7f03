"""Hostile input answers 400 with a clear message and writes nothing: numbers that ``isdigit``
accepts and ``int`` refuses, ids beyond 64 bits, fields left out of a nomination, NUL bytes and
other control characters in text (forms, the JSON API, addresses), huge slate options."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, Decision, Nomination, Nominee, Role, SlateRun
from selection.numbers import parse_id, parse_ids, parse_int
from tests.conftest import csrf_token_from, sign_in_directly
from tests.selection.api.test_api import bearer, token_for
from tests.selection.factories import NOMINATE, counts, post_nomination, review_call, shortlisted_call, staff, submitted

SLUG = "lp-decision"
HUGE = 10**20


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_numbers_are_read_in_one_helper() -> None:
    assert parse_int("²") is None and parse_int("١٢") is None and parse_int("1e3") is None
    assert parse_int(" 42 ") == 42 and parse_int("-3", minimum=0) is None and parse_int("9" * 400) is None
    assert parse_id("0") is None and parse_id(str(2**31)) is None and parse_id(str(2**31 - 1)) == 2**31 - 1
    assert parse_ids(["1", " ", "2"]) == [1, 2] and parse_ids(["1", "²"]) is None


# ---------------------------------------------------------------- numbers in addresses


@pytest.fixture
def decider_client(app: Flask, client: FlaskClient) -> FlaskClient:
    with app.app_context():
        shortlisted_call(SLUG)
        user = staff("dm@un.example.org", Role.DECISION_MAKER)
        db.session.commit()
        user_id = user.id
    return sign_in_directly(client, user_id)


@pytest.mark.parametrize("members", ["²", "1,²", str(HUGE), "1,-2"])
def test_a_hand_made_slate_with_a_bad_number_is_refused(decider_client: FlaskClient, members: str) -> None:
    response = decider_client.get(f"/decide/calls/{SLUG}/validate.json?members={members}")
    assert response.status_code == 400 and "nomination numbers" in response.json["error"]


@pytest.mark.parametrize("query", ["run=1&rank=²", "run=²&rank=1", f"run={HUGE}&rank=1"])
def test_a_bad_slate_to_start_from_is_ignored_with_a_message(decider_client: FlaskClient, query: str) -> None:
    response = decider_client.get(f"/decide/calls/{SLUG}/decision?{query}")
    assert response.status_code == 200
    assert "choose the members below" in response.get_data(as_text=True)


def test_pinning_a_bad_number_is_refused(app: Flask, decider_client: FlaskClient) -> None:
    with app.app_context():
        call = db.session.execute(select(Nomination)).scalars().first().call
        run = SlateRun(call=call, options={"slates": 1}, problem={}, pinned=[], excluded=[])
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    page = decider_client.get(f"/decide/calls/{SLUG}")
    token = csrf_token_from(page.get_data(as_text=True))
    for bad in ("²", str(HUGE)):
        response = decider_client.post(f"/decide/runs/{run_id}/choose",
                                       data={"csrf_token": token, "choice": "pin", "nomination_id": bad})
        assert response.status_code == 400
    assert count(app, SlateRun) == 1


@pytest.mark.parametrize("query, ignored", [("reviewer=²", "The reviewer filter was ignored"),
                                            (f"page={HUGE}", "The page number was ignored"),
                                            ("score_min=nan", "The lowest score was ignored")])
def test_a_review_list_filter_that_is_not_a_number_is_ignored_with_a_message(
        app: Flask, client: FlaskClient, query: str, ignored: str) -> None:
    with app.app_context():
        call = review_call()
        submitted(call, "Amina Diallo")
        user = staff("sec@un.example.org", Role.SECRETARIAT)
        db.session.commit()
        user_id, slug = user.id, call.slug
    sign_in_directly(client, user_id)
    response = client.get(f"/review/calls/{slug}/nominations?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert ignored in html and "Amina Diallo" in html


def test_a_bulk_choice_with_bad_numbers_ignores_them(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        call = review_call()
        user = staff("sec@un.example.org", Role.SECRETARIAT)
        db.session.commit()
        user_id, slug = user.id, call.slug
    sign_in_directly(client, user_id)
    response = client.get(f"/review/calls/{slug}/bulk/confirm?decision=eligible&nomination=²&nomination={HUGE}")
    assert response.status_code in (200, 302, 400)  # nothing chosen: no 500


# ---------------------------------------------------------------- the JSON API


@pytest.fixture
def api_token(app: Flask, make_user) -> str:
    with app.app_context():
        shortlisted_call(SLUG)
        db.session.commit()
    return token_for(app, make_user, "dm@un.example.org", Role.DECISION_MAKER)


@pytest.mark.parametrize("body", [
    {"slates": int("4" * 400)}, {"time_limit_s": int("4" * 400)}, {"min_difference": -int("9" * 400)},
    {"robustness": int("9" * 400)}, {"pinned": [HUGE]}, {"excluded": [2**63]}, {"time_limit_s": 1e308},
])
def test_huge_numbers_in_a_slate_run_are_refused(app: Flask, client: FlaskClient, api_token: str,
                                                 body: dict) -> None:
    response = client.post(f"/api/v1/calls/{SLUG}/slate-runs", headers=bearer(api_token), json=body)
    assert response.status_code == 400
    key = next(iter(body))
    assert f'"{key}" must be' in response.json["error"]["message"]
    assert count(app, SlateRun) == 0


@pytest.mark.parametrize("body", [
    {"members": [HUGE]}, {"members": [2**64 + 1]}, {"members": [1], "slate_run": HUGE},
    {"members": [1], "slate_rank": -HUGE},
])
def test_huge_ids_in_a_decision_are_refused(app: Flask, client: FlaskClient, api_token: str, body: dict) -> None:
    response = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(api_token),
                           json={"decided_on": "2025-05-02", "rationale": "x", **body})
    assert response.status_code == 400 and "whole number" in response.json["error"]["message"] \
        or "nomination ids" in response.json["error"]["message"]
    assert count(app, Decision) == 0


@pytest.mark.parametrize("rationale", ["Best\x00slate", "Best\x1bslate", "\x7f"])
def test_control_characters_in_api_text_are_refused(app: Flask, client: FlaskClient, api_token: str,
                                                    rationale: str) -> None:
    response = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(api_token),
                           json={"members": [1], "decided_on": "2025-05-02", "rationale": rationale})
    assert response.status_code == 400
    assert '"rationale": Remove the control character' in response.json["error"]["message"]
    assert count(app, Decision) == 0


def test_line_breaks_in_api_text_are_kept(app: Flask, client: FlaskClient, api_token: str) -> None:
    response = client.post(f"/api/v1/calls/{SLUG}/decision", headers=bearer(api_token),
                           json={"members": [1], "decided_on": "2025-05-02", "rationale": "One.\r\n\tTwo."})
    assert "control character" not in response.get_data(as_text=True)


# ---------------------------------------------------------------- the nomination form


@pytest.mark.parametrize("left_out", ["title", "organization", "name"])
def test_a_nomination_without_one_of_its_fields_is_refused(app: Flask, client: FlaskClient, panel_call: str,
                                                           nominee: str, left_out: str) -> None:
    for button in ("save_draft", "submit_nomination"):
        response = post_nomination(client, NOMINATE.format(slug=panel_call), button=button, **{left_out: None})
        assert response.status_code == 400
        assert "was missing from the form sent" in response.get_data(as_text=True)
    assert counts(app) == (0, 0, 1)


@pytest.mark.parametrize("field, value", [
    ("name", "Zanele\x00Ito"), ("title", "Minister\x00"), ("organization", "Mini\x0bstry"),
    ("biography", "Leads\x00 digital policy."), ("motivation", "Escape \x1b[31m"), ("languages", "English\nFrench"),
    ("links", "https://example.org/\x00"),
])
def test_control_characters_in_the_nomination_form_are_refused(app: Flask, client: FlaskClient, panel_call: str,
                                                               nominee: str, field: str, value: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", **{field: value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html and "Remove the control character" in html
    assert counts(app) == (0, 0, 1)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Nominee)).scalar_one() == 0


def test_line_breaks_stay_welcome_where_text_runs_over_lines(app: Flask, client: FlaskClient, panel_call: str,
                                                             nominee: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft",
                         biography="First paragraph.\r\n\r\n\tSecond paragraph.")
    assert response.status_code == 302
    assert counts(app)[0] == 1


def test_control_characters_in_a_staff_form_are_refused(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        call = review_call()
        nomination = submitted(call, "Amina Diallo")
        user = staff("sec@un.example.org", Role.SECRETARIAT)
        db.session.commit()
        user_id, nomination_id = user.id, nomination.id
    sign_in_directly(client, user_id)
    page = client.get(f"/review/nominations/{nomination_id}")
    events = count(app, AuditEvent)
    response = client.post(f"/review/nominations/{nomination_id}/comment", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)), "body": "Looks\x00 fine"})
    assert response.status_code == 400 and "Remove the control character" in response.get_data(as_text=True)
    assert count(app, AuditEvent) == events


def test_control_characters_at_sign_in_are_refused(app: Flask, client: FlaskClient) -> None:
    page = client.get("/sign-in")
    response = client.post("/sign-in", data={"email": "sec@example.org\x00", "password": "x",
                                              "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 400 and "Remove the control character" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/calls/lp%00x", "/?q=%00", "/calls/x?next=a%00b"])
def test_a_nul_byte_in_an_address_is_refused(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
