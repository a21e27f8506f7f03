"""A call's own texts in the six languages (issue 14): which are missing in which language,
and one form per language to give them."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from selection.forms.admin import ActionForm
from selection.i18n import LANGUAGE_NAMES
from selection.views.admin.blueprint import SECTIONS, bp
from selection.views.loading import call_or_404
from selection.views.operations import run_operation
from selection.workflow.call_texts import give_texts, missing_by_language, text_slots

SECTIONS.append(("admin.call_languages", _l("Languages")))


@bp.route("/calls/<slug>/languages", methods=["GET", "POST"])
def call_languages(slug: str) -> ResponseReturnValue:
    """What is missing per language; with ``?language=fr``, the form of the French texts."""
    call = call_or_404(slug)
    language = request.values.get("language", "")
    if language and (language not in LANGUAGE_NAMES or language == call.original_language):
        abort(404)
    form = ActionForm()
    if request.method == "POST":
        if not language or not form.validate_on_submit():
            abort(400)
        texts = {slot.key: request.form[slot.key] for slot in text_slots(call) if slot.key in request.form}
        return run_operation(lambda: give_texts(call, language, texts, current_user),
                             url_for("admin.call_languages", slug=call.slug, language=language),
                             _("The texts in %(language)s are saved.", language=LANGUAGE_NAMES[language]))
    return render_template("admin/call_languages.html", call=call, language=language, form=form,
                           slots=text_slots(call), missing=missing_by_language(call))
