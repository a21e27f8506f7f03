"""Staff pages warn when the audit chain is broken; the watch behind the banner checks only what
is new, so it stays cheap however long the log grows."""
from __future__ import annotations

import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from selection.extensions import db
from selection.models import AuditEvent, Role
from selection.workflow import audit
from selection.workflow.audit_watch import FIRST_WINDOW, ChainWatch
from tests.conftest import sign_in_directly
from tests.selection.workflow.test_audit_chain import without_triggers, write_events

BANNER = "The audit log is broken at record"


@pytest.fixture
def staff_client(app: Flask, client: FlaskClient, make_user) -> FlaskClient:
    return sign_in_directly(client, make_user("sec@example.org", Role.SECRETARIAT))


def tamper(record_id: int) -> None:
    without_triggers()
    db.session.execute(text(f"UPDATE audit_event SET action = 'nothing happened' WHERE id = {record_id}"))
    db.session.commit()


def test_an_intact_chain_shows_no_banner(app: Flask, staff_client: FlaskClient) -> None:
    with app.app_context():
        write_events(3)
    assert BANNER not in staff_client.get("/staff").get_data(as_text=True)


@pytest.mark.parametrize("when", ["before the first look", "after a look"])
def test_a_record_changed_behind_the_application_shows_the_banner(app: Flask, staff_client: FlaskClient,
                                                                  when: str) -> None:
    with app.app_context():
        ids = write_events(3)
    if when == "after a look":
        assert BANNER not in staff_client.get("/staff").get_data(as_text=True)
    with app.app_context():
        tamper(ids[-1])
    page = staff_client.get("/staff").get_data(as_text=True)
    assert f"{BANNER} #{ids[-1]}" in page


def test_a_record_inserted_after_a_look_shows_the_banner(app: Flask, staff_client: FlaskClient) -> None:
    with app.app_context():
        write_events(2)
    staff_client.get("/staff")
    with app.app_context():
        forged = AuditEvent(object_type="user", object_id=1, action="forged", details={}, prev_hash="x" * 64, hash="")
        db.session.add(forged)
        db.session.commit()
        forged_id = forged.id
    assert f"{BANNER} #{forged_id}" in staff_client.get("/staff").get_data(as_text=True)


def test_nominees_and_visitors_see_no_banner(app: Flask, client: FlaskClient, make_user) -> None:
    with app.app_context():
        ids = write_events(2)
        tamper(ids[0])
    assert BANNER not in client.get("/").get_data(as_text=True)
    sign_in_directly(client, make_user("n@example.org", Role.NOMINEE))
    assert BANNER not in client.get("/my").get_data(as_text=True)


def test_the_watch_checks_only_new_records(app: Flask) -> None:
    """5,000 nominations write tens of thousands of records: the first look of a process reads the
    newest FIRST_WINDOW only, and each later look the new ones only."""
    with app.app_context():
        write_events(1)
        user_events = 2 * FIRST_WINDOW
        user = db.session.execute(text("SELECT id FROM \"user\"")).scalar_one()
        from selection.models import User

        actor = db.session.get(User, user)
        for n in range(user_events):
            audit.record(actor, actor, "touched", n=n)
        db.session.commit()
        watch = ChainWatch()
        before_last = db.session.execute(text("SELECT max(id) FROM audit_event")).scalar_one()
        started = time.perf_counter()
        assert watch.look() is None and watch.through_id == before_last
        first = time.perf_counter() - started
        audit.record(actor, actor, "one more")
        db.session.commit()
        started = time.perf_counter()
        assert watch.look() is None
        again = time.perf_counter() - started
        assert watch.through_id == before_last + 1 and first < 1.0 and again < 0.2, (first, again)
