"""Operations on nominations. Every status change goes through ``move``.

A nomination is drafted, edited and submitted by its nominee, or by a third party (an
organization, a Member State's mission, a nomination committee) whose nomination stays a
draft until the nominee consents; consenting submits it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from flask_babel import format_date, format_time
from flask_babel import gettext as _

from selection.data import countries
from selection.extensions import db
from selection.models import (
    Call,
    CallStatus,
    ConsentState,
    Gender,
    Nomination,
    NominationStatus,
    NominatorKind,
    Nominee,
    StakeholderGroup,
    StoredFile,
    User,
    utcnow,
)
from selection.workflow import audit
from selection.workflow.errors import ForbiddenTransition, WorkflowError
from selection.workflow.notices import cancel_held_notice
from selection.workflow.permissions import is_nominee, may_give_own_declarations
from selection.workflow.states import can_edit, can_move, can_withdraw


class DeadlinePassed(WorkflowError):
    """The nomination can no longer be changed: its deadline has passed."""


class IncompleteNomination(WorkflowError):
    """A nomination that lacks what submission needs; ``problems`` maps field -> message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("The nomination is not complete: " + "; ".join(problems.values()))


@dataclass
class NominationDetails:
    """Everything a nominee or nominator types in; views build it from the form."""

    name: str = ""
    title: str = ""
    organization: str = ""
    email: str = ""
    nationality: str = ""
    residence: str = ""
    gender: Gender | None = None
    position_level: str = ""
    eligibility_declared: bool = False
    biography: str = ""
    motivation: str = ""
    availability_confirmed: bool = False
    availability_note: str = ""
    languages: str = ""
    links: list[str] = field(default_factory=list)
    data_consent: bool = False
    no_remuneration_declared: bool = False
    answers: dict[str, Any] = field(default_factory=dict)
    nominator_kind: NominatorKind | None = None
    nominator_name: str = ""
    nominator_organization: str = ""
    nominator_email: str = ""

    @classmethod
    def of(cls, nomination: Nomination) -> "NominationDetails":
        """The details a nomination holds now."""
        values = {}
        for spec in fields(cls):
            owner = nomination.nominee if spec.name in PERSON_FIELDS else nomination
            values[spec.name] = getattr(owner, spec.name)
        return cls(**values)


PERSON_FIELDS = ("name", "title", "organization", "email", "nationality", "residence", "gender")

# What submission needs, by field, in words; the nominee's own declarations come last.
REQUIRED_TO_SUBMIT = {
    "name": "Enter the nominee's name.",
    "title": "Enter the nominee's title or position.",
    "organization": "Enter the nominee's organization.",
    "email": "Enter the nominee's e-mail address.",
    "nationality": "Choose the nominee's nationality.",
    "residence": "Choose the nominee's country of residence.",
    "gender": "Choose one of the answers, or “Prefer not to say”.",
    "position_level": "Choose the nominee's position level.",
    "eligibility_declared": "Confirm that the nominee meets the group's eligibility.",
    "biography": "Write a short biography.",
    "motivation": "Write the motivation statement.",
    "languages": "List the languages the nominee works in.",
    "data_consent": "Consent to the processing of personal data to go on.",
    "availability_confirmed": "Confirm availability for at least three meetings a year.",
    "no_remuneration_declared": "Confirm the declaration on remuneration and contributions.",
}
NOMINEE_DECLARATIONS = ("availability_confirmed", "no_remuneration_declared")
# Said in the first person ("I consent", "I understand"): once the nominee is asked to consent,
# only the nominee gives them, so a nominator's ticks are not carried over as theirs.
NOMINEES_OWN_DECLARATIONS = ("data_consent", "no_remuneration_declared")
REQUIRED_OF_NOMINATOR = {
    "nominator_kind": "Choose who is making the nomination.",
    "nominator_name": "Enter the nominator's name.",
    "nominator_organization": "Enter the organization, mission or committee nominating.",
    "nominator_email": "Enter the nominator's e-mail address.",
}
CV_MISSING = "Attach the nominee's CV as a PDF file."


def submission_problems(
    details: NominationDetails, *, has_cv: bool, third_party: bool, for_consent_request: bool = False
) -> dict[str, str]:
    """What keeps these details from being submitted (or, by a nominator, sent for consent).

    Pure: views call it before anything is stored, the workflow again before a submission.
    The nominee's own declarations and CV may wait for the nominee when a nominator asks
    for consent.
    """
    required = dict(REQUIRED_TO_SUBMIT)
    if third_party:
        required.update(REQUIRED_OF_NOMINATOR)
    if for_consent_request:
        for name in NOMINEE_DECLARATIONS:
            required.pop(name)
    problems = {name: message for name, message in required.items() if not getattr(details, name)}
    for name in ("nationality", "residence"):
        if getattr(details, name) and getattr(details, name).upper() not in countries():
            problems[name] = "Choose a country from the list."
    if not has_cv and not for_consent_request:
        problems["cv"] = CV_MISSING
    return problems


def declarations_are_the_nominees(nomination: Nomination) -> bool:
    """True once a third party's nominee has been asked to consent: from then on the nominee's
    own declarations (``NOMINEES_OWN_DECLARATIONS``) are given and changed by the nominee only."""
    return not may_give_own_declarations(None, nomination)


def deadline_of(nomination: Nomination) -> datetime:
    """The deadline that holds for this nomination (the call's, or an extension granted to it)."""
    return nomination.call.deadline_for(nomination)


def is_editable(nomination: Nomination, now: datetime | None = None) -> bool:
    """A draft or submitted nomination may be changed until its deadline."""
    return can_edit(nomination.status, deadline_of(nomination), now or utcnow())


def move(
    nomination: Nomination, target: NominationStatus, actor: User | None, **details: Any
) -> None:
    """Change a nomination's status along the transitions table and record it."""
    current = nomination.status
    _check_move(nomination, target)
    nomination.status = target
    audit.record(
        actor, nomination, "status", from_state=current.value, to_state=target.value, **details
    )
    db.session.flush()


def start_nomination(
    call: Call,
    group: StakeholderGroup,
    nominee: Nominee,
    actor: User | None,
    statement: str = "",
    now: datetime | None = None,
) -> Nomination:
    """Create a draft nomination of ``nominee`` for ``group`` in an open call."""
    _check_accepting(call, group, now)
    nomination = Nomination(
        call=call, group=group, nominee=nominee, nominator=actor, statement=statement
    )
    db.session.add(nomination)
    db.session.flush()
    audit.record(actor, nomination, "created", to_state=NominationStatus.DRAFT.value)
    return nomination


def create_draft(
    call: Call,
    group: StakeholderGroup,
    actor: User,
    details: NominationDetails,
    now: datetime | None = None,
    *,
    creation_token: str | None = None,
) -> Nomination:
    """Save a new draft: of the actor themself, or of someone else when a nominator kind is given;
    ``creation_token``: the one-time token of the form that creates it (unique)."""
    third_party = details.nominator_kind is not None
    nominee = Nominee(
        user=None if third_party else actor, name=details.name, email=details.email,
        nationality=details.nationality, residence=details.residence,
        gender=details.gender or Gender.UNDISCLOSED,
    )
    db.session.add(nominee)
    nomination = start_nomination(call, group, nominee, actor, now=now)
    nomination.creation_token = creation_token
    _apply(nomination, details)
    db.session.flush()
    return nomination


def update_details(
    nomination: Nomination, actor: User | None, details: NominationDetails, now: datetime | None = None
) -> list[str]:
    """Change a draft or submitted nomination before its deadline; returns the changed fields.

    A submitted nomination must stay complete; the nominator of a third-party nomination
    cannot turn it into a self-nomination or back.
    """
    _check_editable(nomination, now)
    if (details.nominator_kind is None) != (not nomination.is_third_party):
        raise WorkflowError(_("who made the nomination cannot be changed; withdraw it and start a new one"))
    if nomination.status == NominationStatus.SUBMITTED:
        problems = submission_problems(details, has_cv=nomination.cv is not None,
                                       third_party=nomination.is_third_party)
        if problems:
            raise IncompleteNomination(problems)
    before = NominationDetails.of(nomination)
    _apply(nomination, details)
    changed = [spec.name for spec in fields(NominationDetails)
               if getattr(before, spec.name) != getattr(details, spec.name)]
    if changed:
        nomination.updated_at = now or utcnow()
        audit.record(actor, nomination, "updated", fields=changed)
        db.session.flush()
    return changed


def attach_file(nomination: Nomination, actor: User | None, stored: StoredFile,
                now: datetime | None = None) -> None:
    """Attach an uploaded file (CV, letter of support, answer); a new CV replaces the old one."""
    _check_editable(nomination, now)
    stored.nomination = nomination
    if stored.purpose.value == "cv":
        nomination.cv = stored
    # No file name: the audit log is never erased, so it holds no personal data (ARCHITECTURE.md).
    audit.record(actor, nomination, "file_attached", purpose=stored.purpose.value, file_id=stored.id)
    db.session.flush()


def submit(nomination: Nomination, actor: User | None, now: datetime | None = None) -> None:
    """Submit a complete draft before its deadline; a third party's waits for consent."""
    now = now or utcnow()
    _check_move(nomination, NominationStatus.SUBMITTED)
    _check_editable(nomination, now)
    if nomination.is_third_party and nomination.consent_state != ConsentState.GIVEN:
        raise WorkflowError(_("a nomination by a third party is submitted when the nominee consents"))
    problems = submission_problems(NominationDetails.of(nomination), has_cv=nomination.cv is not None,
                                   third_party=nomination.is_third_party)
    if problems:
        raise IncompleteNomination(problems)
    if not nomination.is_third_party:
        nomination.consent_state = ConsentState.GIVEN
        nomination.consent_at = now
    move(nomination, NominationStatus.SUBMITTED, actor)
    nomination.submitted_at = now


def request_consent(nomination: Nomination, actor: User | None, now: datetime | None = None) -> None:
    """A nominator asks the nominee to consent; the nomination stays a draft until then."""
    _check_editable(nomination, now)
    if not nomination.is_third_party:
        raise WorkflowError(_("only a nomination by a third party needs the nominee's consent"))
    if nomination.status != NominationStatus.DRAFT or nomination.consent_state == ConsentState.GIVEN:
        raise WorkflowError(_("the nominee has consented already"))
    problems = submission_problems(NominationDetails.of(nomination), has_cv=nomination.cv is not None,
                                   third_party=True, for_consent_request=True)
    if problems:
        raise IncompleteNomination(problems)
    previous = nomination.consent_state
    nomination.consent_state = ConsentState.PENDING
    for name in NOMINEES_OWN_DECLARATIONS:
        setattr(nomination, name, False)
    audit.record(actor, nomination, "consent_requested", from_state=previous.value,
                 to_state=ConsentState.PENDING.value)
    db.session.flush()


def give_consent(nomination: Nomination, actor: User, now: datetime | None = None) -> None:
    """The nominee consents to a third party's nomination, which submits it."""
    now = now or utcnow()
    if not is_nominee(actor, nomination):
        raise WorkflowError(_("only the nominee can consent to their nomination"))
    if nomination.consent_state != ConsentState.PENDING:
        raise WorkflowError(_("this nomination is not waiting for consent"))
    problems = submission_problems(NominationDetails.of(nomination), has_cv=nomination.cv is not None,
                                   third_party=True)
    if problems:
        raise IncompleteNomination(problems)
    _check_editable(nomination, now)
    nomination.consent_state = ConsentState.GIVEN
    nomination.consent_at = now
    audit.record(actor, nomination, "consent_given", from_state=ConsentState.PENDING.value,
                 to_state=ConsentState.GIVEN.value)
    submit(nomination, actor, now)


def decline_consent(nomination: Nomination, actor: User, reason: str = "",
                    now: datetime | None = None) -> None:
    """The nominee declines a third party's nomination: it is withdrawn and stays on record."""
    if not is_nominee(actor, nomination):
        raise WorkflowError(_("only the nominee can decline their nomination"))
    if nomination.consent_state != ConsentState.PENDING:
        raise WorkflowError(_("this nomination is not waiting for consent"))
    nomination.consent_state = ConsentState.DECLINED
    nomination.consent_at = now or utcnow()
    audit.record(actor, nomination, "consent_declined", from_state=ConsentState.PENDING.value,
                 to_state=ConsentState.DECLINED.value)
    move(nomination, NominationStatus.WITHDRAWN, actor, reason=reason or "the nominee declined")


def withdraw(nomination: Nomination, actor: User | None, reason: str = "") -> None:
    """Withdraw a nomination; it stays on record, and an outcome notice still held for it is
    cancelled. The refusal does not say why, so that it reveals no unreleased outcome."""
    if nomination.status != NominationStatus.WITHDRAWN and not can_withdraw(nomination.status):
        raise WorkflowError(_("This nomination can no longer be withdrawn. "
                              "Write to the Secretariat if you need to."))
    move(nomination, NominationStatus.WITHDRAWN, actor, reason=reason)
    cancel_held_notice(nomination, actor)


def _apply(nomination: Nomination, details: NominationDetails) -> None:
    for spec in fields(NominationDetails):
        owner = nomination.nominee if spec.name in PERSON_FIELDS else nomination
        value = getattr(details, spec.name)
        if spec.name == "gender" and value is None:
            value = Gender.UNDISCLOSED
        if spec.name in ("nationality", "residence") and not value:
            continue  # a draft may leave the country open; the validator derives the region
        setattr(owner, spec.name, list(value) if isinstance(value, list) else
                dict(value) if isinstance(value, dict) else value)


def _check_move(nomination: Nomination, target: NominationStatus) -> None:
    if not can_move(nomination.status, target):
        raise ForbiddenTransition(
            _("a nomination that is %(status)s cannot become %(target)s",
              status=nomination.status.label.lower(), target=target.label.lower())
        )


def _check_editable(nomination: Nomination, now: datetime | None) -> None:
    now = now or utcnow()
    deadline = deadline_of(nomination)
    if now >= deadline:
        raise DeadlinePassed(_("The deadline (%(date)s, %(time)s UTC) has passed: the nomination can no "
                               "longer be changed or submitted.", date=format_date(deadline, "long"),
                               time=format_time(deadline, "HH:mm")))
    if nomination.call.status != CallStatus.OPEN and deadline <= nomination.call.closes_at:
        raise DeadlinePassed(_("the call “%(title)s” is not taking nominations", title=nomination.call.title))
    if not can_edit(nomination.status, deadline, now):
        raise WorkflowError(_("a nomination that is %(status)s can no longer be changed",
                              status=nomination.status.label.lower()))


def _check_accepting(call: Call, group: StakeholderGroup, now: datetime | None) -> None:
    if group.call_id != call.id:
        raise WorkflowError(_("%(group)s is not a group of this call", group=group.name))
    if not call.accepts_nominations(now):
        raise DeadlinePassed(f"the call “{call.title}” is not taking nominations")
    if not group.open_for_nominations:
        raise WorkflowError(_("%(group)s is not open for nominations", group=group.name))
