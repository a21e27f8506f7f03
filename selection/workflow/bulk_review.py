"""Decisions on many nominations at once, from the review list.

Screening (eligible, or ineligible with a reason) and shortlisting are previewed first: the
preview says exactly which nominations change and which are left as they are, and applying
it is refused if anything moved since. Assigning a reviewer to many nominations assigns
those that can be, and reports each one refused (a declared conflict, a status that cannot
be reviewed, an assignment that exists already) with its reason.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import select

from selection.extensions import db
from selection.numbers import parse_id
from selection.models import Call, IneligibilityReason, Nomination, NominationStatus, ReviewAssignment, Role, User
from selection.workflow.errors import WorkflowError
from selection.workflow.review import (
    NotPermitted,
    PlannedChange,
    ShortlistPreview,
    apply_shortlist,
    assign_reviewer,
    confirm_preview,
    is_staff,
    preview_shortlist,
    screen,
)
from selection.workflow.states import can_move

S = NominationStatus
# The decisions the list offers, and the status each moves a nomination to.
DECISIONS: dict[str, NominationStatus] = {
    "eligible": S.UNDER_REVIEW, "ineligible": S.INELIGIBLE,
    "shortlist": S.SHORTLISTED, "not_shortlist": S.NOT_SHORTLISTED,
}
SCREENING = ("eligible", "ineligible")


def _require_staff(actor: User | None) -> None:
    if actor is not None and not is_staff(actor):
        raise NotPermitted(gettext("Only the Secretariat can decide on nominations in bulk."))


def parse_ids(raw_ids: Iterable[str]) -> set[int]:
    """The nomination ids of a ticked list as posted (strings); what is not an id is ignored."""
    return {i for i in map(parse_id, raw_ids) if i is not None}


def chosen_nominations(call: Call, ids: set[int]) -> list[Nomination]:
    """The nominations of ``call`` among ``ids`` (one query); ids of other calls are left out."""
    if not ids:
        return []
    return list(db.session.execute(select(Nomination).where(Nomination.id.in_(ids),
                                                            Nomination.call_id == call.id)).scalars())


def screening_refusal(nomination: Nomination, target: NominationStatus) -> str | None:
    """Why screening would leave ``nomination`` as it is, or None when it would move it to ``target``."""
    label = f"#{nomination.id} {nomination.nominee.name}"
    if nomination.status == target:
        return f"{label} is already {target.label.lower()}."
    if not can_move(nomination.status, target):
        return f"{label} is {nomination.status.label.lower()} and cannot be screened."
    return None


def preview_decision(nominations: Sequence[Nomination], decision: str) -> ShortlistPreview:
    """What ``decision`` (a key of ``DECISIONS``) would change, before anything is changed."""
    if decision not in DECISIONS:
        raise WorkflowError(gettext("Choose what to do with the ticked nominations."))
    if decision not in SCREENING:
        return preview_shortlist(nominations, decision == "shortlist")
    target = DECISIONS[decision]
    return ShortlistPreview(target, [
        PlannedChange(n.id, n.nominee.name, n.group.name, n.status, target, screening_refusal(n, target))
        for n in sorted(nominations, key=lambda n: n.id)
    ])


def apply_decision(nominations: Sequence[Nomination], decision: str, actor: User | None, token: str, *,
                   note: str = "", reason: IneligibilityReason | None = None) -> ShortlistPreview:
    """Apply a previewed bulk decision; refused, with nothing changed, when the nominations moved
    since the preview, when none would change, or when an ineligible decision lacks its reason."""
    _require_staff(actor)
    if decision not in SCREENING:
        preview_decision(nominations, decision)  # refuses an unknown decision
        return apply_shortlist(nominations, decision == "shortlist", actor, token, note)
    eligible = decision == "eligible"
    if not eligible and reason is None:
        raise WorkflowError(gettext("Choose the reason the nominations are ineligible."))
    preview = preview_decision(nominations, decision)
    confirm_preview(preview, token)
    by_id = {n.id: n for n in nominations}
    for item in preview.changes:
        screen(by_id[item.nomination_id], actor, eligible=eligible, reason=None if eligible else reason, note=note)
    return preview


@dataclass
class BulkAssignment:
    """The assignments made, and each nomination refused with the reason."""

    made: list[ReviewAssignment] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def assign_to_many(nominations: Sequence[Nomination], reviewer: User, actor: User | None) -> BulkAssignment:
    """Assign ``reviewer`` to each nomination that can take them; report the others with the reason.

    A declared conflict is never overridden: that nomination is refused and named. Refused
    outright when none of them can take the reviewer.
    """
    _require_staff(actor)
    if not reviewer.has_role(Role.REVIEWER) or not reviewer.active:
        raise WorkflowError(gettext("%(email)s is not an active reviewer.", email=reviewer.email))
    outcome = BulkAssignment()
    for nomination in sorted(nominations, key=lambda n: n.id):
        try:
            outcome.made.append(assign_reviewer(nomination, reviewer, actor))
        except WorkflowError as error:  # checked before anything is written: the batch goes on
            outcome.refused.append(f"#{nomination.id} {nomination.nominee.name}: {error}")
    if not outcome.made:
        raise WorkflowError(gettext("Nothing was assigned. %(reasons)s", reasons=" ".join(outcome.refused)))
    return outcome
