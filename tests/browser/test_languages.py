"""The public pages in Arabic (right to left) and Chinese at a phone's width: the page follows
the language, nothing scrolls sideways, axe finds nothing, and the switch works without
JavaScript. Screenshots go to $SELECTION_SCREENSHOTS when set, else to pytest's tmp_path."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from selection.demo import OPEN_CALL_SLUG

PHONE = 390
PAGES = {"home": "/", "call": f"/calls/{OPEN_CALL_SLUG}", "sign-in": "/my/sign-in", "privacy": f"/calls/{OPEN_CALL_SLUG}/privacy"}


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("zh", "ltr")])
def test_public_pages_in_arabic_and_chinese_on_a_phone(browser: Browser, live_server: str, tmp_path: Path,
                                                        language: str, direction: str) -> None:
    folder = Path(os.environ.get("SELECTION_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    axe, too_wide, violations = Axe(), {}, {}
    try:
        for name, path in PAGES.items():
            page.goto(live_server + path)
            assert page.get_attribute("html", "lang") == language and page.get_attribute("html", "dir") == direction
            page.screenshot(path=str(folder / f"{PHONE}-{language}-{name}.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE:
                too_wide[name] = width
            results = axe.run(page)
            if results.violations_count:
                violations[name] = results.generate_report()
    finally:
        context.close()
    assert too_wide == {}
    assert not violations, "\n\n".join(f"== {name}\n{report}" for name, report in violations.items())


def test_the_switch_works_without_javascript_and_keeps_the_page(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server + f"/calls/{OPEN_CALL_SLUG}")
        page.click("button[lang=ar]")
        assert page.url == live_server + f"/calls/{OPEN_CALL_SLUG}"
        assert page.get_attribute("html", "dir") == "rtl"
        assert "الفريق الرفيع المستوى" in page.inner_text("h1")
    finally:
        context.close()
