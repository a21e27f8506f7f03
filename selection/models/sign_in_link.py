"""One-time sign-in links for nominees and nominators: only the token's digest is stored."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from selection.models.nomination import Nomination
    from selection.models.user import User

SIGN_IN = "sign_in"
CONSENT = "consent"


class SignInLink(db.Model):
    """A link that signs its e-mail address in once, before it expires.

    The address may not have an account yet: the account is made when the link is used,
    so that nobody gets one for an address they cannot read.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20), default=SIGN_IN)
    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nomination.id"))
    next_path: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User | None] = relationship()
    nomination: Mapped[Nomination | None] = relationship()

    @staticmethod
    def digest_of(token: str) -> str:
        """The stored form of a token (long and random, so a plain hash suffices)."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def __repr__(self) -> str:
        return f"<SignInLink {self.id} {self.purpose} {self.email}>"
