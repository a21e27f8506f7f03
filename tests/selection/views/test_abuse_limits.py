"""Brute force and mail flooding are stopped: failed passwords per client and per account,
sign-in links per client and per address; and sign-in takes the same time for an unknown
address as for a real account."""
from __future__ import annotations

import time

from flask import Flask
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import OutboxMessage, Role
from selection.workflow.users import create_user
from tests.selection.factories import PASSWORD, csrf_token_from


def attempt(client, email: str, password: str, address: str = "203.0.113.7"):
    page = client.get("/sign-in", environ_base={"REMOTE_ADDR": address})
    return client.post("/sign-in", environ_base={"REMOTE_ADDR": address}, data={
        "email": email, "password": password, "csrf_token": csrf_token_from(page.get_data(as_text=True))})


def outbox_size(app: Flask) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()


def test_failed_passwords_from_one_client_are_slowed_then_refused(app: Flask, make_user) -> None:
    make_user("sec@example.org", Role.SECRETARIAT)
    client = app.test_client()
    codes = [attempt(client, "sec@example.org", "wrong").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    refused = attempt(client, "sec@example.org", PASSWORD)  # even the right password, from there
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.get_data(as_text=True)
    assert "Retry-After" in refused.headers


def test_a_correct_password_elsewhere_does_not_reset_the_attackers_count(app: Flask, make_user) -> None:
    make_user("sec@example.org", Role.SECRETARIAT)
    attacker, owner = app.test_client(), app.test_client()
    for _ in range(4):
        attempt(attacker, "sec@example.org", "wrong")
    assert attempt(owner, "sec@example.org", PASSWORD, address="198.51.100.1").status_code == 302
    assert attempt(attacker, "sec@example.org", "wrong").status_code == 401
    assert attempt(attacker, "sec@example.org", "wrong").status_code == 429


def test_an_account_is_protected_against_many_clients(app: Flask, make_user) -> None:
    make_user("sec@example.org", Role.SECRETARIAT)
    client = app.test_client()
    codes = [attempt(client, "sec@example.org", "wrong", address=f"203.0.113.{n}").status_code for n in range(11)]
    assert codes == [401] * 10 + [429]


def test_unknown_and_real_accounts_take_the_same_time(app: Flask, make_user) -> None:
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    make_user("real@example.org", Role.SECRETARIAT)  # hashed with the test's cheap method
    with app.app_context():
        create_user("scrypt@example.org", [Role.SECRETARIAT], None, password="x" * 12)
        db.session.commit()
    client = app.test_client()

    def timed(email: str) -> float:
        started = time.perf_counter()
        attempt(client, email, "wrong password", address=f"192.0.2.{len(email)}")
        return time.perf_counter() - started

    known = min(timed("scrypt@example.org") for _ in range(2))
    unknown = min(timed("nobody@example.org") for _ in range(2))
    assert unknown > known / 3  # both spend a full scrypt check (today: 4 ms vs 156 ms)


def test_sign_in_links_are_limited_per_client(app: Flask) -> None:
    app.config["SIGN_IN_LINK_REQUESTS_PER_CLIENT"] = "3 per hour"
    client = app.test_client()
    codes = []
    for n in range(4):
        page = client.get("/my/sign-in")
        codes.append(client.post("/my/sign-in", data={
            "email": f"person{n}@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))}).status_code)
    assert codes == [200, 200, 200, 429]
    assert outbox_size(app) == 3


def test_use_your_password_mails_to_staff_are_limited_too(app: Flask, make_user) -> None:
    make_user("sec@example.org", Role.SECRETARIAT)
    client = app.test_client()
    codes = []
    for n in range(7):
        page = client.get("/my/sign-in", environ_base={"REMOTE_ADDR": f"203.0.113.{n}"})
        codes.append(client.post("/my/sign-in", environ_base={"REMOTE_ADDR": f"203.0.113.{n}"}, data={
            "email": "sec@example.org", "csrf_token": csrf_token_from(page.get_data(as_text=True))}).status_code)
    assert codes == [200] * 5 + [429, 429]
    assert outbox_size(app) == 5
