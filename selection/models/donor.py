"""Financial contributions to the IGF Trust Fund, recorded by staff for other purposes.

Kept apart on purpose: membership has no relation to contributions, so nothing in
``selection.slates`` or the optimizer reads this table (a test proves it changes no slate).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from selection.models.nomination import Nominee
    from selection.models.user import User


class DonorContribution(db.Model):
    """A contribution to the IGF Trust Fund: the donor (``contributor``), amount and currency,
    the date received (``year`` follows it), its purpose, and the member or nominee who
    facilitated it, if any (``nominee``: a member appointed to a body, see
    ``workflow.contributions.facilitator_choices``)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contributor: Mapped[str] = mapped_column(String(200))
    nominee_id: Mapped[int | None] = mapped_column(ForeignKey("nominee.id"), index=True)
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    note: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[date | None]
    purpose: Mapped[str] = mapped_column(Text, default="", server_default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    nominee: Mapped[Nominee | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()
