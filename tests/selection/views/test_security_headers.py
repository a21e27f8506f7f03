"""Every response carries the security headers; pages are never cached, static files may be."""
from __future__ import annotations

import pytest

from selection import create_app
from selection.config import TestConfig


def test_every_page_carries_the_security_headers(client) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_hsts_over_https_only(client) -> None:
    assert "max-age=" in client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"]


@pytest.mark.parametrize("path", ["/sign-in", "/my/sign-in", "/no-such-page"])
def test_pages_and_errors_are_not_stored(client, path: str) -> None:
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client) -> None:
    response = client.get("/static/site.css")
    assert response.status_code == 200 and response.headers.get("Cache-Control") != "no-store"


def test_session_cookie_is_secure_outside_development(tmp_path) -> None:
    production = create_app({"INSTANCE_PATH": str(tmp_path / "p"), "SECRET_KEY": "k"})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    tests = create_app(TestConfig.settings(INSTANCE_PATH=str(tmp_path / "t")))
    assert tests.config["SESSION_COOKIE_SECURE"] is False
    chosen = create_app({"INSTANCE_PATH": str(tmp_path / "c"), "SECRET_KEY": "k", "SESSION_COOKIE_SECURE": False})
    assert chosen.config["SESSION_COOKIE_SECURE"] is False
