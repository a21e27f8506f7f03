"""A nominee's request to erase the data held about them, decided by the Secretariat."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import ErasureStatus
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.user import User


class ErasureRequest(db.Model):
    """One request: pending until the Secretariat confirms (the data is erased) or declines
    (with the reason the person is given). Holds no personal data itself."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[ErasureStatus] = mapped_column(enum_type(ErasureStatus), default=ErasureStatus.PENDING,
                                                  index=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decline_reason: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
