"""The allowed status transitions and pure predicates over them (no database access)."""
from __future__ import annotations

from datetime import datetime

from selection.models.enums import CallStatus, NominationStatus
from selection.models.slate import SlateRunStatus

N = NominationStatus

# Every move a nomination may make. Anything not listed is refused by the workflow.
TRANSITIONS: dict[NominationStatus, frozenset[NominationStatus]] = {
    N.DRAFT: frozenset({N.SUBMITTED, N.WITHDRAWN}),
    N.SUBMITTED: frozenset({N.WITHDRAWN, N.INELIGIBLE, N.UNDER_REVIEW}),
    N.UNDER_REVIEW: frozenset({N.SHORTLISTED, N.NOT_SHORTLISTED, N.INELIGIBLE, N.WITHDRAWN}),
    N.INELIGIBLE: frozenset({N.UNDER_REVIEW}),
    N.SHORTLISTED: frozenset({N.NOT_SHORTLISTED, N.APPOINTED, N.NOT_APPOINTED, N.WITHDRAWN}),
    N.NOT_SHORTLISTED: frozenset({N.SHORTLISTED}),
    N.APPOINTED: frozenset(),
    # A seat left vacant during the term is filled from the call's shortlist (``vacancies``).
    N.NOT_APPOINTED: frozenset({N.APPOINTED}),
    N.WITHDRAWN: frozenset(),
}

CALL_TRANSITIONS: dict[CallStatus, frozenset[CallStatus]] = {
    CallStatus.DRAFT: frozenset({CallStatus.OPEN}),
    CallStatus.OPEN: frozenset({CallStatus.CLOSED}),
    CallStatus.CLOSED: frozenset({CallStatus.OPEN, CallStatus.DECIDED}),
    CallStatus.DECIDED: frozenset(),
}

R = SlateRunStatus
# A slate run is queued, runs, and ends done or failed; a queued run whose process died fails too.
SLATE_RUN_TRANSITIONS: dict[SlateRunStatus, frozenset[SlateRunStatus]] = {
    R.QUEUED: frozenset({R.RUNNING, R.FAILED}),
    R.RUNNING: frozenset({R.DONE, R.FAILED}),
    R.DONE: frozenset(),
    R.FAILED: frozenset(),
}


def can_move(current: NominationStatus, target: NominationStatus) -> bool:
    """True when the transitions table allows ``current`` -> ``target``."""
    return target in TRANSITIONS[current]


def can_withdraw(status: NominationStatus) -> bool:
    """A nominee may withdraw until the decision is made."""
    return can_move(status, N.WITHDRAWN)


def is_editable_status(status: NominationStatus) -> bool:
    """A draft or a submitted nomination: changed online until its deadline."""
    return status in (N.DRAFT, N.SUBMITTED)


def can_edit(status: NominationStatus, closes_at: datetime, now: datetime) -> bool:
    """A draft or submitted nomination may be edited until the call's deadline."""
    return is_editable_status(status) and now < closes_at


def is_in_pool(status: NominationStatus) -> bool:
    """Still a candidate: submitted and neither withdrawn, ineligible nor decided against."""
    return status in (N.SUBMITTED, N.UNDER_REVIEW, N.SHORTLISTED)


def can_review(status: NominationStatus) -> bool:
    """Reviewers score nominations found eligible: under review, and while shortlisting is decided."""
    return status in (N.UNDER_REVIEW, N.SHORTLISTED, N.NOT_SHORTLISTED)


def is_draft(status: NominationStatus) -> bool:
    """Not yet submitted: its nominee or nominator may still change and submit it."""
    return status == N.DRAFT


def is_received(status: NominationStatus) -> bool:
    """Submitted at some point: the Secretariat and reviewers see it (drafts stay private)."""
    return status != N.DRAFT


def must_stay_complete(status: NominationStatus) -> bool:
    """A submitted nomination keeps everything submission needs through every later edit."""
    return status == N.SUBMITTED


def is_shortlisted(status: NominationStatus) -> bool:
    """On the shortlist: recommenders see and recommend it, decision-makers may appoint it."""
    return status == N.SHORTLISTED


def is_open_call(status: CallStatus) -> bool:
    """Open for nominations."""
    return status == CallStatus.OPEN
