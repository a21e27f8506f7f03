"""The Secretariat's pages of a body: the body and its people, scheduling a meeting, its agenda
and the Chair's approval, invitations, reminders, holding it and confirming attendance."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timezone

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from selection.forms.bodies import ActionForm, AgendaItemForm, DisseminationForm, MeetingForm
from selection.models import Body, Meeting, utcnow
from selection.models.body_enums import AttendanceStatus, MeetingMode
from selection.views.bodies import (
    body_or_404,
    choose,
    meeting_or_404,
    meeting_url,
    posted_meeting,
    refuse,
    require_action_form,
)
from selection.views.bodies.blueprints import secretariat as bp
from selection.views.bodies.record import record_context
from selection.views.loading import call_or_404
from selection.views.operations import form_status, run_operation
from selection.views.permissions import roles_required
from selection.workflow.bodies import invitations, meetings as ops, seating
from selection.workflow.bodies.seating import unseated_calls
from selection.workflow.bodies.calendar import check_year
from selection.workflow.bodies.people import all_bodies, circles, people_in
from selection.workflow.bodies.record import open_action_items, overdue
from selection.workflow.bodies.settings import set_dissemination_list
from selection.models.body_enums import PersonCategory
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.permissions import STAFF, may_approve_as_chair


@bp.get("/bodies")
@roles_required(*STAFF)
def index() -> str:
    """Every body with its next meeting and open action items."""
    bodies = all_bodies()
    return render_template("bodies/index.html", bodies=bodies, unseated=unseated_calls(), form=ActionForm(),
                           open_items={b.id: len(open_action_items(b)) for b in bodies}, now=utcnow())


@bp.post("/calls/<slug>/seat-members")
@roles_required(*STAFF)
def seat_members(slug: str) -> ResponseReturnValue:
    """The appointed members of a decided call take their seats in its body."""
    call = call_or_404(slug)
    require_action_form()
    return run_operation(lambda: seating.seat_members(call, current_user),
                         url_for("bodies.index"), _("The appointed members are seated."))


@bp.get("/bodies/<slug>")
@roles_required(*STAFF)
def body(slug: str) -> str:
    """A body: members with seats, terms and offices, ex officio members by name, the people
    around them, the Secretariat, its meetings and this year's calendar check."""
    found = body_or_404(slug)
    today = utcnow().date()
    dissemination = DisseminationForm(dissemination_list="\n".join(found.setting("dissemination_list") or []))
    return render_template(
        "bodies/body.html", body=found, circles=circles(found, today),
        secretariat=people_in(found, PersonCategory.SECRETARIAT), check=check_year(found, today.year),
        calls=found.calls, now=utcnow(), dissemination=dissemination)


@bp.post("/bodies/<slug>/dissemination-list")
@roles_required(*STAFF)
def dissemination_list(slug: str) -> ResponseReturnValue:
    """Keep the addresses published summaries are sent to."""
    found = body_or_404(slug)
    form = DisseminationForm()
    back = url_for("bodies.body", slug=slug) + "#dissemination"
    if not form.validate_on_submit():
        return refuse(form, back)
    return run_operation(lambda: set_dissemination_list(found, current_user, form.dissemination_list.data or ""),
                         back, _("The dissemination list is kept."))


@bp.post("/meetings/<int:meeting_id>/cancel")
@roles_required(*STAFF)
def cancel(meeting_id: int) -> ResponseReturnValue:
    """Cancel a meeting that is not held yet."""
    found = posted_meeting(meeting_id)
    def cancel_and_tell() -> None:
        ops.cancel(found, current_user, "cancelled by the Secretariat")
        invitations.cancelled(found)

    return run_operation(cancel_and_tell, meeting_url(meeting_id),
                         _("The meeting is cancelled; those invited are told."))


def _details(form: MeetingForm) -> ops.MeetingDetails:
    return ops.MeetingDetails(
        title=form.title.data or "", starts_at=form.starts_at.data.replace(tzinfo=timezone.utc),
        ends_at=form.ends_at.data.replace(tzinfo=timezone.utc), mode=MeetingMode(form.mode.data),
        place=form.place.data or "", link=form.link.data or "", purpose=form.purpose.data or "",
        chatham_house=bool(form.chatham_house.data), at_annual_igf=bool(form.at_annual_igf.data))


def _meeting_form(form: MeetingForm, body: Body, meeting: Meeting | None) -> tuple[str, int]:
    """The meeting form, 400 when it was sent and refused."""
    return render_template("bodies/meeting_form.html", body=body, form=form, meeting=meeting), form_status(form)


def _form_again(form: MeetingForm, body: Body, meeting: Meeting | None) -> Callable[[WorkflowError], tuple[str, int]]:
    """Show a refusal on the meeting form: each problem under its field (else under the title)."""

    def show(error: WorkflowError) -> tuple[str, int]:
        problems = error.problems if isinstance(error, InvalidConfiguration) else {"title": str(error)}
        for name, reason in problems.items():
            getattr(form, name, form.title).errors.append(reason)
        return _meeting_form(form, body, meeting)

    return show


@bp.route("/bodies/<slug>/meetings/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def schedule(slug: str) -> ResponseReturnValue:
    """Schedule a meeting; its draft agenda carries the action items to be reviewed."""
    found = body_or_404(slug)
    form = choose(MeetingForm(chatham_house=found.setting("chatham_house_default")))
    if not form.validate_on_submit():
        return _meeting_form(form, found, None)
    return run_operation(lambda: ops.schedule(found, _details(form), current_user),
                         lambda meeting: url_for("bodies.meeting", meeting_id=meeting.id),
                         _("The meeting is scheduled; add its agenda for the Chair."),
                         show_refusal=_form_again(form, found, None))


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(meeting_id: int) -> ResponseReturnValue:
    """Change a meeting that is not held yet."""
    meeting = meeting_or_404(meeting_id)
    form = choose(MeetingForm(obj=meeting))
    if not form.validate_on_submit():
        return _meeting_form(form, meeting.body, meeting)

    def change_and_tell() -> None:
        ops.reschedule(meeting, _details(form), current_user)
        # Those already invited get the updated invitation and calendar file.
        invitations.notify(ops.new_links(meeting), changed=True)

    return run_operation(change_and_tell, url_for("bodies.meeting", meeting_id=meeting.id),
                         _("The meeting is changed."), show_refusal=_form_again(form, meeting.body, meeting))


@bp.get("/meetings/<int:meeting_id>")
@login_required
def meeting(meeting_id: int) -> str:
    """A meeting's workspace: agenda, invitations and answers, attendance, record, summary.
    The Chair sees it too, to approve the agenda and the summary."""
    found = meeting_or_404(meeting_id)
    if not may_approve_as_chair(current_user, found):
        abort(403)
    return render_template("bodies/meeting.html", meeting=found, body=found.body, action=ActionForm(),
                           agenda_form=AgendaItemForm(), now=utcnow(), AttendanceStatus=AttendanceStatus,
                           is_staff=current_user.has_role(*STAFF), **record_context(found))


@bp.post("/meetings/<int:meeting_id>/agenda")
@roles_required(*STAFF)
def add_agenda_item(meeting_id: int) -> ResponseReturnValue:
    """Add an agenda item."""
    found = meeting_or_404(meeting_id)
    form = AgendaItemForm()
    if not form.validate_on_submit():
        return refuse(form, meeting_url(meeting_id, "agenda"))
    return run_operation(lambda: ops.add_agenda_item(found, current_user, form.title.data, form.description.data or ""),
                         meeting_url(meeting_id, "agenda"), _("The item is on the agenda."))


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/remove")
@roles_required(*STAFF)
def remove_agenda_item(meeting_id: int, item_id: int) -> ResponseReturnValue:
    """Take an item off the agenda."""
    found = meeting_or_404(meeting_id)
    item = next((i for i in found.agenda if i.id == item_id), None)
    if item is None or not ActionForm().validate_on_submit():
        abort(404 if item is None else 400)
    return run_operation(lambda: ops.remove_agenda_item(found, item, current_user),
                         meeting_url(meeting_id, "agenda"), _("The item is off the agenda."))


@bp.post("/meetings/<int:meeting_id>/agenda/approve")
@login_required
def approve_agenda(meeting_id: int) -> ResponseReturnValue:
    """The Chair approves the agenda (or the Secretariat records the Chair's approval)."""
    found = posted_meeting(meeting_id)
    return run_operation(lambda: ops.approve_agenda(found, current_user),
                         meeting_url(meeting_id, "agenda"), _("The agenda is approved."))


@bp.post("/meetings/<int:meeting_id>/invitations")
@roles_required(*STAFF)
def send_invitations(meeting_id: int) -> ResponseReturnValue:
    """Send the invitations, each with its answer link and calendar file."""
    found = posted_meeting(meeting_id)
    return run_operation(lambda: invitations.notify(ops.send_invitations(found, current_user)),
                         meeting_url(meeting_id, "invitations"), _("The invitations are sent."))


@bp.post("/meetings/<int:meeting_id>/reminders")
@roles_required(*STAFF)
def remind(meeting_id: int) -> ResponseReturnValue:
    """Remind those who have not answered."""
    found = posted_meeting(meeting_id)
    return run_operation(lambda: invitations.notify(ops.remind(found, current_user), reminder=True),
                         meeting_url(meeting_id, "invitations"),
                         _("Reminders are sent to those who have not answered."))


@bp.post("/meetings/<int:meeting_id>/held")
@roles_required(*STAFF)
def mark_held(meeting_id: int) -> ResponseReturnValue:
    """The meeting took place: attendance starts from the answers."""
    found = posted_meeting(meeting_id)
    return run_operation(lambda: ops.mark_held(found, current_user),
                         meeting_url(meeting_id, "attendance"), _("The meeting is held; confirm the attendance."))


@bp.post("/meetings/<int:meeting_id>/attendance")
@roles_required(*STAFF)
def confirm_attendance(meeting_id: int) -> ResponseReturnValue:
    """Confirm who attended and how."""
    found = posted_meeting(meeting_id)
    statuses = {}
    for row in found.attendance:
        value = request.form.get(f"status-{row.id}")
        if value is not None:
            if value not in {s.value for s in AttendanceStatus}:
                abort(400)
            statuses[row.id] = AttendanceStatus(value)
    return run_operation(lambda: ops.confirm_attendance(found, current_user, statuses),
                         meeting_url(meeting_id, "attendance"), _("The attendance is confirmed."))


@bp.get("/action-items")
@roles_required(*STAFF)
def action_items() -> str:
    """Every open action item across meetings and bodies, the overdue ones marked."""
    items = open_action_items()
    today = utcnow().date()
    return render_template("bodies/action_items.html", items=items, overdue={i.id for i in overdue(items, today)},
                           today=today, form=ActionForm())
