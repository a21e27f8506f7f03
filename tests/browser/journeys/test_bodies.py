"""The Secretariat at work with the demo's Leadership Panel: the body page, scheduling a meeting,
its agenda and the Chair's approval, sending the invitations; and the published summary as the
public reads it. Each run adds its own meeting, so runs on the same demo do not interfere."""
from __future__ import annotations

import secrets

from playwright.sync_api import Page, expect

from selection.demo.panel_body import BODY_SLUG
from tests.browser.site import SECRETARIAT, Site, sign_in_staff


def test_secretariat_schedules_a_meeting_and_sends_invitations(page: Page, site: Site) -> None:
    sign_in_staff(page, site, SECRETARIAT)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Bodies", exact=True).click()
    page.get_by_role("link", name="IGF Leadership Panel", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IGF Leadership Panel")
    expect(page.locator("main")).to_contain_text("Current IGF host country")
    page.get_by_role("link", name="Schedule a meeting").first.click()

    title = f"Strategy retreat {secrets.token_hex(3)}"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Starts (UTC)").fill("2031-03-10T09:00")
    page.get_by_label("Ends (UTC)").fill("2031-03-10T17:00")
    page.get_by_label("Mode").select_option("hybrid")
    page.get_by_label("Place").fill("Geneva")
    page.get_by_label("Purpose").fill("To agree the Panel's priorities.")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.get_by_label("Agenda item").fill("Priorities for the year")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator("#agenda ol")).to_contain_text("Priorities for the year")
    page.get_by_role("button", name="Record the Chair's approval of the agenda").click()
    expect(page.locator("main")).to_contain_text("Agenda approved")
    page.get_by_role("button", name="Send the invitations (with a calendar file)").click()
    expect(page.locator("#invitations table")).to_contain_text("No answer yet")
    expect(page.locator("main")).to_contain_text("Invitations sent")


def test_the_public_reads_the_published_summary(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/bodies/{BODY_SLUG}")
    page.get_by_role("link", name="Virtual Meeting, 21 January").click()
    expect(page.get_by_role("heading", name="Decisions, Action Items & Next Steps")).to_be_visible()
    expect(page.get_by_role("heading", name="Annex - Attendance")).to_be_visible()
    expect(page.locator(".annex")).to_contain_text("Chair")
    expect(page.get_by_role("heading", name="Regrets")).to_be_visible()
