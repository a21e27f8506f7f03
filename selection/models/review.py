"""The Secretariat's review of a call's nominations: screening, reviewer assignments, reviews
scored on the call's rubric, conflicts of interest, internal comments, the recommending
bodies' recommendations, and the outcome notices to nominees held until released."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import N_, LabelledEnum
from selection.models.translations import DEFAULT_LANGUAGE, Translatable
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.call import Call
    from selection.models.nomination import Nomination
    from selection.models.outbox import OutboxMessage
    from selection.models.rubric import RecommendingBody, RubricCriterion
    from selection.models.user import User


class ConflictKind(LabelledEnum):
    """Why a reviewer cannot review a nomination impartially."""

    SAME_ORGANIZATION = ("same_organization", N_("Same organization"))
    SAME_GOVERNMENT = ("same_government", N_("Same country's government"))
    PERSONAL_RELATION = ("personal_relation", N_("Personal relation"))
    OTHER = ("other", N_("Other"))


class RecommendationLevel(LabelledEnum):
    """A recommending body's view of a shortlisted candidate; keys of the merit formula's points."""

    STRONGLY_RECOMMEND = ("strongly_recommend", N_("Strongly recommend"))
    RECOMMEND = ("recommend", N_("Recommend"))
    NEUTRAL = ("neutral", N_("Neutral"))
    NOT_RECOMMENDED = ("not_recommended", N_("Not recommended"))


class IneligibilityReason(LabelledEnum):
    """The listed reasons a nomination is found ineligible; free text adds the particulars."""

    LEVEL = ("level", N_("Not at the level the group requires"))
    GROUP = ("group", N_("Does not belong to the stakeholder group"))
    STATE = ("state", N_("Not from a UN Member State or an eligible organization"))
    INCOMPLETE = ("incomplete", N_("Application incomplete or documents missing"))
    CONSENT = ("consent", N_("The nominee did not consent"))
    DUPLICATE = ("duplicate", N_("Duplicate of another nomination"))
    OTHER = ("other", N_("Other"))


class NoticeOutcome(LabelledEnum):
    """The status notices sent to nominees, each with a template per call."""

    RECEIVED = ("received", N_("Received"))
    UNDER_REVIEW = ("under_review", N_("Under review"))
    INELIGIBLE = ("ineligible", N_("Ineligible"))
    SHORTLISTED = ("shortlisted", N_("Shortlisted"))
    NOT_SHORTLISTED = ("not_shortlisted", N_("Not shortlisted"))
    APPOINTED = ("appointed", N_("Appointed"))
    NOT_APPOINTED = ("not_appointed", N_("Not appointed"))


class ScreeningResult(db.Model):
    """One eligibility screening of a nomination; the latest one is in force, older ones are history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    eligible: Mapped[bool]
    reason: Mapped[IneligibilityReason | None] = mapped_column(enum_type(IneligibilityReason))
    note: Mapped[str] = mapped_column(Text, default="")
    screened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    screened_by: Mapped[User | None] = relationship()

    @property
    def reason_text(self) -> str:
        """The reason in words: the listed reason, then the particulars."""
        parts = [self.reason.label if self.reason else "", self.note.strip()]
        return ": ".join(part for part in parts if part)


class ReviewAssignment(db.Model):
    """A reviewer asked to review a nomination."""

    __table_args__ = (UniqueConstraint("nomination_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])


class Review(db.Model):
    """A reviewer's scores of one nomination on the call's rubric; a draft until submitted."""

    __table_args__ = (UniqueConstraint("nomination_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    overall_comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    nomination: Mapped[Nomination] = relationship()
    reviewer: Mapped[User] = relationship()
    scores: Mapped[list[ReviewScore]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewScore.id"
    )

    @property
    def is_submitted(self) -> bool:
        """A submitted review counts in the aggregation; a draft does not."""
        return self.submitted_at is not None

    def score_for(self, criterion_id: int) -> ReviewScore | None:
        """The score row of one criterion, if any."""
        return next((s for s in self.scores if s.criterion_id == criterion_id), None)


class ReviewScore(db.Model):
    """A reviewer's score of one rubric criterion, with a comment."""

    __table_args__ = (UniqueConstraint("review_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criterion.id"), index=True)
    score: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[Review] = relationship(back_populates="scores")
    criterion: Mapped[RubricCriterion] = relationship()


class ConflictDeclaration(db.Model):
    """A reviewer's declared conflict of interest with a nomination: the reviewer is recused."""

    __table_args__ = (UniqueConstraint("nomination_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[ConflictKind] = mapped_column(enum_type(ConflictKind))
    details: Mapped[str] = mapped_column(Text, default="")
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])
    declared_by: Mapped[User | None] = relationship(foreign_keys=[declared_by_id])

    @property
    def description(self) -> str:
        """The conflict in words, e.g. 'Other: co-authored a book with the nominee'."""
        return f"{self.kind.label}: {self.details}" if self.details.strip() else self.kind.label


class InternalComment(db.Model):
    """A note on a nomination for staff only; never shown to nominees."""

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    author: Mapped[User | None] = relationship()


class RecommendingBodyMember(db.Model):
    """A recommender account that speaks for a recommending body of a call."""

    __table_args__ = (UniqueConstraint("body_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("recommending_body.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)

    body: Mapped[RecommendingBody] = relationship()
    user: Mapped[User] = relationship()


class Recommendation(db.Model):
    """A recommending body's recommendation on a shortlisted nomination; one per body."""

    __table_args__ = (UniqueConstraint("nomination_id", "body_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("recommending_body.id"), index=True)
    level: Mapped[RecommendationLevel] = mapped_column(enum_type(RecommendationLevel))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    body: Mapped[RecommendingBody] = relationship()
    recorded_by: Mapped[User | None] = relationship()


class NoticeTemplate(Translatable, db.Model):
    """A call's own wording of one outcome notice; the built-in wording applies without one.

    ``subject`` and ``body`` are in the call's original language (empty when the wording was
    only given in other languages); ``translations`` holds them in the others (issue 14)."""

    __table_args__ = (UniqueConstraint("call_id", "outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[NoticeOutcome] = mapped_column(enum_type(NoticeOutcome))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    translations: Mapped[dict[str, dict[str, str]] | None] = mapped_column(JSON, default=dict)
    TRANSLATABLE = ("subject", "body")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    call: Mapped[Call] = relationship()
    updated_by: Mapped[User | None] = relationship()

    @property
    def original_language(self) -> str:
        """The wording's own columns are in its call's language."""
        return self.call.original_language if self.call else DEFAULT_LANGUAGE


class OutcomeNotice(db.Model):
    """An outcome notice to a nominee: held in the outbox, then released (the message turns
    pending and is delivered), or superseded by a later outcome before release (the held
    message is then removed, never sent)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    outcome: Mapped[NoticeOutcome] = mapped_column(enum_type(NoticeOutcome))
    outbox_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_message.id", ondelete="SET NULL"))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    nomination: Mapped[Nomination] = relationship()
    message: Mapped[OutboxMessage | None] = relationship()
    released_by: Mapped[User | None] = relationship()

    @property
    def state(self) -> str:
        """'held', 'released' or 'superseded'."""
        if self.released_at is not None:
            return "released"
        return "superseded" if self.superseded_at is not None else "held"
