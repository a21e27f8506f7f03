"""The Secretariat's review tools: the call dashboard, the nomination list with filters and
bulk decisions, the nomination review page, reviewers' assignments, recommenders' shortlist,
outcome notices and exports.

Who sees what: the Secretariat and administrators everything; a reviewer only the nominations
assigned to them and not recused from; a recommender only shortlisted candidates; anyone else
gets 403 and nothing changes.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from selection.forms.review import (
    ActionForm,
    AssignForm,
    BalancedAssignmentForm,
    BodyMemberForm,
    BulkActionForm,
    CommentForm,
    ConflictForm,
    CriterionSpec,
    RecommendationForm,
    ScreeningForm,
    ShortlistForm,
    review_form_class,
)
from selection.data import REGIONAL_GROUPS
from selection.models.enums import POSITION_LEVELS
from selection.exports import export
from selection.extensions import db
from selection.models import (
    Call,
    ConflictDeclaration,
    ConflictKind,
    Gender,
    IneligibilityReason,
    InternalComment,
    Nomination,
    NominationStatus,
    QuestionKind,
    StoredFile,
    RecommendationLevel,
    RecommendingBody,
    RecommendingBodyMember,
    ReviewAssignment,
    Role,
    User,
    UserRole,
)
from selection.plurals import ngettext
from selection.review_scores import describe_aggregation, describe_formula
from selection.views.loading import call_or_404
from selection.views.charts import stacked_bars
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.workflow import dashboard, permissions, visibility
from selection.workflow.audit_words import history_lines, staff_words
from selection.workflow import notices as notice_ops
from selection.workflow import review as ops
from selection.workflow.conflict_suggestions import Party, suggested_conflicts
from selection.workflow.errors import WorkflowError
from selection.workflow.my_work import assignments_of
from selection.workflow.permissions import RECOMMENDERS, REVIEW_ROLES, SCORERS, STAFF
from selection.workflow.states import is_received, is_shortlisted
from selection.workflow.review_list import (
    GENDERS,
    SORTS,
    NominationFilter,
    call_nominations,
    candidate_rows,
    load_review_data,
    paginate,
)

bp = Blueprint("review", __name__, url_prefix="/review")
bp.add_app_template_global(staff_words, "audit_words")


# ---------------------------------------------------------------------------- loading and access


def _nomination(nomination_id: int) -> Nomination:
    return db.get_or_404(Nomination, nomination_id)


def _is_staff() -> bool:
    return ops.is_staff(current_user)


def _page(nomination: Nomination, anchor: str = "") -> str:
    return url_for("review.nomination", nomination_id=nomination.id) + (f"#{anchor}" if anchor else "")


def _back(nomination: Nomination, anchor: str = "") -> Response:
    return redirect(_page(nomination, anchor))


def _reviewer_choices() -> list[tuple[int, str]]:
    return [(u.id, f"{u.name or u.email} ({u.email})") for u in ops.reviewers()]


def _user(user_id: int | None) -> User:
    user = db.session.get(User, user_id) if user_id else None
    if user is None:
        abort(400, "Choose a person from the list.")
    return user


# ---------------------------------------------------------------------------- dashboard

@bp.get("/calls/<slug>")
@roles_required(*STAFF)
def dashboard_page(slug: str) -> str:
    """The call at a glance: group x region x gender, statuses, gaps against seats and rules."""
    call = call_or_404(slug)
    received = [n for n in call_nominations(call) if is_received(n.status)]
    table = dashboard.cross_table(received)
    regions = list(REGIONAL_GROUPS.items())
    genders = [(g.value, g.label) for g in Gender]
    by_group: Counter[tuple[str, str]] = Counter()
    by_region: Counter[tuple[str, str]] = Counter()
    for (code, region, gender), count in table.items():
        by_group[(code, gender)] += count
        by_region[(region, gender)] += count
    charts = [
        stacked_bars("Nominations by stakeholder group and gender", [(g.code, g.name) for g in call.groups],
                     genders, by_group),
        stacked_bars("Nominations by UN regional group and gender", regions, genders, by_region),
        stacked_bars("Nominations by status", [(s.value, s.label) for s, _ in dashboard.status_counts(received)],
                     [("count", "Nominations")],
                     {(s.value, "count"): c for s, c in dashboard.status_counts(received)}),
    ]
    members = db.session.execute(select(RecommendingBodyMember).join(RecommendingBody).where(
        RecommendingBody.call_id == call.id)).scalars().all()
    member_form = BodyMemberForm()
    member_form.body.choices = [(b.id, b.name) for b in call.recommending_bodies]
    member_form.user.choices = [(u.id, f"{u.name or u.email} ({u.email})") for u in _users_with(Role.RECOMMENDER)]
    return render_template(
        "review/dashboard.html", call=call, table=table, regions=regions, genders=genders, charts=charts,
        statuses=dashboard.status_counts(received), gaps=dashboard.gaps(call, received),
        pool=len(dashboard.in_pool(received)), total=len(received), members=members,
        assign_form=BalancedAssignmentForm(), member_form=member_form,
        formula=describe_formula(call.merit_settings),
    )


def _users_with(role: Role) -> list[User]:
    return list(db.session.execute(select(User).join(UserRole).where(UserRole.role == role, User.active.is_(True))
                                   .order_by(User.name, User.email)).scalars())


@bp.post("/calls/<slug>/assign-balanced")
@roles_required(*STAFF)
def assign_balanced(slug: str) -> Response:
    """Balanced automatic assignment: N reviewers per nomination under review."""
    call = call_or_404(slug)
    form = BalancedAssignmentForm()
    if not form.validate():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("review.dashboard_page", slug=slug))
    return run_operation(lambda: ops.apply_balanced_assignment(call, form.per_nomination.data, current_user),
                         url_for("review.dashboard_page", slug=slug), _balanced_done)


def _balanced_done(plan: Any) -> str:
    return ngettext("%(num)d assignment made", "%(num)d assignments made", len(plan.pairs)) + "; " + ngettext(
        "no reviewer has more than %(num)d nomination.", "no reviewer has more than %(num)d nominations.", plan.cap)


@bp.post("/calls/<slug>/body-members")
@roles_required(*STAFF)
def add_body_member(slug: str) -> Response:
    """Let a recommender account record recommendations for one of the call's bodies."""
    call = call_or_404(slug)
    form = BodyMemberForm()
    form.body.choices = [(b.id, b.name) for b in call.recommending_bodies]
    form.user.choices = [(u.id, u.email) for u in _users_with(Role.RECOMMENDER)]
    back = url_for("review.dashboard_page", slug=slug) + "#bodies"
    if not form.validate():
        flash("Choose a body and a recommender account.", "error")
        return redirect(back)
    return run_operation(lambda: ops.add_body_member(db.get_or_404(RecommendingBody, form.body.data),
                                                     _user(form.user.data), current_user),
                         back, "The recommender can now record that body's recommendations.")


# ---------------------------------------------------------------------------- the list

@bp.get("/calls/<slug>/nominations")
@roles_required(*STAFF)
def nominations(slug: str) -> str:
    """Filters, search, sorting and pagination over one row per candidate; bulk decisions."""
    call = call_or_404(slug)
    f = NominationFilter.from_args(request.args)
    rows = candidate_rows(load_review_data(call), f)
    page = paginate(rows, f.page)
    return render_template(
        "review/nominations.html", call=call, f=f, page=page, sorts=SORTS, genders=GENDERS,
        statuses=list(NominationStatus), reviewers=ops.reviewers(), bulk=bulk_form(),
        formula=describe_formula(call.merit_settings), aggregation=describe_aggregation(),
    )


def bulk_form() -> BulkActionForm:
    """The list's form for the ticked nominations, with its reasons and reviewers."""
    form = BulkActionForm()
    form.reason.choices = [("", "—")] + IneligibilityReason.choices()
    form.reviewer.choices = [(0, "—")] + _reviewer_choices()
    return form


@bp.get("/calls/<slug>/export.<fmt>")
@roles_required(*STAFF)
def export_file(slug: str, fmt: str) -> Response:
    """The list, filtered as shown, as CSV or Excel; the export is audited."""
    call = call_or_404(slug)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    content = export(call, current_user, fmt, NominationFilter.from_args(request.args))
    db.session.commit()
    mimetype = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(content, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{call.slug}-nominations.{fmt}"'})


# ---------------------------------------------------------------------------- one nomination

@bp.get("/nominations/<int:nomination_id>")
@roles_required(*REVIEW_ROLES)
def nomination(nomination_id: int) -> str:
    """Screening, assignment, conflicts, scores on the rubric, comments, recommendations, audit log."""
    n = _nomination(nomination_id)
    if not permissions.may_open_nomination(current_user, n):
        abort(403)
    return _render_nomination(n)


def _render_nomination(n: Nomination, **forms: Any) -> str:
    call = n.call
    staff = _is_staff()
    reviewer_view = ops.may_review(current_user, n)
    own_review = ops.review_of(n, current_user) if reviewer_view else None
    sees_reviews = permissions.may_see_others_reviews(current_user, n, own_review)
    criteria = [CriterionSpec(c.id, c.name, c.description, c.scale_min, c.scale_max, c.weight)
                for c in call.rubric_criteria]
    review_form = forms.get("review_form") or _review_form(criteria, own_review)
    assignments = db.session.execute(select(ReviewAssignment).where(ReviewAssignment.nomination_id == n.id)
                                     .order_by(ReviewAssignment.id)).scalars().all()
    conflicts = db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.nomination_id == n.id)).scalars().all()
    bodies = ops.bodies_of(current_user, call)
    return render_template(
        "review/nomination.html", n=n, call=call, staff=staff, reviewer_view=reviewer_view,
        own_review=own_review, sees_reviews=sees_reviews, criteria=call.rubric_criteria,
        scores=ops.scores_of(n), merit=ops.merit_of(n), formula=describe_formula(call.merit_settings),
        aggregation=describe_aggregation(), reviews=ops.reviews_of(n) if sees_reviews else [],
        recused=ops.recused_reviewer_ids(n), assignments=assignments, conflicts=conflicts,
        suggestions=_suggestions(n) if staff else {}, own_suggestions=_own_suggestions(n) if reviewer_view else [],
        screening=ops.latest_screening(n), recommendations=ops.recommendations_of(n),
        comments=_comments(n) if staff or reviewer_view else [],
        history=_history(n) if staff else [], notice=notice_ops.held_notice(n) if staff else None,
        screening_form=forms.get("screening_form") or _screening_form(),
        assign_form=_assign_form(n), conflict_form=forms.get("conflict_form") or _conflict_form(n),
        comment_form=forms.get("comment_form") or CommentForm(),
        shortlist_form=forms.get("shortlist_form") or ShortlistForm(),
        recommendation_form=forms.get("recommendation_form") or _recommendation_form(bodies),
        review_form=review_form, bodies=bodies, action_form=ActionForm(), answers=_answers(n),
        position_level=dict(POSITION_LEVELS.get(n.group.required_level.value, [])).get(n.position_level, n.position_level),
    )


def _answers(n: Nomination) -> list[tuple[str, Any, StoredFile | None]]:
    """(question, answer, file) for each answer given; a file question's answer comes with its
    stored file, so that whoever may read the nomination's files can open it."""
    questions = {q.key: q for q in n.call.questions}
    files = {f.id: f for f in n.files}
    rows = []
    for key, value in (n.answers or {}).items():
        question = questions.get(key)
        is_file = question is not None and question.kind == QuestionKind.FILE and str(value).isdigit()
        rows.append((question.label if question else key, value, files.get(int(value)) if is_file else None))
    return rows


def _review_form(criteria: list[CriterionSpec], review: Any) -> Any:
    form = review_form_class(criteria)()
    if review is not None and request.method == "GET":
        for criterion in criteria:
            row = review.score_for(criterion.id)
            if row is not None:
                getattr(form, f"score_{criterion.id}").data = row.score
                getattr(form, f"comment_{criterion.id}").data = row.comment
        form.overall_comment.data = review.overall_comment
    return form


def _screening_form() -> ScreeningForm:
    form = ScreeningForm()
    form.reason.choices = [("", "—")] + IneligibilityReason.choices()
    return form


def _assign_form(n: Nomination) -> AssignForm:
    form = AssignForm()
    taken = {a.reviewer_id for a in db.session.execute(select(ReviewAssignment).where(
        ReviewAssignment.nomination_id == n.id)).scalars()} | ops.recused_reviewer_ids(n)
    form.reviewer.choices = [(i, label) for i, label in _reviewer_choices() if i not in taken]
    return form


def _conflict_form(n: Nomination) -> ConflictForm:
    form = ConflictForm()
    form.kind.choices = ConflictKind.choices()
    form.reviewer.choices = [(i, label) for i, label in _reviewer_choices()
                             if i not in ops.recused_reviewer_ids(n)]
    return form


def _recommendation_form(bodies: list[RecommendingBody]) -> RecommendationForm:
    form = RecommendationForm()
    form.body.choices = [(b.id, b.name) for b in bodies]
    form.level.choices = RecommendationLevel.choices()
    return form


def _parties(n: Nomination) -> list[Party]:
    parties = [Party("nominee", n.nominee.organization, n.nominee.email)]
    if n.is_third_party:
        parties.append(Party("nominator", n.nominator_organization, n.nominator_email))
    return parties


def _suggestions(n: Nomination) -> dict[User, list[str]]:
    """Reviewers (not yet recused) whose organization or mail domain matches the nominee's or nominator's."""
    recused = ops.recused_reviewer_ids(n)
    found = {}
    for reviewer in ops.reviewers():
        reasons = suggested_conflicts(reviewer.organization, reviewer.email, _parties(n))
        if reasons and reviewer.id not in recused:
            found[reviewer] = reasons
    return found


def _own_suggestions(n: Nomination) -> list[str]:
    return suggested_conflicts(current_user.organization, current_user.email, _parties(n))


def _comments(n: Nomination) -> list[InternalComment]:
    return list(db.session.execute(select(InternalComment).where(InternalComment.nomination_id == n.id)
                                   .order_by(InternalComment.id)).scalars())


def _history(n: Nomination) -> list[dict[str, Any]]:
    """The nomination's whole audit log in words, for staff."""
    events = visibility.history_events([n], {n.id: visibility.Viewer.STAFF})
    return history_lines(events.get(n.id, []), visibility.Viewer.STAFF, current_user, n.nominee.user_id)


@bp.post("/nominations/<int:nomination_id>/screen")
@roles_required(*STAFF)
def screen(nomination_id: int) -> Any:
    """Eligible or ineligible, with a reason."""
    n = _nomination(nomination_id)
    form = _screening_form()
    if not form.validate():
        return _render_nomination(n, screening_form=form), 400
    try:
        ops.screen(n, current_user, eligible=form.decision.data == "eligible",
                   reason=IneligibilityReason(form.reason.data) if form.reason.data else None,
                   note=form.note.data or "")
    except WorkflowError as error:
        form.form_errors.append(str(error))
        return _render_nomination(n, screening_form=form), 400
    db.session.commit()
    flash(f"Screened: {n.status.label.lower()}. The nominee's notice is held until you release it.", "success")
    return _back(n, "screening")


@bp.post("/nominations/<int:nomination_id>/assign")
@roles_required(*STAFF)
def assign(nomination_id: int) -> Response:
    """Assign one reviewer."""
    n = _nomination(nomination_id)
    form = _assign_form(n)
    if not form.validate():
        flash("Choose a reviewer from the list.", "error")
        return _back(n, "reviewers")
    return run_operation(lambda: ops.assign_reviewer(n, _user(form.reviewer.data), current_user),
                         _page(n, "reviewers"), "Reviewer assigned.")


@bp.post("/nominations/<int:nomination_id>/unassign/<int:reviewer_id>")
@roles_required(*STAFF)
def unassign(nomination_id: int, reviewer_id: int) -> Response:
    """Take the nomination off a reviewer's list."""
    n = _nomination(nomination_id)
    if not ActionForm().validate():
        flash("The form had expired; nothing was changed. Try again.", "error")
        return _back(n, "reviewers")
    return run_operation(lambda: ops.remove_assignment(n, _user(reviewer_id), current_user),
                         _page(n, "reviewers"), "Assignment removed.")


@bp.post("/nominations/<int:nomination_id>/conflict")
@roles_required(*SCORERS)
def conflict(nomination_id: int) -> Any:
    """Declare a conflict: a reviewer their own, the Secretariat any reviewer's."""
    n = _nomination(nomination_id)
    if not permissions.may_see_review_work(current_user, n):
        abort(403)
    form = _conflict_form(n)
    if not form.validate():
        return _render_nomination(n, conflict_form=form), 400
    reviewer = _user(form.reviewer.data) if _is_staff() else current_user
    try:
        ops.declare_conflict(n, reviewer, current_user, kind=ConflictKind(form.kind.data), details=form.details.data or "")
    except WorkflowError as error:
        form.form_errors.append(str(error))
        return _render_nomination(n, conflict_form=form), 400
    db.session.commit()
    flash("Conflict declared: the reviewer is recused from this nomination.", "success")
    if not _is_staff():
        return redirect(url_for("review.my_assignments"))
    return _back(n, "conflicts")


@bp.post("/nominations/<int:nomination_id>/review")
@roles_required(Role.REVIEWER)
def save_review(nomination_id: int) -> Any:
    """Save the reviewer's scores as a draft, or submit them."""
    n = _nomination(nomination_id)
    if not ops.may_review(current_user, n):
        abort(403)
    criteria = [CriterionSpec(c.id, c.name, c.description, c.scale_min, c.scale_max, c.weight)
                for c in n.call.rubric_criteria]
    form = review_form_class(criteria)()
    if not form.validate():
        return _render_nomination(n, review_form=form), 400
    entries = {c.id: ops.CriterionEntry(getattr(form, f"score_{c.id}").data,
                                        getattr(form, f"comment_{c.id}").data or "") for c in criteria}
    submit = bool(form.submit_review.data)
    try:
        ops.save_review(n, current_user, entries, form.overall_comment.data or "", submit=submit)
    except WorkflowError as error:
        form.form_errors.append(str(error))
        return _render_nomination(n, review_form=form), 400
    db.session.commit()
    flash("Review submitted." if submit else "Draft saved; it counts once you submit it.", "success")
    return _back(n, "my-review")


@bp.post("/nominations/<int:nomination_id>/comment")
@roles_required(*SCORERS)
def comment(nomination_id: int) -> Any:
    """An internal comment, staff only."""
    n = _nomination(nomination_id)
    if not ops.may_see_review_work(current_user, n):
        abort(403)
    form = CommentForm()
    if not form.validate():
        return _render_nomination(n, comment_form=form), 400
    ops.add_internal_comment(n, current_user, form.body.data)
    db.session.commit()
    flash("Comment added.", "success")
    return _back(n, "comments")


@bp.post("/nominations/<int:nomination_id>/shortlist")
@roles_required(*STAFF)
def shortlist(nomination_id: int) -> Any:
    """Shortlist one nomination, or not."""
    n = _nomination(nomination_id)
    form = ShortlistForm()
    if not form.validate():
        return _render_nomination(n, shortlist_form=form), 400
    try:
        ops.shortlist(n, current_user, shortlisted=form.decision.data == "shortlist", note=form.note.data or "")
    except WorkflowError as error:
        form.form_errors.append(str(error))
        return _render_nomination(n, shortlist_form=form), 400
    db.session.commit()
    flash(f"Now {n.status.label.lower()}. The nominee's notice is held until you release it.", "success")
    return _back(n, "decision")


@bp.post("/nominations/<int:nomination_id>/recommend")
@roles_required(*RECOMMENDERS)
def recommend(nomination_id: int) -> Any:
    """Record a recommending body's recommendation on a shortlisted candidate."""
    n = _nomination(nomination_id)
    if not permissions.may_recommend(current_user, n):
        abort(403)
    bodies = ops.bodies_of(current_user, n.call)
    form = _recommendation_form(bodies)
    if not form.validate():
        return _render_nomination(n, recommendation_form=form), 400
    try:
        ops.record_recommendation(n, db.get_or_404(RecommendingBody, form.body.data), current_user,
                                  level=RecommendationLevel(form.level.data), note=form.note.data or "")
    except WorkflowError as error:
        form.form_errors.append(str(error))
        return _render_nomination(n, recommendation_form=form), 400
    db.session.commit()
    flash("Recommendation recorded.", "success")
    return _back(n, "recommendations")


# ---------------------------------------------------------------------------- reviewers and recommenders

@bp.get("/my-assignments")
@roles_required(Role.REVIEWER)
def my_assignments() -> str:
    """The reviewer's nominations: reviews to do first, then drafts, then those submitted."""
    rows = [{"n": row.nomination, "assigned_at": row.assigned_at, "review": row.review, "reviewable": row.reviewable,
             "suggestions": suggested_conflicts(current_user.organization, current_user.email,
                                                _parties(row.nomination))}
            for row in assignments_of(current_user)]
    return render_template("review/my_assignments.html", rows=rows)


@bp.get("/shortlists")
@roles_required(*RECOMMENDERS)
def shortlists() -> str:
    """The calls with a shortlist the user may see."""
    calls = db.session.execute(select(Call).order_by(Call.closes_at.desc())).scalars().all()
    visible = [c for c in calls if ops.bodies_of(current_user, c) or _is_staff()]
    counts = {c.id: sum(1 for n in c.nominations if is_shortlisted(n.status)) for c in visible}
    return render_template("review/shortlists.html", calls=[c for c in visible if counts[c.id]], counts=counts)


@bp.get("/calls/<slug>/shortlist")
@roles_required(*RECOMMENDERS)
def shortlist_view(slug: str) -> str:
    """The shortlisted candidates with scores, merit and every body's recommendation."""
    call = call_or_404(slug)
    bodies = ops.bodies_of(current_user, call)
    if not _is_staff() and not bodies:
        abort(403)
    data = [d for d in load_review_data(call) if is_shortlisted(d.nomination.status)]
    data.sort(key=lambda d: (d.nomination.group.position, -(d.merit or 0)))
    return render_template("review/shortlist.html", call=call, data=data, bodies=call.recommending_bodies,
                           own_bodies=bodies, staff=_is_staff(), formula=describe_formula(call.merit_settings))


# ---------------------------------------------------------------------------- reloads of POST-only pages

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
    return _back(_nomination(nomination_id), SECTIONS[part])


@bp.get("/calls/<slug>/assign-balanced")
@bp.get("/calls/<slug>/body-members")
@roles_required(*STAFF)
def dashboard_reloaded(slug: str) -> Response:
    """A dashboard form's address opened again: the dashboard."""
    return redirect(url_for("review.dashboard_page", slug=slug))


from selection.views import review_bulk, review_notices  # noqa: E402,F401  (register their routes on ``bp``)
