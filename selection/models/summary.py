"""A nomination's review summary, kept by the workflow so that lists filter, sort and paginate
in SQL without aggregating the call's reviews on every request."""
from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from selection.extensions import db


class NominationSummary(db.Model):
    """What review has produced for one nomination: the counting reviews, their mean (0-100) and
    the merit per the call's formula, rounded as ``review_query`` rounds them.

    Rewritten by ``workflow.review.summary.refresh_summaries`` whenever a review, a conflict, a
    recommendation, the rubric or the merit formula changes; no row reads as no review and no
    recommendation (count 0, no mean, no merit)."""

    __table_args__ = (
        Index("ix_nomination_summary_call_merit", "call_id", "merit"),
        Index("ix_nomination_summary_call_mean", "call_id", "mean"),
    )

    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id", ondelete="CASCADE"), primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"))
    review_count: Mapped[int] = mapped_column(default=0)
    mean: Mapped[float | None] = mapped_column(Float)
    merit: Mapped[float | None] = mapped_column(Float)
