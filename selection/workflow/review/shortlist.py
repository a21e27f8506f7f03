"""Shortlisting: one nomination under review at a time, or many after a preview of exactly
what changes; the nominee's notice is held until released."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus, User
from selection.workflow.errors import WorkflowError
from selection.workflow.nominations import move
from selection.workflow import notifications
from selection.workflow.review.access import bodies_of, is_staff, require_staff
from selection.workflow.states import can_move

S = NominationStatus


def shortlist(nomination: Nomination, actor: User | None, *, shortlisted: bool, note: str = "") -> None:
    """Shortlist a nomination under review, or decide not to; a notice is held until released."""
    require_staff(actor, gettext("Only the Secretariat can make shortlist decisions."))
    target = S.SHORTLISTED if shortlisted else S.NOT_SHORTLISTED
    refusal = _shortlist_refusal(nomination, target)
    if refusal:
        raise WorkflowError(refusal)
    move(nomination, target, actor, note=note.strip())
    notifications.outcome(nomination, target, actor)


def _shortlist_refusal(nomination: Nomination, target: NominationStatus) -> str | None:
    if nomination.status == target:
        return f"#{nomination.id} {nomination.nominee.name} is already {target.label.lower()}."
    if not can_move(nomination.status, target):
        return (f"#{nomination.id} {nomination.nominee.name} is {nomination.status.label.lower()} "
                f"and cannot become {target.label.lower()}.")
    return None


@dataclass(frozen=True)
class PlannedChange:
    """One nomination of a bulk shortlist decision, and what would happen to it."""

    nomination_id: int
    name: str
    group: str
    from_status: NominationStatus
    to_status: NominationStatus
    refusal: str | None

    @property
    def changes(self) -> bool:
        """True when the nomination's status would change."""
        return self.refusal is None


@dataclass(frozen=True)
class ShortlistPreview:
    """Exactly what a bulk decision will change, with a token that confirms this very plan."""

    target: NominationStatus
    items: list[PlannedChange]

    @property
    def changes(self) -> list[PlannedChange]:
        """The nominations whose status would change."""
        return [item for item in self.items if item.changes]

    @property
    def unchanged(self) -> list[PlannedChange]:
        """The nominations left as they are, each with the reason."""
        return [item for item in self.items if not item.changes]

    @property
    def token(self) -> str:
        """Identifies the plan: applying it is refused if anything moved since the preview."""
        return ",".join(f"{i.nomination_id}:{i.from_status.value}" for i in self.changes) + f">{self.target.value}"


def preview_shortlist(nominations: Iterable[Nomination], shortlisted: bool) -> ShortlistPreview:
    """What shortlisting (or not) these nominations would change, before anything is changed."""
    target = S.SHORTLISTED if shortlisted else S.NOT_SHORTLISTED
    return ShortlistPreview(target, [
        PlannedChange(n.id, n.nominee.name, n.group.name, n.status, target, _shortlist_refusal(n, target))
        for n in sorted(nominations, key=lambda n: n.id)
    ])


def confirm_preview(preview: ShortlistPreview, token: str) -> None:
    """Refuse to apply ``preview`` when the nominations changed since it was shown (``token`` is
    the one it showed), or when none of them would change."""
    if preview.token != token:
        raise WorkflowError(gettext("The nominations changed since the confirmation was shown; review the new "
                                    "list of changes and confirm again."))
    if not preview.changes:
        raise WorkflowError(gettext("None of the chosen nominations would change."))


def apply_shortlist(nominations: Iterable[Nomination], shortlisted: bool, actor: User | None,
                    token: str, note: str = "") -> ShortlistPreview:
    """Apply a previewed bulk decision; refused when the nominations changed since the preview."""
    require_staff(actor, gettext("Only the Secretariat can make shortlist decisions."))
    preview = preview_shortlist(nominations, shortlisted)
    confirm_preview(preview, token)
    by_id = {n.id: n for n in nominations}
    for item in preview.changes:
        shortlist(by_id[item.nomination_id], actor, shortlisted=shortlisted, note=note)
    return preview


def shortlists_for(user: User | None) -> list[tuple[Call, int]]:
    """The calls with a shortlist ``user`` may see (staff: all; recommenders: their bodies' calls),
    newest deadline first, each with how many candidates are shortlisted now."""
    counts = dict(db.session.execute(select(Nomination.call_id, func.count()).where(
        Nomination.status == S.SHORTLISTED).group_by(Nomination.call_id)).all())
    calls = db.session.execute(select(Call).where(Call.id.in_(list(counts))).order_by(Call.closes_at.desc())).scalars()
    return [(call, counts[call.id]) for call in calls if is_staff(user) or bodies_of(user, call)]
