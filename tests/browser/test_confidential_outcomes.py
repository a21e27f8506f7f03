"""Outcomes stay confidential until released, in a real browser on the demo: a nominee of the
decided call sees "Submitted" until the Secretariat releases the notices, and the roster is
public only once announced."""
from __future__ import annotations

import re
from datetime import date, timedelta

from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from selection.demo.review_call import REVIEW_CALL_SLUG
from selection.extensions import db
from selection.models import Call, Membership, User
from selection.slates import shortlist_of
from selection.workflow import access
from selection.workflow.decision import DecisionInput, decide

SLUG = REVIEW_CALL_SLUG


def _decide_by_hand(app: Flask) -> str:
    """Record a decision on the demo's closed call (two per group); returns a member's address."""
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == SLUG)).scalar_one()
        chosen: dict[int, list[int]] = {}
        for nomination in shortlist_of(call):
            chosen.setdefault(nomination.group_id, [])
            if len(chosen[nomination.group_id]) < 2:
                chosen[nomination.group_id].append(nomination.id)
        dm = db.session.execute(select(User).where(User.email == "decision-maker@demo.example.org")).scalar_one()
        decide(call, DecisionInput([i for ids in chosen.values() for i in ids], date.today(), "Browser test.",
                                   "Composed by hand for the test."), dm)
        db.session.commit()
        member = db.session.execute(select(Membership).join(Membership.nomination)).scalars().first()
        return member.nomination.nominee.email


def _sign_in_nominee(page: Page, app: Flask, live_server: str, email: str) -> None:
    with app.app_context():
        token = access.issue_link(email, lifetime=timedelta(minutes=30), limit_per_hour=50)
        db.session.commit()
    page.goto(f"{live_server}/my/sign-in/{token}")
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def _sign_in_staff(page: Page, live_server: str, email: str, password: str) -> None:
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def test_outcome_and_roster_stay_private_until_released_and_announced(
        page: Page, live_server: str, app: Flask, demo_accounts: dict[str, str]) -> None:
    member = _decide_by_hand(app)
    nominee = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _sign_in_nominee(nominee, app, live_server, member)
    nominee.goto(f"{live_server}/my")
    expect(nominee.locator("td .badge").first).to_have_text("Submitted")
    expect(nominee.locator("main")).not_to_contain_text("Appointed")

    # Nobody outside sees the roster; the call page does not link to it.
    assert page.goto(f"{live_server}/calls/{SLUG}/members").status == 404
    page.goto(f"{live_server}/calls/{SLUG}")
    expect(page.locator(f"a[href='/calls/{SLUG}/members']")).to_have_count(0)

    # The Secretariat releases the notices: now the nominee learns the outcome.
    secretariat = "secretariat@demo.example.org"
    _sign_in_staff(page, live_server, secretariat, demo_accounts[secretariat])
    page.goto(f"{live_server}/review/calls/{SLUG}/notices")
    page.get_by_role("button", name=re.compile("Release all")).click()
    nominee.goto(f"{live_server}/my")
    expect(nominee.locator("td .badge").first).to_have_text("Appointed")

    # The Secretariat announces the members: the roster is public and linked.
    page.goto(f"{live_server}/calls/{SLUG}/members")
    expect(page.locator("main")).to_contain_text("Not yet announced")
    page.get_by_role("button", name="Announce the members").click()
    expect(page.locator("main")).not_to_contain_text("Not yet announced")
    public = page.context.browser.new_context().new_page()
    assert public.goto(f"{live_server}/calls/{SLUG}/members").status == 200
    public.goto(f"{live_server}/calls/{SLUG}")
    expect(public.locator(f"a[href='/calls/{SLUG}/members']")).to_have_count(1)
