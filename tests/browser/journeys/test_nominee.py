"""A new nominee, in a real browser: from the call page to a submitted nomination and a
receipt, then an edit and a withdrawal."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from selection.demo import OPEN_CALL_SLUG
from tests.browser.site import Site, fill_the_rest, follow_sign_in_link, unique_address


def test_new_nominee_submits_edits_and_withdraws(page: Page, site: Site, tmp_path: Path) -> None:
    email = unique_address("lindiwe.moyo")
    page.goto(f"{site.url}/calls/{OPEN_CALL_SLUG}")
    page.locator("a", has_text="Nominate").first.click()

    # Not signed in: the nominee asks for a one-time link and follows it from the mail.
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button").filter(has_text=re.compile("link", re.I)).click()
    expect(page.locator("main")).to_contain_text(email)
    follow_sign_in_link(page, site, email, after=0)

    # The form of the government group, in its own terms.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Government")
    page.get_by_label("I am nominating myself").check()
    page.get_by_label("Full name").fill("Lindiwe Moyo")
    page.get_by_label("Title or position").fill("Minister of ICT (synthetic)")
    page.get_by_label("Organization", exact=True).fill("Ministry of ICT of Zimbabwe (synthetic)")
    page.get_by_label("Position level").select_option(index=1)
    page.get_by_label("Nationality", exact=True).select_option("ZW")
    expect(page.locator("main")).to_contain_text("African States")

    # A draft is kept and resumed from "My nominations".
    page.get_by_role("button", name=re.compile("Save draft", re.I)).click()
    expect(page.locator("main")).to_contain_text(re.compile("draft", re.I))
    page.goto(f"{site.url}/my")
    expect(page.locator("main")).to_contain_text("Draft")
    page.get_by_role("link", name="Continue the draft").click()
    expect(page.get_by_label("Full name")).to_have_value("Lindiwe Moyo")

    fill_the_rest(page, tmp_path, country="ZW", motivation="I would advise the Panel on connectivity in Africa.",
                  languages="English, Shona")
    page.get_by_role("button", name="Submit nomination").click()

    expect(page.locator("main")).to_contain_text("Submitted")
    receipt = site.wait_for_mail(email, after=1)
    assert "Lindiwe Moyo" in receipt.body and "Government" in receipt.body

    # Edit before the deadline.
    page.get_by_role("link", name=re.compile("Edit", re.I)).first.click()
    page.get_by_label("Working languages").fill("English, Shona, French")
    page.get_by_role("button", name=re.compile("Save|Submit", re.I)).last.click()
    expect(page.locator("main")).to_contain_text("English, Shona, French")

    # Withdraw with one confirmation.
    page.get_by_role("link", name=re.compile("Withdraw", re.I)).first.click()
    page.get_by_role("button", name=re.compile("Withdraw", re.I)).click()
    expect(page.locator("main")).to_contain_text("Withdrawn")
    page.goto(f"{site.url}/my")
    expect(page.locator("main")).to_contain_text("Withdrawn")
