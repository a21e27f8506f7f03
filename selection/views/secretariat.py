"""The Secretariat's plain view of what a call has received: one row per candidate, with
every nomination of that person and who made it. (Screening and review come later.)"""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from selection.extensions import db
from selection.models import Call, Nomination
from selection.views.loading import call_or_404
from selection.views.permissions import roles_required
from selection.workflow.candidates import nominations_by_candidate
from selection.workflow.dashboard import status_counts
from selection.workflow.permissions import STAFF
from selection.workflow.review_list import call_nominations

bp = Blueprint("secretariat", __name__, url_prefix="/secretariat")


@bp.get("/calls")
@roles_required(*STAFF)
def calls() -> str:
    """Every call with how many nominations and candidates it has."""
    all_calls = db.session.execute(select(Call).order_by(Call.closes_at.desc())).scalars().all()
    summaries = {call.id: _summary(call_nominations(call)) for call in all_calls}
    return render_template("secretariat/calls.html", calls=all_calls, summaries=summaries)


@bp.get("/calls/<slug>/nominations")
@roles_required(*STAFF)
def nominations(slug: str) -> str:
    """A call's nominations grouped by candidate: duplicates show as one person, several nominators."""
    call = call_or_404(slug)
    received = call_nominations(call)
    return render_template(
        "secretariat/nominations.html", call=call, candidates=nominations_by_candidate(received),
        summary=_summary(received),
    )


def _summary(nominations: list[Nomination]) -> dict[str, object]:
    return {
        "total": len(nominations),
        "candidates": len(nominations_by_candidate(nominations)),
        "by_status": status_counts(nominations),
    }
