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

One module per concern; every public name is importable from here as well
(``from selection.workflow import review as review_ops``; ``review_ops.screen(...)``).
"""
from __future__ import annotations

from selection.workflow.review.access import (
    REVIEW_STAFF,
    NotPermitted,
    assignment_of,
    bodies_of,
    conflict_of,
    is_staff,
    may_review,
    may_see_review_work,
    require_staff,
    review_of,
    reviewers,
    users_with_role,
)
from selection.workflow.review.answers import answers_with_files
from selection.workflow.review.assignment import (
    apply_balanced_assignment,
    assign_in_bulk,
    assign_reviewer,
    assignable_reviewers,
    assignments_to,
    plan_balanced_assignment,
    remove_assignment,
    unrecused_reviewers,
)
from selection.workflow.review.comments import add_internal_comment, comments_on
from selection.workflow.review.conflicts import (
    conflicts_on,
    declare_conflict,
    parties_of,
    recused_reviewer_ids,
    reviewers_with_suggested_conflicts,
    suggested_conflicts_of,
)
from selection.workflow.review.recommendations import (
    add_body_member,
    body_members,
    recommendations_by_nomination,
    recommendations_of,
    recommenders,
    record_recommendation,
)
from selection.workflow.review.scoring import (
    CriterionEntry,
    aggregate_reviews,
    criteria_of,
    merit_of,
    review_counts,
    reviews_of,
    revise_review,
    save_review,
    scores_by_nomination,
    scores_of,
)
from selection.workflow.review.screening import latest_screening, latest_screenings, screen
from selection.workflow.review.shortlist import (
    PlannedChange,
    ShortlistPreview,
    apply_shortlist,
    confirm_preview,
    preview_shortlist,
    shortlist,
    shortlists_for,
)

__all__ = [
    "REVIEW_STAFF", "NotPermitted", "assignment_of", "bodies_of", "conflict_of", "is_staff", "may_review",
    "may_see_review_work", "require_staff", "review_of", "reviewers", "users_with_role",
    "answers_with_files", "apply_balanced_assignment", "assign_in_bulk", "assign_reviewer", "assignable_reviewers", "assignments_to",
    "plan_balanced_assignment", "remove_assignment", "unrecused_reviewers",
    "add_internal_comment", "comments_on",
    "conflicts_on", "declare_conflict", "parties_of", "recused_reviewer_ids",
    "reviewers_with_suggested_conflicts", "suggested_conflicts_of",
    "add_body_member", "body_members", "recommendations_by_nomination", "recommendations_of", "recommenders",
    "record_recommendation",
    "CriterionEntry", "aggregate_reviews", "criteria_of", "merit_of", "review_counts", "reviews_of", "revise_review", "save_review", "scores_by_nomination", "scores_of",
    "latest_screening", "latest_screenings", "screen",
    "PlannedChange", "ShortlistPreview", "apply_shortlist", "confirm_preview", "preview_shortlist", "shortlist", "shortlists_for",
]
