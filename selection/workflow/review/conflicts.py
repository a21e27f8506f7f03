"""Conflicts of interest: declared by the reviewer (or for them by the Secretariat), which
recuses them; and the conflicts the affiliations suggest, for someone to declare."""
from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select

from selection.extensions import db
from selection.models import ConflictDeclaration, ConflictKind, Nomination, User
from selection.workflow import audit
from selection.workflow.conflict_suggestions import Party, suggested_conflicts
from selection.workflow.errors import WorkflowError
from selection.workflow.review.access import NotPermitted, assignment_of, conflict_of, is_staff, reviewers
from selection.workflow.review.summary import refresh_summaries


def declare_conflict(nomination: Nomination, reviewer: User, actor: User | None, *,
                     kind: ConflictKind, details: str = "") -> ConflictDeclaration:
    """Declare the reviewer's conflict: they are recused (assignment removed, review no longer counts).

    The reviewer declares their own; the Secretariat may record one for any reviewer.
    """
    if actor is not None and actor.id != reviewer.id and not is_staff(actor):
        raise NotPermitted(gettext("Only the reviewer themself or the Secretariat can declare a reviewer's conflict."))
    details = details.strip()
    if kind == ConflictKind.OTHER and not details:
        raise WorkflowError(gettext("Describe the conflict: “Other” needs an explanation."))
    if conflict_of(nomination, reviewer) is not None:
        raise WorkflowError(gettext("A conflict with this nomination is already declared."))
    declaration = ConflictDeclaration(nomination=nomination, reviewer=reviewer, kind=kind,
                                      details=details, declared_by=actor)
    db.session.add(declaration)
    assignment = assignment_of(nomination, reviewer)
    if assignment is not None:
        db.session.delete(assignment)
    audit.record(actor, nomination, "conflict_declared", reviewer=reviewer.email, kind=kind.value,
                 details=details, assignment_removed=assignment is not None)
    db.session.flush()
    refresh_summaries(nomination.call, [nomination.id])  # the recused reviewer's review stops counting
    return declaration


def recused_reviewer_ids(nomination: Nomination) -> set[int]:
    """Reviewers who declared a conflict with the nomination."""
    return set(db.session.execute(select(ConflictDeclaration.reviewer_id).where(
        ConflictDeclaration.nomination_id == nomination.id)).scalars())


def conflicts_on(nomination: Nomination) -> list[ConflictDeclaration]:
    """The conflicts declared with the nomination."""
    return list(db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.nomination_id == nomination.id)).scalars())


def parties_of(nomination: Nomination) -> list[Party]:
    """Whose affiliation a reviewer's is compared with: the nominee, and a third-party nominator."""
    parties = [Party("nominee", nomination.nominee.organization, nomination.nominee.email)]
    if nomination.is_third_party:
        parties.append(Party("nominator", nomination.nominator_organization, nomination.nominator_email))
    return parties


def suggested_conflicts_of(user: User, nomination: Nomination) -> list[str]:
    """Why ``user`` may have a conflict with the nomination, in words (empty when nothing matches)."""
    return suggested_conflicts(user.organization, user.email, parties_of(nomination))


def reviewers_with_suggested_conflicts(nomination: Nomination) -> dict[User, list[str]]:
    """Reviewers (not yet recused) whose organization or mail domain matches the nominee's or nominator's."""
    recused = recused_reviewer_ids(nomination)
    found = {}
    for reviewer in reviewers():
        reasons = suggested_conflicts_of(reviewer, nomination)
        if reasons and reviewer.id not in recused:
            found[reviewer] = reasons
    return found
