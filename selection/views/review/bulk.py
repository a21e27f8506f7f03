"""Bulk decisions from the review list: screening and shortlisting, each shown for
confirmation first at an address of its own (a reload shows it again, never a 405), and
the assignment of many nominations to a reviewer."""
from __future__ import annotations

from flask_babel import gettext
from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from selection.data import N_
from selection.extensions import db
from selection.forms.review import BulkConfirmForm
from selection.models import IneligibilityReason, User
from selection.plurals import ngettext
from selection.views.loading import call_or_404
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.views.review.blueprint import bp
from selection.views.review.nomination_list import bulk_form
from selection.workflow.permissions import STAFF
from selection.workflow import bulk_review
from selection.workflow.bulk_review import BulkAssignment, chosen_nominations, parse_ids
from selection.workflow.review import ShortlistPreview

DECISION_WORDS = {"eligible": N_("screen as eligible"), "ineligible": N_("screen as ineligible"),
                  "shortlist": N_("shortlist"), "not_shortlist": N_("do not shortlist")}


def _list_url(slug: str) -> str:
    return url_for("review.nominations", slug=slug)


@bp.get("/calls/<slug>/bulk")
@bp.get("/calls/<slug>/bulk/apply")
@roles_required(*STAFF)
def bulk_reloaded(slug: str) -> Response:
    """A bulk address opened without its form (a reload, a bookmark): back to the list."""
    return redirect(_list_url(slug))


@bp.post("/calls/<slug>/bulk")
@roles_required(*STAFF)
def bulk(slug: str) -> ResponseReturnValue:
    """Ticked nominations: assign a reviewer at once, or go to the confirmation of a decision."""
    call = call_or_404(slug)
    form = bulk_form()
    ids = parse_ids(request.form.getlist("nomination"))
    back = request.referrer or _list_url(slug)
    if not ids:
        flash(gettext("Tick at least one nomination."), "error")
        return redirect(back)
    if not form.validate():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(back)
    if form.action.data == "assign":
        reviewer = db.session.get(User, form.reviewer.data) or abort(400, "Choose a reviewer from the list.")
        return run_operation(lambda: bulk_review.assign_to_many(chosen_nominations(call, ids), reviewer, current_user),
                             back, lambda outcome: _assigned(outcome, reviewer))
    return redirect(url_for("review.bulk_confirm", slug=slug, decision=form.action.data,
                            reason=form.reason.data or None, nomination=sorted(ids)))


def _assigned(outcome: BulkAssignment, reviewer: User) -> str:
    made = ngettext("%(name)s is now assigned %(num)d nomination.",
                    "%(name)s is now assigned %(num)d nominations.", len(outcome.made),
                    name=reviewer.name or reviewer.email)
    if not outcome.refused:
        return made
    return made + " " + ngettext("Not assigned, %(num)d nomination: %(list)s",
                                 "Not assigned, %(num)d nominations: %(list)s", len(outcome.refused),
                                 list=" ".join(outcome.refused))


@bp.get("/calls/<slug>/bulk/confirm")
@roles_required(*STAFF)
def bulk_confirm(slug: str) -> str:
    """Exactly what the decision will change and what it leaves, before anything changes."""
    call = call_or_404(slug)
    decision = request.args.get("decision", "")
    reason = _reason(request.args.get("reason", ""))
    chosen = chosen_nominations(call, parse_ids(request.args.getlist("nomination")))
    if decision not in bulk_review.DECISIONS or not chosen or (decision == "ineligible" and reason is None):
        abort(400, "Choose the nominations and what to do with them on the list.")
    preview = bulk_review.preview_decision(chosen, decision)
    form = BulkConfirmForm(formdata=None, decision=decision, reason=reason.value if reason else "",
                           token=preview.token, ids=",".join(str(n.id) for n in chosen))
    note_hint = None
    if reason is not None:
        form.note.label.text = gettext("Particulars")
        note_hint = gettext("Shown to each nominee in the ineligible notice, e.g. “not at ministerial level”.")
        if reason == IneligibilityReason.OTHER:
            note_hint += " " + gettext("Required for “Other”.")
    return render_template("review/bulk_confirm.html", call=call, preview=preview, form=form,
                           words=gettext(DECISION_WORDS[decision]), reason=reason, note_hint=note_hint)


@bp.post("/calls/<slug>/bulk/apply")
@roles_required(*STAFF)
def bulk_apply(slug: str) -> ResponseReturnValue:
    """Apply a confirmed bulk decision, exactly as previewed."""
    call = call_or_404(slug)
    form = BulkConfirmForm()
    ids = parse_ids((form.ids.data or "").split(","))
    chosen = chosen_nominations(call, ids)
    if not form.validate() or not chosen or form.decision.data not in bulk_review.DECISIONS:
        flash(gettext("The confirmation was incomplete; nothing was changed."), "error")
        return redirect(_list_url(slug))
    decision, reason = form.decision.data, _reason(form.reason.data or "")
    if len(chosen) != len(ids):
        abort(400, "A chosen nomination is not in this call.")
    again = url_for("review.bulk_confirm", slug=slug, decision=decision, reason=form.reason.data or None,
                    nomination=sorted(ids))
    return run_operation(lambda: bulk_review.apply_decision(chosen, decision, current_user, form.token.data,
                                                            note=form.note.data or "", reason=reason),
                         _list_url(slug), _applied, refused=again)


def _applied(preview: ShortlistPreview) -> str:
    return ngettext("%(num)d nomination is now %(status)s.", "%(num)d nominations are now %(status)s.",
                    len(preview.changes), status=preview.target.label.lower()) + \
        " " + gettext("Notices are held until you release them.")


def _reason(raw: str) -> IneligibilityReason | None:
    try:
        return IneligibilityReason(raw) if raw else None
    except ValueError:
        abort(400, "Choose a reason from the list.")
