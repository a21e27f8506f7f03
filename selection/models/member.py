"""The roster of a body: appointed members, and the host-country table behind ex officio seats."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from selection.models.call import Call, StakeholderGroup
    from selection.models.decision import Decision
    from selection.models.nomination import Nomination
    from selection.models.user import User


class Membership(db.Model):
    """An appointed member: a nomination of a call holding a seat of its group for a term."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("stakeholder_group.id"))
    term_start: Mapped[date]
    term_end: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    call: Mapped[Call] = relationship()
    decision: Mapped[Decision] = relationship()
    nomination: Mapped[Nomination] = relationship()
    group: Mapped[StakeholderGroup] = relationship()


class HostCountryOverride(db.Model):
    """An administrator's entry for one year's IGF host, over the shipped table.

    ``iso2`` None with ``undecided`` True: the host is not known yet (the seat is vacant).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    iso2: Mapped[str | None] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    updated_by: Mapped[User | None] = relationship()
