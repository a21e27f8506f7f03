"""Behind a reverse proxy: with ``TRUSTED_PROXIES`` the client's address and scheme come from the
X-Forwarded-* headers the proxy sets (abuse limits count per real client); without it (the
default) a forged X-Forwarded-For changes nothing."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from selection import ConfigurationError, create_app
from selection.config import TestConfig
from tests.conftest import app_on_fresh_schema
from tests.selection.factories import csrf_token_from

PROXY = "127.0.0.1"  # nginx on the same host


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[Flask]:
    """The app behind one trusted proxy."""
    yield from app_on_fresh_schema(tmp_path, TRUSTED_PROXIES=1)


def link_requests(app: Flask, forwarded_for: list[str]) -> list[int]:
    """Ask for a sign-in link once per X-Forwarded-For value (a new address each time), all
    arriving from the proxy's address; the status codes."""
    app.config.update(SIGN_IN_LINK_REQUESTS_PER_CLIENT="2 per hour", SIGN_IN_LINK_REQUESTS_PER_ADDRESS="100 per hour",
                      MAIL_SEND_AFTER_REQUEST=False)
    client = app.test_client()
    codes = []
    for index, forwarded in enumerate(forwarded_for):
        headers = {"X-Forwarded-For": forwarded}
        page = client.get("/my/sign-in", headers=headers, environ_base={"REMOTE_ADDR": PROXY})
        codes.append(client.post("/my/sign-in", headers=headers, environ_base={"REMOTE_ADDR": PROXY}, data={
            "email": f"person{index}@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))},
        ).status_code)
    return codes


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_change_the_limit_key(app: Flask) -> None:
    assert app.config["TRUSTED_PROXIES"] == 0
    assert link_requests(app, ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == [200, 200, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(proxied: Flask) -> None:
    assert link_requests(proxied, ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == [200, 200, 200]


def test_behind_a_trusted_proxy_only_the_address_the_proxy_saw_counts(proxied: Flask) -> None:
    # The client forges the first entries; nginx appends the address it saw, the one trusted.
    forged = [f"198.51.100.{n}, 203.0.113.9" for n in range(3)]
    assert link_requests(proxied, forged) == [200, 200, 429]


def test_the_forwarded_scheme_is_trusted_only_behind_a_proxy(app: Flask, proxied: Flask) -> None:
    https = {"X-Forwarded-Proto": "https"}
    assert "Strict-Transport-Security" not in app.test_client().get("/", headers=https).headers
    assert "Strict-Transport-Security" in proxied.test_client().get("/", headers=https).headers


@pytest.mark.parametrize("value", [-1, "one", True])
def test_a_wrong_number_of_proxies_stops_the_start_with_a_clear_message(tmp_path: Path, value: object) -> None:
    with pytest.raises(ConfigurationError, match="TRUSTED_PROXIES"):
        create_app(TestConfig.settings(INSTANCE_PATH=str(tmp_path / "instance"), TRUSTED_PROXIES=value))
