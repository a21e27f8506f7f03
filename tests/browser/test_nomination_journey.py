"""A new nominee, in a real browser: from the call page to a submitted nomination and a
receipt, then an edit and a withdrawal."""
from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

from flask import Flask
from playwright.sync_api import Page, expect

from selection.demo import OPEN_CALL_SLUG

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def mails_to(app: Flask, address: str) -> list[str]:
    """Bodies of the mails written to the instance's mail folder for ``address``, oldest first."""
    bodies = []
    for path in sorted((Path(app.instance_path) / "mail").glob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        if message["To"] == address:
            bodies.append(f"Subject: {message['Subject']}\n{message.get_body().get_content()}")
    return bodies


def test_new_nominee_submits_edits_and_withdraws(page: Page, live_server: str, app: Flask, tmp_path: Path) -> None:
    email = "lindiwe.moyo@nominees.example.net"
    page.goto(f"{live_server}/calls/{OPEN_CALL_SLUG}")
    page.locator("a", has_text="Nominate").first.click()

    # Not signed in: the nominee asks for a one-time link and follows it from the mail.
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button").filter(has_text=re.compile("link", re.I)).click()
    expect(page.locator("main")).to_contain_text(email)
    link = re.search(r"http://\S+/my/sign-in/\S+", mails_to(app, email)[-1]).group(0)
    page.goto(link)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    # The form of the government group, in its own terms.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Government")
    page.get_by_label("I am nominating myself").check()
    page.get_by_label("Full name").fill("Lindiwe Moyo")
    page.get_by_label("Title or position").fill("Minister of ICT (synthetic)")
    page.get_by_label("Organization", exact=True).fill("Ministry of ICT of Zimbabwe (synthetic)")
    page.get_by_label("Position level").select_option(index=1)
    page.get_by_label("Nationality", exact=True).select_option("ZW")
    expect(page.locator("main")).to_contain_text("African States")
    page.get_by_label("Country of residence").select_option("ZW")
    page.get_by_label("Woman", exact=True).check()
    page.get_by_label("Short biography").fill("Synthetic biography for the browser test.")
    page.get_by_label("Motivation statement").fill("I would advise the Panel on connectivity in Africa.")
    page.get_by_label("Working languages").fill("English, Shona")
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(PDF)
    page.get_by_label("CV (PDF)").set_input_files(str(cv))
    for checkbox in page.locator("input[type=checkbox]:visible").all():
        checkbox.check()
    page.get_by_role("button", name="Submit nomination").click()

    expect(page.locator("main")).to_contain_text("Submitted")
    receipt = mails_to(app, email)[-1]
    assert "Lindiwe Moyo" in receipt and "Government" in receipt

    # Edit before the deadline.
    page.get_by_role("link", name=re.compile("Edit", re.I)).first.click()
    page.get_by_label("Working languages").fill("English, Shona, French")
    page.get_by_role("button", name=re.compile("Save|Submit", re.I)).last.click()
    expect(page.locator("main")).to_contain_text("English, Shona, French")

    # Withdraw with one confirmation.
    page.get_by_role("link", name=re.compile("Withdraw", re.I)).first.click()
    page.get_by_role("button", name=re.compile("Withdraw", re.I)).click()
    expect(page.locator("main")).to_contain_text("Withdrawn")
    page.goto(f"{live_server}/my")
    expect(page.locator("main")).to_contain_text("Withdrawn")
