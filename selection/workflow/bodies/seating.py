"""From appointment to the body at work: a decided call's appointed members take their seats in
the body the call appoints (found by name, or made), each with the seat of their group and the
call's term; the call is linked to the body (one call per term)."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import Body, BodyPerson, Call, CallStatus, Membership, User
from selection.models.body_enums import PersonCategory
from selection.models.names import name_key
from selection.workflow import audit
from selection.workflow.bodies.meetings import NotAllowed
from selection.workflow.errors import ForbiddenTransition
from selection.workflow.permissions import may_run_body


def body_for(call: Call) -> Body:
    """The body the call appoints: the one linked, else the one of the call's body name, else a new one."""
    if call.body_id is not None:
        return db.session.get(Body, call.body_id)  # type: ignore[return-value]
    name = call.body or call.title
    found = db.session.execute(select(Body).where(Body.name == name)).scalar_one_or_none()
    if found is None:
        slug = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")[:80] or f"body-{call.id}"
        found = Body(slug=slug, name=name, settings={})
        db.session.add(found)
        db.session.flush()
    return found


def unseated_calls() -> list[Call]:
    """Decided calls with appointed members not yet seated in a body."""
    seated = select(BodyPerson.membership_id).where(BodyPerson.membership_id.is_not(None))
    return list(db.session.execute(
        select(Call).where(Call.status == CallStatus.DECIDED,
                           Call.id.in_(select(Membership.call_id).where(Membership.id.not_in(seated))))
        .order_by(Call.term_start)).scalars())


def seat_members(call: Call, actor: User | None) -> list[BodyPerson]:
    """Seat the call's appointed members who are not seated yet; returns the new members."""
    if not may_run_body(actor):
        raise NotAllowed(_("You may not seat the members of a call."))
    if call.status != CallStatus.DECIDED:
        raise ForbiddenTransition(_("Only a decided call's members take their seats."))
    body = body_for(call)
    call.body_id = body.id
    seated = set(db.session.execute(select(BodyPerson.membership_id).where(
        BodyPerson.body_id == body.id, BodyPerson.membership_id.is_not(None))).scalars())
    memberships = db.session.execute(select(Membership).where(Membership.call_id == call.id)).scalars().all()
    new = [
        BodyPerson(body=body, category=PersonCategory.MEMBER, name=m.nomination.nominee.name,
                   email=m.nomination.nominee.email, organization=m.nomination.nominee.organization,
                   country=m.nomination.nominee.nationality, seat=m.group.name, membership=m,
                   term_start=m.term_start, term_end=m.term_end)
        for m in memberships if m.id not in seated
    ]
    db.session.add_all(new)
    db.session.flush()
    audit.record(actor, body, "members_seated", call=call.slug, members=[p.name for p in new])
    return new
