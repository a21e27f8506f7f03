"""A small body for the tests of meetings: members (one Chair), an advisor, the Secretariat."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from selection.extensions import db
from selection.models import Body, BodyPerson, OfficeTerm, Role, User
from selection.models.body_enums import MeetingMode, Office, PersonCategory
from selection.workflow.bodies.meetings import MeetingDetails
from selection.workflow.users import create_user

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


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


def person(body: Body, name: str) -> BodyPerson:
    """One of the body's people by name."""
    return next(p for p in body.people if p.name == name)


def staff(email: str = "sec@un.example.org") -> User:
    """A Secretariat user."""
    user = create_user(email, [Role.SECRETARIAT], None, name="Sec", password="pw-unused-123456")
    db.session.flush()
    return user


def details(starts: datetime | None = None, **changes: object) -> MeetingDetails:
    """A two-hour virtual meeting a week after ``NOW`` (or at ``starts``)."""
    starts = starts or NOW + timedelta(days=7)
    values = dict(title="Virtual Meeting", starts_at=starts, ends_at=starts + timedelta(hours=2),
                  mode=MeetingMode.VIRTUAL, link="https://meet.example.org/x", purpose="To plan the year.")
    values.update(changes)
    return MeetingDetails(**values)  # type: ignore[arg-type]
