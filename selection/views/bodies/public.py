"""Public and members' pages of a body: its published summaries (and their printable form),
answering an invitation from its link, and "My Panel"."""
from __future__ import annotations

from flask import abort, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from selection.forms.bodies import AnswerForm
from selection.extensions import db
from selection.models import Invitation, Meeting, utcnow
from selection.models.body_enums import InvitationAnswer, MeetingMode, MeetingStatus
from selection.views.bodies import body_or_404, choose
from selection.views.bodies.blueprints import panel as bp
from selection.views.operations import run_operation
from selection.workflow.bodies import meetings as ops
from selection.workflow.bodies.annex import annex
from selection.workflow.bodies.people import circles
from selection.workflow.bodies.record import action_items_of
from selection.workflow.bodies.summary import blocks, published_meeting, published_meetings
from selection.workflow.permissions import may_answer_own_invitation, people_of_user


@bp.get("/bodies/<slug>")
def body(slug: str) -> str:
    """A body's public page: its members and their seats, and its published summary notes."""
    found = body_or_404(slug)
    return render_template("bodies/public_body.html", body=found, circles=circles(found, utcnow().date()),
                           meetings=published_meetings(found))


def _published(slug: str, public_slug: str) -> Meeting:
    meeting = published_meeting(body_or_404(slug), public_slug)
    if meeting is None:
        abort(404)
    return meeting


@bp.get("/bodies/<slug>/summaries/<public_slug>")
def summary(slug: str, public_slug: str) -> str:
    """A published summary note, with its attendance annex."""
    meeting = _published(slug, public_slug)
    return render_template("bodies/summary.html", meeting=meeting, body=meeting.body,
                           blocks=blocks(meeting.summary.text), annex=annex(meeting), printable=False)


@bp.get("/bodies/<slug>/summaries/<public_slug>/print")
def summary_print(slug: str, public_slug: str) -> str:
    """The same summary as a printable page (no navigation)."""
    meeting = _published(slug, public_slug)
    return render_template("bodies/summary_print.html", meeting=meeting, body=meeting.body,
                           blocks=blocks(meeting.summary.text), annex=annex(meeting), printable=True)


def _invitation(token: str) -> Invitation:
    invitation = ops.invitation_by_token(token)
    if invitation is None:
        abort(404)
    return invitation


def _answer_form(invitation: Invitation) -> AnswerForm:
    form = choose(AnswerForm(answer=invitation.answer.value if invitation.answer else None))
    if invitation.meeting.mode == MeetingMode.VIRTUAL:
        form.answer.choices = [c for c in form.answer.choices if c[0] != InvitationAnswer.IN_PERSON.value]
    return form


@bp.route("/meetings/answer/<token>", methods=["GET", "POST"])
def answer(token: str) -> ResponseReturnValue:
    """Answer an invitation from its link: in person, online, or regrets (no sign-in needed)."""
    invitation = _invitation(token)
    form = _answer_form(invitation)
    if form.validate_on_submit():
        return run_operation(lambda: ops.answer(invitation, InvitationAnswer(form.answer.data)),
                             url_for("panel.answer", token=token), _("Thank you: your answer is recorded."))
    return render_template("bodies/answer.html", invitation=invitation, meeting=invitation.meeting, form=form,
                           now=utcnow()), 400 if form.is_submitted() else 200


@bp.route("/my/panel/invitations/<int:invitation_id>", methods=["GET", "POST"])
@login_required
def answer_mine(invitation_id: int) -> ResponseReturnValue:
    """A signed-in person answers their own invitation (403 for anyone else's)."""
    invitation = db.get_or_404(Invitation, invitation_id)
    if not may_answer_own_invitation(current_user, invitation):
        abort(403)
    form = _answer_form(invitation)
    if form.validate_on_submit():
        return run_operation(lambda: ops.answer(invitation, InvitationAnswer(form.answer.data)),
                             url_for("panel.my_panel"), _("Thank you: your answer is recorded."))
    return render_template("bodies/answer.html", invitation=invitation, meeting=invitation.meeting, form=form,
                           now=utcnow()), 400 if form.is_submitted() else 200


@bp.get("/my/panel")
@login_required
def my_panel() -> str:
    """A member's (or advisor's, or the Secretariat's) own view: upcoming meetings, their
    invitations, their action items, published summaries."""
    people = people_of_user(current_user)
    body_ids = {p.body_id for p in people}
    now = utcnow()
    upcoming = list(db.session.execute(
        select(Meeting).where(Meeting.body_id.in_(body_ids), Meeting.ends_at >= now,
                              Meeting.status.in_([MeetingStatus.AGENDA_APPROVED, MeetingStatus.INVITATIONS_SENT]))
        .order_by(Meeting.starts_at)).scalars()) if body_ids else []
    mine = list(db.session.execute(
        select(Invitation).where(Invitation.person_id.in_([p.id for p in people]))).scalars()) if people else []
    by_meeting = {inv.meeting_id: inv for inv in mine}
    bodies = [p.body for p in people]
    published = [m for b in {b.id: b for b in bodies}.values() for m in published_meetings(b)]
    return render_template("bodies/my_panel.html", people=people, upcoming=upcoming, invitations=by_meeting,
                           items=action_items_of(people), published=published, today=now.date(), now=now,
                           to_approve=ops.waiting_for_the_chair(current_user, body_ids))
