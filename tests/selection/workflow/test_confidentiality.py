"""Outcomes and internal work stay confidential until released: the status and history a
nominee and nominator see, the roster's announcement, the audit log in words, and who sees
what for each role (selection.workflow.visibility)."""
from __future__ import annotations

import ast
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

import selection
from selection.extensions import db
from selection.models import (
    AuditEvent,
    Call,
    Decision,
    Nomination,
    NominationStatus,
    NominatorKind,
    NoticeOutcome,
    OutboxMessage,
    OutboxStatus,
    Role,
    User,
)
from selection.workflow import decision as decision_ops
from selection.workflow import notices, review, roster, visibility
from selection.workflow.audit_words import STAFF_WORDS, staff_words
from selection.workflow.errors import WorkflowError
from selection.workflow.nominations import withdraw
from selection.workflow.users import create_user
from selection.workflow.visibility import Viewer, nominee_status, status_for
from tests.conftest import sign_in_directly
from tests.selection.factories import csrf_token_from, review_call, shortlisted_call, staff, submitted

S = NominationStatus
SLUG = "lp-decision"
NOMINEE = "nominee.00@nominees.example.net"
NOMINATOR = "mission@nominators.example.net"
OTHER = "someone.else@nominees.example.net"
STAFF_EMAILS = {Role.SECRETARIAT: "sec@un.example.org", Role.DECISION_MAKER: "dm@un.example.org",
                Role.REVIEWER: "rev@un.example.org"}


@pytest.fixture
def decided(app: Flask) -> dict[str, int]:
    """A decided call: nominee 0 (a third party's nomination, with a nominee account) appointed,
    all notices held, the roster not announced; plus another nominee and one user per staff role."""
    with app.app_context():
        call, nominations = shortlisted_call(SLUG)
        first = nominations[0]
        nominee = create_user(NOMINEE, [Role.NOMINEE], None)
        nominator = create_user(NOMINATOR, [Role.NOMINEE], None)
        other = create_user(OTHER, [Role.NOMINEE], None)
        first.nominee.email, first.nominee.user = NOMINEE, nominee
        first.nominator, first.nominator_kind, first.nominator_name = nominator, NominatorKind.MISSION, "The Mission"
        first.nominator_email = NOMINATOR
        nominations[1].nominee.user = other
        users = {role: staff(email, role) for role, email in STAFF_EMAILS.items()}
        decision_ops.decide(call, decision_ops.DecisionInput(
            [n.id for n in nominations[:10]], date(2025, 5, 2), "The Secretary-General's choice.",
            "Chosen by hand."), users[Role.DECISION_MAKER])
        review.add_internal_comment(first, users[Role.SECRETARIAT], "Strong candidate; call her office.")
        db.session.commit()
        return {"call": call.id, "nomination": first.id, "nominee": nominee.id, "nominator": nominator.id,
                "other": other.id, **{role.value: u.id for role, u in users.items()}}


# ------------------------------------------------------------------------------ the rules, as a table

@pytest.mark.parametrize("actual, released, shown", [
    (S.DRAFT, None, S.DRAFT),
    (S.SUBMITTED, None, S.SUBMITTED),
    (S.WITHDRAWN, NoticeOutcome.SHORTLISTED, S.WITHDRAWN),
    (S.UNDER_REVIEW, None, S.SUBMITTED),
    (S.UNDER_REVIEW, NoticeOutcome.RECEIVED, S.SUBMITTED),
    (S.UNDER_REVIEW, NoticeOutcome.UNDER_REVIEW, S.UNDER_REVIEW),
    (S.INELIGIBLE, None, S.SUBMITTED),
    (S.INELIGIBLE, NoticeOutcome.INELIGIBLE, S.INELIGIBLE),
    (S.UNDER_REVIEW, NoticeOutcome.INELIGIBLE, S.INELIGIBLE),  # found eligible again: not yet told
    (S.SHORTLISTED, NoticeOutcome.UNDER_REVIEW, S.UNDER_REVIEW),
    (S.NOT_SHORTLISTED, NoticeOutcome.UNDER_REVIEW, S.UNDER_REVIEW),
    (S.APPOINTED, NoticeOutcome.SHORTLISTED, S.SHORTLISTED),
    (S.APPOINTED, None, S.SUBMITTED),
    (S.APPOINTED, NoticeOutcome.APPOINTED, S.APPOINTED),
    (S.NOT_APPOINTED, NoticeOutcome.NOT_APPOINTED, S.NOT_APPOINTED),
])
def test_a_nominee_sees_an_outcome_only_once_released(actual, released, shown) -> None:
    assert nominee_status(actual, released) == shown


@pytest.mark.parametrize("viewer, shown", [
    (Viewer.NOMINEE, S.SHORTLISTED), (Viewer.NOMINATOR, S.SHORTLISTED),
    (Viewer.STAFF, S.APPOINTED), (Viewer.OTHER, None),
])
def test_status_by_viewer(viewer, shown) -> None:
    assert status_for(viewer, S.APPOINTED, NoticeOutcome.SHORTLISTED) == shown


# ------------------------------------------------------------------------------ each role, over HTTP

ROLES = ["nominee", "nominator", "other", "reviewer", "secretariat", "decision_maker", "anonymous"]
# role -> (nomination page, status badge seen before release, roster before announcement)
BEFORE_RELEASE = {
    "nominee": (200, "Submitted", 404), "nominator": (200, "Submitted", 404), "other": (403, None, 404),
    "reviewer": (403, None, 404), "secretariat": (200, "Appointed", 200),
    "decision_maker": (403, None, 200), "anonymous": (302, None, 404),
}


def _user_id(ids: dict[str, int], role: str) -> int | None:
    return None if role == "anonymous" else ids[role]


def _badge(html: str) -> str:
    start = html.index('class="badge badge-')
    return html[html.index(">", start) + 1:html.index("</span>", start)]


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_what_before_and_after_release(app: Flask, decided: dict[str, int], role: str) -> None:
    client = sign_in_directly(app.test_client(), _user_id(decided, role))
    page_status, badge, roster_status = BEFORE_RELEASE[role]
    page = client.get(f"/nominations/{decided['nomination']}")
    assert page.status_code == page_status
    if badge:
        assert _badge(page.get_data(as_text=True)) == badge
    assert client.get(f"/calls/{SLUG}/members").status_code == roster_status
    if role in ("nominee", "nominator"):
        mine = client.get("/my").get_data(as_text=True)
        assert _badge(mine) == "Submitted" and "Appointed" not in mine
    with app.app_context():
        call = db.session.get(Decision, 1).call
        notices.release_notices(call, db.session.get(User, decided["secretariat"]))
        roster.announce(call, db.session.get(User, decided["decision_maker"]))
        db.session.commit()
    page = client.get(f"/nominations/{decided['nomination']}")
    assert page.status_code == page_status
    if badge:
        assert _badge(page.get_data(as_text=True)) == "Appointed"
    assert client.get(f"/calls/{SLUG}/members").status_code == 200
    if role in ("nominee", "nominator"):
        assert _badge(client.get("/my").get_data(as_text=True)) == "Appointed"


def test_my_nominations_is_one_query_for_the_list(app: Flask, decided: dict[str, int]) -> None:
    from sqlalchemy import event

    client = sign_in_directly(app.test_client(), decided["nominee"])
    client.get("/my")
    with app.app_context():
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            client.get("/my")
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert sum("outcome_notice" in s for s in statements) == 1


# ------------------------------------------------------------------------------ histories

def test_the_nominee_history_shows_only_events_written_for_them(app: Flask, decided: dict[str, int]) -> None:
    client = sign_in_directly(app.test_client(), decided["nominee"])
    html = client.get(f"/nominations/{decided['nomination']}").get_data(as_text=True)
    history = html[html.index('id="history-heading"'):]
    for secret in ("Appointed", "Shortlisted", "comment", "Notice", "decision", "un.example.org", "Pinned"):
        assert secret not in history
    with app.app_context():
        call = db.session.get(Decision, 1).call
        notices.release_notices(call, db.session.get(User, decided["secretariat"]))
        db.session.commit()
    history = client.get(f"/nominations/{decided['nomination']}").get_data(as_text=True)
    history = history[history.index('id="history-heading"'):]
    assert "Appointed: the Secretariat wrote to the nominee" in history and "by the Secretariat" not in history
    assert "un.example.org" not in history


def test_staff_read_the_audit_log_in_words(app: Flask, decided: dict[str, int]) -> None:
    client = sign_in_directly(app.test_client(), decided["secretariat"])
    html = client.get(f"/review/nominations/{decided['nomination']}").get_data(as_text=True)
    log = html[html.index('id="history-h"'):]
    assert "Appointed by the decision" in log and "Notice “Appointed” held in the outbox" in log
    assert "dm@un.example.org" in log
    for raw in ("→", "assignment removed:", "from state", "notice held"):
        assert raw not in log


def test_a_withdrawal_rejoined_late_says_nothing_of_the_outcome(app: Flask, decided: dict[str, int]) -> None:
    client = sign_in_directly(app.test_client(), decided["nominee"])
    page = client.get(f"/nominations/{decided['nomination']}/withdraw")
    response = client.post(f"/nominations/{decided['nomination']}/withdraw",
                           data={"csrf_token": csrf_token_from(page.get_data(as_text=True)), "reason": ""})
    text = response.get_data(as_text=True)
    assert response.status_code == 409 and "can no longer be withdrawn" in text
    assert "appointed" not in text.lower()
    with app.app_context():
        assert db.session.get(Nomination, decided["nomination"]).status == S.APPOINTED


def test_withdrawing_cancels_the_held_notice(app: Flask) -> None:
    with app.app_context():
        call = review_call()
        secretariat = staff("sec@un.example.org", Role.SECRETARIAT)
        nomination = submitted(call, "Ama Owusu", status=S.UNDER_REVIEW)
        review.shortlist(nomination, secretariat, shortlisted=True)
        withdraw(nomination, None, reason="A new post")
        assert notices.held_notice(nomination) is None
        assert not db.session.execute(select(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.HELD, OutboxMessage.related_id == nomination.id)).first()
        assert staff_words(db.session.execute(select(AuditEvent).where(AuditEvent.action == "notice_cancelled"))
                           .scalar_one()).startswith("Notice “Shortlisted” cancelled")


def test_no_mail_tells_an_outcome_before_release(app: Flask, decided: dict[str, int]) -> None:
    with app.app_context():
        to_nominee = db.session.execute(select(OutboxMessage).where(
            OutboxMessage.recipient == NOMINEE)).scalars().all()
        assert to_nominee and all(m.status == OutboxStatus.HELD for m in to_nominee)


# ------------------------------------------------------------------------------ announcement

def test_announcement_rules(app: Flask, decided: dict[str, int]) -> None:
    with app.app_context():
        call = db.session.get(Decision, 1).call
        reviewer = db.session.get(User, decided["reviewer"])
        secretariat = db.session.get(User, decided["secretariat"])
        with pytest.raises(WorkflowError, match="Only the Secretariat"):
            roster.announce(call, reviewer)
        now = datetime(2025, 6, 1, 12, tzinfo=timezone.utc)
        with pytest.raises(WorkflowError, match="cannot be in the past"):
            roster.announce(call, secretariat, date(2025, 5, 31), now=now)
        decision = roster.announce(call, secretariat, date(2025, 6, 10), now=now)
        assert not visibility.roster_is_public(decision, now)
        assert not visibility.roster_is_public(decision, datetime(2025, 6, 9, 23, 59, tzinfo=timezone.utc))
        assert visibility.roster_is_public(decision, datetime(2025, 6, 10, tzinfo=timezone.utc))
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "roster_announced")).scalar_one()
        assert event.actor_id == secretariat.id
        assert staff_words(event) == "Members announced; the roster becomes public on 10 June 2025, 00:00 UTC"
        roster.announce(call, secretariat, now=now)
        with pytest.raises(WorkflowError, match="the roster is public"):
            roster.announce(call, secretariat, now=now + timedelta(days=1))


def test_a_scheduled_announcement_over_http_and_a_refusal(app: Flask, decided: dict[str, int]) -> None:
    client = sign_in_directly(app.test_client(), decided["secretariat"])
    page = client.get(f"/calls/{SLUG}/members").get_data(as_text=True)
    token = csrf_token_from(page)
    refused = client.post(f"/calls/{SLUG}/members", data={"csrf_token": token, "announce_on": "2001-01-01"})
    assert refused.status_code == 400 and "cannot be in the past" in refused.get_data(as_text=True)
    later = (date.today() + timedelta(days=30)).isoformat()
    assert client.post(f"/calls/{SLUG}/members", data={"csrf_token": token, "announce_on": later}).status_code == 302
    assert "becomes public on" in client.get(f"/calls/{SLUG}/members").get_data(as_text=True)
    assert sign_in_directly(client, None).get(f"/calls/{SLUG}/members").status_code == 404
    reviewer = sign_in_directly(app.test_client(), decided["reviewer"])
    own_token = csrf_token_from(reviewer.get("/").get_data(as_text=True))
    assert reviewer.post(f"/calls/{SLUG}/members", data={"csrf_token": own_token}).status_code == 404


def test_announce_through_the_api(app: Flask, client: FlaskClient, make_user, decided: dict[str, int]) -> None:
    from tests.selection.api.test_api import bearer, token_for

    token = token_for(app, make_user, "sec2@un.example.org", Role.SECRETARIAT)
    bad = client.post(f"/api/v1/calls/{SLUG}/announce", headers=bearer(token), json={"announce_on": "soon"})
    assert bad.status_code == 400
    done = client.post(f"/api/v1/calls/{SLUG}/announce", headers=bearer(token), json={})
    assert done.status_code == 200 and done.json["public"] is True
    assert "/calls/{slug}/announce" in client.get("/api/v1/openapi.json").json["paths"]


# ------------------------------------------------------------------------------ every action has words

def _actions_recorded_in_the_code() -> set[str]:
    """Every action name passed to ``audit.record`` anywhere in the package, read from the source;
    a function that passes its own parameter on as the action (a forwarder, such as the meeting
    record's ``record_changed``) is followed to the literals its callers give."""
    found: set[str] = set()
    trees = {path: ast.parse(path.read_text(encoding="utf-8"))
             for path in Path(selection.__file__).parent.rglob("*.py")}
    forwarders: dict[str, int] = {}
    for path, tree in trees.items():
        assignments = {node.targets[0].id: node.value for node in ast.walk(tree)
                       if isinstance(node, ast.Assign) and len(node.targets) == 1
                       and isinstance(node.targets[0], ast.Name)}
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            parameters = [a.arg for a in function.args.args]
            for node in ast.walk(function):
                if not _is_audit_record(node):
                    continue
                action = node.args[2]
                if isinstance(action, ast.Name) and action.id in parameters and action.id not in assignments:
                    forwarders[function.name] = parameters.index(action.id)
                else:
                    found |= _strings(action, assignments, f"{path.name}:{node.lineno}")
    for path, tree in trees.items():
        for node in ast.walk(tree):
            name = getattr(node.func, "id", getattr(node.func, "attr", None)) if isinstance(node, ast.Call) else None
            if name in forwarders and len(node.args) > forwarders[name]:
                found |= _strings(node.args[forwarders[name]], {}, f"{path.name}:{node.lineno}")
    return found


def _is_audit_record(node: ast.AST) -> bool:
    """``audit.record(...)`` with its action among the positional arguments."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit" and len(node.args) > 2)


def _strings(expr: ast.expr, assignments: dict[str, ast.expr], where: str) -> set[str]:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _strings(expr.body, assignments, where) | _strings(expr.orelse, assignments, where)
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Dict):
        return set().union(*(_strings(v, assignments, where) for v in expr.value.values))
    if isinstance(expr, ast.Name) and expr.id in assignments:
        return _strings(assignments[expr.id], assignments, where)
    raise AssertionError(f"{where}: audit.record with an action this test cannot read; use a literal")


def test_every_recorded_action_has_a_wording() -> None:
    actions = _actions_recorded_in_the_code()
    assert {"status", "exported", "conflict_declared", "roster_announced", "review_draft_saved",
            "unpinned", "deactivated"} <= actions
    assert sorted(actions - set(STAFF_WORDS)) == []


def test_screening_and_shortlist_show_only_once_released(app: Flask) -> None:
    with app.app_context():
        call = review_call()
        secretariat = staff("sec@un.example.org", Role.SECRETARIAT)
        user = create_user("ama@nominees.example.net", [Role.NOMINEE], None)
        nomination = submitted(call, "Ama Owusu", email="ama@nominees.example.net")
        nomination.nominee.user = user
        review.screen(nomination, secretariat, eligible=True)
        db.session.commit()
        ids = (user.id, nomination.id)
    client = sign_in_directly(app.test_client(), ids[0])

    def badge() -> str:
        return _badge(client.get("/my").get_data(as_text=True))

    assert badge() == "Submitted"
    with app.app_context():
        call = db.session.get(Nomination, ids[1]).call
        secretariat = db.session.execute(select(User).where(User.email == "sec@un.example.org")).scalar_one()
        notices.release_notices(call, secretariat)
        review.shortlist(db.session.get(Nomination, ids[1]), secretariat, shortlisted=False)
        db.session.commit()
    assert badge() == "Under review"
    closed = client.get(f"/nominations/{ids[1]}/edit")
    assert closed.status_code == 410 and "shortlisted" not in closed.get_data(as_text=True).lower()
    with app.app_context():
        notices.release_notices(db.session.get(Nomination, ids[1]).call,
                                db.session.execute(select(User).where(User.email == "sec@un.example.org")).scalar_one())
        db.session.commit()
    assert badge() == "Not shortlisted"


def test_screening_before_the_deadline_is_not_told_by_the_page(app: Flask, panel_call: str) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        user = create_user("ama@nominees.example.net", [Role.NOMINEE], None)
        nomination = submitted(call, "Ama Owusu", email="ama@nominees.example.net")
        nomination.nominee.user = user
        review.screen(nomination, staff("sec@un.example.org", Role.SECRETARIAT), eligible=True)
        db.session.commit()
        ids = (user.id, nomination.id)
    html = sign_in_directly(app.test_client(), ids[0]).get(f"/nominations/{ids[1]}").get_data(as_text=True)
    assert _badge(html) == "Submitted" and "The deadline has passed" not in html
    assert "can no longer be changed online" in html and "Under review" not in html
