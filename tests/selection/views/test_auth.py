"""Staff sign-in and sign-out."""
from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from selection.models import Role
from selection.views.auth import WRONG_CREDENTIALS
from tests.selection.factories import PASSWORD


@pytest.fixture
def secretariat(make_user) -> str:
    make_user("sec@example.org", Role.SECRETARIAT)
    return "sec@example.org"


def test_sign_in_page_labels_its_inputs(client: FlaskClient) -> None:
    html = client.get("/sign-in").get_data(as_text=True)
    assert '<label for="email">E-mail</label>' in html
    assert '<label for="password">Password</label>' in html


def test_sign_in_and_out(client: FlaskClient, auth, secretariat: str) -> None:
    response = auth.sign_in(secretariat)
    assert response.status_code == 302 and response.headers["Location"] == "/staff"  # staff land on their work
    html = client.get("/").get_data(as_text=True)
    assert "Sec" in html and "Secretariat" in html and "Sign out" in html
    response = auth.sign_out()
    assert response.status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert "Staff sign-in" in html and "Sign out" not in html


def test_email_is_matched_without_regard_to_case(auth, secretariat: str) -> None:
    assert auth.sign_in("SEC@Example.org").status_code == 302


@pytest.mark.parametrize("email, password", [
    ("sec@example.org", "wrong password"),
    ("nobody@example.org", PASSWORD),
])
def test_wrong_credentials_give_one_message_without_a_hint(
    client: FlaskClient, auth, secretariat: str, email: str, password: str
) -> None:
    response = auth.sign_in(email, password)
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert WRONG_CREDENTIALS in html
    assert "Sign out" not in html
    assert f'value="{email}"' in html  # the e-mail typed is kept


def test_deactivated_user_cannot_sign_in(auth, make_user) -> None:
    make_user("gone@example.org", Role.REVIEWER, active=False)
    response = auth.sign_in("gone@example.org")
    assert response.status_code == 401
    assert WRONG_CREDENTIALS in response.get_data(as_text=True)


def test_nominee_without_password_cannot_sign_in_with_an_empty_one(client: FlaskClient, auth, make_user) -> None:
    make_user("nominee@example.org", Role.NOMINEE, password=None)
    response = auth.sign_in("nominee@example.org", "")
    assert response.status_code == 400
    assert "Enter your password." in response.get_data(as_text=True)
    assert auth.sign_in("nominee@example.org", "anything").status_code == 401


def test_invalid_email_is_explained_next_to_the_field(auth) -> None:
    response = auth.sign_in("not-an-address", "x")
    assert response.status_code == 400
    assert 'id="email-error"' in response.get_data(as_text=True)


def test_sign_in_without_csrf_token_is_refused(client: FlaskClient, secretariat: str) -> None:
    response = client.post("/sign-in", data={"email": secretariat, "password": PASSWORD})
    assert response.status_code == 400
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_sign_out_needs_a_post_with_csrf(client: FlaskClient, auth, secretariat: str) -> None:
    auth.sign_in(secretariat)
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 400
    assert "Sign out" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("target, expected", [
    ("/calls/x", "/calls/x"),
    ("https://evil.example.com/", "/staff"),
    ("//evil.example.com/", "/staff"),
])
def test_next_only_redirects_within_the_site(auth, secretariat: str, target: str, expected: str) -> None:
    response = auth.sign_in(secretariat, next_url=target)
    assert response.headers["Location"] == expected
