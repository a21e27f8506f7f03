"""The record of a held meeting: decisions by topic, action items with owners, due days and
statuses, next steps. Action items live on after their meeting."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import ActionItem, ActionOwner, Body, BodyPerson, Meeting, MeetingDecision, User, utcnow
from selection.models.body_enums import ActionStatus
from selection.workflow import audit
from selection.workflow.bodies import states
from selection.workflow.bodies.meetings import NotAllowed, record_changed
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration
from selection.workflow.permissions import may_run_body


def _editable(meeting: Meeting, actor: User | None) -> None:
    if not may_run_body(actor):
        raise NotAllowed(_("You may not change this meeting's record."))
    if not states.record_is_editable(meeting.status):
        raise ForbiddenTransition(_("The record is kept once the meeting is held, until its summary is published."))


def add_decision(meeting: Meeting, actor: User | None, topic: str, text: str) -> MeetingDecision:
    """Record a decision under its topic."""
    asks = {"topic": _("Give the decision's topic."), "text": _("Give the decision's text.")}
    problems = {k: asks[k] for k, v in (("topic", topic), ("text", text)) if not v.strip()}
    if problems:
        raise InvalidConfiguration(problems)
    _editable(meeting, actor)
    decision = MeetingDecision(topic=topic.strip(), text=text.strip(), position=len(meeting.decisions))
    meeting.decisions.append(decision)
    record_changed(meeting, actor, "decision_recorded", topic=decision.topic)
    return decision


def remove_decision(meeting: Meeting, decision: MeetingDecision, actor: User | None) -> None:
    """Take a decision off the record."""
    _editable(meeting, actor)
    meeting.decisions.remove(decision)
    record_changed(meeting, actor, "decision_removed", topic=decision.topic, text=decision.text)


def add_action_item(meeting: Meeting, actor: User | None, text: str, owners: list[BodyPerson],
                    due: date | None, review_at_next_meeting: bool = False) -> ActionItem:
    """Record an action item owned by one or more of the body's people."""
    problems = {}
    if not text.strip():
        problems["text"] = _("Say what is to be done.")
    if not owners:
        problems["owners"] = _("Choose at least one owner.")
    if any(person.body_id != meeting.body_id for person in owners):
        problems["owners"] = _("Owners are people of this body.")
    if problems:
        raise InvalidConfiguration(problems)
    _editable(meeting, actor)
    item = ActionItem(text=text.strip(), due=due, review_at_next_meeting=review_at_next_meeting,
                      position=len(meeting.action_items), status=ActionStatus.OPEN)
    item.owners = [ActionOwner(person=p, name=p.display_name, position=n) for n, p in enumerate(owners)]
    meeting.action_items.append(item)
    record_changed(meeting, actor, "action_item_recorded", text=item.text, owners=[p.name for p in owners])
    return item


def set_action_status(item: ActionItem, status: ActionStatus, actor: User | None,
                      now: datetime | None = None) -> None:
    """Mark an action item done, dropped, or open again (at any time after its meeting)."""
    if not may_run_body(actor):
        raise NotAllowed(_("You may not change this action item."))
    if status == item.status:
        return
    audit.record(actor, item, "action_item_status", from_state=item.status.value, to_state=status.value)
    item.status = status
    item.closed_at = None if status == ActionStatus.OPEN else (now or utcnow())


def set_next_steps(meeting: Meeting, actor: User | None, text: str) -> None:
    """The next steps, as the summary states them."""
    _editable(meeting, actor)
    if text.strip() != meeting.next_steps:
        meeting.next_steps = text.strip()
        record_changed(meeting, actor, "next_steps_recorded")


def open_action_items(body: Body | None = None) -> list[ActionItem]:
    """Open action items across meetings (of one body), the soonest due first, undated last."""
    query = (select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
             .where(ActionItem.status == ActionStatus.OPEN))
    if body is not None:
        query = query.where(Meeting.body_id == body.id)
    query = query.order_by(ActionItem.due.is_(None), ActionItem.due, Meeting.starts_at, ActionItem.position)
    return list(db.session.execute(query).scalars())


def action_items_of(people: list[BodyPerson]) -> list[ActionItem]:
    """The action items owned by any of ``people``, open ones first, then by due day."""
    ids = [p.id for p in people]
    if not ids:
        return []
    owned = select(ActionOwner.action_item_id).where(ActionOwner.person_id.in_(ids))
    query = (select(ActionItem).where(ActionItem.id.in_(owned))
             .order_by(ActionItem.status != ActionStatus.OPEN, ActionItem.due.is_(None), ActionItem.due))
    return list(db.session.execute(query).scalars())


def overdue(items: list[ActionItem], today: date) -> list[ActionItem]:
    """Those of ``items`` open past their due day."""
    return [item for item in items if item.is_overdue(today)]
