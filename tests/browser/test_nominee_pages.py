"""Every public and nominee page in a real browser: none scrolls sideways at a phone's width,
axe-core finds no violation on any, and each is photographed at a desktop's width.

Screenshots go to $SELECTION_SCREENSHOTS when set (to look at them), else to pytest's tmp_path.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, Page

from selection.demo import OPEN_CALL_SLUG
from selection.demo.review_call import REVIEW_CALL_SLUG
from selection.extensions import db
from selection.models import Call, Nomination, NominatorKind, Nominee, Question, QuestionKind
from selection.models.enums import POSITION_LEVELS
from selection.models.sign_in_link import CONSENT
from selection.workflow import access
from selection.workflow import nominations as ops
from selection.workflow.users import find_user

PHONE = 390
DESKTOP = 1280
NOMINEE = "nominee001@nominees.example.net"
INVITED = "amina.invited@nominees.example.net"


def sign_in_token(app: Flask, email: str, **options: object) -> str:
    """A one-time link token for ``email``, as the mail would carry it."""
    with app.app_context():
        token = access.issue_link(email, lifetime=timedelta(hours=1), limit_per_hour=50, **options)
        db.session.commit()
        return token


def invite_a_nominee(app: Flask) -> tuple[int, str]:
    """A demo nominee nominates someone else and asks for consent; returns the nomination and a link."""
    with app.app_context():
        call = db.session.execute(db.select(Call).where(Call.slug == OPEN_CALL_SLUG)).scalar_one()
        nominator = find_user(NOMINEE)
        details = ops.NominationDetails(
            name="Amina Diallo (synthetic)", title="Chief Executive Officer", organization="Baobab Networks Ltd.",
            email=INVITED, nationality="SN", residence="SN",
            eligibility_declared=True, biography="A synthetic biography.", motivation="A synthetic statement.",
            languages="French, Wolof, English", data_consent=True, nominator_kind=NominatorKind.ORGANIZATION,
            nominator_name="Kofi Mensah", nominator_organization="Baobab Digital Rights Foundation",
            nominator_email=NOMINEE,
        )
        group = next(g for g in call.groups if g.code == "private_sector")
        details.position_level = POSITION_LEVELS[group.required_level.value][0][0]
        nomination = ops.create_draft(call, group, nominator, details)
        ops.request_consent(nomination, nominator)
        token = access.issue_link(INVITED, lifetime=timedelta(days=1), limit_per_hour=50, purpose=CONSENT,
                                  nomination=nomination)
        db.session.commit()
        return nomination.id, token


def ask_questions(app: Flask) -> None:
    """Give the open call one question of each kind, one of them conditional and all required."""
    with app.app_context():
        call = db.session.execute(db.select(Call).where(Call.slug == OPEN_CALL_SLUG)).scalar_one()
        office = Question(call=call, position=0, label="Do you hold public office?", kind=QuestionKind.YES_NO,
                          required=True)
        db.session.add(office)
        db.session.add_all([
            Question(call=call, position=1, label="Which office?", kind=QuestionKind.TEXT, required=True,
                     show_if_question=office, show_if_value="yes"),
            Question(call=call, position=2, label="Main field of work", kind=QuestionKind.CHOICE, required=True,
                     choices=["Policy", "Technology", "Research"]),
            Question(call=call, position=3, label="Vision for the Panel", kind=QuestionKind.LONG_TEXT,
                     required=True),
            Question(call=call, position=4, label="Endorsement letter", kind=QuestionKind.FILE, required=True),
        ])
        db.session.commit()


def own_nomination(app: Flask) -> int:
    with app.app_context():
        return db.session.execute(
            db.select(Nomination.id).join(Nomination.nominee).where(Nominee.email == NOMINEE)
        ).scalars().first()


def use_link(page: Page, base: str, token: str) -> None:
    page.goto(f"{base}/my/sign-in/{token}")
    page.locator("main button[type=submit]").click()


def visit_every_page(browser: Browser, base: str, app: Flask, width: int) -> Iterator[tuple[str, Page]]:
    """Open each public and nominee page in turn at ``width``; yields its name and the page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for name, path in (("home", "/"), ("call", f"/calls/{OPEN_CALL_SLUG}"),
                           ("closed-call", f"/calls/{REVIEW_CALL_SLUG}"),
                           ("privacy", f"/calls/{OPEN_CALL_SLUG}/privacy"), ("sign-in", "/my/sign-in")):
            page.goto(base + path)
            yield name, page
        page.get_by_label("E-mail").fill("someone.new@nominees.example.net")
        page.locator("main button[type=submit]").click()
        page.get_by_role("heading", name="Check your e-mail").wait_for()
        yield "link-sent", page

        use_link(page, base, sign_in_token(app, NOMINEE))
        ask_questions(app)
        own = own_nomination(app)
        for name, path in (("my-nominations", "/my"), ("nomination", f"/nominations/{own}"),
                           ("withdraw", f"/nominations/{own}/withdraw"), ("edit", f"/nominations/{own}/edit"),
                           ("nominate", f"/calls/{OPEN_CALL_SLUG}/nominate/civil_society")):
            page.goto(base + path)
            yield name, page
        page.locator("#nomination_kind-0").check()
        page.get_by_label("Full name").fill("")
        page.get_by_role("button", name="Submit nomination").click()
        page.wait_for_selector("#error-summary")
        yield "nominate-refused", page

        invited_id, token = invite_a_nominee(app)
        context.clear_cookies()
        use_link(page, base, token)
        page.wait_for_url(f"**/nominations/{invited_id}/edit")
        yield "consent", page
        for name, path in (("invited-my-nominations", "/my"), ("decline", f"/nominations/{invited_id}/decline")):
            page.goto(base + path)
            yield name, page
    finally:
        context.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SELECTION_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_no_public_or_nominee_page_scrolls_sideways_on_a_phone(browser: Browser, live_server: str, app: Flask,
                                                              screenshots: Path) -> None:
    too_wide = {}
    for name, page in visit_every_page(browser, live_server, app, PHONE):
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(screenshots / f"{PHONE}-{name}.png"), full_page=True)
        if width > PHONE:
            too_wide[name] = width
    assert too_wide == {}


def test_axe_finds_no_violation_on_public_and_nominee_pages(browser: Browser, live_server: str, app: Flask,
                                                           screenshots: Path) -> None:
    axe = Axe()
    found = {}
    visited = []
    for name, page in visit_every_page(browser, live_server, app, DESKTOP):
        visited.append(name)
        page.screenshot(path=str(screenshots / f"{DESKTOP}-{name}.png"), full_page=True)
        results = axe.run(page)
        if results.violations_count:
            found[name] = results.generate_report()
    assert len(visited) == 15
    assert not found, "\n\n".join(f"== {name}\n{report}" for name, report in found.items())
