"""``selection slates propose``: slates printed as a table, the run kept like the web's."""
from __future__ import annotations

from sqlalchemy import select

from selection.cli import cli
from selection.extensions import db
from selection.models import CallStatus, SlateRun, SlateRunStatus
from tests.selection.factories import shortlisted_call


def test_propose_prints_the_slates(app, runner):
    with app.app_context():
        shortlisted_call("lp-cli")
        db.session.commit()
    result = runner.invoke(cli, ["slates", "propose", "lp-cli", "--slates", "2", "--time-limit", "10"])
    assert result.exit_code == 0, result.output
    assert "optimal, 2 slate(s)" in result.output and "Slate 2: score" in result.output
    assert "Nominee 00 KE" in result.output and "UN regional group" in result.output
    with app.app_context():
        run = db.session.execute(select(SlateRun)).scalar_one()
        assert run.status == SlateRunStatus.DONE and run.options["slates"] == 2 and run.requested_by is None


def test_refusals_are_one_line(app, runner):
    result = runner.invoke(cli, ["slates", "propose", "nope"])
    assert result.exit_code == 1 and "Error: no call has the slug 'nope'" in result.output
    with app.app_context():
        call, _ = shortlisted_call("lp-cli")
        call.status = CallStatus.OPEN
        db.session.commit()
    result = runner.invoke(cli, ["slates", "propose", "lp-cli"])
    assert result.exit_code == 1 and "once it has closed" in result.output
    assert runner.invoke(cli, ["slates", "propose", "lp-cli", "--slates", "0"]).exit_code == 2
