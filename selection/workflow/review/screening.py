"""Eligibility screening: the Secretariat finds a submitted nomination eligible (under review)
or ineligible, with a reason; the nominee's notice is held until released."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext
from sqlalchemy import select

from selection.extensions import db
from selection.models import IneligibilityReason, Nomination, NominationStatus, ScreeningResult, User
from selection.services import mail
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.nominations import move
from selection.workflow import notifications
from selection.workflow.review.access import require_staff
from selection.workflow.states import can_move

S = NominationStatus


def screen(nomination: Nomination, actor: User | None, *, eligible: bool,
           reason: IneligibilityReason | None = None, note: str = "") -> ScreeningResult:
    """Record an eligibility screening: eligible -> under review; ineligible (with a reason) -> ineligible.

    An ineligible nomination leaves the pool but stays on record; a later screening may
    find it eligible after all.
    """
    require_staff(actor, gettext("Only the Secretariat can screen nominations."))
    note = note.strip()
    if not eligible and reason is None:
        raise WorkflowError(gettext("Choose the reason the nomination is ineligible."))
    if not eligible and reason == IneligibilityReason.OTHER and not note:
        raise WorkflowError(gettext("Say why the nomination is ineligible: “Other” needs an explanation."))
    target = S.UNDER_REVIEW if eligible else S.INELIGIBLE
    if nomination.status != target and not can_move(nomination.status, target):
        raise WorkflowError(gettext(
            "A nomination that is %(status)s cannot be screened; only submitted nominations, and those under "
            "review or found ineligible, can.", status=nomination.status.label.lower()))
    result = ScreeningResult(nomination=nomination, eligible=eligible, reason=None if eligible else reason,
                             note=note, screened_by=actor)
    db.session.add(result)
    if nomination.status != target:
        move(nomination, target, actor, screening=result.reason_text or "eligible")
        with mail.in_language(nomination.language):  # the listed reason in the nominee's words
            reason_for_nominee = result.reason_text
        notifications.outcome(nomination, target, actor, reason=reason_for_nominee)
    else:
        audit.record(actor, nomination, "screened", eligible=eligible, reason=result.reason_text)
    db.session.flush()
    return result


def latest_screening(nomination: Nomination) -> ScreeningResult | None:
    """The screening in force: the latest one."""
    return latest_screenings([nomination.id]).get(nomination.id)


def latest_screenings(nomination_ids: Iterable[int]) -> dict[int, ScreeningResult]:
    """The screening in force of many nominations in one query, by nomination id."""
    ids = list(nomination_ids)
    if not ids:
        return {}
    rows = db.session.execute(select(ScreeningResult).where(ScreeningResult.nomination_id.in_(ids))
                              .order_by(ScreeningResult.id)).scalars()
    return {row.nomination_id: row for row in rows}  # later rows overwrite earlier ones
