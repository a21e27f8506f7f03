"""Retention: unsuccessful nominations are anonymised once the call's retention period
(``Call.retention_months``, stated in its privacy notice) has passed since the call was
decided (or, for a call closed without a decision, since it closed)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, time, timezone

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from selection.extensions import db
from selection.models import Call, CallStatus, Decision, Nomination, NominationStatus, Nominee, utcnow
from selection.workflow.anonymise import anonymise_nomination, anonymise_nominee

S = NominationStatus
# Nominations that did not lead to a seat; appointed members' names and roles are public record.
UNSUCCESSFUL = frozenset({S.DRAFT, S.WITHDRAWN, S.INELIGIBLE, S.NOT_SHORTLISTED, S.NOT_APPOINTED})


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus whole calendar months (the last day of a shorter month when needed)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def ended_at(call: Call) -> datetime | None:
    """When the call's retention period starts: its decision's date, else its closing time;
    None while it is still a draft or open."""
    if call.status not in (CallStatus.CLOSED, CallStatus.DECIDED):
        return None
    decided_on = db.session.execute(select(Decision.decided_on).where(Decision.call_id == call.id)).scalar()
    if decided_on is not None:
        return datetime.combine(decided_on, time.min, tzinfo=timezone.utc)
    return call.closes_at


def retention_ends(call: Call) -> datetime | None:
    """When the call's unsuccessful nominations are due for anonymisation."""
    start = ended_at(call)
    return add_months(start, call.retention_months) if start is not None else None


def due_nominations(now: datetime) -> list[Nomination]:
    """Unsuccessful nominations, not yet anonymised, whose call's retention period is over."""
    calls = db.session.execute(select(Call).where(Call.status.in_([CallStatus.CLOSED, CallStatus.DECIDED]))).scalars()
    due_calls = [call.id for call in calls if (end := retention_ends(call)) is not None and end <= now]
    if not due_calls:
        return []
    return list(db.session.execute(
        select(Nomination).where(Nomination.call_id.in_(due_calls), Nomination.status.in_(list(UNSUCCESSFUL)),
                                 Nomination.anonymised_at.is_(None))
        .order_by(Nomination.id).options(selectinload(Nomination.nominee))).scalars())


@dataclass(frozen=True)
class RetentionReport:
    """What a run did (or, dry, would do)."""

    nominations: list[int]
    people: int
    files: int
    dry_run: bool


def apply_retention(now: datetime | None = None, dry_run: bool = False) -> RetentionReport:
    """Anonymise every due nomination, and the person too once none of their nominations is
    kept (one appointed or still running elsewhere keeps the person). Audited per nomination."""
    now = now or utcnow()
    due = due_nominations(now)
    due_ids = {n.id for n in due}
    people = {n.nominee_id: n.nominee for n in due}
    fully_due = [p for p in people.values() if p.anonymised_at is None and _nothing_else_kept(p, due_ids)]
    if dry_run:
        files = sum(len(n.files) for n in due)
        return RetentionReport(sorted(due_ids), len(fully_due), files, True)
    files = sum(anonymise_nomination(n, None, "retention", now) for n in due)
    for person in fully_due:
        anonymise_nominee(person, None, "retention", now)
    return RetentionReport(sorted(due_ids), len(fully_due), files, False)


def _nothing_else_kept(person: Nominee, due_ids: set[int]) -> bool:
    return all(n.id in due_ids or n.anonymised_at is not None for n in person.nominations)
