"""The admin blueprint (administrators only) and what its pages share: a button's POST, a
section's form applied through one operation, a refusal shown next to the fields it is about."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response
from wtforms import Form

from selection.forms import BaseForm
from selection.forms.admin import BLANK_ROWS, ActionForm
from selection.forms.questions import condition_note
from selection.models import Call, Role
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.workflow.call_config import ConfirmationRequired
from selection.workflow.calls import configuration_problems
from selection.workflow.errors import InvalidConfiguration, WorkflowError

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.app_template_global("condition_note")(condition_note)

SECTIONS = [
    ("admin.call_overview", _l("Status")),
    ("admin.call_details", _l("Details")),
    ("admin.call_groups", _l("Groups")),
    ("admin.call_questions", _l("Questions")),
    ("admin.call_rules", _l("Rules")),
    ("admin.call_review", _l("Review settings")),
    ("admin.call_privacy", _l("Privacy")),
    ("admin.call_deadlines", _l("Deadlines")),
]
PROBLEM_KEY = re.compile(r"^(\w+)(?:\[(\d+)\](?:\.(\w+))?)?$")


@bp.before_request
@roles_required(Role.ADMIN)
def _administrators_only() -> None:
    """Every page here is for administrators: others get 403, strangers the sign-in page."""


@bp.context_processor
def _call_sections() -> dict[str, Any]:
    """Every page of a call links to each section of it, the overview included."""
    return {"sections": SECTIONS}


def button_action(operation: Callable[[], Any], done: str, back_to: str,
                  refused: str | None = None) -> ResponseReturnValue:
    """A button's POST: check its CSRF token, run one operation, and go back with a message;
    a refused configuration's problems fill ``refused`` (a message with ``%(problems)s``)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return run_operation(operation, back_to, done, refusal=lambda error: refusal_words(error, refused))


def refusal_words(error: WorkflowError, refused: str | None = None) -> str:
    """A refusal as the flash says it: a configuration's problems in ``refused`` (a translated
    message holding ``%(problems)s``), else why."""
    if isinstance(error, InvalidConfiguration):
        problems = "; ".join(error.problems.values())
        return refused % {"problems": problems} if refused else _("Refused: %(problems)s.", problems=problems)
    return _("Refused: %(reason)s.", reason=error)


def sentence(text: str) -> str:
    """A reason as a sentence to show under a field: capital first, full stop last."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def show_on_form(form: Form, error: WorkflowError) -> list[str] | None:
    """Put a refusal on the form: a configuration's problems by their fields, else above the form.
    A change waiting for confirmation is not an error: its list of changes is returned instead."""
    if isinstance(error, ConfirmationRequired):
        return error.changes
    if isinstance(error, InvalidConfiguration):
        attach_problems(form, error.problems)
    else:
        form.form_errors.append(str(error))
    return None


def attach_problems(form: Form, problems: dict[str, str]) -> None:
    """Show each problem next to its field (``seats``, ``groups[1].seats``), else above the form."""
    for key, reason in problems.items():
        field = _field_for_problem(form, key)
        message = sentence(reason)
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]


def _field_for_problem(form: Form, key: str) -> Any:
    match = PROBLEM_KEY.match(key)
    if not match or match.group(1) not in form:
        return None
    name, index, sub = match.groups()
    field = form[name]
    if index is None:
        return field
    entries = getattr(field, "entries", [])
    if int(index) >= len(entries) or sub is None or sub not in entries[int(index)].form:
        return None
    return entries[int(index)].form[sub]


def row_form(form_class: type[BaseForm], list_name: str, rows: list[dict[str, Any]],
             blank: dict[str, Any], extra: dict[str, Any] | None = None) -> Any:
    """A row-editor form: the stored rows and a few blank ones on GET, the posted rows on POST."""
    if request.method == "POST":
        return form_class()
    return form_class(data={list_name: rows + [dict(blank) for _blank in range(BLANK_ROWS)], **(extra or {})})


def filled_rows(field_list: Any) -> list[tuple[int, Any]]:
    """The (index, row form) pairs of a row editor that are not left blank."""
    return [(index, entry.form) for index, entry in enumerate(field_list.entries) if not entry.form.is_blank()]


def no_store(html: str) -> Response:
    """A page showing a secret: never cached."""
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def section(call: Call, form: Form, template: str, save: Callable[[bool], Any], *, saved: str | None = None,
            next_url: str | None = None, **context: Any) -> ResponseReturnValue:
    """Validate a section's form, apply it through one operation, commit, redirect; or show why not.

    A change to seats or rules of an opened call comes back with the list of changes and a
    button that posts the same form again with ``confirm=yes``.
    """
    def page(confirmation: list[str] | None = None) -> ResponseReturnValue:
        status = 200 if confirmation or not form.is_submitted() else 400
        return render_template(template, call=call, form=form, confirmation=confirmation,
                               problems=configuration_problems(call), **context), status

    if not form.validate_on_submit():
        return page()
    return run_operation(lambda: save(request.form.get("confirm") == "yes"), next_url or request.url, saved or _("Saved."),
                         show_refusal=lambda error: page(show_on_form(form, error)))
