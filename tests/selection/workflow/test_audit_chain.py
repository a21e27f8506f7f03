"""The audit log is tamper-evident and append-only in the database itself."""
from __future__ import annotations

import threading

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from flask_migrate import upgrade
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from selection.cli import cli
from selection.extensions import db
from selection.models import AuditEvent, Role, User
from selection.models.audit import GENESIS
from selection.workflow import audit
from selection.workflow.audit import verify_chain
from selection.workflow.users import create_user
from tests.conftest import reset_database


def write_events(count: int) -> list[int]:
    """Record ``count`` events about a new user, committed; their ids in order."""
    user = create_user(f"u{count}@example.org", [Role.NOMINEE], None, name="U")
    events = [audit.record(user, user, "touched", n=n, note="naïve café") for n in range(count)]
    db.session.commit()
    return [e.id for e in events]


def without_triggers() -> None:
    """What an attacker with direct database access would do first."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP TRIGGER audit_event_no_change ON audit_event"))
    else:
        db.session.execute(text("DROP TRIGGER audit_event_no_update"))
        db.session.execute(text("DROP TRIGGER audit_event_no_delete"))
    db.session.commit()


def test_records_chain_from_the_genesis(app: Flask) -> None:
    with app.app_context():
        write_events(3)
        events = db.session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert len(events) == 4 and events[0].prev_hash == GENESIS
        assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
        assert verify_chain().intact and verify_chain().records == 4  # the user's creation too


def test_the_database_refuses_update_and_delete(app: Flask) -> None:
    with app.app_context():
        [first, *_] = write_events(2)
        for statement in (f"UPDATE audit_event SET action = 'x' WHERE id = {first}",
                          f"DELETE FROM audit_event WHERE id = {first}"):
            with pytest.raises(DatabaseError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.get(AuditEvent, first).action != "x"


@pytest.mark.parametrize("tamper", ["change", "delete", "insert"])
def test_verify_names_the_first_tampered_record(app: Flask, runner: FlaskCliRunner, tamper: str) -> None:
    with app.app_context():
        ids = write_events(5)
        without_triggers()
        target = ids[2]
        if tamper == "change":
            db.session.execute(text(f"UPDATE audit_event SET action = 'nothing happened' WHERE id = {target}"))
        elif tamper == "delete":
            db.session.execute(text(f"DELETE FROM audit_event WHERE id = {ids[1]}"))
        else:
            forged = AuditEvent(object_type="user", object_id=1, action="forged", details={}, prev_hash="", hash="")
            db.session.add(forged)
            db.session.flush()
            target = forged.id
        db.session.commit()
        check = verify_chain()
        assert not check.intact and check.broken_id == target
    result = runner.invoke(cli, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"broken at record #{target}" in result.output


def test_verify_reports_an_intact_log(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        write_events(3)
    result = runner.invoke(cli, ["audit", "verify"])
    assert result.exit_code == 0 and "intact: 4 records" in result.output


def test_a_rolled_back_record_leaves_no_gap(app: Flask) -> None:
    with app.app_context():
        write_events(1)
        user = db.session.execute(select(User)).scalar_one()
        audit.record(user, user, "undone")
        db.session.rollback()
        audit.record(user, user, "kept")
        db.session.commit()
        assert verify_chain().intact


def test_migration_chains_the_records_written_before_it(app: Flask) -> None:
    with app.app_context():
        reset_database()
        upgrade(revision="a81facfe7748")
        db.session.execute(text(
            "INSERT INTO audit_event (at, object_type, object_id, action, details) VALUES "
            "('2025-01-02 03:04:05.000006', 'call', 1, 'created', '{\"title\": \"Panel\"}'), "
            "('2025-01-03 03:04:05.000000', 'call', 1, 'opened', '{}')"))
        db.session.commit()
        upgrade()
        check = verify_chain()
        assert check.intact and check.records == 2
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text("DELETE FROM audit_event"))
        db.session.rollback()


def test_concurrent_writers_never_fork_the_chain(app: Flask) -> None:
    with app.app_context():
        write_events(1)
        user_id = db.session.execute(select(User.id)).scalar_one()
    errors: list[str] = []

    def writer(k: int) -> None:
        with app.app_context():
            for i in range(10):
                user = db.session.get(User, user_id)
                audit.record(user, user, "first", k=k, i=i)
                audit.record(user, user, "second", k=k, i=i)
                try:
                    db.session.commit()
                except Exception as exc:  # noqa: BLE001 - reported below
                    errors.append(repr(exc))
                    db.session.rollback()
            db.session.remove()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        check = verify_chain()
        assert errors == [] and check.intact and check.records == 2 + 6 * 10 * 2
