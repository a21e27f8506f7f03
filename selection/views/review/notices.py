"""The outcome notices of a call: their wording per outcome, and the release of those held."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from selection.i18n import LANGUAGE_NAMES
from selection.forms.review import ActionForm, NoticeTemplateForm, ReleaseForm
from selection.models import Call, NoticeOutcome
from selection.plurals import ngettext
from selection.views.loading import call_or_404
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.views.review.blueprint import bp
from selection.workflow.permissions import STAFF
from selection.workflow import notices as notice_ops
from selection.workflow.errors import InvalidConfiguration, WorkflowError


@bp.route("/calls/<slug>/notices", methods=["GET", "POST"])
@roles_required(*STAFF)
def notices(slug: str) -> ResponseReturnValue:
    """Edit the outcome notices' wording; see and release what is held."""
    call = call_or_404(slug)
    editing = request.args.get("outcome", "")
    language = request.args.get("language") or call.original_language
    if language not in LANGUAGE_NAMES:
        abort(404)
    forms = {}
    for outcome in NoticeOutcome:
        text = notice_ops.notice_text(call, outcome, language)
        prefix = f"t-{outcome.value}"
        form = NoticeTemplateForm(prefix=prefix) if request.method == "POST" and editing == outcome.value \
            else NoticeTemplateForm(prefix=prefix, subject=text.subject, body=text.body, formdata=None)
        forms[outcome] = (form, text)
    if request.method == "GET":
        return _page(call, forms, language)
    try:
        outcome = NoticeOutcome(editing)
    except ValueError:
        abort(400, "Choose which notice to edit.")
    form = forms[outcome][0]
    if not form.validate():
        return _page(call, forms, language), 400

    def refused(error: WorkflowError) -> ResponseReturnValue:
        for name, message in getattr(error, "problems", {}).items():
            getattr(form, name).errors = [message]
        if not isinstance(error, InvalidConfiguration):
            form.form_errors.append(str(error))
        return _page(call, forms, language), 400

    return run_operation(lambda: notice_ops.save_template(call, outcome, form.subject.data, form.body.data,
                                                          current_user, language),
                         url_for("review.notices", slug=slug, language=language) + f"#notice-{outcome.value}",
                         gettext("The “%(outcome)s” notice is saved in %(language)s; notices already held keep their text.",
                                 outcome=outcome.label, language=LANGUAGE_NAMES[language]),
                         show_refusal=refused)


def _page(call: Call, forms: dict[NoticeOutcome, Any], language: str) -> str:
    held = notice_ops.notices_held(call)
    held_by = {o: sum(1 for n in held if n.outcome == o) for o in NoticeOutcome}
    return render_template("review/notices.html", call=call, forms=forms, held=held, held_by=held_by,
                           language=language, languages=LANGUAGE_NAMES,
                           placeholders=notice_ops.PLACEHOLDERS, release_form=ReleaseForm(),
                           action_form=ActionForm())


@bp.post("/calls/<slug>/notices/release")
@roles_required(*STAFF)
def release(slug: str) -> ResponseReturnValue:
    """Release held notices (one outcome, or all): they go out now."""
    call = call_or_404(slug)
    form = ReleaseForm()
    back = url_for("review.notices", slug=slug)
    if not form.validate():
        flash(gettext("The form had expired; nothing was released. Try again."), "error")
        return redirect(back)
    outcome = NoticeOutcome(form.outcome.data) if form.outcome.data in {o.value for o in NoticeOutcome} else None
    return run_operation(lambda: notice_ops.release_notices(call, current_user, outcome), back, _released)


def _released(released: list[Any]) -> str:
    g.setdefault("queued_mail_ids", []).extend(m.id for m in released)  # delivered after the request
    return ngettext("%(num)d notice released to the nominee.", "%(num)d notices released to the nominees.",
                    len(released))


@bp.post("/calls/<slug>/notices/received")
@roles_required(*STAFF)
def hold_received(slug: str) -> ResponseReturnValue:
    """Hold a “received” notice for each submitted nomination that has had none."""
    call = call_or_404(slug)
    back = url_for("review.notices", slug=slug)
    if not ActionForm().validate():
        flash(gettext("The form had expired; nothing was changed. Try again."), "error")
        return redirect(back)
    return run_operation(lambda: notice_ops.hold_received_notices(call, current_user), back,
                         lambda count: ngettext("%(num)d “received” notice held for release.",
                                                "%(num)d “received” notices held for release.", count))


@bp.get("/calls/<slug>/notices/release")
@bp.get("/calls/<slug>/notices/received")
@roles_required(*STAFF)
def notices_reloaded(slug: str) -> Response:
    """A notices form's address opened again: the notices page."""
    return redirect(url_for("review.notices", slug=slug))
