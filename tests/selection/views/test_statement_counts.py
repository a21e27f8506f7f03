"""Every staff page and API call of issue 13's table sends as many SQL statements for a call of
80 nominations as for one of 20: what a page shows is batched or eager-loaded, lists are
filtered and paginated in SQL, never one statement per nomination."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from selection.demo import STAFF, seed, seed_scale_calls
from selection.demo.scale import scale_slug
from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus
from selection.workflow import notices
from selection.workflow.notices import outcome_of
from selection.workflow.users import find_user, issue_api_token
from tests.conftest import csrf_token_from, sign_in_directly

PAGES = [
    ("secretariat", "/review/calls/{slug}/nominations?status=under_review&sort=merit&order=desc&page=2"),
    ("secretariat", "/review/calls/{slug}/nominations?q=institute&sort=score"),
    ("secretariat", "/review/calls/{slug}/shortlist"),
    ("secretariat", "/review/calls/{slug}/shortlist?page=2"),
    ("secretariat", "/review/calls/{slug}/nominations?sort=status&order=desc&page=3"),
    ("secretariat", "/review/calls/{slug}/notices"),
    ("secretariat", "/secretariat/calls/{slug}/nominations"),
    ("secretariat", "/secretariat/calls/{slug}/nominations?page=2"),
    ("secretariat", "/secretariat/calls"),
    ("reviewer", "/review/my-assignments"),
    ("api", "/api/v1/calls/{slug}/nominations"),
    ("api", "/api/v1/nominations/{nomination}"),
    ("api", "/api/v1/calls/{slug}/reviews"),
    ("api", "/api/v1/calls/{slug}/shortlist"),
    ("admin", "/admin/calls/{slug}"),
    ("admin", "/admin/calls/{slug}/deadlines"),
    ("decider", "/decide/calls/{slug}"),
    ("decider", "/decide/calls/{slug}/decision"),
    ("decider", "POST /decide/calls/{slug}/decision"),
    ("decider", "POST /decide/calls/{slug}/runs"),
]


def statements(app: Flask, request: Callable[[], object]) -> int:
    """The SQL statements one request sends (it must succeed)."""
    seen: list[int] = []
    listener = lambda *args: seen.append(1)  # noqa: E731
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = request()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code < 400, response.status_code
    return len(seen)


def _hold_notices(slug: str) -> int:
    """A held outcome notice for every nomination of the call; returns a nomination's id."""
    call = db.session.execute(select(Call).where(Call.slug == slug)).scalar_one()
    nominations = db.session.execute(select(Nomination).where(Nomination.call_id == call.id)
                                     .order_by(Nomination.id)).scalars().all()
    for nomination in nominations:
        if nomination.status != NominationStatus.DRAFT:
            notices.hold_notice(nomination, outcome_of(nomination.status), None)
    db.session.commit()
    return nominations[len(nominations) // 2].id


def _shortlisted(app: Flask, slug: str) -> list[int]:
    """The ids of the call's shortlisted nominations, oldest first."""
    with app.app_context():
        return list(db.session.execute(select(Nomination.id).join(Call).where(
            Call.slug == slug, Nomination.status == NominationStatus.SHORTLISTED).order_by(Nomination.id)).scalars())


def _measure(app: Flask, clients: dict[str, FlaskClient], token: str, slug: str, nomination: int) -> dict[str, int]:
    counts = {}
    for role, page in PAGES:
        path = page.removeprefix("POST ").format(slug=slug, nomination=nomination)
        if role == "api":
            client = app.test_client()
            counts[page] = statements(app, lambda: client.get(path, headers={"Authorization": f"Bearer {token}"}))
        elif page.startswith("POST ") and path.endswith("/decision"):
            # The slate editor browsed: two members chosen, the pool searched, its second page.
            client = clients[role]
            csrf = csrf_token_from(client.get(path).get_data(as_text=True))
            data = {"csrf_token": csrf, "members": _shortlisted(app, slug)[:2], "browse": "page-2", "pool_q": "e",
                    "rationale": "Draft", "decided_on": "2025-05-02"}
            counts[page] = min(statements(app, lambda: client.post(path, data=data)) for _ in range(2))
        elif page.startswith("POST "):
            client = clients[role]
            csrf = csrf_token_from(client.get(f"/decide/calls/{slug}").get_data(as_text=True))
            data = {"csrf_token": csrf, "slates": 2, "min_difference": 1, "time_limit_s": 5}
            counts[page] = statements(app, lambda: client.post(path, data=data))  # just after a GET: no touch
        else:
            # The fewer of two: a signed-in session is touched (one UPDATE) once a minute at most.
            counts[page] = min(statements(app, lambda: clients[role].get(path)) for _ in range(2))
    return counts


def test_statements_do_not_grow_with_the_call(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("selection.services.jobs.dispatch", lambda run_id: None)  # measure the POST alone
    with app.app_context():
        seed()
        users = {role: find_user(STAFF[index][0]).id for role, index in
                 (("admin", 0), ("secretariat", 1), ("reviewer", 2), ("decider", 4))}
        token = issue_api_token(find_user(STAFF[1][0]), None)
        db.session.commit()
    clients = {role: sign_in_directly(app.test_client(), user_id) for role, user_id in users.items()}
    measured = []
    for size in (20, 80):
        with app.app_context():
            seed_scale_calls([size])
            nomination = _hold_notices(scale_slug(size))
        measured.append(_measure(app, clients, token, scale_slug(size), nomination))
    small, large = measured
    assert {page: n for page, n in large.items() if n != small[page]} == {}, (small, large)
    _secretariat_list_pages(clients["secretariat"], scale_slug(80))


def _secretariat_list_pages(client: FlaskClient, slug: str) -> None:
    """The Secretariat's list shows fifty candidates a page; a page past the end shows the last."""
    first = client.get(f"/secretariat/calls/{slug}/nominations").get_data(as_text=True)
    assert "Page 1 of 2" in first and first.count("<th scope=\"row\">") == 50
    for page in ("2", "9"):
        last = client.get(f"/secretariat/calls/{slug}/nominations?page={page}").get_data(as_text=True)
        assert "Page 2 of 2" in last and last.count("<th scope=\"row\">") == 30
    assert "80 nominations of 80 candidates." in first
