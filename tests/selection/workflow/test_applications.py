"""``save_application`` and ``withdraw_application``: one operation per nomination form, and
every notice through the one notice path, whoever acts (web, API, command line)."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select

from selection.cli import cli
from selection.extensions import db
from selection.models import (
    AuditEvent,
    ConsentState,
    FilePurpose,
    Gender,
    Nomination,
    NominationStatus,
    NominatorKind,
    OutboxMessage,
    Role,
    StoredFile,
    User,
)
from selection.workflow import access
from selection.workflow import nominations as ops
from selection.workflow.applications import (
    Action,
    ApplicationFiles,
    NotAllowed,
    Upload,
    invite_again,
    save_application,
    withdraw_application,
)
from selection.workflow.errors import WorkflowError
from selection.workflow.users import create_user, issue_api_token
from tests.selection.factories import PDF, call_by_slug

NOMINEE = "zanele@example.org"
NOMINATOR = "chair@example.org"


@pytest.fixture
def request_ctx(app: Flask) -> Iterator[None]:
    """A request context, as the web gives the operation (mail links are absolute)."""
    with app.test_request_context():
        yield


def complete(email: str = NOMINEE, third_party: bool = False) -> ops.NominationDetails:
    details = ops.NominationDetails(
        name="Zanele Ito", title="Minister", organization="Ministry of Digital Affairs", email=email,
        nationality="ZA", residence="ZA", gender=Gender.WOMAN, position_level="minister", eligibility_declared=True,
        biography="A biography.", motivation="A motivation.", availability_confirmed=True,
        languages="English", data_consent=True, no_remuneration_declared=True)
    if third_party:
        details.nominator_kind = NominatorKind.COMMITTEE
        details.nominator_name, details.nominator_organization = "Chair", "Civil society committee"
        details.nominator_email = NOMINATOR
    return details


def with_cv() -> ApplicationFiles:
    return ApplicationFiles(cv=Upload(PDF, "cv.pdf"), letters=[Upload(PDF, "letter.pdf")])


def person(email: str, *roles: Role) -> User:
    return create_user(email, list(roles or [Role.NOMINEE]), None)


def counts() -> tuple[int, int, int, int]:
    """Nominations, stored files, outbox messages, audit records."""
    return tuple(db.session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                 for model in (Nomination, StoredFile, OutboxMessage, AuditEvent))


def mail_to(address: str) -> list[str]:
    return list(db.session.execute(select(OutboxMessage.subject).where(
        OutboxMessage.recipient == address).order_by(OutboxMessage.id)).scalars())


@pytest.mark.usefixtures("request_ctx")
def test_saving_a_draft_stores_it_and_tells_nobody(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    saved = save_application(call, call.groups[0], person(NOMINEE), ops.NominationDetails(name="Zanele Ito",
                             email=NOMINEE), None, Action.SAVE)
    assert saved.performed == Action.SAVE and saved.nomination.status == NominationStatus.DRAFT
    assert mail_to(NOMINEE) == []


@pytest.mark.usefixtures("request_ctx")
def test_submitting_attaches_the_files_and_queues_the_receipt(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    actor = person(NOMINEE)
    saved = save_application(call, call.groups[0], actor, complete(), with_cv(), Action.SUBMIT)
    nomination = saved.nomination
    assert saved.performed == Action.SUBMIT and nomination.status == NominationStatus.SUBMITTED
    assert nomination.cv is not None and nomination.cv.purpose == FilePurpose.CV
    assert {f.purpose for f in db.session.execute(select(StoredFile)).scalars()} == {
        FilePurpose.CV, FilePurpose.SUPPORT_LETTER}
    assert all(f.nomination_id == nomination.id and f.owner_id == actor.id
               for f in db.session.execute(select(StoredFile)).scalars())
    assert [s for s in mail_to(NOMINEE) if s.startswith("Receipt")]
    # Submitting again only saves: no second receipt.
    again = save_application(call, call.groups[0], actor, complete(), None, Action.SUBMIT, nomination=nomination)
    assert again.performed == Action.SAVE and len(mail_to(NOMINEE)) == 1


@pytest.mark.usefixtures("request_ctx")
@pytest.mark.parametrize("case", ["incomplete", "staff", "stranger", "consent when none was asked"])
def test_a_refusal_writes_nothing(panel_call: str, case: str) -> None:
    call = call_by_slug(panel_call)
    owner = person(NOMINEE)
    draft = save_application(call, call.groups[0], owner, ops.NominationDetails(name="Z", email=NOMINEE),
                             None, Action.SAVE).nomination
    staff, stranger = person("sec@example.org", Role.SECRETARIAT), person("other@example.org")
    before = counts()
    actor, details, action, target = owner, complete(), Action.SUBMIT, draft
    if case == "incomplete":
        details = ops.NominationDetails(name="Zanele Ito", email=NOMINEE)
    elif case == "staff":
        actor, target = staff, None
    elif case == "stranger":
        actor = stranger
    else:
        action = Action.GIVE_CONSENT
    with pytest.raises(WorkflowError) as raised:
        save_application(call, call.groups[0], actor, details, with_cv(), action, nomination=target)
    expected = {"incomplete": ops.IncompleteNomination, "staff": NotAllowed, "stranger": NotAllowed}
    assert isinstance(raised.value, expected.get(case, WorkflowError))
    assert counts() == before and draft.status == NominationStatus.DRAFT


@pytest.mark.usefixtures("request_ctx")
def test_asking_for_consent_then_consenting_and_declining(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    nominator = person(NOMINATOR)
    saved = save_application(call, call.groups[0], nominator, complete(third_party=True), with_cv(),
                             Action.REQUEST_CONSENT)
    nomination = saved.nomination
    assert saved.performed == Action.REQUEST_CONSENT and nomination.consent_state == ConsentState.PENDING
    assert [s for s in mail_to(NOMINEE) if "please consent" in s]
    invite_again(nomination, nominator)
    assert len([s for s in mail_to(NOMINEE) if "please consent" in s]) == 2
    token = access.issue_link(NOMINEE, lifetime=timedelta(days=1), limit_per_hour=5)
    nominee = access.redeem(access.find_link(token))
    db.session.flush()
    consented = save_application(call, call.groups[0], nominee, complete(third_party=True), None,
                                 Action.GIVE_CONSENT, nomination=nomination)
    assert consented.performed == Action.GIVE_CONSENT and nomination.status == NominationStatus.SUBMITTED
    assert any(s.startswith("Receipt") for s in mail_to(NOMINATOR))
    with pytest.raises(WorkflowError, match="not waiting"):
        invite_again(nomination, nominator)
    with pytest.raises(NotAllowed):
        invite_again(nomination, nominee)

    # The same nominee in another group (in the same one, the nominator has theirs already).
    second = save_application(call, call.groups[1], nominator, complete(third_party=True), None,
                              Action.REQUEST_CONSENT).nomination
    access.redeem(access.find_link(access.issue_link(NOMINEE, lifetime=timedelta(days=1), limit_per_hour=5)))
    db.session.flush()  # the new nomination's nominee is the same person once signed in again
    declined = save_application(call, call.groups[1], nominee, None, None, Action.DECLINE,
                                nomination=second, reason="Not this year")
    assert declined.performed == Action.DECLINE and second.status == NominationStatus.WITHDRAWN
    assert mail_to(NOMINATOR)[-1] == "Nomination declined by Zanele Ito"


@pytest.mark.usefixtures("request_ctx")
def test_withdrawal_tells_the_nominee_and_nominator_and_refuses_strangers(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    nomination = save_application(call, call.groups[0], person(NOMINATOR), complete(third_party=True),
                                  with_cv(), Action.REQUEST_CONSENT).nomination
    stranger = person("other@example.org")
    before = counts()
    with pytest.raises(NotAllowed):
        withdraw_application(nomination, stranger, reason="no")
    assert counts() == before and nomination.status == NominationStatus.DRAFT
    withdraw_application(nomination, None, reason="At the nominee's request")
    assert nomination.status == NominationStatus.WITHDRAWN
    assert mail_to(NOMINEE)[-1] == mail_to(NOMINATOR)[-1] == "Nomination withdrawn: Zanele Ito"
    with pytest.raises(WorkflowError):
        withdraw_application(nomination, None)


def submitted_nomination(app: Flask) -> int:
    with app.test_request_context():
        call = call_by_slug("lp-test")
        nomination = save_application(call, call.groups[0], person(NOMINEE), complete(), with_cv(),
                                      Action.SUBMIT).nomination
        db.session.commit()
        return nomination.id


def withdrawal_mail(app: Flask) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session.execute(select(OutboxMessage).where(
            OutboxMessage.subject == "Nomination withdrawn: Zanele Ito")).scalars())


def test_withdrawal_through_the_api_sends_the_notice(app: Flask, client: FlaskClient, panel_call: str) -> None:
    nomination_id = submitted_nomination(app)
    with app.app_context():
        token = issue_api_token(person("sec@example.org", Role.SECRETARIAT), None)
        reviewer_token = issue_api_token(person("rev@example.org", Role.REVIEWER), None)
        db.session.commit()
    url = f"/api/v1/nominations/{nomination_id}/withdraw"
    refused = client.post(url, json={}, headers={"Authorization": f"Bearer {reviewer_token}"})
    assert refused.status_code == 403 and withdrawal_mail(app) == []
    answer = client.post(url, json={"reason": "By letter"}, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.json["status"] == "withdrawn"
    sent = withdrawal_mail(app)
    assert [m.recipient for m in sent] == [NOMINEE] and "By letter" in sent[0].body_text
    again = client.post(url, json={}, headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 409 and len(withdrawal_mail(app)) == 1


def test_withdrawal_at_the_command_line_sends_the_notice(app: Flask, runner: FlaskCliRunner,
                                                         panel_call: str) -> None:
    nomination_id = submitted_nomination(app)
    result = runner.invoke(cli, ["nominations", "withdraw", str(nomination_id), "--reason", "By letter"])
    assert result.exit_code == 0, result.output
    sent = withdrawal_mail(app)
    assert [m.recipient for m in sent] == [NOMINEE]
    assert "by the Secretariat" in sent[0].body_text and "By letter" in sent[0].body_text
    missing = runner.invoke(cli, ["nominations", "withdraw", "9999"])
    assert missing.exit_code != 0 and "No nomination" in missing.output
