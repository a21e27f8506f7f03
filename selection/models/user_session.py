"""Server-side sessions: a signed-in browser holds a random token whose digest is a row here,
so signing out, deactivation or an administrator ends a session on the server, whatever
cookie a browser still keeps."""
from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.types import UTCDateTime, utcnow
from selection.models.user import User


class UserSession(db.Model):
    """One signed-in session of one user."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_reason: Mapped[str] = mapped_column(String(40), default="")

    user: Mapped[User] = relationship()

    @staticmethod
    def digest_of(token: str) -> str:
        """The SHA-256 digest stored in place of the token."""
        return hashlib.sha256(token.encode()).hexdigest()
