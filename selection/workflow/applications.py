"""A nomination as its nominee or nominator handles it: one operation per form sent.

``save_application`` creates or updates the nomination, attaches the uploaded files,
performs the action of the button pressed (save a draft, submit, ask the nominee to
consent, consent, decline) and tells the people concerned through the one notice path
(``notifications``). ``withdraw_application`` withdraws and tells, whoever withdraws: the
web, the API and the command line call it alike. The caller commits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    Call,
    FilePurpose,
    Nomination,
    NominationStatus,
    Nominee,
    StakeholderGroup,
    StoredFile,
    User,
    utcnow,
)
from selection.services.uploads import human_size, store_pdf
from selection.workflow import audit, notifications
from selection.workflow import nominations as ops
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import (
    is_nominator,
    is_nominee,
    is_staff,
    may_answer_invitation,
    may_change,
    may_invite_again,
    may_nominate,
)
from selection.workflow.states import is_draft, must_stay_complete


STILL_OPEN = (NominationStatus.DRAFT, NominationStatus.SUBMITTED)


class NotAllowed(WorkflowError):
    """The acting person may not do this to this nomination."""


class QuotaExceeded(WorkflowError):
    """The person has started as many nominations, or uploaded as much, as one person may."""


class NominationExists(WorkflowError):
    """A new nomination that repeats one the person has already started and may still change
    (a draft, or submitted); ``nomination`` is it."""

    def __init__(self, nomination: Nomination):
        self.nomination = nomination
        super().__init__(_("You started this nomination already, on %(date)s. Continue it from “My nominations”; "
                           "nothing from this form was saved.", date=format_date(nomination.created_at, "long")))


@dataclass(frozen=True)
class Quotas:
    """How much one person may store: nominations started in one call (drafts included), and
    bytes of uploaded files in all. None: no bound."""

    nominations_per_call: int | None = None
    upload_bytes: int | None = None


class Action(str, Enum):
    """What the person asked for, by the button they pressed."""

    SAVE = "save"
    SUBMIT = "submit"
    REQUEST_CONSENT = "request_consent"
    GIVE_CONSENT = "give_consent"
    DECLINE = "decline"

    @property
    def is_final(self) -> bool:
        """True for an action after which the nomination must be complete."""
        return self in (Action.SUBMIT, Action.REQUEST_CONSENT, Action.GIVE_CONSENT)


@dataclass
class Upload:
    """A checked PDF as it arrived: its bytes and the name it had."""

    content: bytes
    name: str


@dataclass
class ApplicationFiles:
    """The files sent with one form: a CV, letters of support, answers to file questions."""

    cv: Upload | None = None
    letters: list[Upload] = field(default_factory=list)
    answers: dict[str, Upload] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """The bytes of every file sent."""
        uploads = [self.cv] if self.cv else []
        return sum(len(u.content) for u in [*uploads, *self.letters, *self.answers.values()])


@dataclass(frozen=True)
class Saved:
    """What ``save_application`` did: the nomination and the action actually performed
    (a submission of a nomination already submitted only saves it)."""

    nomination: Nomination
    performed: Action


def answers_required(action: Action, nomination: Nomination | None) -> bool:
    """True when the call's required questions must be answered: for a final action, and for
    every edit of a submitted nomination; a draft saved asks nothing as required."""
    return action.is_final or (nomination is not None and must_stay_complete(nomination.status))


def answer_required(required: bool, is_file: bool, key: str, action: Action,
                    nomination: Nomination | None) -> bool:
    """Whether one question must be answered now: a file question answered before needs no
    new upload."""
    answered = (nomination.answers or {}) if nomination is not None else {}
    return required and answers_required(action, nomination) and not (is_file and answered.get(key))


def application_problems(details: ops.NominationDetails, action: Action, nomination: Nomination | None,
                         *, new_cv: bool, third_party: bool) -> dict[str, str]:
    """What keeps this form from being saved with ``action`` (field -> message); pure, so a
    form can show every problem in one round before anything is stored."""
    if not answers_required(action, nomination):
        return {}
    has_cv = new_cv or (nomination is not None and nomination.cv is not None)
    return ops.submission_problems(details, has_cv=has_cv, third_party=third_party,
                                   for_consent_request=action == Action.REQUEST_CONSENT)


def save_application(call: Call, group: StakeholderGroup, actor: User, details: ops.NominationDetails | None,
                     files: ApplicationFiles | None, action: Action, *, nomination: Nomination | None = None,
                     reason: str = "", now: datetime | None = None, quotas: Quotas = Quotas(),
                     language: str | None = None, creation_token: str | None = None) -> Saved:
    """Save a nomination form and perform ``action``; refused (``WorkflowError``) before
    anything is written when the actor may not, the nomination is not complete enough, or the
    actor would go beyond their ``quotas``. ``language``: the one the form was filled in,
    recorded on the nomination (issue 14). ``creation_token``: the one-time token of a new
    nomination's form; the same form sent again (a retry whose answer was lost) saves onto the
    nomination it created instead of creating another (``earlier_nomination``)."""
    now = now or utcnow()
    if nomination is None and details is not None:
        _check_allowed(actor, None, action)
        nomination = earlier_nomination(call, group, actor, details, creation_token)
    _check_allowed(actor, nomination, action)
    if action == Action.DECLINE:
        assert nomination is not None
        return _decline(nomination, actor, reason, now)
    assert details is not None
    files = files or ApplicationFiles()
    problems = application_problems(details, action, nomination, new_cv=files.cv is not None,
                                    third_party=details.nominator_kind is not None)
    if problems:
        raise ops.IncompleteNomination(problems)
    check_quotas(call, actor, nomination, files, quotas)
    nomination = _store(call, group, actor, details, files, nomination, now, creation_token)
    if language:
        nomination.language = language
    return Saved(nomination, _perform(nomination, actor, action, now))


def check_quotas(call: Call, actor: User, nomination: Nomination | None, files: ApplicationFiles,
                 quotas: Quotas) -> None:
    """Refuse (``QuotaExceeded``) a new nomination beyond the actor's number per call, or files
    beyond their bytes in all."""
    if nomination is None and quotas.nominations_per_call is not None:
        started = db.session.execute(select(func.count(Nomination.id)).where(
            Nomination.call_id == call.id, Nomination.nominator_id == actor.id)).scalar_one()
        if started >= quotas.nominations_per_call:
            raise QuotaExceeded(ngettext(
                "You have started %(num)d nomination in this call, the most one person may start. "
                "Finish the one you have, or ask the Secretariat if you need more.",
                "You have started %(num)d nominations in this call, the most one person may start. "
                "Finish the ones you have, or ask the Secretariat if you need more.", started))
    if files.size and quotas.upload_bytes is not None:
        used = db.session.execute(select(func.coalesce(func.sum(StoredFile.size), 0))
                                  .where(StoredFile.owner_id == actor.id)).scalar_one()
        if used + files.size > quotas.upload_bytes:
            raise QuotaExceeded(_("These files would bring what you have uploaded beyond %(limit)s (you have "
                                  "uploaded %(used)s so far). Upload smaller PDFs, or ask the Secretariat for help.",
                                  limit=human_size(quotas.upload_bytes), used=human_size(used)))


def withdraw_application(nomination: Nomination, actor: User | None, reason: str = "") -> None:
    """Withdraw a nomination and tell the nominee and the nominator. ``actor`` None is the
    Secretariat at the command line; a person acting must be allowed to withdraw."""
    if actor is not None and not (may_change(actor, nomination) or is_staff(actor)):
        raise NotAllowed(_("You may not withdraw this nomination."))
    ops.withdraw(nomination, actor, reason=reason)  # refuses, with its reason, once too late
    notifications.withdrawn(nomination, actor, reason)


def invite_again(nomination: Nomination, actor: User) -> None:
    """The nominator sends the nominee's invitation to consent once more (a fresh link)."""
    if not is_nominator(actor, nomination):
        raise NotAllowed(_("Only the nominator can send the invitation again."))
    if not may_invite_again(actor, nomination):
        raise WorkflowError(_("This nomination is not waiting for the nominee's consent."))
    notifications.invitation(nomination)


def _check_allowed(actor: User, nomination: Nomination | None, action: Action) -> None:
    if nomination is None:
        if not may_nominate(actor) or action in (Action.GIVE_CONSENT, Action.DECLINE):
            raise NotAllowed(_("You may not make this nomination."))
        return
    if action in (Action.GIVE_CONSENT, Action.DECLINE):
        if not is_nominee(actor, nomination):
            raise NotAllowed(_("Only the nominee can consent to or decline their nomination."))
        if not may_answer_invitation(actor, nomination):
            raise WorkflowError(_("this nomination is not waiting for consent"))
    elif not may_change(actor, nomination):
        raise NotAllowed(_("You may not change this nomination."))


def earlier_nomination(call: Call, group: StakeholderGroup, actor: User, details: ops.NominationDetails,
                       creation_token: str | None) -> Nomination | None:
    """The nomination a new nomination's form is really about: the one its ``creation_token``
    created already (the same form sent again), else None. Refused (``NominationExists``) when
    the actor already has the same nomination, still open to changes: one per person nominated,
    call, stakeholder group and nominator, so a second form never makes a second draft."""
    audit.lock_writers()  # two copies of one form, sent at once, are looked up one after the other
    if creation_token:
        created = db.session.execute(select(Nomination).where(
            Nomination.creation_token == creation_token)).scalar_one_or_none()
        if created is not None:
            if (created.nominator_id, created.call_id, created.group_id) != (actor.id, call.id, group.id):
                raise NotAllowed(_("You may not change this nomination."))
            return created
    same = _same_nomination(call, group, actor, details)
    if same is not None:
        raise NominationExists(same)
    return None


def _same_nomination(call: Call, group: StakeholderGroup, actor: User,
                     details: ops.NominationDetails) -> Nomination | None:
    """The actor's nomination (draft or submitted) of the same person for the same group of the
    call: their own self-nomination, or (as a nominator) the nominee with the same address."""
    query = (select(Nomination).join(Nominee, Nomination.nominee_id == Nominee.id)
             .where(Nomination.call_id == call.id, Nomination.group_id == group.id,
                    Nomination.nominator_id == actor.id, Nomination.status.in_(STILL_OPEN))
             .order_by(Nomination.id).limit(1))
    if details.nominator_kind is None:
        query = query.where(Nomination.nominator_kind.is_(None), Nominee.user_id == actor.id)
    elif details.email:
        query = query.where(Nomination.nominator_kind.is_not(None),
                            func.lower(Nominee.email) == details.email.strip().lower())
    else:
        return None
    return db.session.execute(query).scalar_one_or_none()


def _store(call: Call, group: StakeholderGroup, actor: User, details: ops.NominationDetails,
           files: ApplicationFiles, nomination: Nomination | None, now: datetime,
           creation_token: str | None = None) -> Nomination:
    """Create or update the nomination and attach the files sent with it."""
    answer_files = {key: store_pdf(upload.content, upload.name, FilePurpose.ANSWER, actor)
                    for key, upload in files.answers.items()}
    details.answers = {**details.answers, **{key: stored.id for key, stored in answer_files.items()}}
    if nomination is None:
        nomination = ops.create_draft(call, group, actor, details, now, creation_token=creation_token)
    else:
        ops.update_details(nomination, actor, details, now)
    new_files = list(answer_files.values())
    if files.cv is not None:
        new_files.append(store_pdf(files.cv.content, files.cv.name, FilePurpose.CV, actor))
    new_files += [store_pdf(letter.content, letter.name, FilePurpose.SUPPORT_LETTER, actor)
                  for letter in files.letters]
    for stored in new_files:
        ops.attach_file(nomination, actor, stored, now)
    return nomination


def _perform(nomination: Nomination, actor: User, action: Action, now: datetime) -> Action:
    """Submit, ask for consent or consent, and tell; returns what was done."""
    if action == Action.SUBMIT and is_draft(nomination.status):
        ops.submit(nomination, actor, now)
        notifications.receipt(nomination)
        return Action.SUBMIT
    if action == Action.REQUEST_CONSENT:
        ops.request_consent(nomination, actor, now)
        notifications.invitation(nomination)
        return Action.REQUEST_CONSENT
    if action == Action.GIVE_CONSENT:
        ops.give_consent(nomination, actor, now)
        notifications.receipt(nomination)
        return Action.GIVE_CONSENT
    return Action.SAVE


def _decline(nomination: Nomination, actor: User, reason: str, now: datetime) -> Saved:
    ops.decline_consent(nomination, actor, reason=reason, now=now)
    notifications.declined(nomination, reason)
    return Saved(nomination, Action.DECLINE)
