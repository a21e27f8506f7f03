"""A nominator nominates someone else; the nominee follows the invitation, consents, and the
nomination is submitted."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from selection.demo import OPEN_CALL_SLUG
from tests.browser.site import Site, fill_the_rest, follow_sign_in_link, unique_address


def test_nominator_nominates_and_the_nominee_consents(page: Page, site: Site, tmp_path: Path) -> None:
    nominator, nominee = unique_address("mission.of.chile"), unique_address("camila.rojas")
    page.goto(f"{site.url}/calls/{OPEN_CALL_SLUG}")
    page.locator("a", has_text="Nominate").first.click()
    page.get_by_label("E-mail").fill(nominator)
    page.get_by_role("button").filter(has_text=re.compile("link", re.I)).click()
    follow_sign_in_link(page, site, nominator, after=0)

    page.get_by_label(re.compile("I am nominating someone else")).check()
    page.get_by_label("Nominating on behalf of").select_option(index=1)
    page.get_by_label("Your name").fill("Ana Silva")
    page.get_by_label("Organization, mission or committee").fill("Permanent Mission of Chile (synthetic)")
    page.get_by_label("Full name").fill("Camila Rojas")
    page.get_by_label("Title or position").fill("Minister of Science (synthetic)")
    page.get_by_label("Organization", exact=True).fill("Government of Chile (synthetic)")
    page.get_by_label("Position level").select_option(index=1)
    page.get_by_label("E-mail", exact=True).fill(nominee)
    page.get_by_label("Nationality", exact=True).select_option("CL")
    fill_the_rest(page, tmp_path, country="CL", motivation="She would bring Latin America's view on digital policy.",
                  languages="Spanish, English")
    page.get_by_role("button", name="Save and ask the nominee to consent").click()
    expect(page.locator("main")).to_contain_text(re.compile("consent", re.I))

    # The invitation reaches the nominee, who signs in through it and consents.
    invitation = site.wait_for_mail(nominee)
    assert "Ana Silva" in invitation.body and "Camila Rojas" in invitation.body
    page.context.clear_cookies()
    page.goto(invitation.link("/my/sign-in/"))
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.goto(f"{site.url}/my")
    page.get_by_role("link", name="Review and consent").click()
    expect(page.locator("main")).to_contain_text("Ana Silva")
    for checkbox in page.locator("input[type=checkbox]:visible").all():
        checkbox.check()
    page.get_by_role("button", name="I consent: submit the nomination").click()
    expect(page.locator("main")).to_contain_text("Submitted")
    receipt = site.wait_for_mail(nominee, after=1)
    assert "Camila Rojas" in receipt.body
