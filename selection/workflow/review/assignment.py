"""Assigning reviewers: one at a time, many at once, or the balanced plan over a call; and who
may still be assigned to a nomination."""
from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext
from sqlalchemy import select

from selection.extensions import db
from selection.models import Call, ConflictDeclaration, Nomination, ReviewAssignment, Role, User
from selection.workflow import audit
from selection.workflow.assignment import AssignmentPlan, balanced_assignment
from selection.workflow.errors import WorkflowError
from selection.workflow.review.access import assignment_of, conflict_of, require_staff, reviewers
from selection.workflow.review.conflicts import recused_reviewer_ids
from selection.workflow.states import can_review


def assign_reviewer(nomination: Nomination, reviewer: User, actor: User | None) -> ReviewAssignment:
    """Ask ``reviewer`` to review ``nomination``."""
    require_staff(actor, gettext("Only the Secretariat can assign reviewers."))
    if not reviewer.has_role(Role.REVIEWER) or not reviewer.active:
        raise WorkflowError(gettext("%(email)s is not an active reviewer.", email=reviewer.email))
    if not can_review(nomination.status):
        raise WorkflowError(gettext("A nomination that is %(status)s cannot be reviewed; screen it as eligible first.",
                                    status=nomination.status.label.lower()))
    conflict = conflict_of(nomination, reviewer)
    if conflict is not None:
        raise WorkflowError(gettext("%(name)s declared a conflict with this nomination (%(conflict)s) and cannot "
                                    "review it.", name=reviewer.name or reviewer.email, conflict=conflict.description))
    if assignment_of(nomination, reviewer) is not None:
        raise WorkflowError(gettext("%(name)s is already assigned to this nomination.", name=reviewer.name or reviewer.email))
    assignment = ReviewAssignment(nomination=nomination, reviewer=reviewer, assigned_by=actor)
    db.session.add(assignment)
    audit.record(actor, nomination, "reviewer_assigned", reviewer=reviewer.email)
    db.session.flush()
    return assignment


def assign_in_bulk(nominations: Sequence[Nomination], reviewers: Sequence[User],
                   actor: User | None) -> list[ReviewAssignment]:
    """Assign every reviewer to every nomination, skipping pairs already assigned.

    All or nothing: a conflict or a nomination that cannot be reviewed refuses the whole batch.
    """
    require_staff(actor, gettext("Only the Secretariat can assign reviewers."))
    made = []
    for nomination in nominations:
        for reviewer in reviewers:
            if assignment_of(nomination, reviewer) is None:
                made.append(assign_reviewer(nomination, reviewer, actor))
    return made


def remove_assignment(nomination: Nomination, reviewer: User, actor: User | None) -> None:
    """Take a nomination off a reviewer's list; a review they wrote stays on record."""
    require_staff(actor, gettext("Only the Secretariat can remove reviewers."))
    assignment = assignment_of(nomination, reviewer)
    if assignment is None:
        raise WorkflowError(gettext("%(name)s is not assigned to this nomination.", name=reviewer.name or reviewer.email))
    db.session.delete(assignment)
    audit.record(actor, nomination, "reviewer_removed", reviewer=reviewer.email)
    db.session.flush()


def assignments_to(nomination: Nomination) -> list[ReviewAssignment]:
    """The nomination's reviewer assignments, in the order they were made."""
    return list(db.session.execute(select(ReviewAssignment).where(ReviewAssignment.nomination_id == nomination.id)
                                   .order_by(ReviewAssignment.id)).scalars())


def unrecused_reviewers(nomination: Nomination) -> list[User]:
    """The active reviewers who have not declared a conflict with the nomination."""
    recused = recused_reviewer_ids(nomination)
    return [reviewer for reviewer in reviewers() if reviewer.id not in recused]


def assignable_reviewers(nomination: Nomination) -> list[User]:
    """The active reviewers who may still be assigned: neither assigned already nor recused."""
    assigned = {assignment.reviewer_id for assignment in assignments_to(nomination)}
    return [reviewer for reviewer in unrecused_reviewers(nomination) if reviewer.id not in assigned]


def plan_balanced_assignment(call: Call, per_nomination: int,
                             chosen_reviewers: Sequence[User] | None = None) -> AssignmentPlan[int, int]:
    """The balanced plan for the call's nominations under review (ids), without applying it."""
    pool = list(chosen_reviewers) if chosen_reviewers is not None else reviewers()
    pool_ids = [r.id for r in pool]
    candidates = [n for n in call.nominations if can_review(n.status)]
    nomination_ids = [n.id for n in candidates]
    assignments = db.session.execute(select(ReviewAssignment).join(Nomination).where(
        Nomination.call_id == call.id)).scalars().all()
    existing: dict[int, set[int]] = {}
    outside: dict[int, int] = {}
    for a in assignments:
        if a.nomination_id in nomination_ids:
            existing.setdefault(a.nomination_id, set()).add(a.reviewer_id)
        else:
            outside[a.reviewer_id] = outside.get(a.reviewer_id, 0) + 1
    conflicts = {(nomination_id, reviewer_id) for nomination_id, reviewer_id in db.session.execute(
        select(ConflictDeclaration.nomination_id, ConflictDeclaration.reviewer_id)
        .join(Nomination).where(Nomination.call_id == call.id))}
    labels = {n.id: f"#{n.id} {n.nominee.name}" for n in candidates}
    areas = {n.id: n.group.name for n in candidates}  # shortages are told by stakeholder group
    return balanced_assignment(nomination_ids, pool_ids, per_nomination, conflicts=conflicts,
                               existing=existing, existing_load=outside, label=labels, area=areas)


def apply_balanced_assignment(call: Call, per_nomination: int, actor: User | None,
                              chosen_reviewers: Sequence[User] | None = None) -> AssignmentPlan[int, int]:
    """Plan and make the balanced assignment; refused, with the reasons, when it cannot be complete."""
    require_staff(actor, gettext("Only the Secretariat can assign reviewers."))
    plan = plan_balanced_assignment(call, per_nomination, chosen_reviewers)
    if not plan.complete:
        raise WorkflowError(gettext("No balanced assignment is possible: %(problems)s", problems=" ".join(plan.problems)))
    for nomination_id, reviewer_id in plan.pairs:
        assign_reviewer(db.session.get(Nomination, nomination_id), db.session.get(User, reviewer_id), actor)
    audit.record(actor, call, "balanced_assignment", per_nomination=per_nomination,
                 assignments=len(plan.pairs), cap=plan.cap)
    db.session.flush()
    return plan
