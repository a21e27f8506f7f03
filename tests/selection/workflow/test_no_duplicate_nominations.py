"""A new nomination is never made twice: the same form sent again (a retry whose answer was
lost) lands on the nomination it created, and a person has one nomination still open to
changes per person nominated, call, stakeholder group and nominator."""
from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import AuditEvent, Nomination, NominationStatus, OutboxMessage, StoredFile, User
from selection.workflow import nominations as ops
from selection.workflow.applications import Action, NominationExists, NotAllowed, save_application
from tests.selection.factories import call_by_slug
from tests.selection.workflow.test_applications import NOMINEE, complete, person, with_cv

TOKEN = "t0k3n-of-the-new-nomination-form"
OTHER_TOKEN = "another-token-of-another-new-form"


@pytest.fixture(autouse=True)
def request_ctx(app: Flask) -> Iterator[None]:
    """A request context, as the web gives the operation."""
    with app.test_request_context():
        yield


def nominations() -> int:
    return db.session.scalar(select(func.count()).select_from(Nomination))


def counts() -> tuple[int, ...]:
    """Nominations, stored files, outbox messages, audit records."""
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Nomination, StoredFile, OutboxMessage, AuditEvent))


def test_the_same_form_saved_twice_makes_one_draft(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    actor = person(NOMINEE)
    first = save_application(call, call.groups[0], actor, complete(), None, Action.SAVE, creation_token=TOKEN)
    db.session.commit()
    again = save_application(call, call.groups[0], actor, complete(), None, Action.SAVE, creation_token=TOKEN)
    db.session.commit()
    assert again.nomination.id == first.nomination.id and nominations() == 1
    assert again.nomination.status == NominationStatus.DRAFT and again.nomination.creation_token == TOKEN


def test_a_submission_sent_again_submits_once_and_mails_one_receipt(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    actor = person(NOMINEE)
    first = save_application(call, call.groups[0], actor, complete(), with_cv(), Action.SUBMIT, creation_token=TOKEN)
    db.session.commit()
    again = save_application(call, call.groups[0], actor, complete(), with_cv(), Action.SUBMIT, creation_token=TOKEN)
    db.session.commit()
    assert again.nomination.id == first.nomination.id and nominations() == 1
    assert again.nomination.status == NominationStatus.SUBMITTED and again.performed == Action.SAVE
    receipts = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.recipient == NOMINEE, OutboxMessage.subject.startswith("Receipt")))
    assert receipts == 1


def test_a_second_new_form_for_the_same_group_is_refused_and_writes_nothing(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    actor = person(NOMINEE)
    draft = save_application(call, call.groups[0], actor, complete(), None, Action.SAVE, creation_token=TOKEN).nomination
    db.session.commit()
    before = counts()
    changed = complete()
    changed.biography = "Typed again in a second tab."
    with pytest.raises(NominationExists) as raised:
        save_application(call, call.groups[0], actor, changed, with_cv(), Action.SAVE, creation_token=OTHER_TOKEN)
    db.session.rollback()
    assert raised.value.nomination.id == draft.id and "My nominations" in str(raised.value)
    assert counts() == before and db.session.get(Nomination, draft.id).biography == "A biography."
    with pytest.raises(NominationExists):  # without a token (the API, an old page) alike
        save_application(call, call.groups[0], actor, complete(), None, Action.SAVE)


def test_a_submitted_nomination_is_not_started_again_but_another_group_or_after_withdrawal_is(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    actor = person(NOMINEE)
    submitted = save_application(call, call.groups[0], actor, complete(), with_cv(), Action.SUBMIT).nomination
    db.session.commit()
    with pytest.raises(NominationExists):
        save_application(call, call.groups[0], actor, complete(), None, Action.SAVE)
    db.session.rollback()
    save_application(call, call.groups[1], actor, complete(), None, Action.SAVE)
    ops.withdraw(submitted, actor)
    again = save_application(call, call.groups[0], actor, complete(), None, Action.SAVE).nomination
    db.session.commit()
    assert again.id != submitted.id and nominations() == 3


def test_a_nominator_has_one_nomination_per_nominee_and_group(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    nominator = person("chair@example.org")
    save_application(call, call.groups[0], nominator, complete(third_party=True), None, Action.SAVE)
    db.session.commit()
    with pytest.raises(NominationExists):
        save_application(call, call.groups[0], nominator, complete(NOMINEE.upper(), third_party=True), None,
                         Action.SAVE)
    db.session.rollback()
    save_application(call, call.groups[0], nominator, complete("someone.else@example.org", third_party=True),
                     None, Action.SAVE)
    # The nominee may still nominate themself: that is another nominator.
    save_application(call, call.groups[0], person(NOMINEE), complete(), None, Action.SAVE)
    db.session.commit()
    assert nominations() == 3


@pytest.mark.parametrize("where", ["another person", "another group"])
def test_a_token_of_another_form_changes_nothing(panel_call: str, where: str) -> None:
    call = call_by_slug(panel_call)
    owner = person(NOMINEE)
    save_application(call, call.groups[0], owner, complete(), None, Action.SAVE, creation_token=TOKEN)
    db.session.commit()
    before = counts()
    actor, group = (person("other@example.org"), call.groups[0]) if where == "another person" else (owner, call.groups[1])
    with pytest.raises(NotAllowed):
        save_application(call, group, actor, complete("other@example.org"), None, Action.SAVE, creation_token=TOKEN)
    db.session.rollback()
    assert counts() == before


def test_copies_of_one_form_sent_at_once_make_one_nomination(app: Flask, panel_call: str) -> None:
    actor_id = person(NOMINEE).id
    db.session.commit()
    start, errors, made = threading.Barrier(4), [], []

    def send() -> None:
        with app.test_request_context():
            call = call_by_slug(panel_call)
            start.wait()
            try:
                saved = save_application(call, call.groups[0], db.session.get(User, actor_id), complete(), None,
                                         Action.SAVE, creation_token=TOKEN)
                db.session.commit()
                made.append(saved.nomination.id)
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(repr(error))
                db.session.rollback()
            db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(made)) == 1 and nominations() == 1
