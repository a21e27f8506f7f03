"""The decision filling a vacant seat: who joins for the rest of a departed member's term, and why."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.decision import DecisionRecord

if TYPE_CHECKING:
    from selection.models.body import BodyPerson
    from selection.models.call import Call
    from selection.models.member import Membership
    from selection.models.nomination import Nomination
    from selection.models.user import User


class VacancyDecision(DecisionRecord, db.Model):
    """One per vacated seat: the nomination of the call's shortlist chosen to fill it.

    Kept apart from ``Decision`` (one per call, the whole membership): a call may see several
    seats filled after its decision, each its own decision with its own rationale. ``problem``
    is the optimizer problem the proposal was made from (the other members pinned), and
    ``slate_rank`` the proposed slate chosen (None: a candidate on no proposed slate).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id"), index=True)
    vacated_person_id: Mapped[int] = mapped_column(ForeignKey("body_person.id"), unique=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), unique=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("membership.id"), unique=True)
    member_ids: Mapped[list[int]] = mapped_column(JSON)  # the body's members after the fill (nomination ids)
    problem: Mapped[dict[str, Any]] = mapped_column(JSON)
    slate_rank: Mapped[int | None]

    call: Mapped[Call] = relationship()
    vacated_person: Mapped[BodyPerson] = relationship()
    nomination: Mapped[Nomination] = relationship()
    membership: Mapped[Membership] = relationship()
    decided_by: Mapped[User | None] = relationship()

    @property
    def source_in_words(self) -> str:
        """'Proposed slate 2' or 'Chosen outside the proposed slates'."""
        return f"Proposed slate {self.slate_rank}" if self.slate_rank else "Chosen outside the proposed slates"

    def summary(self) -> dict[str, Any]:
        """The decision's facts for the audit log."""
        return {"vacated_person": self.vacated_person_id, "nomination": self.nomination_id,
                "members": list(self.member_ids), "slate_rank": self.slate_rank,
                "decided_on": self.decided_on.isoformat()}
