"""The demo command: schema, the Leadership Panel call, synthetic nominations, staff users."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from selection.cli import cli
from selection.demo import DEMO_NOMINATIONS, OPEN_CALL_SLUG, STAFF
from selection.extensions import db
from selection.models import Call, CallStatus, Nomination, NominationStatus, Nominee, User
from tests.conftest import reset_database


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
    assert after_first == {
        "Call": 1, "Nomination": DEMO_NOMINATIONS, "Nominee": DEMO_NOMINATIONS,
        "User": DEMO_NOMINATIONS + len(STAFF),
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
