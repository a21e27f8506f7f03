"""A body at work, on the web: the Secretariat's pages (``bodies``), and the public and members'
pages (``panel``): published summaries, answering an invitation, "My Panel"."""
from __future__ import annotations

from typing import Any

from flask import Flask, abort, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from selection.extensions import db
from selection.forms.bodies import ActionForm
from selection.models import Body, Meeting
from selection.models.body_enums import ActionStatus, InvitationAnswer, MeetingMode
from selection.views.auth import safe_next
from selection.workflow.bodies.people import body_by_slug


def choose(form: Any) -> Any:
    """Give a form of ``selection.forms.bodies`` the choices of its enumerations; returns it."""
    for name, enum in (("mode", MeetingMode), ("answer", InvitationAnswer), ("status", ActionStatus)):
        if hasattr(form, name):
            getattr(form, name).choices = enum.choices()
    return form


def body_or_404(slug: str) -> Body:
    """The body with this slug, or 404."""
    body = body_by_slug(slug)
    if body is None:
        abort(404)
    return body


def meeting_or_404(meeting_id: int) -> Meeting:
    """The meeting with this id, or 404."""
    return db.get_or_404(Meeting, meeting_id)


def refuse(form: Any, back: str) -> Response:
    """A form that did not validate: say each reason, and go ``back``."""
    for errors in form.errors.values():
        for reason in errors:
            flash(str(reason), "error")
    return redirect(back)


def require_action_form() -> None:
    """400 unless the posted one-button form is valid (its token present and fresh)."""
    if not ActionForm().validate_on_submit():
        abort(400)


def posted_meeting(meeting_id: int) -> Meeting:
    """The meeting a one-button form acts on, or 404; 400 when the form is not valid."""
    meeting = meeting_or_404(meeting_id)
    require_action_form()
    return meeting


def meeting_url(meeting_id: int, anchor: str = "") -> str:
    """The address of a meeting's workspace, at one of its sections."""
    return url_for("bodies.meeting", meeting_id=meeting_id, _anchor=anchor or None)


def back_to(default: str) -> str:
    """Where a form came from (same site only), else ``default``."""
    return safe_next(request.form.get("back", "")) or default


def register(app: Flask) -> None:
    """Register both blueprints and the template predicates of meetings."""
    from selection.views.bodies import meetings, members_year, public, record, year  # noqa: F401 - routes on import
    from selection.views.bodies.blueprints import panel, secretariat
    from selection.workflow.bodies import states

    app.register_blueprint(secretariat)
    app.register_blueprint(panel)

    for predicate in (states.agenda_is_editable, states.takes_answers, states.record_is_editable,
                      states.is_upcoming, states.is_published):
        app.jinja_env.globals[predicate.__name__] = predicate
