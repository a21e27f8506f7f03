"""Travel support for in-person meetings: a meeting's budget and members' requests."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import N_, LabelledEnum
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.body import BodyPerson
    from selection.models.meeting import Meeting
    from selection.models.user import User


class TravelStatus(LabelledEnum):
    """Life of a travel support request; moves along ``workflow.travel.TRAVEL_TRANSITIONS``."""

    REQUESTED = ("requested", N_("Requested"))
    AUTHORISED = ("authorised", N_("Authorised"))
    DECLINED = ("declined", N_("Declined"))
    WITHDRAWN = ("withdrawn", N_("Withdrawn"))


class TravelBudget(db.Model):
    """The funds available for travel support to one in-person meeting."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    daily_subsistence_rate: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    set_by: Mapped[User | None] = relationship()


class TravelRequest(db.Model):
    """A member's request for travel and daily subsistence support for one meeting."""

    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("body_person.id"), index=True)
    status: Mapped[TravelStatus] = mapped_column(enum_type(TravelStatus), default=TravelStatus.REQUESTED)
    travel_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    subsistence_days: Mapped[int]
    other_funding_sought: Mapped[bool] = mapped_column(default=False)
    other_funding_note: Mapped[str] = mapped_column(Text, default="")
    # Why the person is eligible: a status from the reference data, or the override's reason.
    eligibility: Mapped[str] = mapped_column(String(200), default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    authorised_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    authorised_on: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[BodyPerson] = relationship()
    decided_by: Mapped[User | None] = relationship()

    @property
    def letter_reference(self) -> str:
        """The reference printed on the authorisation letter."""
        return f"TS-{self.meeting_id}-{self.id:04d}"
