"""The Secretariat's plain view of what a call has received: one row per candidate, with
every nomination of that person and who made it. (Screening and review come later.)"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from selection.extensions import db
from selection.models import Call
from selection.views.loading import call_or_404
from selection.views.permissions import roles_required
from selection.workflow import received
from selection.workflow.permissions import STAFF

bp = Blueprint("secretariat", __name__, url_prefix="/secretariat")


@bp.get("/calls")
@roles_required(*STAFF)
def calls() -> str:
    """Every call with how many nominations and candidates it has."""
    all_calls = db.session.execute(select(Call).order_by(Call.closes_at.desc())).scalars().all()
    return render_template("secretariat/calls.html", calls=all_calls,
                           summaries=received.summaries([call.id for call in all_calls]))


@bp.get("/calls/<slug>/nominations")
@roles_required(*STAFF)
def nominations(slug: str) -> str:
    """A call's nominations grouped by candidate, a page at a time: duplicates show as one
    person, several nominators."""
    call = call_or_404(slug)
    page, summary = received.call_listing(call.id, request.args.get("page", 1, type=int) or 1)
    return render_template("secretariat/nominations.html", call=call, page=page, summary=summary)
