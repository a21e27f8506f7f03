"""Retention: unsuccessful nominations are anonymised once the call's retention period is
over, with a frozen clock; appointed members and running nominations are kept."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from selection.cli import cli
from selection.extensions import db
from selection.models import AuditEvent, Gender, Nomination, NominationStatus
from selection.workflow.audit import verify_chain
from selection.workflow.retention import add_months, apply_retention, retention_ends
from tests.selection.factories import CLOSED_AT, review_call, submitted

S = NominationStatus


def seed(app: Flask) -> dict[str, int]:
    """A closed call (retention 24 months) with one nomination of each fate."""
    with app.app_context():
        call = review_call()
        call.retention_months = 24
        ids = {
            "withdrawn": submitted(call, "Wanjiru Kamau", status=S.WITHDRAWN).id,
            "not_shortlisted": submitted(call, "Lena Novak", nationality="PL", gender=Gender.MAN,
                                         status=S.NOT_SHORTLISTED).id,
            "appointed": submitted(call, "Amina Diallo", nationality="SN", status=S.APPOINTED).id,
        }
        db.session.commit()
        return ids


def test_nothing_happens_before_the_period_ends_and_everything_due_after(app: Flask) -> None:
    ids = seed(app)
    with app.app_context():
        call = db.session.get(Nomination, ids["appointed"]).call
        end = retention_ends(call)
        assert end == add_months(CLOSED_AT, 24)
        before = Counter((n.group_id, n.nominee.region, n.nominee.gender) for n in db.session.execute(select(Nomination)).scalars())

        early = apply_retention(end - timedelta(seconds=1))
        assert early.nominations == []

        dry = apply_retention(end, dry_run=True)
        assert dry.nominations == sorted([ids["withdrawn"], ids["not_shortlisted"]]) and dry.people == 2
        assert db.session.get(Nomination, ids["withdrawn"]).nominee.name == "Wanjiru Kamau"

        done = apply_retention(end)
        db.session.commit()
        assert done.nominations == dry.nominations
        for key in ("withdrawn", "not_shortlisted"):
            nomination = db.session.get(Nomination, ids[key])
            assert nomination.anonymised_at is not None and nomination.biography == ""
            assert nomination.nominee.name == "Erased person" and "@erased.invalid" in nomination.nominee.email
        kept = db.session.get(Nomination, ids["appointed"])
        assert kept.nominee.name == "Amina Diallo" and kept.biography
        after = Counter((n.group_id, n.nominee.region, n.nominee.gender) for n in db.session.execute(select(Nomination)).scalars())
        assert after == before
        assert apply_retention(end + timedelta(days=400)).nominations == []  # done once
        details = str([e.details for e in db.session.execute(select(AuditEvent)).scalars()])
        assert "Wanjiru" not in details and verify_chain().intact


def test_the_command_with_a_frozen_clock(app: Flask, runner: FlaskCliRunner, monkeypatch) -> None:
    ids = seed(app)
    import selection.cli.retention as command

    monkeypatch.setattr(command, "utcnow", lambda: add_months(CLOSED_AT, 23))
    result = runner.invoke(cli, ["retention", "apply"])
    assert result.exit_code == 0 and "0 nominations were anonymised" in result.output

    monkeypatch.setattr(command, "utcnow", lambda: add_months(CLOSED_AT, 25))
    dry = runner.invoke(cli, ["retention", "apply", "--dry-run"])
    assert dry.exit_code == 0 and "2 nominations would be anonymised" in dry.output and "Nothing was changed" in dry.output
    with app.app_context():
        assert db.session.get(Nomination, ids["withdrawn"]).anonymised_at is None

    result = runner.invoke(cli, ["retention", "apply"])
    assert result.exit_code == 0 and "2 nominations were anonymised" in result.output, result.output
    with app.app_context():
        assert db.session.get(Nomination, ids["withdrawn"]).anonymised_at is not None
        assert db.session.get(Nomination, ids["appointed"]).anonymised_at is None


def test_add_months_keeps_the_end_of_a_short_month() -> None:
    from datetime import datetime, timezone

    assert add_months(datetime(2025, 1, 31, tzinfo=timezone.utc), 1).day == 28
    assert add_months(datetime(2025, 11, 15, tzinfo=timezone.utc), 14) == datetime(2027, 1, 15, tzinfo=timezone.utc)
