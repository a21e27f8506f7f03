"""A decided Panel with a departed member: the shortlist of 15 (three per group), the first two
of each group appointed and recorded on the body, and the first member gone mid-term."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from selection.extensions import db
from selection.models import Body, BodyPerson, Call, Membership, Nomination
from selection.models.body_enums import PersonCategory
from selection.workflow import decision, terms
from tests.selection.factories import shortlisted_call

# Appointed: the first two of each group (KE, FR; BR, PL; JP, NG; UA, NO; CL, ID).
APPOINTED = [0, 1, 3, 4, 6, 7, 9, 10, 12, 13]


@dataclass
class DecidedPanel:
    """The body, its decided call, the call's nominations (``SHORTLIST`` order) and who left."""

    body: Body
    call: Call
    nominations: list[Nomination]
    departed: BodyPerson


def decided_panel(today: date) -> DecidedPanel:
    """The term runs from 200 days before ``today`` to 500 days after; Nominee 00 KE (government)
    left 10 days before ``today``."""
    body = Body(slug="vacancy-panel", name="Vacancy Panel", settings={})
    db.session.add(body)
    call, nominations = shortlisted_call("vacancy-call")
    call.body_id, call.term_start, call.term_end = body.id, today - timedelta(days=200), today + timedelta(days=500)
    db.session.flush()
    decision.decide(call, decision.DecisionInput([nominations[i].id for i in APPOINTED], today - timedelta(days=210),
                                                 "Balanced and strong."), None)
    for membership in db.session.scalars(select(Membership).where(Membership.call_id == call.id)):
        nominee = membership.nomination.nominee
        db.session.add(BodyPerson(body=body, category=PersonCategory.MEMBER, name=nominee.name, email=nominee.email,
                                  seat=membership.group.name, term_start=membership.term_start,
                                  term_end=membership.term_end, membership=membership))
    db.session.flush()
    departed = person_of(body, nominations[0])
    terms.record_departure(departed, today - timedelta(days=10), "Resigned on taking up a new post.", None)
    db.session.flush()
    return DecidedPanel(body, call, nominations, departed)


def person_of(body: Body, nomination: Nomination) -> BodyPerson:
    """The body person appointed through ``nomination``."""
    return next(p for p in body.people if p.membership is not None and p.membership.nomination_id == nomination.id)
