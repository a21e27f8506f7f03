"""The bodies of the body's tests: a small body for meetings, a panel for a body's year, a
decided Panel with a departed member for vacancies; finding their people; a Secretariat user."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from selection.extensions import db
from selection.models import Body, BodyPerson, Call, Membership, Nomination, OfficeTerm, Role, User
from selection.models.body_enums import MeetingMode, Office, PersonCategory
from selection.workflow import decision, terms
from selection.workflow.bodies.meetings import MeetingDetails
from tests.selection.factories import shortlisted_call, staff

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
TERM = (date(2025, 1, 1), date(2026, 12, 31))
MEMBER_NAMES = ["Amal Haddad", "Björn Lund", "Chen Wei", "Dolores Ibarra", "Efua Mensah"]
# Appointed: the first two of each group (KE, FR; BR, PL; JP, NG; UA, NO; CL, ID).
APPOINTED = [0, 1, 3, 4, 6, 7, 9, 10, 12, 13]


def small_body() -> Body:
    """"Test Panel": Chair Ana Pérez, member Bo Lindqvist, ex officio Chidi Okeke, advisor Dana
    Ruiz (of Bo), Secretariat Eve Stone."""
    body = Body(slug="test-panel", name="Test Panel", settings={"annex_word": "Panel"})
    db.session.add(body)
    people = [
        BodyPerson(body=body, honorific="Ms.", name="Ana Pérez", category=PersonCategory.MEMBER,
                   email="ana@example.org", seat="Civil society",
                   term_start=date(2025, 1, 1), term_end=date(2026, 12, 31)),
        BodyPerson(body=body, honorific="Mr.", name="Bo Lindqvist", category=PersonCategory.MEMBER,
                   email="bo@example.org", seat="Private sector"),
        BodyPerson(body=body, honorific="H.E. Mr.", name="Chidi Okeke", category=PersonCategory.EX_OFFICIO,
                   email="chidi@example.org", seat="Current IGF host country", ex_officio_kind="host_current"),
        BodyPerson(body=body, honorific="Ms.", name="Eve Stone", category=PersonCategory.SECRETARIAT,
                   email="eve@example.org"),
    ]
    db.session.add_all(people)
    db.session.add(BodyPerson(body=body, honorific="Ms.", name="Dana Ruiz", category=PersonCategory.ADVISOR,
                              email="dana@example.org", supports=people[1]))
    db.session.flush()
    db.session.add(OfficeTerm(body_id=body.id, person=people[0], office=Office.CHAIR, starts_on=date(2026, 1, 1),
                              ends_on=date(2026, 12, 31)))
    db.session.flush()
    return body


def year_panel(**settings: object) -> Body:
    """"Year Panel": five members (Amal Haddad chairs in 2025), ex officio Hiroshi Sato."""
    body = Body(slug="year-panel", name="Year Panel", settings=dict(settings))
    db.session.add(body)
    for index, name in enumerate(MEMBER_NAMES):
        db.session.add(BodyPerson(body=body, name=name, sort_name=name.lower(), category=PersonCategory.MEMBER,
                                  email=f"m{index}@example.org", country=["EG", "SE", "CN", "BO", "GH"][index],
                                  term_start=TERM[0], term_end=TERM[1]))
    db.session.add(BodyPerson(body=body, name="Hiroshi Sato", sort_name="hiroshi sato",
                              category=PersonCategory.EX_OFFICIO, seat="Previous host country"))
    db.session.flush()
    db.session.add(OfficeTerm(body_id=body.id, person=person(body, "Amal Haddad"), office=Office.CHAIR,
                              starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)))
    db.session.flush()
    return body


def person(body: Body, name: str) -> BodyPerson:
    """One of the body's people by name."""
    return next(p for p in body.people if p.name == name)


def secretariat(email: str = "sec@un.example.org") -> User:
    """A Secretariat user."""
    return staff(email, Role.SECRETARIAT)


def details(starts: datetime | None = None, **changes: object) -> MeetingDetails:
    """A two-hour virtual meeting a week after ``NOW`` (or at ``starts``)."""
    starts = starts or NOW + timedelta(days=7)
    values = dict(title="Virtual Meeting", starts_at=starts, ends_at=starts + timedelta(hours=2),
                  mode=MeetingMode.VIRTUAL, link="https://meet.example.org/x", purpose="To plan the year.")
    values.update(changes)
    return MeetingDetails(**values)  # type: ignore[arg-type]


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
