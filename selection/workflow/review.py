"""The Secretariat's review: screening, reviewer assignment, conflicts, scoring, internal
comments, shortlisting and recommendations. Each operation checks who acts and what the
nomination's status allows, writes the audit log on the nomination, flushes, and raises
``WorkflowError`` with a message for people when it refuses.

Who may do what:
- the Secretariat and administrators (``REVIEW_STAFF``) screen, assign, shortlist, comment,
  record conflicts for a reviewer, and record any body's recommendation;
- a reviewer scores and comments on the nominations assigned to them, unless recused, and
  declares their own conflicts;
- a recommender records the recommendations of the bodies they speak for, on shortlisted
  nominations only.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from selection.extensions import db
from selection.models import (
    Call,
    ConflictDeclaration,
    ConflictKind,
    IneligibilityReason,
    InternalComment,
    Nomination,
    NominationStatus,
    Recommendation,
    RecommendationLevel,
    RecommendingBody,
    RecommendingBodyMember,
    Review,
    ReviewAssignment,
    ReviewScore,
    Role,
    ScreeningResult,
    User,
    utcnow,
)
from selection.review_scores import Aggregate, Criterion, ReviewInput, aggregate, merit_score
from selection.workflow import audit
from selection.workflow.assignment import AssignmentPlan, balanced_assignment
from selection.workflow.errors import WorkflowError
from selection.workflow.nominations import move
from selection.workflow import notifications
from selection.workflow.permissions import (  # noqa: F401  (who sees what, named here too)
    STAFF,
    assignment_of,
    conflict_of,
    is_staff,
    may_review,
    may_see_review_work,
)
from selection.workflow.states import can_move, can_review

REVIEW_STAFF = STAFF
S = NominationStatus


class NotPermitted(WorkflowError):
    """The acting user's role does not allow this operation."""


# ---------------------------------------------------------------------------- who sees what

def review_of(nomination: Nomination, reviewer: User) -> Review | None:
    """The reviewer's review (draft or submitted) of the nomination, if any."""
    return db.session.execute(select(Review).where(
        Review.nomination_id == nomination.id, Review.reviewer_id == reviewer.id,
    )).scalar_one_or_none()


def bodies_of(user: User | None, call: Call) -> list[RecommendingBody]:
    """The call's bodies ``user`` may record recommendations for: all for staff, own for recommenders."""
    if user is None:
        return []
    if is_staff(user):
        return list(call.recommending_bodies)
    if not user.has_role(Role.RECOMMENDER):
        return []
    member_of = set(db.session.execute(select(RecommendingBodyMember.body_id).where(
        RecommendingBodyMember.user_id == user.id)).scalars())
    return [body for body in call.recommending_bodies if body.id in member_of]


def _require_staff(actor: User | None, doing: str) -> None:
    if actor is not None and not is_staff(actor):
        raise NotPermitted(f"Only the Secretariat can {doing}.")


# ---------------------------------------------------------------------------- screening

def screen(nomination: Nomination, actor: User | None, *, eligible: bool,
           reason: IneligibilityReason | None = None, note: str = "") -> ScreeningResult:
    """Record an eligibility screening: eligible -> under review; ineligible (with a reason) -> ineligible.

    An ineligible nomination leaves the pool but stays on record; a later screening may
    find it eligible after all.
    """
    _require_staff(actor, "screen nominations")
    note = note.strip()
    if not eligible and reason is None:
        raise WorkflowError("Choose the reason the nomination is ineligible.")
    if not eligible and reason == IneligibilityReason.OTHER and not note:
        raise WorkflowError("Say why the nomination is ineligible: “Other” needs an explanation.")
    target = S.UNDER_REVIEW if eligible else S.INELIGIBLE
    if nomination.status != target and not can_move(nomination.status, target):
        raise WorkflowError(
            f"A nomination that is {nomination.status.label.lower()} cannot be screened; "
            "only submitted nominations, and those under review or found ineligible, can."
        )
    result = ScreeningResult(nomination=nomination, eligible=eligible, reason=None if eligible else reason,
                             note=note, screened_by=actor)
    db.session.add(result)
    if nomination.status != target:
        move(nomination, target, actor, screening=result.reason_text or "eligible")
        notifications.outcome(nomination, target, actor, reason=result.reason_text)
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


# ---------------------------------------------------------------------------- assignment

def assign_reviewer(nomination: Nomination, reviewer: User, actor: User | None) -> ReviewAssignment:
    """Ask ``reviewer`` to review ``nomination``."""
    _require_staff(actor, "assign reviewers")
    if not reviewer.has_role(Role.REVIEWER) or not reviewer.active:
        raise WorkflowError(f"{reviewer.email} is not an active reviewer.")
    if not can_review(nomination.status):
        raise WorkflowError(
            f"A nomination that is {nomination.status.label.lower()} cannot be reviewed; "
            "screen it as eligible first."
        )
    conflict = conflict_of(nomination, reviewer)
    if conflict is not None:
        raise WorkflowError(f"{reviewer.name or reviewer.email} declared a conflict with this "
                            f"nomination ({conflict.description}) and cannot review it.")
    if assignment_of(nomination, reviewer) is not None:
        raise WorkflowError(f"{reviewer.name or reviewer.email} is already assigned to this nomination.")
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
    _require_staff(actor, "assign reviewers")
    made = []
    for nomination in nominations:
        for reviewer in reviewers:
            if assignment_of(nomination, reviewer) is None:
                made.append(assign_reviewer(nomination, reviewer, actor))
    return made


def remove_assignment(nomination: Nomination, reviewer: User, actor: User | None) -> None:
    """Take a nomination off a reviewer's list; a review they wrote stays on record."""
    _require_staff(actor, "remove reviewers")
    assignment = assignment_of(nomination, reviewer)
    if assignment is None:
        raise WorkflowError(f"{reviewer.name or reviewer.email} is not assigned to this nomination.")
    db.session.delete(assignment)
    audit.record(actor, nomination, "reviewer_removed", reviewer=reviewer.email)
    db.session.flush()


def reviewers() -> list[User]:
    """Every active user holding the reviewer role, by name."""
    from selection.models import UserRole

    return list(db.session.execute(
        select(User).join(UserRole).where(UserRole.role == Role.REVIEWER, User.active.is_(True))
        .order_by(User.name, User.email)
    ).scalars())


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
    return balanced_assignment(nomination_ids, pool_ids, per_nomination, conflicts=conflicts,
                               existing=existing, existing_load=outside, label=labels)


def apply_balanced_assignment(call: Call, per_nomination: int, actor: User | None,
                              chosen_reviewers: Sequence[User] | None = None) -> AssignmentPlan[int, int]:
    """Plan and make the balanced assignment; refused, with the reasons, when it cannot be complete."""
    _require_staff(actor, "assign reviewers")
    plan = plan_balanced_assignment(call, per_nomination, chosen_reviewers)
    if not plan.complete:
        raise WorkflowError("No balanced assignment is possible: " + " ".join(plan.problems))
    for nomination_id, reviewer_id in plan.pairs:
        assign_reviewer(db.session.get(Nomination, nomination_id), db.session.get(User, reviewer_id), actor)
    audit.record(actor, call, "balanced_assignment", per_nomination=per_nomination,
                 assignments=len(plan.pairs), cap=plan.cap)
    db.session.flush()
    return plan


# ---------------------------------------------------------------------------- conflicts

def declare_conflict(nomination: Nomination, reviewer: User, actor: User | None, *,
                     kind: ConflictKind, details: str = "") -> ConflictDeclaration:
    """Declare the reviewer's conflict: they are recused (assignment removed, review no longer counts).

    The reviewer declares their own; the Secretariat may record one for any reviewer.
    """
    if actor is not None and actor.id != reviewer.id and not is_staff(actor):
        raise NotPermitted("Only the reviewer themself or the Secretariat can declare a reviewer's conflict.")
    details = details.strip()
    if kind == ConflictKind.OTHER and not details:
        raise WorkflowError("Describe the conflict: “Other” needs an explanation.")
    if conflict_of(nomination, reviewer) is not None:
        raise WorkflowError("A conflict with this nomination is already declared.")
    declaration = ConflictDeclaration(nomination=nomination, reviewer=reviewer, kind=kind,
                                      details=details, declared_by=actor)
    db.session.add(declaration)
    assignment = assignment_of(nomination, reviewer)
    if assignment is not None:
        db.session.delete(assignment)
    audit.record(actor, nomination, "conflict_declared", reviewer=reviewer.email, kind=kind.value,
                 details=details, assignment_removed=assignment is not None)
    db.session.flush()
    return declaration


# ---------------------------------------------------------------------------- reviewing

@dataclass(frozen=True)
class CriterionEntry:
    """What a reviewer entered for one criterion."""

    score: int | None
    comment: str = ""


def save_review(nomination: Nomination, reviewer: User, entries: Mapping[int, CriterionEntry],
                overall_comment: str, *, submit: bool, now: datetime | None = None) -> Review:
    """Save the reviewer's review (a draft, or submitted when ``submit``); scores within each scale.

    A submitted review may be revised; it stays submitted. Submitting needs every criterion scored.
    """
    if not reviewer.has_role(Role.REVIEWER):
        raise NotPermitted("Only reviewers score nominations; the Secretariat assigns them.")
    if not can_review(nomination.status):
        raise WorkflowError(
            f"A nomination that is {nomination.status.label.lower()} cannot be reviewed."
        )
    if conflict_of(nomination, reviewer) is not None:
        raise NotPermitted("You declared a conflict with this nomination and are recused from it.")
    if assignment_of(nomination, reviewer) is None:
        raise NotPermitted("You are not assigned to review this nomination.")
    criteria = {c.id: c for c in nomination.call.rubric_criteria}
    if not criteria:
        raise WorkflowError("This call has no rubric yet; ask the administrator to set its criteria.")
    problems = _score_problems(entries, criteria, submit)
    if problems:
        raise WorkflowError(" ".join(problems))
    now = now or utcnow()
    review = review_of(nomination, reviewer)
    if review is None:
        review = Review(nomination=nomination, reviewer=reviewer, created_at=now)
        db.session.add(review)
    for criterion_id, entry in entries.items():
        row = review.score_for(criterion_id)
        if row is None:
            row = ReviewScore(criterion_id=criterion_id)
            review.scores.append(row)
        row.score, row.comment = entry.score, entry.comment.strip()
    review.overall_comment = overall_comment.strip()
    review.updated_at = now
    first_submission = submit and review.submitted_at is None
    if submit and review.submitted_at is None:
        review.submitted_at = now
    action = "review_submitted" if first_submission else "review_updated" if review.is_submitted else "review_draft_saved"
    audit.record(reviewer, nomination, action, reviewer=reviewer.email,
                 scores={criteria[cid].name: e.score for cid, e in entries.items()})
    db.session.flush()
    return review


def _score_problems(entries: Mapping[int, CriterionEntry], criteria: Mapping[int, Any], submit: bool) -> list[str]:
    problems = []
    for criterion_id, entry in entries.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            problems.append("A score was given for a criterion that is not in this call's rubric.")
        elif entry.score is not None and not criterion.scale_min <= entry.score <= criterion.scale_max:
            problems.append(f"{criterion.name}: the score must be between {criterion.scale_min} "
                            f"and {criterion.scale_max}; {entry.score} is outside the scale.")
    if submit:
        missing = [c.name for cid, c in criteria.items() if entries.get(cid) is None or entries[cid].score is None]
        if missing:
            problems.append(f"Score every criterion before submitting; missing: {', '.join(missing)}.")
    return problems


def add_internal_comment(nomination: Nomination, author: User, body: str) -> InternalComment:
    """A staff-only note on a nomination: by the Secretariat or a reviewer who may review it."""
    if not may_see_review_work(author, nomination):
        raise NotPermitted("Only the Secretariat and the nomination's reviewers can comment.")
    body = body.strip()
    if not body:
        raise WorkflowError("Write the comment first.")
    comment = InternalComment(nomination=nomination, author=author, body=body)
    db.session.add(comment)
    audit.record(author, nomination, "internal_comment", length=len(body))
    db.session.flush()
    return comment


# ---------------------------------------------------------------------------- aggregation

def criteria_of(call: Call) -> list[Criterion]:
    """The call's rubric as aggregation needs it."""
    return [Criterion(c.id, c.weight, c.scale_min, c.scale_max) for c in call.rubric_criteria]


def recused_reviewer_ids(nomination: Nomination) -> set[int]:
    """Reviewers who declared a conflict with the nomination."""
    return set(db.session.execute(select(ConflictDeclaration.reviewer_id).where(
        ConflictDeclaration.nomination_id == nomination.id)).scalars())


def reviews_of(nomination: Nomination) -> list[Review]:
    """Every review of the nomination, drafts included, oldest first."""
    return list(db.session.execute(select(Review).where(Review.nomination_id == nomination.id)
                                   .order_by(Review.id)).scalars())


def scores_of(nomination: Nomination) -> Aggregate:
    """The nomination's aggregated review scores; recused reviewers and drafts count nowhere."""
    recused = recused_reviewer_ids(nomination)
    return aggregate([
        ReviewInput(r.reviewer_id, {s.criterion_id: s.score for s in r.scores}, r.is_submitted,
                    r.reviewer_id in recused)
        for r in reviews_of(nomination)
    ], criteria_of(nomination.call))


def recommendations_of(nomination: Nomination) -> list[Recommendation]:
    """The recommendations recorded on the nomination, in the order of the call's bodies."""
    return recommendations_by_nomination([nomination.id])[nomination.id]


def recommendations_by_nomination(nomination_ids: Iterable[int]) -> dict[int, list[Recommendation]]:
    """The recommendations of many nominations in one query, each list in the order of the bodies."""
    grouped: dict[int, list[Recommendation]] = {nomination_id: [] for nomination_id in nomination_ids}
    if not grouped:
        return grouped
    rows = db.session.execute(
        select(Recommendation).join(RecommendingBody).options(contains_eager(Recommendation.body))
        .where(Recommendation.nomination_id.in_(grouped))
        .order_by(RecommendingBody.position, RecommendingBody.id)).scalars()
    for recommendation in rows:
        grouped[recommendation.nomination_id].append(recommendation)
    return grouped


def merit_of(nomination: Nomination, scores: Aggregate | None = None) -> float | None:
    """The nomination's merit score per its call's formula."""
    scores = scores or scores_of(nomination)
    return merit_score(scores.mean, [r.level.value for r in recommendations_of(nomination)],
                       nomination.call.merit_settings)


# ---------------------------------------------------------------------------- shortlisting

def shortlist(nomination: Nomination, actor: User | None, *, shortlisted: bool, note: str = "") -> None:
    """Shortlist a nomination under review, or decide not to; a notice is held until released."""
    _require_staff(actor, "make shortlist decisions")
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


def apply_shortlist(nominations: Iterable[Nomination], shortlisted: bool, actor: User | None,
                    token: str, note: str = "") -> ShortlistPreview:
    """Apply a previewed bulk decision; refused when the nominations changed since the preview."""
    _require_staff(actor, "make shortlist decisions")
    preview = preview_shortlist(nominations, shortlisted)
    if preview.token != token:
        raise WorkflowError("The nominations changed since the confirmation was shown; review the new "
                            "list of changes and confirm again.")
    if not preview.changes:
        raise WorkflowError("None of the chosen nominations would change.")
    by_id = {n.id: n for n in nominations}
    for item in preview.changes:
        shortlist(by_id[item.nomination_id], actor, shortlisted=shortlisted, note=note)
    return preview


# ---------------------------------------------------------------------------- recommendations

def record_recommendation(nomination: Nomination, body: RecommendingBody, actor: User | None, *,
                          level: RecommendationLevel, note: str = "") -> Recommendation:
    """Record (or revise) a body's recommendation on a shortlisted nomination."""
    if body.call_id != nomination.call_id:
        raise WorkflowError(f"{body.name} is not a recommending body of this call.")
    if actor is not None and body not in bodies_of(actor, nomination.call):
        raise NotPermitted(f"You cannot record recommendations for {body.name}.")
    if nomination.status != S.SHORTLISTED:
        raise WorkflowError(f"Recommendations are recorded on shortlisted candidates only; this nomination "
                            f"is {nomination.status.label.lower()}.")
    existing = db.session.execute(select(Recommendation).where(
        Recommendation.nomination_id == nomination.id, Recommendation.body_id == body.id)).scalar_one_or_none()
    previous = existing.level.value if existing else None
    if existing is None:
        existing = Recommendation(nomination=nomination, body=body, level=level)
        db.session.add(existing)
    existing.level, existing.note = level, note.strip()
    existing.recorded_by, existing.recorded_at = actor, utcnow()
    audit.record(actor, nomination, "recommendation", from_state=previous, to_state=level.value,
                 body=body.name, note=existing.note)
    db.session.flush()
    return existing


def add_body_member(body: RecommendingBody, user: User, actor: User | None) -> RecommendingBodyMember:
    """Let a recommender account record recommendations for ``body``."""
    _require_staff(actor, "choose who speaks for a recommending body")
    if not user.has_role(Role.RECOMMENDER):
        raise WorkflowError(f"{user.email} does not hold the recommending body role.")
    existing = db.session.execute(select(RecommendingBodyMember).where(
        RecommendingBodyMember.body_id == body.id, RecommendingBodyMember.user_id == user.id)).scalar_one_or_none()
    if existing is not None:
        raise WorkflowError(f"{user.email} already speaks for {body.name}.")
    member = RecommendingBodyMember(body=body, user=user)
    db.session.add(member)
    audit.record(actor, body.call, "recommender_added", body=body.name, user=user.email)
    db.session.flush()
    return member
