"""Every main page of the demo, for a visitor, a nominee and each staff role, loads without a
console error, a script error, a failed request or an error status (favicon included)."""
from __future__ import annotations

import re

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

from selection.demo import OPEN_CALL_SLUG
from selection.demo.review_call import REVIEW_CALL_SLUG
from tests.browser.site import (
    ADMIN,
    DECISION_MAKER,
    RECOMMENDER,
    REVIEWER,
    SECRETARIAT,
    Site,
    follow_sign_in_link,
    sign_in_staff,
    unique_address,
)

OPEN, REVIEW = OPEN_CALL_SLUG, REVIEW_CALL_SLUG
PUBLIC_PAGES = ["/", f"/calls/{OPEN}", f"/calls/{OPEN}/privacy", "/sign-in", "/my/sign-in", "/no-such-page"]
STAFF_PAGES = {
    SECRETARIAT: ["/secretariat/calls", f"/secretariat/calls/{REVIEW}/nominations", f"/review/calls/{REVIEW}",
                  f"/review/calls/{REVIEW}/nominations", f"/review/calls/{REVIEW}/shortlist",
                  f"/review/calls/{REVIEW}/notices", "/review/shortlists", f"/review/calls/{OPEN}"],
    REVIEWER: ["/review/my-assignments"],
    RECOMMENDER: ["/review/shortlists", f"/review/calls/{REVIEW}/shortlist"],
    DECISION_MAKER: ["/decide/", f"/decide/calls/{REVIEW}", f"/decide/calls/{REVIEW}/decision"],
    ADMIN: ["/admin/calls", "/admin/calls/new", f"/admin/calls/{OPEN}", "/admin/users", "/admin/igf-hosts"],
}
# Pages whose error status is the point of the visit.
EXPECTED_STATUS = {"/no-such-page": 404}
# Where the first nominations a role may open are listed.
NOMINATION_LISTS = {SECRETARIAT: f"/review/calls/{REVIEW}/nominations", REVIEWER: "/review/my-assignments"}


class Problems:
    """What went wrong in the browser while visiting pages."""

    def __init__(self, page: Page, site: Site) -> None:
        self.found: list[str] = []
        self.site = site
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.found.append(f"{page.url}: script error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _failed(self, request: Request) -> None:
        # ERR_ABORTED: the page was left (a form submitted) before the request finished.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.found.append(f"{request.frame.url}: failed: {request.url} {request.failure}")

    def _expected(self, url: str, status: int) -> bool:
        return EXPECTED_STATUS.get(url.removeprefix(self.site.url)) == status

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium also reports an error status of the page itself on the console.
        if message.type == "error" and not self._expected(message.location.get("url", ""), 404):
            self.found.append(f"{message.location.get('url')}: console: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not self._expected(response.url, response.status):
            self.found.append(f"{response.url}: status {response.status}")


def visit(page: Page, site: Site, paths: list[str]) -> None:
    """Open each page and let its scripts run."""
    for path in paths:
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")


def links_under(page: Page, selector: str) -> list[str]:
    """The site's own addresses linked from ``selector`` on the current page."""
    hrefs = page.locator(f"{selector} a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return sorted({h for h in hrefs if h.startswith("/") and not h.startswith("//")})


def visitor_and_nominee(page: Page, site: Site) -> None:
    """The public pages, then a nominee's once signed in by e-mail link."""
    visit(page, site, PUBLIC_PAGES)
    page.goto(f"{site.url}/calls/{OPEN}")
    nominate = [h for h in links_under(page, "main") if "/nominate/" in h]
    visit(page, site, nominate[:1])
    email = unique_address("page.visitor")
    page.goto(f"{site.url}/my/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button").filter(has_text=re.compile("link", re.I)).click()
    follow_sign_in_link(page, site, email, after=0)
    visit(page, site, ["/my", *nominate])


def staff_member(page: Page, site: Site, email: str) -> None:
    """The pages of one staff role: its own, its navigation, and for the Secretariat and
    reviewers the first nominations they may open; for the administrator every call section."""
    sign_in_staff(page, site, email)
    pages = [*STAFF_PAGES[email], *links_under(page, "header nav")]
    if email == ADMIN:
        page.goto(f"{site.url}/admin/calls/{OPEN}")
        pages += [h for h in links_under(page, "main") if h.startswith(f"/admin/calls/{OPEN}/")]
    if email in NOMINATION_LISTS:
        page.goto(site.url + NOMINATION_LISTS[email])
        pages += [h for h in links_under(page, "main") if re.fullmatch(r"/review/nominations/\d+", h)][:2]
    visit(page, site, pages)


def test_no_page_has_a_console_error_or_a_failed_request(browser: Browser, site: Site) -> None:
    found = []
    for who in ["visitor and nominee", *STAFF_PAGES]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems = Problems(page, site)
        if who in STAFF_PAGES:
            staff_member(page, site, who)
        else:
            visitor_and_nominee(page, site)
        context.close()
        found += [f"{who}: {problem}" for problem in problems.found]
    assert not found, "\n".join(found)
