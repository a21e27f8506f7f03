"""Personal data: a person downloads what is held about them and asks for erasure; the
Secretariat confirms or declines requests for erasure."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from selection.extensions import db
from selection.models import ErasureRequest, utcnow
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.forms.privacy import DeclineErasureForm, EmptyForm
from selection.workflow import erasure, personal_data
from selection.workflow.permissions import STAFF, may_decide_erasure, may_export_own_data, may_request_erasure

bp = Blueprint("privacy", __name__)


@bp.get("/my/data.zip")
@login_required
def download_my_data() -> Response:
    """A ZIP of everything held about the signed-in person, as they may see it; audited."""
    if not may_export_own_data(current_user):
        abort(403)
    content = personal_data.export_zip(current_user._get_current_object(), utcnow())
    db.session.commit()
    response = Response(content, mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="my-personal-data.zip"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/my/erasure", methods=["GET", "POST"])
@login_required
def request_erasure() -> ResponseReturnValue:
    """Ask, after one confirmation, for one's data to be erased; shows the request's answer."""
    if not may_request_erasure(current_user):
        abort(403)
    form = EmptyForm()
    latest = erasure.latest_request_of(current_user._get_current_object())
    if not form.validate_on_submit():
        return render_template("nominee/erasure.html", form=form, latest=latest), 400 if form.is_submitted() else 200
    return run_operation(lambda: erasure.request_erasure(current_user._get_current_object(), utcnow()),
                         url_for("privacy.request_erasure"),
                         _("Your request is recorded. The Secretariat will answer it; you see the answer on this page."))


@bp.get("/secretariat/erasure-requests")
@roles_required(*STAFF)
def erasure_requests() -> str:
    """Requests waiting for the Secretariat, each with what stands in the way, if anything."""
    pending = erasure.pending_requests()
    return render_template("secretariat/erasure_requests.html", pending=pending,
                           obstacles={r.id: erasure.obstacles(r) for r in pending},
                           confirm_form=EmptyForm(), decline_form=DeclineErasureForm())


@bp.post("/secretariat/erasure-requests/<int:request_id>/confirm")
@roles_required(*STAFF)
def confirm_erasure(request_id: int) -> ResponseReturnValue:
    """Erase the person's data now."""
    found = _request_to_decide(request_id)
    if not EmptyForm().validate_on_submit():
        abort(400, _("The form expired; reload the page and try again."))
    return run_operation(lambda: erasure.confirm_erasure(found, current_user._get_current_object(), utcnow()),
                         url_for("privacy.erasure_requests"),
                         _("The data was erased; the audit log records that it happened."))


@bp.post("/secretariat/erasure-requests/<int:request_id>/decline")
@roles_required(*STAFF)
def decline_erasure(request_id: int) -> ResponseReturnValue:
    """Decline, with the reason the person reads."""
    found = _request_to_decide(request_id)
    form = DeclineErasureForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page and try again."))
    actor = current_user._get_current_object()
    return run_operation(lambda: erasure.decline_erasure(found, actor, form.reason.data or "", utcnow()),
                         url_for("privacy.erasure_requests"),
                         _("The request was declined; the person sees the reason."))


def _request_to_decide(request_id: int) -> ErasureRequest:
    found = db.get_or_404(ErasureRequest, request_id)
    if not may_decide_erasure(current_user):
        abort(403)
    return found
