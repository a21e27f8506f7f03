"""Contributions to the IGF Trust Fund: their own pages and API, for administrators and
contributions officers only (``permissions.may_see_contributions``); everyone else gets 403."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, g, jsonify, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from selection.forms.privacy import ContributionForm
from selection.extensions import login_manager
from selection.models import DonorContribution
from selection.reports.contributions import report_csv as contributions_csv
from selection.views import api_core as api  # the API machinery: schemas, declaration, bodies
from selection.views.operations import answer_operation, form_status, run_operation
from selection.workflow import contributions as ops
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import may_see_contributions

bp = Blueprint("contributions", __name__, url_prefix="/contributions")


def keepers_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Strangers sign in; signed-in people who may not see contributions get 403."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not may_see_contributions(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


@bp.route("/", methods=["GET", "POST"])
@keepers_only
def index() -> ResponseReturnValue:
    """Every contribution, and the form that records one."""
    form = ContributionForm()
    form.facilitator.choices = ops.facilitator_choices()
    if not form.validate_on_submit():
        return _page(form)
    entry = ops.ContributionEntry(form.donor.data or "", form.amount.data or "", form.currency.data or "",
                                  form.received_on.data, form.purpose.data or "", form.facilitator.data)

    def form_again(error: WorkflowError) -> tuple[str, int]:
        if isinstance(error, ops.ContributionProblems):
            for name, message in error.problems.items():
                getattr(form, name).errors = [*getattr(form, name).errors, message]
        else:
            form.form_errors.append(str(error))
        return _page(form)

    return run_operation(lambda: ops.record_contribution(current_user._get_current_object(), entry),
                         url_for("contributions.index"), _("The contribution is recorded."), show_refusal=form_again)


def _page(form: ContributionForm) -> tuple[str, int]:
    """Every contribution and the form, 400 when it was sent and refused."""
    rows = ops.contributions(current_user._get_current_object())
    return render_template("contributions/index.html", form=form, rows=rows), form_status(form)


@bp.get("/report")
@keepers_only
def report() -> str:
    """The yearly report for the Panel's fundraising function."""
    rows = ops.yearly_report(current_user._get_current_object())
    return render_template("contributions/report.html", rows=rows, totals=ops.totals(rows))


@bp.get("/report.csv")
@keepers_only
def report_csv() -> Response:
    """The yearly report as CSV."""
    response = Response(contributions_csv(ops.yearly_report(current_user._get_current_object())), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="contributions-by-year.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------- the API

def _api_keeper() -> Any:
    user = g.api_user
    if not may_see_contributions(user):
        abort(403, _("Your role does not give access to contributions."))
    return user


def contribution_json(row: DonorContribution) -> dict[str, Any]:
    """A contribution as the API gives it."""
    return {"id": row.id, "donor": row.contributor, "amount": str(row.amount), "currency": row.currency,
            "received_on": row.received_on.isoformat() if row.received_on else None, "year": row.year,
            "purpose": row.purpose, "facilitator_nominee_id": row.nominee_id}


api.SCHEMAS["Contribution"] = {"type": "object", "required": ["id", "donor", "amount", "currency", "year"],
                               "properties": {
    "id": {"type": "integer"}, "donor": {"type": "string"}, "amount": {"type": "string"},
    "currency": {"type": "string"}, "received_on": {"type": ["string", "null"], "format": "date"},
    "year": {"type": "integer"}, "purpose": {"type": "string"},
    "facilitator_nominee_id": {"type": ["integer", "null"]}}}
api.SCHEMAS["ContributionReportRow"] = {"type": "object", "properties": {
    "year": {"type": "integer"}, "currency": {"type": "string"}, "donor": {"type": "string"},
    "contributions": {"type": "integer"}, "total": {"type": "string"}}}
CONTRIBUTION_BODY = {"type": "object", "required": ["donor", "amount", "currency", "received_on"], "properties": {
    "donor": {"type": "string"}, "amount": {"type": "string"}, "currency": {"type": "string"},
    "received_on": {"type": "string", "format": "date"}, "purpose": {"type": "string"},
    "facilitator_nominee_id": {"type": ["integer", "null"]}}}


@api.operation("/contributions", summary="Every contribution to the Trust Fund (administrators and "
               "contributions officers only)", response=api.array_of("Contribution"), tag="contributions")
def api_contributions() -> Response:
    """Contributions, latest first."""
    return jsonify([contribution_json(row) for row in ops.contributions(_api_keeper())])


@api.operation("/contributions/report", summary="Contributions per year, currency and donor",
               response=api.array_of("ContributionReportRow"), tag="contributions")
def api_contributions_report() -> Response:
    """The yearly report."""
    rows = ops.yearly_report(_api_keeper())
    return jsonify([{"year": r.year, "currency": r.currency, "donor": r.donor, "contributions": r.count,
                     "total": f"{r.total:.2f}"} for r in rows])


@api.post_operation("/contributions", "Record a contribution", api.ref("Contribution"), CONTRIBUTION_BODY,
                    tag="contributions")
def api_record_contribution() -> ResponseReturnValue:
    """Record one contribution; 400 with every problem when the body is wrong."""
    user = _api_keeper()
    body = api.json_body()
    entry = ops.ContributionEntry(body.get("donor", ""), body.get("amount", ""), body.get("currency", ""),
                                  body.get("received_on"), body.get("purpose", "") or "",
                                  body.get("facilitator_nominee_id"))
    return answer_operation(lambda: ops.record_contribution(user, entry), lambda row: jsonify(contribution_json(row)))
