"""The Secretariat's and reviewers' pages in a real browser: axe-core finds no accessibility
violation at 1280 px, and at a phone's width (390 px) no page scrolls sideways (wide tables
scroll inside their own box)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from selection.demo.review_call import REVIEW_CALL_SLUG

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")

PHONE = 390
SECRETARIAT_PAGES = [
    "/staff",
    "/secretariat/calls",
    f"/secretariat/calls/{REVIEW_CALL_SLUG}/nominations",
    f"/review/calls/{REVIEW_CALL_SLUG}",
    f"/review/calls/{REVIEW_CALL_SLUG}/nominations",
    "nomination",  # the first nomination of the list
    f"/review/calls/{REVIEW_CALL_SLUG}/shortlist",
    f"/review/calls/{REVIEW_CALL_SLUG}/notices",
    "confirm",  # the confirmation of a bulk decision
]
REVIEWER_PAGES = ["/staff", "/review/my-assignments", "assignment"]


def signed_in(browser: Browser, live_server: str, email: str, password: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server + "/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + "/staff")
    return page


def open_page(page: Page, live_server: str, path: str) -> None:
    if path == "nomination":
        page.goto(f"{live_server}/review/calls/{REVIEW_CALL_SLUG}/nominations")
        page.locator("table.review-list tbody th a").first.click()
    elif path == "assignment":
        page.goto(f"{live_server}/review/my-assignments")
        page.locator("table tbody th a").first.click()
    elif path == "confirm":
        page.goto(f"{live_server}/review/calls/{REVIEW_CALL_SLUG}/nominations")
        boxes = page.locator("input[name=nomination]")
        boxes.nth(0).check()
        boxes.nth(1).check()
        page.get_by_label("With the ticked nominations").select_option("ineligible")
        page.get_by_label("Reason (when ineligible)").select_option("level")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/bulk/confirm?**")
    else:
        page.goto(live_server + path)
    page.wait_for_load_state("load")


def problems_on(page: Page, live_server: str, paths: list[str], check) -> list[str]:
    found = []
    for path in paths:
        open_page(page, live_server, path)
        found += [f"{path} ({page.url}): {problem}" for problem in check(page)]
    return found


# axe-core runs its experimental rules only when asked; this one caught the dashboard's count links.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}


def axe_violations(page: Page) -> list[str]:
    results = axe_module.Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


def sideways_scroll(page: Page) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE:
        return []
    wide = page.evaluate("""(limit) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > limit && !e.closest('.table-scroll'))
        .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""", PHONE)
    return [f"scrollWidth {width} px; wide: {wide}"]


@pytest.mark.parametrize(("email", "paths"), [("secretariat@demo.example.org", SECRETARIAT_PAGES),
                                               ("reviewer@demo.example.org", REVIEWER_PAGES)])
def test_staff_pages_have_no_axe_violation(browser: Browser, live_server: str, demo_accounts: dict[str, str],
                                           email: str, paths: list[str]) -> None:
    page = signed_in(browser, live_server, email, demo_accounts[email], 1280)
    found = problems_on(page, live_server, paths, axe_violations)
    page.context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("email", "paths"), [("secretariat@demo.example.org", SECRETARIAT_PAGES),
                                               ("reviewer@demo.example.org", REVIEWER_PAGES)])
def test_staff_pages_fit_a_phone(browser: Browser, live_server: str, demo_accounts: dict[str, str],
                                 email: str, paths: list[str]) -> None:
    page = signed_in(browser, live_server, email, demo_accounts[email], PHONE)
    found = problems_on(page, live_server, paths, sideways_scroll)
    page.context.close()
    assert not found, "\n".join(found)
