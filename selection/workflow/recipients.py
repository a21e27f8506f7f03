"""The language an e-mail goes out in: the one its recipient chose in their profile, else the
one they last wrote a nomination in, else English (``None``: ``mail.in_language`` takes English).

A nomination's own e-mails follow ``Nomination.language``; the e-mails of a body (meetings,
summaries, terms) find their recipients' language here.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from selection.extensions import db
from selection.models import BodyPerson, Nomination, Nominee, User


def languages_of(addresses: Iterable[str]) -> dict[str, str | None]:
    """Each address (as given) with its person's language, or None when none is known."""
    wanted = {address.strip().lower(): address for address in addresses if address.strip()}
    if not wanted:
        return {}
    chosen = dict(db.session.execute(
        select(func.lower(User.email), User.language)
        .where(func.lower(User.email).in_(wanted), User.language.is_not(None))
    ).all())
    used: dict[str, str] = {}
    rows = db.session.execute(
        select(func.lower(Nominee.email), Nomination.language).join(Nomination.nominee)
        .where(func.lower(Nominee.email).in_(wanted)).order_by(Nomination.id)
    ).all()
    for email, language in rows:
        used[email] = language  # the latest nomination wins
    return {address: chosen.get(key) or used.get(key) for key, address in wanted.items()}


def languages_of_people(people: Iterable[BodyPerson]) -> dict[int, str | None]:
    """Each person of a body (by id) with their language: their account's choice, else the one
    their address is known by, else that of the nomination that gave them their seat."""
    people = list(people)
    by_address = languages_of(person.email for person in people if person.email)
    found: dict[int, str | None] = {}
    for person in people:
        chosen = person.user.language if person.user is not None else None
        seat = person.membership.nomination.language if person.membership is not None else None
        found[person.id] = chosen or by_address.get(person.email) or seat
    return found
