"""Administration and decision pages in a real browser: nothing scrolls sideways at a phone's
width (390 px), the header is one line at 1280 px, and axe-core finds no violation.

One slate run of the demo's closed call is proposed and decided through the pages, so the
comparison, report, decision form and roster are all checked."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from selection.demo.review_call import REVIEW_CALL_SLUG as CLOSED

ADMIN = "admin@demo.example.org"
DECIDER = "decision-maker@demo.example.org"
OPEN = "igf-leadership-panel-2027-2028"
SECTIONS = ["", "/details", "/groups", "/questions", "/questions/preview", "/rules", "/review", "/privacy",
            "/deadlines"]


def _admin_pages() -> list[str]:
    pages = ["/admin/calls", "/admin/calls/new", "/admin/users", "/admin/users/new", "/admin/igf-hosts"]
    return pages + [f"/admin/calls/{slug}{section}" for slug in (OPEN, CLOSED) for section in SECTIONS]


def _decision_pages(run_url: str) -> list[str]:
    return ["/decide/", f"/decide/calls/{CLOSED}", run_url, f"{run_url}?view=matrix", f"{run_url}/report"]


def _sign_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".account")).to_contain_text("Sign out")


@pytest.fixture
def decided(browser: Browser, live_server: str, demo_accounts: dict[str, str]) -> Iterator[str]:
    """Propose slates for the closed demo call through the workspace; yields the run's address
    (before the decision: the decide form is checked first by the tests that need it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    _sign_in(page, live_server, DECIDER, demo_accounts[DECIDER])
    page.goto(f"{live_server}/decide/calls/{CLOSED}")
    page.get_by_label("Time limit", exact=False).fill("5")
    page.get_by_role("button", name="Propose slates").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("slates compared")
    yield page.url.removeprefix(live_server)
    context.close()


def _decide(page: Page, base: str, run_url: str) -> None:
    page.goto(f"{base}/decide/calls/{CLOSED}/decision?run={run_url.rsplit('/', 1)[1]}&rank=1")
    page.get_by_label("Rationale", exact=False).fill("The strongest balanced slate.")
    page.get_by_role("button", name=re.compile("Record the decision")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Members", timeout=30_000)


def _scroll_width(page: Page, url: str) -> int:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_admin_or_decision_page_scrolls_sideways_at_390px(browser: Browser, live_server: str,
                                                             demo_accounts: dict[str, str], decided: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    _sign_in(page, live_server, ADMIN, demo_accounts[ADMIN])
    pages = _admin_pages() + _decision_pages(decided) + [f"/decide/calls/{CLOSED}/decision"]
    too_wide = {url: width for url in pages if (width := _scroll_width(page, live_server + url)) > 390}
    _decide(page, live_server, decided)
    too_wide.update({url: width for url in (f"/calls/{CLOSED}/members", decided)
                     if (width := _scroll_width(page, live_server + url)) > 390})
    header = page.locator("header.site-header").bounding_box()
    assert header is not None and header["width"] <= 390
    context.close()
    assert not too_wide, too_wide


def _nav_lines(page: Page) -> int:
    """How many lines the header takes: distinct tops of the brand, the links and the account."""
    return page.evaluate("""() => {
        const items = [...document.querySelectorAll('.site-header .brand, .site-header .nav a, .site-header .account')];
        const tops = items.map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; });
        return Math.max(...tops) - Math.min(...tops) < 16 ? 1 : 2;
    }""")


STAFF_PAGES = {ADMIN: ("/", "/decide/", f"/decide/calls/{CLOSED}", "/admin/calls", "/admin/users"),
               DECIDER: ("/", "/decide/", f"/decide/calls/{CLOSED}"),
               "secretariat@demo.example.org": ("/", "/secretariat/calls"),
               "reviewer@demo.example.org": ("/",), "recommender@demo.example.org": ("/",)}


@pytest.mark.parametrize("email", list(STAFF_PAGES))
def test_the_header_is_one_line_at_1280px(page: Page, live_server: str, demo_accounts: dict[str, str],
                                          email: str) -> None:
    _sign_in(page, live_server, email, demo_accounts[email])
    for url in STAFF_PAGES[email]:
        page.goto(live_server + url)
        assert _nav_lines(page) == 1, url
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, url


def test_header_links_stay_readable_in_every_state(page: Page, live_server: str,
                                                    demo_accounts: dict[str, str]) -> None:
    """White text only ever on the header's blue: links, the current page, hover and focus."""
    _sign_in(page, live_server, ADMIN, demo_accounts[ADMIN])
    page.goto(f"{live_server}/admin/calls")
    current = page.locator('.site-header .nav a[aria-current]')
    expect(current).to_have_text("Administration")
    links = page.locator(".site-header a, .site-header button")
    for index in range(links.count()):
        link = links.nth(index)
        link.hover()
        link.focus()
        colours = link.evaluate("""e => {
            let bg = 'rgba(0, 0, 0, 0)', p = e;
            while (p && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(p).backgroundColor; p = p.parentElement; }
            const box = e.getBoundingClientRect(), header = document.querySelector('.site-header').getBoundingClientRect();
            return {color: getComputedStyle(e).color, bg, inside: box.right <= header.right && box.bottom <= header.bottom};
        }""")
        # The header's blue (#005ea8) or the darker blue of a hovered button: both over 4.5:1 with white.
        assert colours["color"] == "rgb(255, 255, 255)", colours
        assert colours["bg"] in ("rgb(0, 94, 168)", "rgb(0, 74, 133)"), colours
        assert colours["inside"], colours


# WCAG 2.1 A and AA and axe's best practices, plus the experimental rule issue 10 met on the
# review dashboard (a link's aria-label must contain its visible text).
AXE_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
               "rules": {"label-content-name-mismatch": {"enabled": True}}}


def _violations(page: Page, axe: Axe) -> list[str]:
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.response["testEngine"]["name"] == "axe-core"
    return [f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
            for v in results.response["violations"]]


def test_axe_finds_no_violation_and_pages_fit_at_1280px(browser: Browser, live_server: str,
                                                             demo_accounts: dict[str, str], decided: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, live_server, ADMIN, demo_accounts[ADMIN])
    axe = Axe()
    found: dict[str, list[str]] = {}
    pages = _admin_pages() + _decision_pages(decided) + [f"/decide/calls/{CLOSED}/decision"]
    for url in pages:
        page.goto(live_server + url)
        if violations := _violations(page, axe):
            found[url] = violations
        if (width := page.evaluate("document.documentElement.scrollWidth")) > 1280:  # the comparison fits too
            found.setdefault(url, []).append(f"the page is {width} px wide at 1280 px")
    _decide(page, live_server, decided)
    for url in (f"/calls/{CLOSED}/members", f"/calls/{OPEN}"):
        page.goto(live_server + url)
        if violations := _violations(page, axe):
            found[url] = violations
    context.close()
    assert not found, "\n".join(f"{url}: {v}" for url, vs in found.items() for v in vs)
