"""The Secretariat reviews the closed demo call: the dashboard, screening one nomination, a
nomination's page and the shortlist. Nothing here depends on whether the decision journey
has run on the same demo before."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from selection.demo.review_call import REVIEW_CALL_SLUG
from tests.browser.site import SECRETARIAT, Site, sign_in_staff


def test_secretariat_screens_and_reads_the_shortlist(page: Page, site: Site) -> None:
    sign_in_staff(page, site, SECRETARIAT)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Nominations", exact=True).click()
    page.get_by_role("link", name=re.compile("IGF Leadership Panel 2025–2026")).first.click()
    page.goto(f"{site.url}/review/calls/{REVIEW_CALL_SLUG}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("IGF Leadership Panel 2025–2026")

    # The list, filtered to the nominations under review; open the first and screen it.
    page.goto(f"{site.url}/review/calls/{REVIEW_CALL_SLUG}/nominations?status=under_review")
    expect(page.locator("table.review-list tbody tr").first).to_contain_text("Under review")
    first = page.locator("table.review-list tbody th a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    screening = page.locator("#screening")
    screening.get_by_label("Eligible: start the review").check()
    screening.get_by_label("Particulars").fill("Checked again by the browser journey.")
    screening.get_by_role("button", name="Record screening").click()
    expect(page.locator("#screening")).to_contain_text(f"Eligible ({SECRETARIAT}")
    expect(page.locator("main")).to_contain_text("Under review")

    page.goto(f"{site.url}/review/calls/{REVIEW_CALL_SLUG}/shortlist")
    expect(page.get_by_role("heading", level=1)).to_contain_text("shortlist")
    expect(page.locator("main table")).to_be_visible()
