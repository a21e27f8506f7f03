"""The demo command: schema, the Leadership Panel call, synthetic nominations, staff users."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from selection.cli import cli
from selection.demo import DEMO_NOMINATIONS, OPEN_CALL_SLUG, STAFF
from selection.demo.review_call import EXTRA_REVIEWERS, PER_GROUP, REVIEW_CALL_SLUG
from selection.extensions import db
from selection.models import Call, CallStatus, Nomination, NominationStatus, Nominee, User
from tests.conftest import reset_database

LEADERSHIP_GROUPS = range(5)


def counts() -> dict[str, int]:
    return {
        model.__name__: db.session.execute(select(func.count()).select_from(model)).scalar_one()
        for model in (Call, Nomination, Nominee, User)
    }


def test_demo_seeds_once_and_prints_accounts(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        reset_database()  # the demo creates the schema itself, through the migrations
    first = runner.invoke(cli, ["demo", "--seed-only"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        after_first = counts()
    second = runner.invoke(cli, ["demo", "--seed-only"])
    assert second.exit_code == 0, second.output
    with app.app_context():
        assert counts() == after_first
    review_nominations = len(LEADERSHIP_GROUPS) * PER_GROUP
    assert after_first == {
        "Call": 2, "Nomination": DEMO_NOMINATIONS + review_nominations,
        "Nominee": DEMO_NOMINATIONS + review_nominations,
        "User": DEMO_NOMINATIONS + review_nominations + len(STAFF) + len(EXTRA_REVIEWERS),
    }
    for email, _role, _name in STAFF:
        assert email in first.output
    # The same passwords are printed every time, so a tester can always sign in.
    def accounts(output: str) -> list[str]:
        return [line for line in output.splitlines() if "@demo.example.org" in line]

    assert accounts(first.output) == accounts(second.output)


def test_demo_call_is_open_and_balanced(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        reset_database()
    assert runner.invoke(cli, ["demo", "--seed-only"]).exit_code == 0
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == OPEN_CALL_SLUG)).scalar_one()
        assert call.status == CallStatus.OPEN and call.accepts_nominations()
        assert call.seats == 10 and [g.seats for g in call.groups] == [2, 2, 2, 2, 2]
        nominations = call.nominations
        assert {n.status for n in nominations} == {NominationStatus.SUBMITTED}
        for group in call.groups:
            in_group = [n for n in nominations if n.group_id == group.id]
            assert len({n.nominee.region for n in in_group}) == 5, group.code
            assert {n.nominee.gender.value for n in in_group} >= {"woman", "man"}
        assert all(n.nominee.region for n in nominations)


def test_demo_staff_can_sign_in(app: Flask, runner: FlaskCliRunner, auth) -> None:
    with app.app_context():
        reset_database()
    output = runner.invoke(cli, ["demo", "--seed-only"]).output
    line = next(line for line in output.splitlines() if "secretariat@demo.example.org" in line)
    password = line.split()[-1]
    response = auth.sign_in("secretariat@demo.example.org", password)
    assert response.status_code == 302


def test_the_closed_call_is_in_review_with_a_shortlist_the_optimizer_can_use(app: Flask) -> None:
    from collections import Counter

    from selection.demo import seed
    from selection.models import ConflictDeclaration, Recommendation, Review
    from selection.workflow.review_list import load_review_data

    with app.app_context():  # the app fixture made the schema; seeding twice adds nothing twice
        seed()
        before = counts()
        seed()
        assert counts() == before
        call = db.session.execute(select(Call).where(Call.slug == REVIEW_CALL_SLUG)).scalar_one()
        open_call = db.session.execute(select(Call).where(Call.slug == OPEN_CALL_SLUG)).scalar_one()
        assert call.status == CallStatus.CLOSED and open_call.status == CallStatus.OPEN
        shortlisted = [n for n in call.nominations if n.status == NominationStatus.SHORTLISTED]
        by_group = Counter(n.group.code for n in shortlisted)
        assert set(by_group) == {g.code for g in call.groups} and min(by_group.values()) >= 4
        for group in call.groups:
            in_group = [n for n in shortlisted if n.group_id == group.id]
            assert len({n.nominee.region for n in in_group}) >= 4
        genders = Counter(n.nominee.gender.value for n in shortlisted)
        assert genders["woman"] >= 8 and genders["man"] >= 8
        assert len({n.nominee.nationality for n in shortlisted}) == len(shortlisted)
        count = lambda model: db.session.execute(select(func.count()).select_from(model)).scalar_one()  # noqa: E731
        assert count(ConflictDeclaration) == 1 and count(Review) > 50 and count(Recommendation) > 30
        data = load_review_data(call)
        assert all(d.merit is not None for d in data if d.nomination.status == NominationStatus.SHORTLISTED)
        assert {n.status for n in call.nominations} >= {NominationStatus.SUBMITTED, NominationStatus.INELIGIBLE,
                                                        NominationStatus.WITHDRAWN, NominationStatus.UNDER_REVIEW,
                                                        NominationStatus.NOT_SHORTLISTED}
