"""Browser tests: the app served on loopback by a real HTTP server, driven in headless
Chromium (Debian's build at /usr/bin/chromium, or $CHROMIUM) through Playwright."""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from selection.demo import seed
from selection.extensions import db
from tests.browser.site import Site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium reaches out to Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without Chromium, browser tests are reported as skipped with the reason, except in CI
    (SELECTION_REQUIRE_SERVICES=1), where a missing browser must fail the run."""
    if os.path.exists(CHROMIUM) or os.environ.get("SELECTION_REQUIRE_SERVICES") == "1":
        return
    reason = f"no Chromium at {CHROMIUM}: install Debian's chromium package or set CHROMIUM"
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.skipif(True, reason=reason))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_accounts(app: Flask) -> dict[str, str]:
    """Seed the demo into the test database; returns each staff e-mail's password."""
    with app.app_context():
        return {account.email: account.password for account in seed()}


@pytest.fixture
def live_server(app: Flask, demo_accounts: dict[str, str]) -> Iterator[str]:
    """The app served by a threaded HTTP server on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.session.remove()


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Site:
    """The demo the journeys run against: the one .ci/run installed from the wheel and serves
    at SELECTION_LIVE_URL (instance folder in SELECTION_LIVE_INSTANCE), else this suite's own
    in-process live server on a freshly seeded demo."""
    url = os.environ.get("SELECTION_LIVE_URL")
    if url:
        instance = Path(os.environ["SELECTION_LIVE_INSTANCE"])
        key = (instance / "secret_key").read_text(encoding="ascii").strip()
        return Site(url.rstrip("/"), instance, key)
    app: Flask = request.getfixturevalue("app")
    return Site(request.getfixturevalue("live_server"), Path(app.instance_path), app.config["SECRET_KEY"])


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
