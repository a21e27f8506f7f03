"""An administrator creates a call from the MAG template and opens it; the public page then
shows it with its seats."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.browser.site import ADMIN, Site, sign_in_staff


def test_administrator_creates_and_opens_a_mag_call(page: Page, site: Site) -> None:
    slug = f"igf-mag-{uuid.uuid4().hex[:6]}"
    sign_in_staff(page, site, ADMIN)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Administration", exact=True).click()
    page.get_by_role("link", name="New call").click()
    page.get_by_label("IGF MAG").check()
    page.get_by_label("Title").fill("IGF MAG 2027: call for nominations")
    page.get_by_label("Address").fill(slug)
    page.get_by_role("button", name="Create the draft call").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("IGF MAG 2027")

    page.goto(f"{site.url}/admin/calls/{slug}")
    page.get_by_role("button", name="Open the call").click()
    expect(page.locator("main")).to_contain_text(re.compile("open", re.I))
    page.goto(f"{site.url}/calls/{slug}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("IGF MAG 2027")
    expect(page.get_by_text("40 seats in all")).to_be_visible()
