"""What the forms of a nomination's review page do: screen, assign and unassign, declare a
conflict, score, comment, shortlist, recommend. A refused form is shown again at its own
address with the reason; a reload of that address lands on the page's section."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext
from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import Form

from selection.extensions import db
from selection.forms.review import ActionForm, CommentForm, ShortlistForm, review_form_class
from selection.models import ConflictKind, IneligibilityReason, Nomination, RecommendationLevel, RecommendingBody, Role
from selection.views.operations import run_operation
from selection.workflow import permissions
from selection.workflow.permissions import RECOMMENDERS, SCORERS
from selection.views.permissions import roles_required
from selection.views.review.blueprint import (
    REVIEW_ROLES,
    STAFF,
    bp,
    chosen_user,
    is_staff,
    nomination_or_404,
    section_url,
)
from selection.views.review.nomination import (
    assign_form,
    conflict_form,
    criteria_specs,
    recommendation_form,
    render_nomination,
    screening_form,
    shown_again,
)
from selection.data import N_
from selection.workflow import review as ops

HELD = N_("The nominee's notice is held until you release it.")


def _apply(n: Nomination, name: str, form: Form, operation: Callable[[], Any], anchor: str,
           success: str | Callable[[Any], str], back: str | None = None) -> ResponseReturnValue:
    """Validate the page's form ``name`` and run ``operation``; refused input or a refused
    operation shows the page again with the form and the reason (400)."""
    if not form.validate():
        return render_nomination(n, **{name: form}), 400
    return run_operation(operation, back or section_url(n, anchor), success, show_refusal=shown_again(n, name, form))


@bp.post("/nominations/<int:nomination_id>/screen")
@roles_required(*STAFF)
def screen(nomination_id: int) -> ResponseReturnValue:
    """Eligible or ineligible, with a reason."""
    n = nomination_or_404(nomination_id)
    form = screening_form()
    return _apply(n, "screening_form", form, lambda: ops.screen(
        n, current_user, eligible=form.decision.data == "eligible",
        reason=IneligibilityReason(form.reason.data) if form.reason.data else None, note=form.note.data or ""),
        "screening", lambda _: gettext("Screened: %(status)s.", status=n.status.label.lower()) + " " + gettext(HELD))


@bp.post("/nominations/<int:nomination_id>/assign")
@roles_required(*STAFF)
def assign(nomination_id: int) -> ResponseReturnValue:
    """Assign one reviewer."""
    n = nomination_or_404(nomination_id)
    form = assign_form(n)
    if not form.validate():
        flash(gettext("Choose a reviewer from the list."), "error")
        return redirect(section_url(n, "reviewers"))
    return run_operation(lambda: ops.assign_reviewer(n, chosen_user(form.reviewer.data), current_user),
                         section_url(n, "reviewers"), gettext("Reviewer assigned."))


@bp.post("/nominations/<int:nomination_id>/unassign/<int:reviewer_id>")
@roles_required(*STAFF)
def unassign(nomination_id: int, reviewer_id: int) -> ResponseReturnValue:
    """Take the nomination off a reviewer's list."""
    n = nomination_or_404(nomination_id)
    if not ActionForm().validate():
        flash(gettext("The form had expired; nothing was changed. Try again."), "error")
        return redirect(section_url(n, "reviewers"))
    return run_operation(lambda: ops.remove_assignment(n, chosen_user(reviewer_id), current_user),
                         section_url(n, "reviewers"), gettext("Assignment removed."))


@bp.post("/nominations/<int:nomination_id>/conflict")
@roles_required(*SCORERS)
def conflict(nomination_id: int) -> ResponseReturnValue:
    """Declare a conflict: a reviewer their own, the Secretariat any reviewer's."""
    n = nomination_or_404(nomination_id)
    staff = is_staff()
    if not staff and not ops.may_review(current_user, n):
        abort(403)
    form = conflict_form(n)
    return _apply(n, "conflict_form", form, lambda: ops.declare_conflict(
        n, chosen_user(form.reviewer.data) if staff else current_user, current_user,
        kind=ConflictKind(form.kind.data), details=form.details.data or ""),
        "conflicts", gettext("Conflict declared: the reviewer is recused from this nomination."),
        back=None if staff else url_for("review.my_assignments"))


@bp.post("/nominations/<int:nomination_id>/review")
@roles_required(Role.REVIEWER)
def save_review(nomination_id: int) -> ResponseReturnValue:
    """Save the reviewer's scores as a draft, submit them, or revise a submitted review."""
    n = nomination_or_404(nomination_id, ops.may_review)
    criteria = criteria_specs(n.call)
    form = review_form_class(criteria)()
    entries = {c.id: ops.CriterionEntry(getattr(form, f"score_{c.id}").data,
                                        getattr(form, f"comment_{c.id}").data or "") for c in criteria}
    comment = form.overall_comment.data or ""
    if form.revise_review.data:
        return _apply(n, "review_form", form, lambda: ops.revise_review(n, current_user, entries, comment),
                      "my-review", gettext("Review revised; the previous version is kept in the audit log."))
    submit = bool(form.submit_review.data)
    return _apply(n, "review_form", form, lambda: ops.save_review(n, current_user, entries, comment, submit=submit),
                  "my-review", gettext("Review submitted.") if submit else gettext("Draft saved; it counts once you submit it."))


@bp.post("/nominations/<int:nomination_id>/comment")
@roles_required(*SCORERS)
def comment(nomination_id: int) -> ResponseReturnValue:
    """An internal comment, staff only."""
    n = nomination_or_404(nomination_id, ops.may_see_review_work)
    form = CommentForm()
    return _apply(n, "comment_form", form, lambda: ops.add_internal_comment(n, current_user, form.body.data),
                  "comments", gettext("Comment added."))


@bp.post("/nominations/<int:nomination_id>/shortlist")
@roles_required(*STAFF)
def shortlist(nomination_id: int) -> ResponseReturnValue:
    """Shortlist one nomination, or not."""
    n = nomination_or_404(nomination_id)
    form = ShortlistForm()
    return _apply(n, "shortlist_form", form, lambda: ops.shortlist(
        n, current_user, shortlisted=form.decision.data == "shortlist", note=form.note.data or ""),
        "decision", lambda _: gettext("Now %(status)s.", status=n.status.label.lower()) + " " + gettext(HELD))


@bp.post("/nominations/<int:nomination_id>/recommend")
@roles_required(*RECOMMENDERS)
def recommend(nomination_id: int) -> ResponseReturnValue:
    """Record a recommending body's recommendation on a shortlisted candidate."""
    n = nomination_or_404(nomination_id, permissions.may_recommend)
    bodies = ops.bodies_of(current_user, n.call)
    form = recommendation_form(bodies)
    return _apply(n, "recommendation_form", form, lambda: ops.record_recommendation(
        n, db.get_or_404(RecommendingBody, form.body.data), current_user,
        level=RecommendationLevel(form.level.data), note=form.note.data or ""),
        "recommendations", gettext("Recommendation recorded."))


# The section of the nomination page each of its forms posts from.
SECTIONS = {"screen": "screening", "assign": "reviewers", "conflict": "conflicts", "review": "my-review",
            "comment": "comments", "shortlist": "decision", "recommend": "recommendations"}


@bp.get("/nominations/<int:nomination_id>/<any(screen, assign, conflict, review, comment, shortlist, recommend):part>")
@bp.get("/nominations/<int:nomination_id>/unassign/<int:reviewer_id>", defaults={"part": "assign"})
@roles_required(*REVIEW_ROLES)
def form_reloaded(nomination_id: int, part: str, reviewer_id: int | None = None) -> Response:
    """A form's address opened again after it answered (a reload, a bookmark): its section of the page.

    A refused form is shown at its own address with the input kept; reloading that address
    must land on the page, not on a 405.
    """
    return redirect(section_url(nomination_or_404(nomination_id), SECTIONS[part]))
