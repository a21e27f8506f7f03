"""Sessions live on the server: signing out, deactivation and an administrator end them;
they expire when idle and after an absolute lifetime; sign-in starts a fresh one."""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import Role, User, UserSession, utcnow
from selection.workflow.sessions import end_sessions_of
from selection.workflow.users import set_active
from tests.conftest import AuthActions
from tests.selection.factories import csrf_token_from

STAFF_PAGE = "/secretariat/calls"


def session_cookie(client: FlaskClient) -> str:
    return client.get_cookie("session").value


def replay(client: FlaskClient, cookie: str) -> int:
    client.set_cookie("session", cookie)
    return client.get(STAFF_PAGE).status_code


@pytest.fixture
def secretariat(make_user) -> int:
    return make_user("sec@example.org", Role.SECRETARIAT)


def test_an_old_cookie_is_worthless_after_sign_out(client, auth, secretariat) -> None:
    auth.sign_in("sec@example.org")
    assert client.get(STAFF_PAGE).status_code == 200
    cookie = session_cookie(client)
    auth.sign_out()
    assert client.get(STAFF_PAGE).status_code == 302
    assert replay(client, cookie) == 302  # redirected to the sign-in page


def test_sign_in_renews_the_session_and_its_csrf_token(client, auth, secretariat) -> None:
    old_token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    planted = session_cookie(client)
    auth.sign_in("sec@example.org")
    assert session_cookie(client) != planted
    # A token issued before sign-in no longer passes: the form is refused, nothing happens.
    client.post("/sign-out", data={"csrf_token": old_token})
    assert client.get(STAFF_PAGE).status_code == 200
    new_token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert new_token != old_token


@pytest.mark.parametrize("idle, expected", [(timedelta(minutes=119), 200), (timedelta(minutes=121), 302)])
def test_staff_sessions_expire_when_idle(app: Flask, client, auth, secretariat, idle, expected) -> None:
    auth.sign_in("sec@example.org")
    with app.app_context():
        row = db.session.execute(select(UserSession)).scalar_one()
        row.last_seen_at = utcnow() - idle
        db.session.commit()
    assert client.get(STAFF_PAGE).status_code == expected


def test_sessions_end_after_their_lifetime_even_when_busy(app: Flask, client, auth, secretariat) -> None:
    auth.sign_in("sec@example.org")
    with app.app_context():
        row = db.session.execute(select(UserSession)).scalar_one()
        row.created_at = utcnow() - timedelta(hours=13)
        db.session.commit()
    assert client.get(STAFF_PAGE).status_code == 302
    with app.app_context():
        assert db.session.execute(select(UserSession.ended_reason)).scalar_one() == "lifetime"


def test_deactivation_ends_every_session(app: Flask, client, auth, secretariat, make_user) -> None:
    auth.sign_in("sec@example.org")
    admin_id = make_user("admin@example.org", Role.ADMIN)
    with app.app_context():
        set_active(db.session.get(User, secretariat), False, db.session.get(User, admin_id))
        set_active(db.session.get(User, secretariat), True, db.session.get(User, admin_id))
        db.session.commit()
    assert client.get(STAFF_PAGE).status_code == 302  # reactivated, but that session is over


def test_an_administrator_ends_a_users_sessions(app: Flask, client, auth, secretariat, make_user) -> None:
    auth.sign_in("sec@example.org")
    with app.app_context():
        assert end_sessions_of(db.session.get(User, secretariat), None, "administrator") == 1
        db.session.commit()
    assert client.get(STAFF_PAGE).status_code == 302


def test_the_administrator_signs_a_user_out_everywhere_from_their_page(app: Flask, secretariat, make_user) -> None:
    staff, admin = app.test_client(), app.test_client()
    AuthActions(staff).sign_in("sec@example.org")
    make_user("admin@example.org", Role.ADMIN)
    AuthActions(admin).sign_in("admin@example.org")
    page = admin.get(f"/admin/users/{secretariat}").get_data(as_text=True)
    assert "1 session is open" in page
    admin.post(f"/admin/users/{secretariat}/end-sessions", data={"csrf_token": csrf_token_from(page)})
    assert staff.get(STAFF_PAGE).status_code == 302
    assert "No session is open" in admin.get(f"/admin/users/{secretariat}").get_data(as_text=True)


def test_others_may_not_end_sessions(app: Flask, client, auth, secretariat) -> None:
    auth.sign_in("sec@example.org")
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post(f"/admin/users/{secretariat}/end-sessions", data={"csrf_token": token}).status_code == 403
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_signed_in_staff_member_opening_sign_in_goes_to_their_work(client, auth, secretariat) -> None:
    auth.sign_in("sec@example.org")
    response = client.get("/sign-in")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff")
