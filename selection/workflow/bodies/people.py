"""Finding a body and its people: by slug, by category, by name as people type it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from selection.extensions import db
from selection.models import Body, BodyPerson
from selection.models.body_enums import AROUND_A_MEMBER, Office, PersonCategory
from selection.names import name_key


def body_by_slug(slug: str) -> Body | None:
    """The body with this slug, or None."""
    return db.session.execute(select(Body).where(Body.slug == slug)).scalar_one_or_none()


def all_bodies() -> list[Body]:
    """Every body, by name."""
    return list(db.session.execute(select(Body).order_by(Body.name)).scalars())


def person_named(body: Body, name: str) -> BodyPerson | None:
    """The body's person with this name (case, accents and spacing ignored); the active one
    first when a name was held by several people over time."""
    rows = db.session.execute(
        select(BodyPerson).where(BodyPerson.body_id == body.id, BodyPerson.sort_name == name_key(name))
        .order_by(BodyPerson.active.desc(), BodyPerson.id)
    ).scalars().first()
    return rows


def people_in(body: Body, *categories: PersonCategory, on: date | None = None) -> list[BodyPerson]:
    """The body's active people of the given categories (all when none), serving on ``on``."""
    query = select(BodyPerson).where(BodyPerson.body_id == body.id, BodyPerson.active.is_(True))
    if categories:
        query = query.where(BodyPerson.category.in_(categories))
    people = db.session.execute(query.order_by(BodyPerson.sort_name)).scalars().all()
    return [p for p in people if on is None or p.serves_on(on)]


def officer(body: Body, office: Office, on: date) -> BodyPerson | None:
    """Who holds ``office`` on ``on``, if anyone."""
    for person in people_in(body, PersonCategory.MEMBER, PersonCategory.EX_OFFICIO):
        if person.office_on(on) == office:
            return person
    return None


@dataclass(frozen=True)
class MemberCircle:
    """A seated member with the people around them (advisors, representatives, support persons)."""

    member: BodyPerson
    office: Office | None
    around: list[BodyPerson]


def circles(body: Body, on: date) -> list[MemberCircle]:
    """Members (appointed first, then ex officio), each with the people who support them."""
    around = people_in(body, *AROUND_A_MEMBER)
    seated = people_in(body, PersonCategory.MEMBER, on=on) + people_in(body, PersonCategory.EX_OFFICIO, on=on)
    return [
        MemberCircle(member, member.office_on(on), [p for p in around if p.supports_id == member.id])
        for member in seated
    ]


def invitees(body: Body, on: date) -> list[BodyPerson]:
    """Who a meeting invites by default: the members and ex officio members serving on ``on``,
    the people around them, and the Secretariat."""
    seated = people_in(body, PersonCategory.MEMBER, PersonCategory.EX_OFFICIO, on=on)
    seated_ids = {p.id for p in seated}
    around = [p for p in people_in(body, *AROUND_A_MEMBER) if p.supports_id in seated_ids]
    return seated + around + people_in(body, PersonCategory.SECRETARIAT)
