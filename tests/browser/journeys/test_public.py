"""A visitor and a staff member in a real browser."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from selection.demo import OPEN_CALL_SLUG
from tests.browser.site import DECISION_MAKER, Site


def test_visitor_finds_the_open_call_and_its_seats(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    page.get_by_role("link", name="IGF Leadership Panel 2027–2028: call for nominations").click()
    expect(page).to_have_url(f"{site.url}/calls/{OPEN_CALL_SLUG}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("IGF Leadership Panel 2027–2028")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("Government")
    expect(page.get_by_text("10 seats in all")).to_be_visible()
    # The script adds the visitor's own time (Tokyo here) beside the UTC deadline.
    expect(page.locator(".local-time").first).to_contain_text("your time:")
    expect(page.locator(".local-time").first).to_contain_text("GMT+9")


def test_staff_member_signs_in_and_out(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    page.get_by_role("link", name="Staff sign-in").click()
    page.get_by_label("E-mail").fill(DECISION_MAKER)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match an active account")
    expect(page.get_by_label("E-mail")).to_have_value(DECISION_MAKER)

    page.get_by_label("Password").fill(site.password(DECISION_MAKER))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".account")).to_contain_text("Decision-maker")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Staff sign-in")).to_be_visible()
