"""A call's nominations: filters, search, sorting and pagination over one row per candidate,
the form for decisions on the ticked ones, and the list as CSV or Excel."""
from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user

from selection.reports.exports import export
from selection.extensions import db
from selection.forms.review import BulkActionForm
from selection.models import IneligibilityReason, NominationStatus
from selection.review_scores import describe_aggregation, describe_formula
from selection.views.loading import call_or_404
from selection.views.permissions import roles_required
from selection.views.review.blueprint import STAFF, bp, person_choices
from selection.workflow import review as ops
from selection.workflow.review_list import (
    GENDERS,
    SORTS,
    NominationFilter,
)
from selection.workflow.review_page import candidate_page


@bp.get("/calls/<slug>/nominations")
@roles_required(*STAFF)
def nominations(slug: str) -> str:
    """Filters, search, sorting and pagination over one row per candidate; bulk decisions."""
    call = call_or_404(slug)
    f = NominationFilter.from_args(request.args)
    page = candidate_page(call, f)
    return render_template(
        "review/nominations.html", call=call, f=f, page=page, sorts=SORTS, genders=GENDERS,
        statuses=list(NominationStatus), reviewers=ops.reviewers(), bulk=bulk_form(),
        formula=describe_formula(call.merit_settings), aggregation=describe_aggregation(),
    )


def bulk_form() -> BulkActionForm:
    """The list's form for the ticked nominations, with its reasons and reviewers."""
    form = BulkActionForm()
    form.reason.choices = [("", "—")] + IneligibilityReason.choices()
    form.reviewer.choices = [(0, "—")] + person_choices(ops.reviewers())
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
