"""The pages of reviewers and recommenders: a reviewer's assignments; the shortlists a
recommender (or the Secretariat) may see, with scores, merit and every body's recommendation."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from selection.models import Role
from selection.numbers import parse_int
from selection.review_scores import describe_formula
from selection.views.loading import call_or_404
from selection.views.permissions import roles_required
from selection.views.review.blueprint import STAFF, bp, is_staff
from selection.workflow import review as ops
from selection.workflow.permissions import may_see_shortlist
from selection.workflow.my_work import assignments_of
from selection.workflow.review_page import shortlist_page


@bp.get("/my-assignments")
@roles_required(Role.REVIEWER)
def my_assignments() -> str:
    """The reviewer's nominations, a page at a time: reviews to do first, then drafts, then those submitted."""
    page = assignments_of(current_user, parse_int(request.args.get("page"), minimum=1) or 1)
    rows = [{"n": row.nomination, "assigned_at": row.assigned_at, "review": row.review, "reviewable": row.reviewable,
             "suggestions": ops.suggested_conflicts_of(current_user, row.nomination)}
            for row in page.rows]
    return render_template("review/my_assignments.html", rows=rows, page=page)


@bp.get("/shortlists")
@roles_required(*STAFF, Role.RECOMMENDER)
def shortlists() -> str:
    """The calls with a shortlist the user may see."""
    shown = ops.shortlists_for(current_user)
    return render_template("review/shortlists.html", calls=[call for call, _ in shown],
                           counts={call.id: count for call, count in shown})


@bp.get("/calls/<slug>/shortlist")
@roles_required(*STAFF, Role.RECOMMENDER)
def shortlist_view(slug: str) -> str:
    """The shortlisted candidates with scores, merit and every body's recommendation, a page at a time."""
    call = call_or_404(slug)
    if not may_see_shortlist(current_user, call):
        abort(403)
    bodies = ops.bodies_of(current_user, call)
    page = shortlist_page(call, request.args.get("page", 1, type=int) or 1)
    return render_template("review/shortlist.html", call=call, page=page,
                           bodies=call.recommending_bodies, own_bodies=bodies, staff=is_staff(),
                           formula=describe_formula(call.merit_settings))
