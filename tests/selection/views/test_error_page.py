"""An unexpected error answers a styled 500 page with a short request id, and the log has the
traceback under the same id; a broken database session does not break the page itself."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from selection.extensions import db
from selection.models import Role, User
from tests.conftest import AuthActions, app_on_fresh_schema


class Boom(RuntimeError):
    """The failure the test routes raise."""


@pytest.fixture
def failing_app(tmp_path: Path) -> Iterator[Flask]:
    """An app that handles exceptions as in production (no propagation) with two failing routes."""
    def boom() -> str:
        raise Boom("the test route failed")

    def broken_session() -> str:
        db.session.add(User(email="duplicate@un.example.org", name="Again"))
        db.session.flush()  # violates the unique e-mail: the session needs a rollback now
        return "not reached"

    for app in app_on_fresh_schema(tmp_path, PROPAGATE_EXCEPTIONS=False):
        app.add_url_rule("/boom", view_func=boom)
        app.add_url_rule("/broken-session", view_func=broken_session)
        yield app


def request_id_on(html: str) -> str:
    match = re.search(r"reference: <strong><code>([0-9a-f]{8})</code>", html)
    assert match, html
    return match.group(1)


def test_an_exception_gives_the_styled_page_and_the_logged_id(failing_app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in html and 'class="site-header"' in html
    request_id = request_id_on(html)
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.request_id == request_id and request_id in record.getMessage()
    assert record.exc_info and record.exc_info[0] is Boom
    assert "Boom" not in html and "the test route failed" not in html


def test_the_page_survives_a_broken_database_session(failing_app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    from selection.workflow.users import create_user

    with failing_app.app_context():
        create_user("duplicate@un.example.org", [Role.SECRETARIAT], None, name="Sam", password="pw-for-the-test")
        db.session.commit()
    client: FlaskClient = failing_app.test_client()
    assert AuthActions(client).sign_in("duplicate@un.example.org", "pw-for-the-test").status_code == 302
    with caplog.at_level(logging.ERROR):
        response = client.get("/broken-session")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    # The layout rendered with the signed-in user, which needs the session rolled back first.
    assert "Sam" in html and request_id_on(html) == caplog.records[-1].request_id


def test_client_errors_keep_their_own_pages(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


def test_under_test_an_exception_still_propagates(app: Flask) -> None:
    def boom() -> str:
        raise Boom("seen whole")

    app.add_url_rule("/boom", view_func=boom)
    with pytest.raises(Boom):
        app.test_client().get("/boom")


def test_the_favicon_is_linked_and_served(client: FlaskClient) -> None:
    assert 'rel="icon" type="image/svg+xml" href="/static/favicon.svg"' in client.get("/").get_data(as_text=True)
    for address in ("/favicon.ico", "/static/favicon.svg"):
        response = client.get(address)
        assert response.status_code == 200 and response.mimetype == "image/svg+xml", address
        assert response.data.startswith(b"<svg")
