"""One nomination's review page: screening, assignment, conflicts, scores on the rubric,
comments, recommendations and the audit log, each section shown to those it is for.

Who sees what: the Secretariat and administrators everything; a reviewer only the nominations
assigned to them and not recused from; a recommender only shortlisted candidates; anyone else
gets 403 and nothing changes.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from wtforms import Form

from selection.forms.review import (
    ActionForm,
    AssignForm,
    CommentForm,
    ConflictForm,
    CriterionSpec,
    RecommendationForm,
    ScreeningForm,
    ShortlistForm,
    review_form_class,
)
from selection.models import (Call, ConflictKind, IneligibilityReason, Nomination, RecommendationLevel,
                              RecommendingBody, Review)
from selection.i18n import language_name
from selection.review_scores import describe_aggregation, describe_formula
from selection.views.permissions import roles_required
from selection.views.review.blueprint import REVIEW_ROLES, bp, is_staff, nomination_or_404, person_choices
from selection.workflow import notices as notice_ops
from selection.workflow import permissions
from selection.workflow import review as ops
from selection.workflow.errors import WorkflowError
from selection.workflow.history import staff_history


@bp.get("/nominations/<int:nomination_id>")
@roles_required(*REVIEW_ROLES)
def nomination(nomination_id: int) -> str:
    """Screening, assignment, conflicts, scores on the rubric, comments, recommendations, audit log."""
    n = nomination_or_404(nomination_id, permissions.may_open_nomination)
    return render_nomination(n)


def render_nomination(n: Nomination, **forms: Any) -> str:
    """The page, with any of its forms given (a refused one, shown again with its errors)."""
    call = n.call
    staff = is_staff()
    reviewer_view = ops.may_review(current_user, n)
    own_review = ops.review_of(n, current_user) if reviewer_view else None
    sees_reviews = permissions.may_see_others_reviews(current_user, n, own_review)
    bodies = ops.bodies_of(current_user, call)
    return render_template(
        "review/nomination.html", n=n, call=call, staff=staff, reviewer_view=reviewer_view,
        may_extend=permissions.may_manage_calls(current_user),
        own_review=own_review, sees_reviews=sees_reviews, criteria=call.rubric_criteria,
        scores=ops.scores_of(n), merit=ops.merit_of(n), formula=describe_formula(call.merit_settings),
        aggregation=describe_aggregation(), reviews=ops.reviews_of(n) if sees_reviews else [],
        recused=ops.recused_reviewer_ids(n), assignments=ops.assignments_to(n), conflicts=ops.conflicts_on(n),
        suggestions=ops.reviewers_with_suggested_conflicts(n) if staff else {},
        own_suggestions=ops.suggested_conflicts_of(current_user, n) if reviewer_view else [],
        screening=ops.latest_screening(n), recommendations=ops.recommendations_of(n),
        comments=ops.comments_on(n) if staff or reviewer_view else [],
        history=staff_history(n, current_user) if staff else [],
        notice=notice_ops.held_notice(n) if staff else None,
        screening_form=forms.get("screening_form") or screening_form(),
        assign_form=assign_form(n), conflict_form=forms.get("conflict_form") or conflict_form(n),
        comment_form=forms.get("comment_form") or CommentForm(),
        shortlist_form=forms.get("shortlist_form") or ShortlistForm(),
        recommendation_form=forms.get("recommendation_form") or recommendation_form(bodies),
        review_form=forms.get("review_form") or _review_form(call, own_review), bodies=bodies,
        action_form=ActionForm(), answers=ops.answers_with_files(n), position_level=n.position_level_label,
        written_in=language_name(n.language),
    )


def shown_again(n: Nomination, name: str, form: Form) -> Callable[[WorkflowError], ResponseReturnValue]:
    """What answers a refused operation: the page again, ``form`` (its keyword ``name``) with the reason."""
    def show(error: WorkflowError) -> ResponseReturnValue:
        form.form_errors.append(str(error))
        return render_nomination(n, **{name: form}), 400
    return show


def criteria_specs(call: Call) -> list[CriterionSpec]:
    """The call's rubric as the review form needs it."""
    return [CriterionSpec(c.id, c.name, c.description, c.scale_min, c.scale_max, c.weight)
            for c in call.rubric_criteria]


def _review_form(call: Call, review: Review | None) -> Any:
    criteria = criteria_specs(call)
    form = review_form_class(criteria)()
    if review is not None and request.method == "GET":
        for criterion in criteria:
            row = review.score_for(criterion.id)
            if row is not None:
                getattr(form, f"score_{criterion.id}").data = row.score
                getattr(form, f"comment_{criterion.id}").data = row.comment
        form.overall_comment.data = review.overall_comment
    return form


def screening_form() -> ScreeningForm:
    """Eligible or not, with the reasons to choose from."""
    form = ScreeningForm()
    form.reason.choices = [("", "—")] + IneligibilityReason.choices()
    return form


def assign_form(n: Nomination) -> AssignForm:
    """The reviewers who may still be assigned to the nomination."""
    form = AssignForm()
    form.reviewer.choices = person_choices(ops.assignable_reviewers(n))
    return form


def conflict_form(n: Nomination) -> ConflictForm:
    """A conflict's kind, and (for the Secretariat) the reviewer not yet recused it is about."""
    form = ConflictForm()
    form.kind.choices = ConflictKind.choices()
    form.reviewer.choices = person_choices(ops.unrecused_reviewers(n))
    return form


def recommendation_form(bodies: list[RecommendingBody]) -> RecommendationForm:
    """A recommendation for one of ``bodies``, at one of the levels."""
    form = RecommendationForm()
    form.body.choices = [(b.id, b.name) for b in bodies]
    form.level.choices = RecommendationLevel.choices()
    return form
