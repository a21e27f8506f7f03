"""Nomination operations beyond the basics: deadline edges, drafts, consent, sign-in links."""
from __future__ import annotations

from datetime import timedelta

import pytest

from selection.extensions import db
from selection.models import (
    Call,
    ConsentState,
    DeadlineExtension,
    NominationStatus,
    NominatorKind,
    Role,
    utcnow,
)
from selection.workflow import access
from selection.workflow import nominations as ops
from selection.workflow.errors import WorkflowError
from selection.workflow.users import create_user
from tests.selection.factories import call_by_slug, complete_application

pytestmark = pytest.mark.usefixtures("app_ctx")


def a_draft(call: Call, third_party: bool = False, email: str = "zanele@example.org"):
    actor = create_user("actor@example.org" if third_party else email, [Role.NOMINEE], None)
    details = ops.NominationDetails(name="Zanele Ito", email=email, nationality="ZA", residence="ZA")
    if third_party:
        details.nominator_kind = NominatorKind.COMMITTEE
        details.nominator_name, details.nominator_organization = "Chair", "Civil society committee"
        details.nominator_email = "actor@example.org"
    return ops.create_draft(call, call.groups[0], actor, details), actor


@pytest.mark.parametrize("offset, allowed", [(-1, True), (0, False), (1, False)])
def test_submit_and_edit_at_the_deadline_edge(panel_call: str, offset: int, allowed: bool) -> None:
    call = call_by_slug(panel_call)
    nomination, actor = a_draft(call)
    complete_application(nomination)
    moment = call.closes_at + timedelta(seconds=offset)
    if allowed:
        ops.submit(nomination, actor, now=moment)
        assert nomination.status == NominationStatus.SUBMITTED
        assert ops.update_details(nomination, actor, ops.NominationDetails.of(nomination), now=moment) == []
    else:
        with pytest.raises(ops.DeadlinePassed):
            ops.submit(nomination, actor, now=moment)
        with pytest.raises(ops.DeadlinePassed):
            ops.update_details(nomination, actor, ops.NominationDetails.of(nomination), now=moment)
        assert nomination.status == NominationStatus.DRAFT


def test_a_deadline_extension_lets_one_nomination_submit_late(panel_call: str) -> None:
    call = call_by_slug(panel_call)
    nomination, actor = a_draft(call)
    complete_application(nomination)
    late = call.closes_at + timedelta(hours=1)
    db.session.add(DeadlineExtension(call=call, nomination=nomination, closes_at=late + timedelta(hours=1),
                                     reason="travel"))
    db.session.flush()
    ops.submit(nomination, actor, now=late)
    assert nomination.status == NominationStatus.SUBMITTED


def test_a_draft_may_be_incomplete_but_submission_says_what_is_missing(panel_call: str) -> None:
    nomination, actor = a_draft(call_by_slug(panel_call))
    with pytest.raises(ops.IncompleteNomination) as raised:
        ops.submit(nomination, actor)
    assert {"biography", "motivation", "cv", "data_consent"} <= set(raised.value.problems)
    assert nomination.status == NominationStatus.DRAFT


def test_third_party_nomination_is_submitted_only_by_the_nominees_consent(panel_call: str) -> None:
    nomination, nominator = a_draft(call_by_slug(panel_call), third_party=True)
    complete_application(nomination)
    with pytest.raises(WorkflowError, match="when the nominee consents"):
        ops.submit(nomination, nominator)
    ops.request_consent(nomination, nominator)
    assert nomination.status == NominationStatus.DRAFT and nomination.consent_state == ConsentState.PENDING
    with pytest.raises(WorkflowError, match="only the nominee"):
        ops.give_consent(nomination, nominator)
    token = access.issue_link(nomination.nominee.email, lifetime=timedelta(days=1), limit_per_hour=5)
    person = access.redeem(access.find_link(token))
    assert nomination.nominee.user is person
    # The nominator's "I consent" and "I understand" are not the nominee's: the nominee gives them.
    assert not nomination.data_consent and not nomination.no_remuneration_declared
    with pytest.raises(ops.IncompleteNomination) as raised:
        ops.give_consent(nomination, person)
    assert set(raised.value.problems) == {"data_consent", "no_remuneration_declared"}
    nomination.data_consent = nomination.no_remuneration_declared = True
    ops.give_consent(nomination, person)
    assert nomination.status == NominationStatus.SUBMITTED and nomination.consent_state == ConsentState.GIVEN


def test_the_kind_of_nomination_cannot_be_switched(panel_call: str) -> None:
    nomination, actor = a_draft(call_by_slug(panel_call))
    details = ops.NominationDetails.of(nomination)
    details.nominator_kind = NominatorKind.ORGANIZATION
    with pytest.raises(WorkflowError, match="cannot be changed"):
        ops.update_details(nomination, actor, details)


def test_update_records_which_fields_changed(panel_call: str) -> None:
    nomination, actor = a_draft(call_by_slug(panel_call))
    details = ops.NominationDetails.of(nomination)
    details.biography, details.languages = "New", "French"
    assert ops.update_details(nomination, actor, details) == ["biography", "languages"]


def test_links_expire_are_single_use_and_rate_limited(panel_call: str) -> None:
    now = utcnow()
    token = access.issue_link("a@example.org", lifetime=timedelta(minutes=30), limit_per_hour=2, now=now)
    link = access.find_link(token)
    assert link.token_digest != token and access.find_link("forged") is None
    with pytest.raises(access.LinkNotValid, match="expired"):
        access.check_usable(link, now + timedelta(minutes=30))
    access.check_usable(link, now + timedelta(minutes=30) - timedelta(seconds=1))
    user = access.redeem(link, now)
    assert user.has_role(Role.NOMINEE)
    with pytest.raises(access.LinkNotValid, match="used already"):
        access.redeem(link, now)
    access.issue_link("a@example.org", lifetime=timedelta(minutes=30), limit_per_hour=2, now=now)
    with pytest.raises(access.TooManyLinks):
        access.issue_link("A@example.org", lifetime=timedelta(minutes=30), limit_per_hour=2, now=now)
    access.issue_link("a@example.org", lifetime=timedelta(minutes=30), limit_per_hour=2,
                      now=now + access.RATE_WINDOW + timedelta(seconds=1))
