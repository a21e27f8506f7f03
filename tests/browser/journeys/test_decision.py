"""The decision-maker proposes slates for the closed demo call, starts from slate 1 in the
editor (browsing the rest of the shortlist keeps the slate), decides with a rationale,
announces the members, and the public roster shows them. On a demo already
decided (a second run against the same server) it checks the roster only."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from selection.demo.review_call import REVIEW_CALL_SLUG
from tests.browser.site import DECISION_MAKER, Site, sign_in_staff


def test_decision_maker_decides_on_a_proposed_slate(page: Page, site: Site) -> None:
    sign_in_staff(page, site, DECISION_MAKER)
    page.get_by_role("link", name="Decisions").click()
    page.get_by_role("link", name=re.compile("IGF Leadership Panel 2025–2026")).first.click()
    expect(page).to_have_url(f"{site.url}/decide/calls/{REVIEW_CALL_SLUG}")
    if page.get_by_role("button", name="Propose slates").count():
        page.get_by_label("Number of slates").fill("3")
        page.get_by_label("Time limit (seconds)").fill("10")
        page.get_by_role("button", name="Propose slates").click()
        # The progress page follows the run and moves on to the comparison when it is done.
        expect(page.get_by_role("heading", name="Slate 1")).to_be_visible(timeout=90_000)
        page.get_by_role("link", name="Decide on this slate…").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record the decision")
        expect(page.locator("input[name=members]:checked")).to_have_count(10)
        expect(page.locator("[data-hard]")).to_contain_text("Meets every hard rule.")
        page.get_by_label("Rationale").fill("Slate 1 has the highest merit and meets every rule.")
        _browse_the_shortlist_and_keep_the_slate(page)
        page.get_by_role("button", name="Record the decision and appoint").click()
        expect(page.locator("main")).to_contain_text(re.compile("decided|appointed", re.I))

    page.goto(f"{site.url}/calls/{REVIEW_CALL_SLUG}/members")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Members of the")
    announce = page.get_by_role("button", name="Announce the members")
    if announce.count():
        announce.click()
        expect(page.locator("main")).not_to_contain_text("Not yet announced")

    # The public sees the roster once announced.
    visitor = page.context.browser.new_context()
    public = visitor.new_page()
    public.goto(f"{site.url}/calls/{REVIEW_CALL_SLUG}/members")
    expect(public.get_by_role("heading", level=1)).to_contain_text("Members of the")
    expect(public.locator("table.roster").first.locator("tbody tr")).to_have_count(10)
    visitor.close()


def _browse_the_shortlist_and_keep_the_slate(page: Page) -> None:
    """Take a member off, find them in the rest of the shortlist by name (typed in capitals) and
    tick them again: every browse posts the form back, keeping the slate and the rationale."""
    member = page.locator("input[name=members]:checked").first
    name = page.locator(f"label[for=member-{member.get_attribute('value')}]").inner_text()
    member.uncheck()
    expect(page.locator("[data-chosen-count]")).to_have_text("9")
    page.get_by_label("Name or organization").fill(name.upper())
    page.get_by_role("button", name="Show").click()
    expect(page.locator("input[name=members]:checked")).to_have_count(9)
    expect(page.get_by_label("Rationale")).to_have_value("Slate 1 has the highest merit and meets every rule.")
    page.locator(".editor-pool").get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Show").click()
    expect(page.locator("input[name=members]:checked")).to_have_count(10)
    expect(page.locator("[data-chosen-count]")).to_have_text("10")
    expect(page.locator("[data-hard]")).to_contain_text("Meets every hard rule.")
