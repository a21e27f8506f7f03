"""The Secretariat's record of a held meeting (decisions, action items, next steps), the summary
note (draft, the Chair's approval, publication), the calendar check and attendance export."""
from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response as FlaskResponse, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from selection.forms.bodies import ActionItemForm, ActionStatusForm, DecisionForm, NextStepsForm, SummaryForm
from selection.extensions import db
from selection.models import ActionItem, Meeting, utcnow
from selection.models.body_enums import ActionStatus
from selection.text import single_line
from selection.views.bodies import (
    back_to,
    body_or_404,
    choose,
    meeting_or_404,
    meeting_url,
    posted_meeting,
    refuse,
    require_action_form,
)
from selection.views.bodies.blueprints import secretariat as bp
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.workflow.bodies import invitations, record as ops, summary
from selection.workflow.bodies.annex import annex
from selection.workflow.bodies.calendar import attendance_csv_rows, attendance_table, check_year
from selection.workflow.bodies.people import people_in
from selection.workflow.permissions import STAFF


def record_context(meeting: Meeting) -> dict[str, Any]:
    """The forms and checks of a meeting's record and summary, for the meeting page."""
    action_form = ActionItemForm()
    action_form.owners.choices = [(p.id, f"{p.display_name} ({p.category.label})") for p in people_in(meeting.body)]
    text = meeting.summary.text if meeting.summary else summary.draft_text(meeting)
    return {"decision_form": DecisionForm(), "action_form": action_form, "status_form": choose(ActionStatusForm()),
            "next_steps_form": NextStepsForm(next_steps=meeting.next_steps), "summary_form": SummaryForm(text=text),
            "warnings": summary.chatham_warnings(meeting, text), "annex": annex(meeting)}


@bp.post("/meetings/<int:meeting_id>/decisions")
@roles_required(*STAFF)
def add_decision(meeting_id: int) -> ResponseReturnValue:
    """Record a decision under its topic."""
    meeting = meeting_or_404(meeting_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return refuse(form, meeting_url(meeting_id, "record"))
    return run_operation(lambda: ops.add_decision(meeting, current_user, form.topic.data, form.text.data),
                         meeting_url(meeting_id, "record"), _("The decision is recorded."))


@bp.post("/meetings/<int:meeting_id>/decisions/<int:decision_id>/remove")
@roles_required(*STAFF)
def remove_decision(meeting_id: int, decision_id: int) -> ResponseReturnValue:
    """Take a decision off the record."""
    meeting = meeting_or_404(meeting_id)
    decision = next((d for d in meeting.decisions if d.id == decision_id), None)
    if decision is None:
        abort(404)
    require_action_form()
    return run_operation(lambda: ops.remove_decision(meeting, decision, current_user),
                         meeting_url(meeting_id, "record"), _("The decision is removed."))


@bp.post("/meetings/<int:meeting_id>/action-items")
@roles_required(*STAFF)
def add_action_item(meeting_id: int) -> ResponseReturnValue:
    """Record an action item with its owners and due day."""
    meeting = meeting_or_404(meeting_id)
    people = {p.id: p for p in people_in(meeting.body)}
    form = ActionItemForm()
    form.owners.choices = [(pid, p.name) for pid, p in people.items()]
    if not form.validate_on_submit():
        return refuse(form, meeting_url(meeting_id, "actions"))
    owners = [people[pid] for pid in form.owners.data]
    return run_operation(lambda: ops.add_action_item(meeting, current_user, form.text.data, owners, form.due.data,
                                                     bool(form.review_at_next_meeting.data)),
                         meeting_url(meeting_id, "actions"), _("The action item is recorded."))


@bp.post("/action-items/<int:item_id>/status")
@roles_required(*STAFF)
def set_action_status(item_id: int) -> ResponseReturnValue:
    """Mark an action item done, dropped or open again."""
    item = db.get_or_404(ActionItem, item_id)
    form = choose(ActionStatusForm())
    if not form.validate_on_submit():
        abort(400)
    back = back_to(meeting_url(item.meeting_id, "actions"))
    return run_operation(lambda: ops.set_action_status(item, ActionStatus(form.status.data), current_user),
                         back, _("The action item is updated."))


@bp.post("/meetings/<int:meeting_id>/next-steps")
@roles_required(*STAFF)
def set_next_steps(meeting_id: int) -> ResponseReturnValue:
    """Record the next steps."""
    meeting = meeting_or_404(meeting_id)
    form = NextStepsForm()
    if not form.validate_on_submit():
        return refuse(form, meeting_url(meeting_id, "record"))
    return run_operation(lambda: ops.set_next_steps(meeting, current_user, form.next_steps.data or ""),
                         meeting_url(meeting_id, "record"), _("The next steps are recorded."))


@bp.post("/meetings/<int:meeting_id>/summary")
@roles_required(*STAFF)
def save_summary(meeting_id: int) -> ResponseReturnValue:
    """Keep the summary draft ("redraft" starts again from the record)."""
    meeting = meeting_or_404(meeting_id)
    form = SummaryForm()
    if request.form.get("redraft"):
        form.text.data = summary.draft_text(meeting)
    elif not form.validate_on_submit():
        return refuse(form, meeting_url(meeting_id, "summary"))
    return run_operation(lambda: summary.save_draft(meeting, current_user, form.text.data),
                         meeting_url(meeting_id, "summary"), _("The summary draft is kept."))


@bp.post("/meetings/<int:meeting_id>/summary/approve")
@login_required
def approve_summary(meeting_id: int) -> ResponseReturnValue:
    """The Chair approves the summary (or the Secretariat records the Chair's approval)."""
    meeting = posted_meeting(meeting_id)
    return run_operation(lambda: summary.approve(meeting, current_user),
                         meeting_url(meeting_id, "summary"), _("The summary is approved."))


@bp.post("/meetings/<int:meeting_id>/summary/publish")
@roles_required(*STAFF)
def publish_summary(meeting_id: int) -> ResponseReturnValue:
    """Publish the approved summary on the body's public page and send it to the dissemination list."""
    meeting = posted_meeting(meeting_id)
    return run_operation(lambda: invitations.disseminate(summary.publish(meeting, current_user)),
                         meeting_url(meeting_id, "summary"),
                         _("The summary is published and sent to the dissemination list."))


@bp.get("/bodies/<slug>/calendar")
@roles_required(*STAFF)
def calendar(slug: str) -> str:
    """The year's meetings against the terms of reference, and attendance per member."""
    body = body_or_404(slug)
    year = request.args.get("year", type=int) or utcnow().year
    meetings, table = attendance_table(body, year)
    return render_template("bodies/calendar.html", body=body, year=year, check=check_year(body, year),
                           meetings=meetings, table=table)


@bp.get("/bodies/<slug>/attendance-<int:year>.csv")
@roles_required(*STAFF)
def attendance_csv(slug: str, year: int) -> FlaskResponse:
    """Attendance per member per year as CSV."""
    body = body_or_404(slug)
    out = io.StringIO()
    writer = csv.writer(out)
    for row in attendance_csv_rows(body, year):
        # Spreadsheets run cells starting with =, +, - or @ as formulas: quote them as text.
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in row])
    filename = single_line(f"{body.slug}-attendance-{year}.csv")
    return FlaskResponse(out.getvalue(), mimetype="text/csv",
                         headers={"Content-Disposition": f'attachment; filename="{filename}"'})
