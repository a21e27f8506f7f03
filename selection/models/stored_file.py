"""Files uploaded with nominations (CVs, letters of support, answers), kept outside the
static folder under random names; the row says who owns each and what it is."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import FilePurpose
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.nomination import Nomination
    from selection.models.user import User


class StoredFile(db.Model):
    """One uploaded file; its bytes live in ``<instance>/uploads/<stored_name>``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nomination.id"), index=True)
    purpose: Mapped[FilePurpose] = mapped_column(enum_type(FilePurpose))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    owner: Mapped[User | None] = relationship()
    nomination: Mapped[Nomination | None] = relationship(
        back_populates="files", foreign_keys=[nomination_id]
    )

    def __repr__(self) -> str:
        return f"<StoredFile {self.id} {self.purpose.value} {self.original_name!r}>"
