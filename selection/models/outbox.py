"""The outbox: every e-mail is a row first, written in the transaction of the action that
caused it, and delivered afterwards, so a failing mail server loses nothing."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from selection.extensions import db
from selection.models.enums import OutboxStatus
from selection.models.types import UTCDateTime, enum_type, utcnow


class OutboxMessage(db.Model):
    """One e-mail to one recipient, with its delivery state."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_type(OutboxStatus), default=OutboxStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What the message is about, e.g. ("nomination", 12); not a foreign key, any table may send.
    related_type: Mapped[str | None] = mapped_column(String(40))
    related_id: Mapped[int | None]
    # Files sent with the message: [{"filename", "content_type", "content"}] (text content,
    # e.g. a meeting's .ics calendar file).
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.status.value} to {self.recipient}>"
