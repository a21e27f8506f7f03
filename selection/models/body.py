"""A body that a call appoints (the IGF Leadership Panel, the MAG, ...) and the people of it."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from selection.extensions import db
from selection.models.body_enums import Office, PersonCategory
from selection.models.types import UTCDateTime, enum_type, utcnow
from selection.models.names import name_key

if TYPE_CHECKING:
    from selection.models.call import Call
    from selection.models.meeting import Meeting
    from selection.models.member import Membership
    from selection.models.user import User

# What a body's ``settings`` hold when nothing else is said (the Leadership Panel's terms of
# reference: at least three meetings a year, in Q1, in Q2 and at the annual IGF meeting).
DEFAULT_BODY_SETTINGS: dict[str, Any] = {
    "min_meetings_per_year": 3,
    "required_quarters": [1, 2],
    "meets_at_annual_igf": True,
    "chatham_house_default": True,
    "dissemination_list": [],
    # Elections of officers: who votes and stands (appointed members; ex officio members too
    # when set), and whether the outgoing Chair may stand again (rotation: not by default).
    "ex_officio_vote": False,
    "outgoing_chair_may_stand": False,
    # Terms: their length, how many in a row a member may serve, the share of seats that a
    # renewal gives to people new to the body, and how long before an end the Secretariat hears.
    "term_years": 2,
    "max_consecutive_terms": None,
    "min_share_new_members": None,
    "term_reminder_days": 92,
}


class Body(db.Model):
    """A standing body: its calls (one per term), its people and its meetings."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    calls: Mapped[list[Call]] = relationship(order_by="Call.term_start")
    people: Mapped[list[BodyPerson]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="BodyPerson.sort_name"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="Meeting.starts_at"
    )

    def setting(self, key: str) -> Any:
        """One setting, falling back to the default of the terms of reference."""
        return (self.settings or {}).get(key, DEFAULT_BODY_SETTINGS.get(key))

    def __repr__(self) -> str:
        return f"<Body {self.slug}>"


class BodyPerson(db.Model):
    """A person of a body: a member with a seat and term, an ex officio member holding a named
    seat, an advisor, representative or support person of a member, or the Secretariat.

    ``user_id`` links the person to an account (members sign in with one-time links);
    ``membership_id`` to the appointment that gave an appointed member their seat.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    category: Mapped[PersonCategory] = mapped_column(enum_type(PersonCategory))
    honorific: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200))
    # Lower-cased and without accents, for matching names given by the API or typed in.
    # No scalar default: it would be applied after ``name`` on construction and undo the validator.
    sort_name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    # Member: the stakeholder group's seat ("Civil society"); ex officio: the seat's words.
    seat: Mapped[str] = mapped_column(String(200), default="")
    # Ex officio: the kind of seat, a key of ``selection.models.call.EX_OFFICIO_KINDS``.
    ex_officio_kind: Mapped[str | None] = mapped_column(String(40))
    term_start: Mapped[date | None]
    term_end: Mapped[date | None]
    supports_id: Mapped[int | None] = mapped_column(ForeignKey("body_person.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("membership.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    body: Mapped[Body] = relationship(back_populates="people")
    supports: Mapped[BodyPerson | None] = relationship(remote_side=[id], back_populates="supporters")
    supporters: Mapped[list[BodyPerson]] = relationship(back_populates="supports")
    user: Mapped[User | None] = relationship()
    membership: Mapped[Membership | None] = relationship()
    office_terms: Mapped[list[OfficeTerm]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="OfficeTerm.starts_on"
    )

    @validates("name")
    def _keep_sort_name(self, _key: str, name: str) -> str:
        self.sort_name = name_key(name)
        return name

    @property
    def display_name(self) -> str:
        """The name as the attendance annex writes it: "Ms. Lise Fuhr"."""
        return f"{self.honorific} {self.name}".strip()

    def office_on(self, day: date) -> Office | None:
        """The office the person holds on ``day``, if any."""
        for term in self.office_terms:
            if term.starts_on <= day and (term.ends_on is None or day <= term.ends_on):
                return term.office
        return None

    def serves_on(self, day: date) -> bool:
        """Active, and within their term when they have one."""
        if not self.active:
            return False
        if self.term_start and day < self.term_start:
            return False
        return not (self.term_end and day > self.term_end)

    def __repr__(self) -> str:
        return f"<BodyPerson {self.id} {self.category.value} {self.name}>"


class OfficeTerm(db.Model):
    """A member holding an office (Chair, Vice-Chair) from one day to another (yearly rotation)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("body_person.id", ondelete="CASCADE"), index=True)
    office: Mapped[Office] = mapped_column(enum_type(Office))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    person: Mapped[BodyPerson] = relationship(back_populates="office_terms")
