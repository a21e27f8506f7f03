"""Two-factor sign-in for staff: TOTP codes after the password, set up from the account page
or at sign-in when the role requires it, each code used once, turned off by an administrator."""
from __future__ import annotations

import re

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from selection.extensions import db
from selection.models import Role, User
from selection.workflow import two_factor
from tests.conftest import AuthActions
from tests.selection.factories import PASSWORD, csrf_token_from

STAFF_PAGE = "/secretariat/calls"


def post_code(client: FlaskClient, path: str, code: str):
    page = client.get(path).get_data(as_text=True)
    return client.post(path, data={"code": code, "csrf_token": csrf_token_from(page)})


def secret_on(page: str) -> str:
    return re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)


def enabled_user(app: Flask, user_id: int) -> str:
    """Turn two-factor sign-in on for a user; returns the secret."""
    with app.app_context():
        user = db.session.get(User, user_id)
        secret = two_factor.new_secret()
        two_factor.enable(user, secret, pyotp.TOTP(secret).now(), user)
        user.totp_last_step = 0  # the set-up code may be used again to sign in, in the test
        db.session.commit()
        return secret


@pytest.fixture
def secretariat(make_user) -> int:
    return make_user("sec@example.org", Role.SECRETARIAT)


def test_a_staff_member_sets_it_up_from_their_account(client, auth, secretariat, app: Flask) -> None:
    auth.sign_in("sec@example.org")
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "<svg" in page
    secret = secret_on(page)
    assert post_code(client, "/account/two-factor", "000000").status_code == 401
    with app.app_context():
        assert not db.session.get(User, secretariat).two_factor_enabled
    response = post_code(client, "/account/two-factor", pyotp.TOTP(secret).now())
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, secretariat).two_factor_enabled


def test_sign_in_then_asks_for_a_code_and_a_code_works_once(app: Flask, secretariat) -> None:
    secret = enabled_user(app, secretariat)
    client = app.test_client()
    response = AuthActions(client).sign_in("sec@example.org")
    assert response.headers["Location"].endswith("/sign-in/code")
    assert client.get(STAFF_PAGE).status_code == 302  # not signed in yet
    assert post_code(client, "/sign-in/code", "123 45").status_code == 400
    code = pyotp.TOTP(secret).now()
    assert post_code(client, "/sign-in/code", code).status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200
    # The same code again, in another browser, is refused: a code works once.
    other = app.test_client()
    AuthActions(other).sign_in("sec@example.org")
    assert post_code(other, "/sign-in/code", code).status_code == 401
    assert other.get(STAFF_PAGE).status_code == 302


def test_the_code_step_needs_the_password_step(client) -> None:
    response = client.get("/sign-in/code")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")


def test_wrong_codes_are_limited(app: Flask, secretariat) -> None:
    enabled_user(app, secretariat)
    client = app.test_client()
    AuthActions(client).sign_in("sec@example.org")
    codes = [post_code(client, "/sign-in/code", "000000").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]


def test_required_roles_set_it_up_before_signing_in(app: Flask, make_user) -> None:
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ["admin", "decision_maker"]
    admin_id = make_user("admin@example.org", Role.ADMIN)
    client = app.test_client()
    response = AuthActions(client).sign_in("admin@example.org", PASSWORD)
    assert response.headers["Location"].endswith("/sign-in/two-factor")
    assert client.get("/admin/calls").status_code == 302
    secret = secret_on(client.get("/sign-in/two-factor").get_data(as_text=True))
    assert post_code(client, "/sign-in/two-factor", pyotp.TOTP(secret).now()).status_code == 302
    assert client.get("/admin/calls").status_code == 200
    # Required: the person cannot turn it off themself.
    token = csrf_token_from(client.get("/account/two-factor").get_data(as_text=True))
    client.post("/account/two-factor/off", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(User, admin_id).two_factor_enabled


def test_others_are_not_asked(app: Flask, secretariat) -> None:
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ["admin"]
    client = app.test_client()
    assert AuthActions(client).sign_in("sec@example.org").headers["Location"].endswith("/staff")
    assert client.get(STAFF_PAGE).status_code == 200


def test_an_administrator_turns_it_off_for_a_lost_phone(app: Flask, secretariat, make_user) -> None:
    enabled_user(app, secretariat)
    make_user("admin@example.org", Role.ADMIN)
    admin = app.test_client()
    AuthActions(admin).sign_in("admin@example.org")
    page = admin.get(f"/admin/users/{secretariat}").get_data(as_text=True)
    assert "Turn two-factor sign-in off" in page
    admin.post(f"/admin/users/{secretariat}/two-factor/off", data={"csrf_token": csrf_token_from(page)})
    with app.app_context():
        assert not db.session.get(User, secretariat).two_factor_enabled


def test_a_non_administrator_cannot_turn_it_off_for_someone(app: Flask, secretariat, make_user) -> None:
    enabled_user(app, secretariat)
    make_user("other@example.org", Role.SECRETARIAT)
    client = app.test_client()
    AuthActions(client).sign_in("other@example.org")
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post(f"/admin/users/{secretariat}/two-factor/off", data={"csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.get(User, secretariat).two_factor_enabled
