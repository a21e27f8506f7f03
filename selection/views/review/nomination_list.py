"""A call's nominations: filters, search, sorting and pagination over one row per candidate,
the form for decisions on the ticked ones (the exports are in ``exports``)."""
from __future__ import annotations

from flask_babel import gettext
from flask import flash, render_template, request

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
    for ignored in NominationFilter.unreadable(request.args):
        flash(gettext("%(field)s was ignored: it is not a number this list can use.", field=ignored[:1].upper() + ignored[1:]), "error")
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
