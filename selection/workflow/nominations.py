"""Operations on nominations. Every status change goes through ``move``."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from selection.extensions import db
from selection.models import (
    Call,
    Nomination,
    NominationStatus,
    Nominee,
    StakeholderGroup,
    User,
    utcnow,
)
from selection.workflow import audit
from selection.workflow.errors import ForbiddenTransition, WorkflowError
from selection.workflow.states import can_move


def move(
    nomination: Nomination, target: NominationStatus, actor: User | None, **details: Any
) -> None:
    """Change a nomination's status along the transitions table and record it."""
    current = nomination.status
    if not can_move(current, target):
        raise ForbiddenTransition(
            f"a nomination that is {current.label.lower()} cannot become {target.label.lower()}"
        )
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


def submit(nomination: Nomination, actor: User | None, now: datetime | None = None) -> None:
    """Submit a draft before the deadline."""
    _check_accepting(nomination.call, nomination.group, now)
    move(nomination, NominationStatus.SUBMITTED, actor)
    nomination.submitted_at = now or utcnow()


def withdraw(nomination: Nomination, actor: User | None, reason: str = "") -> None:
    """Withdraw a nomination; it stays on record."""
    move(nomination, NominationStatus.WITHDRAWN, actor, reason=reason)


def _check_accepting(call: Call, group: StakeholderGroup, now: datetime | None) -> None:
    if group.call_id != call.id:
        raise WorkflowError(f"{group.name} is not a group of this call")
    if not call.accepts_nominations(now):
        raise WorkflowError(f"the call “{call.title}” is not taking nominations")
    if not group.open_for_nominations:
        raise WorkflowError(f"{group.name} is not open for nominations")
