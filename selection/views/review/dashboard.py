"""A call's dashboard: group x region x gender, statuses, gaps against seats and rules; the
balanced assignment of reviewers and who speaks for each recommending body."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from selection.data import REGIONAL_GROUPS
from selection.extensions import db
from selection.forms.review import BalancedAssignmentForm, BodyMemberForm
from selection.models import Call, Gender, RecommendingBody
from selection.plurals import ngettext
from selection.review_scores import describe_formula
from selection.views.charts import stacked_bars
from selection.views.loading import call_or_404
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.views.review.blueprint import STAFF, bp, chosen_user, person_choices
from selection.workflow import dashboard
from selection.workflow import review as ops


@bp.get("/calls/<slug>")
@roles_required(*STAFF)
def dashboard_page(slug: str) -> str:
    """The call at a glance: group x region x gender, statuses, gaps against seats and rules."""
    call = call_or_404(slug)
    received = dashboard.received(call)
    table = dashboard.cross_table(received)
    regions = [(code, gettext(name)) for code, name in REGIONAL_GROUPS.items()]
    genders = [(g.value, g.label) for g in Gender]
    by_group, by_region = dashboard.by_group_and_by_region(table)
    statuses = dashboard.status_counts(received)
    charts = [
        stacked_bars(gettext("Nominations by stakeholder group and gender"), [(g.code, g.name) for g in call.groups],
                     genders, by_group),
        stacked_bars(gettext("Nominations by UN regional group and gender"), regions, genders, by_region),
        stacked_bars(gettext("Nominations by status"), [(s.value, s.label) for s, _ in statuses],
                     [("count", gettext("Nominations"))], {(s.value, "count"): c for s, c in statuses}),
    ]
    return render_template(
        "review/dashboard.html", call=call, table=table, regions=regions, genders=genders, charts=charts,
        statuses=statuses, gaps=dashboard.gaps(call, received),
        pool=dashboard.total(dashboard.in_pool(received)), total=dashboard.total(received), members=ops.body_members(call),
        assign_form=BalancedAssignmentForm(), member_form=_member_form(call),
        formula=describe_formula(call.merit_settings),
    )


def _member_form(call: Call) -> BodyMemberForm:
    form = BodyMemberForm()
    form.body.choices = [(b.id, b.name) for b in call.recommending_bodies]
    form.user.choices = person_choices(ops.recommenders())
    return form


def _dashboard_url(slug: str, anchor: str = "") -> str:
    return url_for("review.dashboard_page", slug=slug, _anchor=anchor or None)


@bp.post("/calls/<slug>/assign-balanced")
@roles_required(*STAFF)
def assign_balanced(slug: str) -> ResponseReturnValue:
    """Balanced automatic assignment: N reviewers per nomination under review."""
    call = call_or_404(slug)
    form = BalancedAssignmentForm()
    if not form.validate():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(_dashboard_url(slug))
    return run_operation(lambda: ops.apply_balanced_assignment(call, form.per_nomination.data, current_user),
                         _dashboard_url(slug), _balanced_done)


def _balanced_done(plan: Any) -> str:
    return gettext("%(made)s; %(cap)s", made=ngettext("%(num)d assignment made", "%(num)d assignments made", len(plan.pairs)), cap=ngettext(
        "no reviewer has more than %(num)d nomination.", "no reviewer has more than %(num)d nominations.", plan.cap))


@bp.post("/calls/<slug>/body-members")
@roles_required(*STAFF)
def add_body_member(slug: str) -> ResponseReturnValue:
    """Let a recommender account record recommendations for one of the call's bodies."""
    call = call_or_404(slug)
    form = _member_form(call)
    back = _dashboard_url(slug, "bodies")
    if not form.validate():
        flash(gettext("Choose a body and a recommender account."), "error")
        return redirect(back)
    return run_operation(lambda: ops.add_body_member(db.get_or_404(RecommendingBody, form.body.data),
                                                     chosen_user(form.user.data), current_user),
                         back, gettext("The recommender can now record that body's recommendations."))


@bp.get("/calls/<slug>/assign-balanced")
@bp.get("/calls/<slug>/body-members")
@roles_required(*STAFF)
def dashboard_reloaded(slug: str) -> Response:
    """A dashboard form's address opened again: the dashboard."""
    return redirect(_dashboard_url(slug))
