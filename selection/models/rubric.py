"""Review settings of a call: the rubric's criteria and the recommending bodies."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db

if TYPE_CHECKING:
    from selection.models.call import Call


class RubricCriterion(db.Model):
    """One criterion reviewers score, on a scale, weighted in the review score."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(default=1.0)
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=5)
    position: Mapped[int] = mapped_column(default=0)

    call: Mapped[Call] = relationship(back_populates="rubric_criteria")

    def __repr__(self) -> str:
        return f"<RubricCriterion {self.name!r} x{self.weight:g}>"


class RecommendingBody(db.Model):
    """A body whose recommendations on nominees the Secretariat records."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    call: Mapped[Call] = relationship(back_populates="recommending_bodies")

    def __repr__(self) -> str:
        return f"<RecommendingBody {self.name!r}>"
