"""Pages anyone can see: the calls and what they ask for."""
from __future__ import annotations

from flask import Blueprint, render_template

from selection.views.loading import call_or_404
from selection.workflow import visibility
from selection.workflow.calls import public_calls
from selection.workflow.states import is_open_call

bp = Blueprint("public", __name__)


@bp.get("/")
def home() -> str:
    """Open calls first, then past ones; drafts stay private."""
    calls = public_calls()
    open_calls = [call for call in calls if is_open_call(call.status)]
    past_calls = [call for call in calls if not is_open_call(call.status)]
    return render_template("public/home.html", open_calls=open_calls, past_calls=past_calls)


@bp.get("/calls/<slug>")
def call_page(slug: str) -> str:
    """What the body is, its groups and seats, eligibility, the deadline and how to apply."""
    call = call_or_404(slug, public=True)
    return render_template("public/call.html", call=call, roster_public=bool(visibility.public_roster_calls([call])))
