"""A panel for the tests of a body's year: serving members, an ex officio member, a Chair."""
from __future__ import annotations

from datetime import date

from selection.extensions import db
from selection.models import Body, BodyPerson, OfficeTerm, Role, User
from selection.models.body_enums import Office, PersonCategory
from selection.workflow.users import create_user

TERM = (date(2025, 1, 1), date(2026, 12, 31))
MEMBER_NAMES = ["Amal Haddad", "Björn Lund", "Chen Wei", "Dolores Ibarra", "Efua Mensah"]


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
    db.session.add(OfficeTerm(body_id=body.id, person=member(body, "Amal Haddad"), office=Office.CHAIR,
                              starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)))
    db.session.flush()
    return body


def member(body: Body, name: str) -> BodyPerson:
    """One of the body's people by name."""
    return next(p for p in body.people if p.name == name)


def secretariat_user(email: str = "secretariat@un.example.org") -> User:
    """A Secretariat account."""
    user = create_user(email, [Role.SECRETARIAT], None, name="Secretariat", password="pw-unused-123456")
    db.session.flush()
    return user
