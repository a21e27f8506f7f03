"""The decision workspace: propose slates, watch the solve, compare, pin or exclude, explain
infeasible rules, edit a slate by hand, record the decision; the public roster; the host table.

Decision-makers and administrators only (403 for other staff), except the roster page: public
once announced, and announced by the Secretariat or a decision-maker.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from selection.forms.decision import AnnounceForm, ChoiceForm, DecisionForm, HostForm, ProposeForm, RelaxForm
from selection.services import jobs
from selection.data import REGIONAL_GROUPS
from selection.extensions import db
from selection.i18n import country_choices, long_date
from selection.numbers import parse_id, parse_ids, parse_int
from selection.models import Call, CallStatus, Decision, Nomination, Role, SlateRun, utcnow
from selection.slates import (
    ROBUSTNESS_RESAMPLES,
    SlateOptions,
    absence_view,
    conflict_relaxation,
    is_candidate,
    outcome_of,
    relaxed_rules_of,
    slate_matrix,
    slate_members,
    violation_texts,
)
from selection.reports.slates_workbook import slates_workbook
from selection.views.loading import call_or_404
from selection.views.operations import form_status, run_operation
from selection.views.permissions import roles_required
from selection.workflow import decision as ops
from selection.workflow import permissions, roster, slate_editor, visibility
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import DECIDERS
from selection.workflow.slate_runs import comparison

bp = Blueprint("decision", __name__)
bp.app_template_global("relaxed_rules_of")(relaxed_rules_of)
bp.app_template_global("outcome_of")(outcome_of)
bp.add_app_template_global(ROBUSTNESS_RESAMPLES, "robustness_resamples")  # type: ignore[arg-type]
MAX_PAGE = 100_000  # beyond any shortlist's pages: a larger number posted is not a page



def _propose_and_follow(operation: Callable[[], ops.Proposal], back: str) -> ResponseReturnValue:
    """Run a proposing operation, commit, hand a new run to the background runner and show the run;
    a refusal goes back to ``back`` with its reason."""
    return run_operation(operation, back, show_result=_follow)


def _follow(proposal: ops.Proposal) -> Response:
    """Start a new run in the background (or say that one is already going) and show it."""
    if proposal.created:
        jobs.dispatch(proposal.run.id)
    else:
        flash(_("Slates for this call are already being proposed (run #%(id)s); here is that run.", id=proposal.run.id),
              "info")
    return redirect(url_for(".run", run_id=proposal.run.id))


# ------------------------------------------------------------------------------ workspace

@bp.get("/decide/")
@roles_required(*DECIDERS)
def calls() -> str:
    """Calls ready for slates (closed) and those decided."""
    rows = db.session.execute(select(Call).where(Call.status.in_([CallStatus.CLOSED, CallStatus.DECIDED]))
                              .order_by(Call.closes_at.desc())).scalars().all()
    return render_template("decision/calls.html", calls=rows, counts=ops.shortlisted_counts(list(rows)),
                           decisions={c.id: ops.decision_of(c) for c in rows})


@bp.get("/decide/calls/<slug>")
@roles_required(*DECIDERS)
def workspace(slug: str) -> str:
    """The call's workspace: propose form, earlier runs, the decision."""
    call = call_or_404(slug)
    return render_template("decision/workspace.html", call=call, form=ProposeForm(), runs=ops.runs_of(call),
                           shortlisted=ops.shortlisted_counts([call])[call.id], decision=ops.decision_of(call))


@bp.post("/decide/calls/<slug>/runs")
@roles_required(*DECIDERS)
def propose(slug: str) -> Any:
    """Start a run with the options of the form."""
    call = call_or_404(slug)
    form = ProposeForm()
    if not form.validate_on_submit():
        return render_template("decision/workspace.html", call=call, form=form, runs=ops.runs_of(call),
                               shortlisted=ops.shortlisted_counts([call])[call.id],
                               decision=ops.decision_of(call)), 400
    options = SlateOptions(form.slates.data, form.min_difference.data, float(form.time_limit_s.data),
                           robustness=ROBUSTNESS_RESAMPLES if form.robustness.data else 0)
    return _propose_and_follow(lambda: ops.propose(call, current_user, options), url_for(".workspace", slug=slug))


# ------------------------------------------------------------------------------ one run

def _run_or_404(run_id: int) -> SlateRun:
    return db.get_or_404(SlateRun, run_id)


@bp.get("/decide/runs/<int:run_id>")
@roles_required(*DECIDERS)
def run(run_id: int) -> str:
    """Progress while the run is active; then the comparison, the conflicts, or the failure."""
    slate_run = _run_or_404(run_id)
    call = slate_run.call
    if slate_run.is_active:
        return render_template("decision/progress.html", call=call, run=slate_run, progress=_progress(slate_run))
    view = comparison(slate_run)
    template = "decision/compare.html" if view.slates else "decision/no_slates.html"
    layout = "matrix" if request.args.get("view") == "matrix" else "cards"
    return render_template(template, call=call, run=slate_run, view=view, choice_form=ChoiceForm(),
                           relax_form=RelaxForm(), names=_names(slate_run), decision=ops.decision_of(call),
                           layout=layout, matrix=slate_matrix(call, view) if layout == "matrix" else ())


def _names(slate_run: SlateRun) -> dict[int, str]:
    ids = slate_run.pinned + slate_run.excluded
    return {i: n.nominee.name for i in ids if (n := db.session.get(Nomination, i)) is not None}


def _progress(slate_run: SlateRun) -> dict[str, Any]:
    elapsed = slate_run.elapsed_s()
    return {
        "id": slate_run.id, "status": slate_run.status.value, "status_label": slate_run.status.label,
        "slates_requested": slate_run.options.get("slates"), "slates_found": slate_run.slates_found,
        "resamples_done": slate_run.resamples_done, "resamples_total": slate_run.resamples_total,
        "best_score": slate_run.best_score, "bound": slate_run.bound, "elapsed_s": round(elapsed, 1),
        "time_limit_s": slate_run.time_limit_s,
        "time_left_s": round(max(slate_run.time_limit_s - elapsed, 0), 1) if slate_run.started_at else None,
        "outcome": outcome_of(slate_run), "error": slate_run.error or None,
        "started_at": slate_run.started_at.isoformat() if slate_run.started_at else None,
        "finished_at": slate_run.finished_at.isoformat() if slate_run.finished_at else None,
    }


@bp.get("/decide/runs/<int:run_id>/progress.json")
@roles_required(*DECIDERS)
def progress(run_id: int) -> Response:
    """The run's progress for the polling script."""
    slate_run = _run_or_404(run_id)
    return jsonify({**_progress(slate_run), "url": url_for(".run", run_id=run_id)})


@bp.post("/decide/runs/<int:run_id>/choose")
@roles_required(*DECIDERS)
def choose(run_id: int) -> Any:
    """Pin, exclude or clear a nominee and propose again."""
    slate_run = _run_or_404(run_id)
    form = ChoiceForm()
    nomination_id = parse_id(form.nomination_id.data)
    if not form.validate_on_submit() or form.choice.data not in ("pin", "exclude", "clear") or nomination_id is None:
        abort(400)
    nomination = db.get_or_404(Nomination, nomination_id)
    return _propose_and_follow(lambda: ops.choose(slate_run, nomination, form.choice.data, current_user),
                               url_for(".run", run_id=run_id))


@bp.post("/decide/runs/<int:run_id>/relax")
@roles_required(*DECIDERS)
def relax(run_id: int) -> Any:
    """Propose again with the rule relaxed as the conflict analysis suggests."""
    slate_run = _run_or_404(run_id)
    form = RelaxForm()
    if not form.validate_on_submit():
        abort(400)
    relaxation = conflict_relaxation(slate_run, form.rule.data)
    if relaxation is None:
        abort(400)
    options = SlateOptions.from_json(slate_run.options)
    relaxed = replace(options, relaxations={**options.relaxations, form.rule.data: relaxation})
    return _propose_and_follow(lambda: ops.propose(slate_run.call, current_user, relaxed, slate_run.pinned,
                                                   slate_run.excluded), url_for(".run", run_id=run_id))


@bp.get("/decide/runs/<int:run_id>/why-not/<int:nomination_id>")
@roles_required(*DECIDERS)
def why_not(run_id: int, nomination_id: int) -> str:
    """Why a shortlisted nominee is on no slate of the run: the best slate with them, its cost,
    whom they would replace and the rules in the way (computed on request)."""
    slate_run = _run_or_404(run_id)
    if slate_run.is_active:
        abort(409, _("The run is still going: ask once it has finished."))
    if not is_candidate(slate_run, nomination_id):
        abort(404)
    return render_template("decision/why_not.html", call=slate_run.call, run=slate_run,
                           absence=absence_view(slate_run.call, slate_run, nomination_id),
                           choice_form=ChoiceForm(), decision=ops.decision_of(slate_run.call))


@bp.get("/decide/runs/<int:run_id>/report")
@roles_required(*DECIDERS)
def report(run_id: int) -> str:
    """The printable comparison report (the browser's "save as PDF" gives the document)."""
    slate_run = _run_or_404(run_id)
    if slate_run.is_active:
        abort(409, _("The run is still going: the report is ready once it has finished."))
    return render_template("decision/report.html", call=slate_run.call, run=slate_run,
                           view=comparison(slate_run), names=_names(slate_run),
                           decision=ops.decision_of(slate_run.call), now=utcnow())


@bp.get("/decide/runs/<int:run_id>/slates.xlsx")
@roles_required(*DECIDERS)
def export(run_id: int) -> Response:
    """The run's slates, one sheet each, and the call's decision, as an Excel workbook."""
    slate_run = _run_or_404(run_id)
    if slate_run.is_active:
        abort(409, _("The run is still going: export it once it has finished."))
    data = slates_workbook(slate_run, comparison(slate_run), ops.decision_of(slate_run.call))
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{slate_run.call.slug}-run-{run_id}.xlsx"'})


# ------------------------------------------------------------------------------ manual slate and decision

@bp.get("/decide/calls/<slug>/validate.json")
@roles_required(*DECIDERS)
def validate(slug: str) -> Response:
    """Live check of a hand-made slate: ``?members=1,2,3`` -> the rules it breaks, in words."""
    call = call_or_404(slug)
    ids = parse_ids(request.args.get("members", "").split(","))
    if ids is None:
        return jsonify({"error": "members: give nomination numbers separated by commas"}), 400
    hard, soft = violation_texts(call, ids)
    return jsonify({"members": ids, "seats": call.group_seats, "count": len(ids), "hard": hard, "soft": soft,
                    "valid": not hard})


@bp.route("/decide/calls/<slug>/decision", methods=["GET", "POST"])
@roles_required(*DECIDERS)
def decide(slug: str) -> Any:
    """Compose or edit a slate (from a run's slate or by hand) and record the decision: the chosen
    members on top, one page of the other shortlisted candidates below. The pool's filter and
    pager post the form back (``browse``): the page shows again as entered, nothing is recorded."""
    call = call_or_404(slug)
    existing = ops.decision_of(call)
    if existing is not None:
        flash(_("The decision on this call has been recorded."), "info")
        return redirect(url_for(".roster_page", slug=slug))
    form = DecisionForm()
    form.not_candidates = lambda ids: slate_editor.not_shortlisted(call, ids)
    if request.method == "GET":
        form.decided_on.data = date.today()
        form.members.data, form.slate_run_id.data, form.slate_rank.data = _preselected(call)
    browsing = request.method == "POST" and "browse" in request.form

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            form.form_errors.append(str(error))
        view = slate_editor.editor_view(call, form.members.data or [], _pool_filter(form))
        form.pool_group.choices = [("", _("All groups"))] + [(str(i), name) for i, name in view.groups]
        form.pool_page.data = str(view.pool.number)
        form.pool_sort.choices = [("merit", _("Highest merit")), ("name", _("Name"))]
        hard, soft = violation_texts(call, [row["id"] for row in view.chosen])
        return render_template("decision/decide.html", call=call, form=form, view=view,
                               hard=hard, soft=soft), 200 if browsing else form_status(form)

    if browsing or not form.validate_on_submit():
        return page()
    entry = ops.DecisionInput(form.members.data, form.decided_on.data, form.rationale.data,
                              form.hard_rule_justification.data or "", parse_id(form.slate_run_id.data),
                              parse_id(form.slate_rank.data))
    return run_operation(lambda: ops.decide(call, entry, current_user), url_for(".roster_page", slug=slug),
                         _("The decision is recorded and the members are appointed. Their notices wait in the "
                           "outbox until the Secretariat releases them, and the roster stays private until it is "
                           "announced."), show_refusal=page)


def _pool_filter(form: DecisionForm) -> slate_editor.PoolFilter:
    """The pool's group, search, order and page as posted; "Show" goes back to the first page,
    "Previous" and "Next" name theirs."""
    action = request.form.get("browse", "") if request.method == "POST" else ""
    number = parse_int(form.pool_page.data, minimum=1, maximum=MAX_PAGE) or 1
    if action == "filter":
        number = 1
    elif action.startswith("page-"):
        number = parse_int(action.removeprefix("page-"), minimum=1, maximum=MAX_PAGE) or number
    sort = form.pool_sort.data if form.pool_sort.data in slate_editor.SORTS else "merit"
    return slate_editor.PoolFilter(parse_id(form.pool_group.data), form.pool_q.data or "", sort, number)


def _preselected(call: Call) -> tuple[list[int], str, str]:
    """Members of ``?run=&rank=`` (a proposed slate to start from), else none."""
    run_id, rank = parse_id(request.args.get("run")), parse_id(request.args.get("rank"))
    if (request.args.get("run") and run_id is None) or (request.args.get("rank") and rank is None):
        flash(_("The slate to start from was not found (its run or rank is not a number): choose the members below."),
              "error")
    slate_run = db.session.get(SlateRun, run_id) if run_id else None
    members = slate_members(slate_run, rank) if slate_run is not None and slate_run.call_id == call.id else None
    if members is None:
        return [], "", ""
    return members, str(run_id), str(rank)


# ------------------------------------------------------------------------------ roster and hosts

@bp.route("/calls/<slug>/members", methods=["GET", "POST"])
def roster_page(slug: str) -> Any:
    """The body's composition as the United Nations would announce it: public once announced;
    before that 404, except to the staff who may announce it (POST: announce, now or on a date)."""
    call = call_or_404(slug)
    decision = ops.decision_of(call)
    user = current_user if current_user.is_authenticated else None
    if not visibility.may_see_roster(user, decision):
        abort(404)
    form = AnnounceForm()

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            form.form_errors.append(str(error))
        return render_template("decision/roster.html", call=call, decision=decision,
                               members=roster.members_of(call), ex_officio=roster.ex_officio_seats(call),
                               public=visibility.roster_is_public(decision),
                               may_announce=permissions.may_announce(user), form=form), form_status(form)

    if request.method == "POST" and not permissions.may_announce(user):
        abort(403)
    if not form.validate_on_submit():
        return page()
    return run_operation(lambda: roster.announce(call, user, form.announce_on.data),
                         url_for(".roster_page", slug=slug), _announced, show_refusal=page)


def _announced(announced: Decision) -> str:
    """What the announcer is told: public now, or from a date."""
    if visibility.roster_is_public(announced):
        return _("The members are announced: the roster is public.")
    return _("The announcement is scheduled: the roster becomes public on %(date)s.", date=long_date(announced.public_from))


@bp.route("/admin/igf-hosts", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def hosts() -> Any:
    """The IGF host countries by year, behind the ex officio seats; an administrator corrects them."""
    form = HostForm()
    form.country.choices = [("", _("Not decided yet"))] + country_choices()

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            form.form_errors.append(str(error))
        return render_template("decision/hosts.html", form=form, hosts=roster.host_years(),
                               regions=REGIONAL_GROUPS), form_status(form)

    if not form.validate_on_submit():
        return page()
    return run_operation(lambda: roster.set_host(form.year.data, form.country.data or None, form.city.data or "",
                                                 form.note.data or "", current_user),
                         url_for(".hosts"), _("The host of IGF %(year)s is recorded.", year=form.year.data), show_refusal=page)
