"""The nominee's way in: the call page's links and sign-in by a one-time e-mailed link."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    Role,
    SignInLink,
    utcnow,
)
from tests.selection.factories import (
    NOMINATE,
    count,
    csrf_token_from,
    last_mail_to,
    link_path_in,
)


# ---------------------------------------------------------------- call page and sign-in

def test_call_page_links_each_open_group_to_its_form(client: FlaskClient, panel_call: str) -> None:
    html = client.get(f"/calls/{panel_call}").get_data(as_text=True)
    for code in ("government", "private_sector", "technical_community", "civil_society", "at_large"):
        assert f'href="/calls/{panel_call}/nominate/{code}"' in html
    assert f'href="/calls/{panel_call}/privacy"' in html


def test_anonymous_visitor_is_asked_to_sign_in_by_email(client: FlaskClient, panel_call: str) -> None:
    response = client.get(NOMINATE.format(slug=panel_call))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/my/sign-in?next=")


def test_sign_in_link_signs_in_once_and_lands_on_my_nominations(app: Flask, client: FlaskClient) -> None:
    page = client.get("/my/sign-in")
    client.post("/my/sign-in", data={"email": "new@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    with app.app_context():
        message = last_mail_to("new@example.org")
        link = db.session.execute(select(SignInLink)).scalar_one()
        token_path = link_path_in(message.body_text)
        assert link.token_digest not in message.body_text  # only the digest is stored
        assert token_path.rsplit("/", 1)[1] not in link.token_digest
    confirm = client.get(token_path)
    response = client.post(token_path, data={"csrf_token": csrf_token_from(confirm.get_data(as_text=True))})
    assert response.headers["Location"] == "/my"
    assert "My nominations" in client.get("/my").get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get("/my").get_data(as_text=True))})
    reused = client.get(token_path)
    assert reused.status_code == 410 and "used already" in reused.get_data(as_text=True)


def test_expired_link_is_refused(app: Flask, client: FlaskClient) -> None:
    page = client.get("/my/sign-in")
    client.post("/my/sign-in", data={"email": "late@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    with app.app_context():
        path = link_path_in(last_mail_to("late@example.org").body_text)
        link = db.session.execute(select(SignInLink)).scalar_one()
        link.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = client.get(path)
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)


def test_someone_elses_link_is_refused_while_signed_in(app: Flask, client: FlaskClient, nominee: str) -> None:
    other = app.test_client()
    page = other.get("/my/sign-in")
    other.post("/my/sign-in", data={"email": "other@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    with app.app_context():
        path = link_path_in(last_mail_to("other@example.org").body_text)
    response = client.get(path)
    assert response.status_code == 403
    with app.app_context():
        assert db.session.execute(select(SignInLink).where(SignInLink.email == "other@example.org")).scalar_one().used_at is None


def test_link_requests_are_rate_limited_per_address(app: Flask, client: FlaskClient) -> None:
    app.config["SIGN_IN_LINKS_PER_HOUR"] = 2
    statuses = []
    for _ in range(3):
        page = client.get("/my/sign-in")
        statuses.append(client.post("/my/sign-in", data={
            "email": "busy@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))}).status_code)
    assert statuses == [200, 200, 429]
    page = client.get("/my/sign-in")
    assert client.post("/my/sign-in", data={
        "email": "calm@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))}).status_code == 200


def test_sign_in_refuses_a_non_address_next_to_the_field(client: FlaskClient) -> None:
    page = client.get("/my/sign-in")
    response = client.post("/my/sign-in", data={"email": "not-an-address", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 400
    assert 'id="email-error"' in response.get_data(as_text=True)


def test_staff_address_gets_no_link(app: Flask, client: FlaskClient, make_user) -> None:
    make_user("sec@example.org", Role.SECRETARIAT)
    page = client.get("/my/sign-in")
    client.post("/my/sign-in", data={"email": "sec@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    with app.app_context():
        assert count(SignInLink) == 0
        assert "password" in last_mail_to("sec@example.org").body_text
