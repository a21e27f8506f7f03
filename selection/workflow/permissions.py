"""Who may do what: every "may X do Y to Z" rule of the engine as a named predicate.

The web views, the API and the command line ask these; the workflow's operations ask them
again before they change anything. The role sets are defined here once. ``user`` is a
``User`` or None (anonymous); Flask-Login's anonymous user counts as None.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from selection.extensions import db
from selection.models import (
    BodyPerson,
    Call,
    ConflictDeclaration,
    ConsentState,
    Nomination,
    NominationStatus,
    RecommendingBody,
    RecommendingBodyMember,
    Review,
    ReviewAssignment,
    Role,
    StoredFile,
    User,
)
from selection.models.body_enums import Office
from selection.workflow.states import can_withdraw, is_shortlisted

# The Secretariat and administrators: every nomination of a call, its files, screening,
# shortlisting, notices, the staff API.
STAFF = frozenset({Role.ADMIN, Role.SECRETARIAT})
# Who takes the decision on a call's membership.
DECIDERS = frozenset({Role.DECISION_MAKER, Role.ADMIN})
# Who announces a decided call's roster, and sees it before it is public.
ROSTER_ANNOUNCERS = STAFF | {Role.DECISION_MAKER}
# Who scores nominations (staff see the scoring of every one).
SCORERS = STAFF | {Role.REVIEWER}
# Who records the recommending bodies' recommendations.
RECOMMENDERS = STAFF | {Role.RECOMMENDER}
# Who opens the review pages at all (each nomination then asks ``may_open_nomination``).
REVIEW_ROLES = STAFF | {Role.REVIEWER, Role.RECOMMENDER}
# Who configures calls and manages accounts.
ADMINISTRATORS = frozenset({Role.ADMIN})
# Who records and sees contributions to the Trust Fund: kept apart from everyone who selects
# (the Secretariat role screens and shortlists, so it needs the dedicated role as well).
CONTRIBUTION_KEEPERS = frozenset({Role.ADMIN, Role.CONTRIBUTIONS})


# ---------------------------------------------------------------------------- who someone is

def signed_in(user: Any) -> bool:
    """True for a signed-in person (not None, not Flask-Login's anonymous user)."""
    return user is not None and bool(getattr(user, "is_authenticated", False))


def holds(user: Any, roles: frozenset[Role]) -> bool:
    """True when a signed-in ``user`` holds one of ``roles``."""
    return signed_in(user) and user.has_role(*roles)


def is_staff(user: Any) -> bool:
    """True for the Secretariat and administrators."""
    return holds(user, STAFF)


def is_nominee(user: Any, nomination: Nomination) -> bool:
    """True when ``user`` is the person nominated."""
    return (signed_in(user) and nomination.nominee.user_id is not None
            and nomination.nominee.user_id == user.id)


def is_nominator(user: Any, nomination: Nomination) -> bool:
    """True when ``user`` made a third-party nomination."""
    return signed_in(user) and nomination.is_third_party and nomination.nominator_id == user.id


# ---------------------------------------------------------------------------- nominations

def may_nominate(user: Any) -> bool:
    """Anyone signed in with a personal account; staff accounts make no nominations."""
    return signed_in(user) and not user.is_staff


def may_change(user: Any, nomination: Nomination) -> bool:
    """The nominee and a third-party nominator may edit and withdraw; nobody else."""
    return is_nominee(user, nomination) or is_nominator(user, nomination)


def may_withdraw(user: Any, nomination: Nomination, status: NominationStatus | None = None) -> bool:
    """The nominee, the nominator and the Secretariat, until the decision is made (``status``:
    the one the person sees, when it differs); a nominee asked to consent declines instead."""
    if not (may_change(user, nomination) or is_staff(user)):
        return False
    return can_withdraw(status or nomination.status) and not may_answer_invitation(user, nomination)


def may_answer_invitation(user: Any, nomination: Nomination) -> bool:
    """The nominee consents to or declines a third party's nomination waiting for consent."""
    return is_nominee(user, nomination) and nomination.consent_state == ConsentState.PENDING


def may_invite_again(user: Any, nomination: Nomination) -> bool:
    """The nominator sends the invitation to consent once more while it waits."""
    return is_nominator(user, nomination) and nomination.consent_state == ConsentState.PENDING


def may_change_nominator(user: Any, nomination: Nomination | None) -> bool:
    """Who nominated is the nominator's to say: a nominee editing keeps it as it is."""
    return nomination is None or is_nominator(user, nomination)


def may_give_own_declarations(user: Any, nomination: Nomination | None) -> bool:
    """The first-person declarations ("I consent", "I understand") are the nominee's once a
    third party's nominee is asked to consent; until then whoever fills in the form gives them."""
    if nomination is None or is_nominee(user, nomination):
        return True
    return not (nomination.is_third_party
                and nomination.consent_state in (ConsentState.PENDING, ConsentState.GIVEN))


def may_view(user: Any, nomination: Nomination) -> bool:
    """The nominee, the nominator and the Secretariat see a nomination."""
    return may_change(user, nomination) or is_staff(user)


def may_read_file(user: Any, stored: StoredFile) -> bool:
    """A file goes to its owner, to the people of its nomination, to the Secretariat, and to the
    reviewers the nomination is assigned to (never once they are recused)."""
    if not signed_in(user):
        return False
    if stored.owner_id == user.id or is_staff(user):
        return True
    nomination = stored.nomination
    return nomination is not None and (may_change(user, nomination) or may_review(user, nomination))


# ---------------------------------------------------------------------------- review

def assignment_of(nomination: Nomination, reviewer: User) -> ReviewAssignment | None:
    """The reviewer's assignment to the nomination, if any."""
    return db.session.execute(select(ReviewAssignment).where(
        ReviewAssignment.nomination_id == nomination.id, ReviewAssignment.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


def conflict_of(nomination: Nomination, reviewer: User) -> ConflictDeclaration | None:
    """The reviewer's declared conflict with the nomination, if any."""
    return db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.nomination_id == nomination.id, ConflictDeclaration.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


def may_review(user: Any, nomination: Nomination) -> bool:
    """A reviewer assigned to the nomination and not recused from it."""
    return (holds(user, frozenset({Role.REVIEWER}))
            and assignment_of(nomination, user) is not None and conflict_of(nomination, user) is None)


def may_see_review_work(user: Any, nomination: Nomination) -> bool:
    """Staff see every nomination's review; a reviewer only those they may review."""
    return is_staff(user) or may_review(user, nomination)


def may_see_others_reviews(user: Any, nomination: Nomination, own_review: Review | None) -> bool:
    """Staff always; a reviewer only after submitting their own review of the nomination."""
    if is_staff(user):
        return True
    return may_review(user, nomination) and own_review is not None and own_review.is_submitted


def speaks_for_a_body(user: Any, call: Call) -> bool:
    """True when a recommender belongs to one of the call's recommending bodies."""
    if not holds(user, frozenset({Role.RECOMMENDER})):
        return False
    return db.session.execute(select(RecommendingBodyMember.id).join(RecommendingBody).where(
        RecommendingBody.call_id == call.id, RecommendingBodyMember.user_id == user.id)).first() is not None


def may_see_shortlist(user: Any, call: Call) -> bool:
    """A call's shortlist with every body's recommendation: staff, and the recommenders who speak
    for one of its bodies."""
    return is_staff(user) or speaks_for_a_body(user, call)


def may_recommend(user: Any, nomination: Nomination) -> bool:
    """Staff record any body's recommendation; a recommender their own bodies', and only on a
    shortlisted candidate."""
    if is_staff(user):
        return bool(nomination.call.recommending_bodies)
    return is_shortlisted(nomination.status) and speaks_for_a_body(user, nomination.call)


def may_open_nomination(user: Any, nomination: Nomination) -> bool:
    """The review page of a nomination: staff; its reviewers unless recused; recommenders of
    the call's bodies once it is shortlisted."""
    if is_staff(user) or may_review(user, nomination):
        return True
    return is_shortlisted(nomination.status) and speaks_for_a_body(user, nomination.call)


def may_screen(user: Any) -> bool:
    """The Secretariat screens eligibility, shortlists and holds or releases notices."""
    return is_staff(user)


# ---------------------------------------------------------------------------- decision and calls

def may_decide(user: Any) -> bool:
    """Decision-makers and administrators propose slates and record the decision."""
    return holds(user, DECIDERS)


def may_fill_vacancy(user: Any) -> bool:
    """Decision-makers and administrators fill a seat left vacant during the term, as they decide."""
    return holds(user, DECIDERS)


def may_announce(user: Any) -> bool:
    """The Secretariat, decision-makers and administrators announce a roster."""
    return holds(user, ROSTER_ANNOUNCERS)


def may_manage_calls(user: Any) -> bool:
    """Administrators configure calls and manage accounts."""
    return holds(user, ADMINISTRATORS)


def may_manage_users(user: Any) -> bool:
    """Administrators manage accounts, and turn off someone's two-factor sign-in (a lost phone)."""
    return holds(user, ADMINISTRATORS)


# ---------------------------------------------------------------------------- personal data

def may_export_own_data(user: Any) -> bool:
    """Every signed-in person downloads what is held about them."""
    return signed_in(user)


def may_request_erasure(user: Any) -> bool:
    """A personal account (a nominee or nominator) asks for its data to be erased; staff
    accounts are managed by an administrator instead."""
    return signed_in(user) and not user.is_staff


def may_decide_erasure(user: Any) -> bool:
    """The Secretariat confirms or declines requests for erasure."""
    return is_staff(user)


# ---------------------------------------------------------------------------- contributions

def may_see_contributions(user: Any) -> bool:
    """Administrators and contributions officers only: never reviewers, recommenders,
    decision-makers, nor the Secretariat's selection role on its own."""
    return holds(user, CONTRIBUTION_KEEPERS)


def may_record_contributions(user: Any) -> bool:
    """Whoever sees the contributions records them."""
    return may_see_contributions(user)
# ---------------------------------------------------------------------------- bodies at work

def may_run_body(user: Any) -> bool:
    """The Secretariat and administrators schedule meetings, keep records and draft summaries."""
    return is_staff(user)


def people_of_user(user: Any, body_id: int | None = None) -> list[Any]:
    """The active body people who are ``user`` (linked to the account, or with its e-mail address:
    members sign in with the one-time links nominees use); of one body when ``body_id`` is given."""
    if not signed_in(user):
        return []
    query = select(BodyPerson).where(
        or_(BodyPerson.user_id == user.id, func.lower(BodyPerson.email) == user.email.lower()),
        BodyPerson.active.is_(True))
    if body_id is not None:
        query = query.where(BodyPerson.body_id == body_id)
    return list(db.session.execute(query).scalars())


def is_chair(user: Any, meeting: Any) -> bool:
    """``user`` holds the Chair of the meeting's body on the day of the meeting."""
    day = meeting.starts_at.date()
    return any(person.office_on(day) == Office.CHAIR for person in people_of_user(user, meeting.body_id))


def may_approve_as_chair(user: Any, meeting: Any) -> bool:
    """The Chair approves the agenda and the summary note; the Secretariat may record an
    approval the Chair gave otherwise (the audit log says who recorded it)."""
    return is_chair(user, meeting) or is_staff(user)


def may_see_my_panel(user: Any) -> bool:
    """A person of a body, signed in, sees their meetings, invitations and action items."""
    return bool(people_of_user(user))


def may_answer_own_invitation(user: Any, invitation: Any) -> bool:
    """A signed-in person answers an invitation addressed to them (the link answers without one)."""
    return any(person.id == invitation.person_id for person in people_of_user(user))


def may_see_election_count(user: Any, election: Any) -> bool:
    """The count of a body's election, ballot by ballot: staff and the body's people."""
    return is_staff(user) or bool(people_of_user(user, election.body_id))
