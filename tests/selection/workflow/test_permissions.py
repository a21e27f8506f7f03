"""Every "may X do Y to Z" predicate of ``selection.workflow.permissions``, over every kind of
person: one table, read row by row."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask_login import AnonymousUserMixin

from selection.extensions import db
from selection.models import (
    ConflictDeclaration,
    ConflictKind,
    ConsentState,
    FilePurpose,
    Nomination,
    NominationStatus,
    NominatorKind,
    RecommendingBody,
    RecommendingBodyMember,
    Review,
    ReviewAssignment,
    Role,
    StoredFile,
    utcnow,
)
from selection.workflow import nominations as ops
from selection.workflow import permissions as may
from selection.workflow.users import create_user
from tests.selection.factories import call_by_slug

pytestmark = pytest.mark.usefixtures("app_ctx")

PEOPLE = ("anonymous", "nominee", "another nominee", "nominator", "reviewer assigned", "reviewer recused",
          "recommender", "Secretariat", "decision-maker", "administrator", "contributions officer")
STAFF = {"Secretariat", "administrator"}
# predicate -> who may; the nomination is a third party's, consented to and shortlisted.
TABLE: dict[str, set[str]] = {
    "may_nominate": {"nominee", "another nominee", "nominator"},
    "may_view": {"nominee", "nominator"} | STAFF,
    "may_change": {"nominee", "nominator"},
    "may_withdraw": {"nominee", "nominator"} | STAFF,
    "may_answer_invitation": set(),
    "may_change_nominator": {"nominator"},
    "may_give_own_declarations": {"nominee"},
    "may_invite_again": set(),
    "may_read_file": {"nominee", "nominator", "reviewer assigned"} | STAFF,
    "may_review": {"reviewer assigned"},
    "may_see_review_work": {"reviewer assigned"} | STAFF,
    "may_open_nomination": {"reviewer assigned", "recommender"} | STAFF,
    "may_recommend": {"recommender"} | STAFF,
    "may_screen": STAFF,
    "may_decide": {"decision-maker", "administrator"},
    "may_announce": {"decision-maker"} | STAFF,
    "may_manage_calls": {"administrator"},
    "may_manage_users": {"administrator"},
    "may_see_shortlist": {"recommender"} | STAFF,
    "may_export_own_data": set(PEOPLE) - {"anonymous"},
    "may_request_erasure": {"nominee", "another nominee", "nominator"},
    "may_decide_erasure": STAFF,
    "may_see_contributions": {"administrator", "contributions officer"},
    "may_record_contributions": {"administrator", "contributions officer"},
}


def world(panel_call: str, status: NominationStatus = NominationStatus.SHORTLISTED) -> dict[str, Any]:
    """A third party's nomination with its people, a CV, a reviewer, a recused one, a body."""
    call = call_by_slug(panel_call)
    people: dict[str, Any] = {"anonymous": None}
    for name, role in (("nominee", Role.NOMINEE), ("another nominee", Role.NOMINEE),
                       ("nominator", Role.NOMINEE), ("reviewer assigned", Role.REVIEWER),
                       ("reviewer recused", Role.REVIEWER), ("recommender", Role.RECOMMENDER),
                       ("Secretariat", Role.SECRETARIAT), ("decision-maker", Role.DECISION_MAKER),
                       ("administrator", Role.ADMIN), ("contributions officer", Role.CONTRIBUTIONS)):
        people[name] = create_user(name.replace(" ", "-").lower() + "@example.org", [role], None)
    details = ops.NominationDetails(name="Zanele Ito", email="nominee@example.org",
                                    nominator_kind=NominatorKind.COMMITTEE, nominator_name="Chair",
                                    nominator_email="nominator@example.org")
    nomination = ops.create_draft(call, call.groups[0], people["nominator"], details)
    nomination.nominee.user = people["nominee"]
    nomination.status, nomination.consent_state = status, ConsentState.GIVEN
    cv = StoredFile(owner=people["nominator"], purpose=FilePurpose.CV, original_name="cv.pdf",
                    stored_name="cv.pdf", size=1, content_type="application/pdf", sha256="0" * 64,
                    nomination=nomination)
    body = RecommendingBody(call=call, name="Office of the Envoy")
    db.session.add_all([
        cv, body, RecommendingBodyMember(body=body, user=people["recommender"]),
        ReviewAssignment(nomination=nomination, reviewer=people["reviewer assigned"]),
        ReviewAssignment(nomination=nomination, reviewer=people["reviewer recused"]),
        ConflictDeclaration(nomination=nomination, reviewer=people["reviewer recused"], kind=list(ConflictKind)[0]),
    ])
    db.session.flush()
    return {"people": people, "nomination": nomination, "cv": cv}


def ask(name: str, user: Any, w: dict[str, Any]) -> bool:
    predicate: Callable[..., bool] = getattr(may, name)
    if name == "may_read_file":
        return predicate(user, w["cv"])
    if name == "may_see_shortlist":
        return predicate(user, w["nomination"].call)
    if name in ("may_nominate", "may_screen", "may_decide", "may_announce", "may_manage_calls", "may_manage_users",
                "may_export_own_data", "may_request_erasure", "may_decide_erasure", "may_see_contributions",
                "may_record_contributions"):
        return predicate(user)
    return predicate(user, w["nomination"])


@pytest.mark.parametrize("predicate", sorted(TABLE))
def test_who_may(panel_call: str, predicate: str) -> None:
    w = world(panel_call)
    allowed = {person for person in PEOPLE if ask(predicate, w["people"][person], w)}
    assert allowed == TABLE[predicate]
    assert not ask(predicate, AnonymousUserMixin(), w)  # Flask-Login's stranger is anonymous too


@pytest.mark.parametrize("status, recommender_may", [
    (NominationStatus.UNDER_REVIEW, False), (NominationStatus.SHORTLISTED, True),
    (NominationStatus.NOT_SHORTLISTED, False)])
def test_recommenders_only_on_the_shortlist(panel_call: str, status: NominationStatus,
                                            recommender_may: bool) -> None:
    w = world(panel_call, status)
    for predicate in ("may_recommend", "may_open_nomination"):
        assert ask(predicate, w["people"]["recommender"], w) is recommender_may
        assert ask(predicate, w["people"]["Secretariat"], w)


def test_a_reviewer_sees_the_others_reviews_only_after_their_own(panel_call: str) -> None:
    w = world(panel_call, NominationStatus.UNDER_REVIEW)
    nomination: Nomination = w["nomination"]
    reviewer, recused = w["people"]["reviewer assigned"], w["people"]["reviewer recused"]
    own = Review(nomination=nomination, reviewer=reviewer)
    db.session.add(own)
    db.session.flush()
    assert not may.may_see_others_reviews(reviewer, nomination, None)
    assert not may.may_see_others_reviews(reviewer, nomination, own)  # a draft
    own.submitted_at = utcnow()
    assert may.may_see_others_reviews(reviewer, nomination, own)
    assert not may.may_see_others_reviews(recused, nomination, own)
    assert may.may_see_others_reviews(w["people"]["Secretariat"], nomination, None)


def test_withdrawal_ends_with_the_decision(panel_call: str) -> None:
    w = world(panel_call, NominationStatus.APPOINTED)
    assert not any(may.may_withdraw(w["people"][p], w["nomination"]) for p in PEOPLE)
