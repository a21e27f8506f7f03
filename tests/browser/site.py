"""The demo site a browser journey runs against: the app served in-process by the test suite,
or, when SELECTION_LIVE_URL is set, a `selection demo` installed from the wheel and started by
.ci/run (its instance folder in SELECTION_LIVE_INSTANCE). Journeys only use what both have:
the base URL, the mail folder and the demo's staff passwords."""
from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

from playwright.sync_api import Page, expect

from selection.demo import derive_demo_password

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ADMIN = "admin@demo.example.org"
SECRETARIAT = "secretariat@demo.example.org"
REVIEWER = "reviewer@demo.example.org"
RECOMMENDER = "recommender@demo.example.org"
DECISION_MAKER = "decision-maker@demo.example.org"


@dataclass(frozen=True)
class Mail:
    """One message of the mail folder."""

    to: str
    subject: str
    body: str

    def link(self, path: str) -> str:
        """The first link in the body whose path starts with ``path``."""
        match = re.search(rf"https?://\S+{re.escape(path)}\S*", self.body)
        assert match, f"no link to {path} in: {self.body}"
        return match.group(0)


@dataclass(frozen=True)
class Site:
    """A running demo: its base URL, its instance folder and its secret key."""

    url: str
    instance: Path
    secret_key: str

    def password(self, email: str) -> str:
        """The demo staff password of ``email`` (derived as the demo derives it)."""
        return derive_demo_password(self.secret_key, email)

    def mails_to(self, address: str) -> list[Mail]:
        """The messages written for ``address``, oldest first."""
        mails = []
        for path in sorted((self.instance / "mail").glob("*.eml"), key=lambda p: (p.stat().st_mtime, p.name)):
            message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
            if message["To"] == address:
                mails.append(Mail(address, str(message["Subject"]), message.get_body().get_content()))
        return mails

    def wait_for_mail(self, address: str, after: int = 0, timeout: float = 15.0) -> Mail:
        """The next message for ``address`` once more than ``after`` exist (mail is delivered
        right after the request, so it may land a moment after the page)."""
        deadline = time.monotonic() + timeout
        while True:
            mails = self.mails_to(address)
            if len(mails) > after:
                return mails[-1]
            assert time.monotonic() < deadline, f"no mail for {address} after {timeout} s"
            time.sleep(0.2)


def unique_address(name: str) -> str:
    """An address no earlier run on the same server has used."""
    return f"{name}.{uuid.uuid4().hex[:8]}@nominees.example.net"


def sign_in_staff(page: Page, site: Site, email: str) -> None:
    """Sign in through the staff form with the demo password."""
    page.goto(f"{site.url}/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(site.password(email))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def follow_sign_in_link(page: Page, site: Site, email: str, after: int) -> None:
    """Open the one-time link mailed to ``email`` and confirm the sign-in."""
    link = site.wait_for_mail(email, after).link("/my/sign-in/")
    page.goto(link)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def fill_the_rest(page: Page, tmp_path: Path, *, country: str, motivation: str, languages: str) -> None:
    """Residence, gender, biography, motivation, languages, a CV and every declaration: the
    part of the nomination form the journeys fill alike."""
    page.get_by_label("Country of residence").select_option(country)
    page.get_by_label("Woman", exact=True).check()
    page.get_by_label("Short biography").fill("Synthetic biography for the browser test.")
    page.get_by_label("Motivation statement").fill(motivation)
    page.get_by_label("Working languages").fill(languages)
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(PDF)
    page.get_by_label("CV (PDF)").set_input_files(str(cv))
    for checkbox in page.locator("input[type=checkbox]:visible").all():
        checkbox.check()
