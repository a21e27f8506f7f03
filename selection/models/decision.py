"""The decision on a call: the members the Secretary-General chose, and why."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from selection.models.call import Call
    from selection.models.slate import SlateRun
    from selection.models.user import User

SOURCE_RUN = "run"
SOURCE_MANUAL = "manual"


class DecisionRecord:
    """What every decision keeps: its date, its rationale, the justification when the chosen
    members break a hard rule (the broken rules kept in words), who decided and when it was
    recorded."""

    decided_on: Mapped[date]
    rationale: Mapped[str] = mapped_column(Text)
    # Required when the slate breaks a hard rule; the broken rules are kept in words.
    hard_rule_justification: Mapped[str] = mapped_column(Text, default="")
    broken_rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Decision(DecisionRecord, db.Model):
    """One per call: the chosen members (nomination ids), their source, date and rationale."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id"), unique=True)
    member_ids: Mapped[list[int]] = mapped_column(JSON)  # nomination ids
    source: Mapped[str] = mapped_column(String(16), default=SOURCE_MANUAL)  # "run" or "manual"
    slate_run_id: Mapped[int | None] = mapped_column(ForeignKey("slate_run.id"))
    slate_rank: Mapped[int | None]
    # The roster is published by an explicit announcement, not by the decision itself: from
    # ``public_from`` on (set when announced; a later date when the announcement is scheduled).
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    announced_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    public_from: Mapped[datetime | None] = mapped_column(UTCDateTime())

    call: Mapped[Call] = relationship()
    slate_run: Mapped[SlateRun | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys="Decision.decided_by_id")
    announced_by: Mapped[User | None] = relationship(foreign_keys=[announced_by_id])

    @property
    def source_in_words(self) -> str:
        """'Slate 2 of run #14' or 'Composed by hand'."""
        if self.source == SOURCE_RUN and self.slate_run_id:
            return f"Slate {self.slate_rank} of run #{self.slate_run_id}"
        return "Composed by hand"

    def summary(self) -> dict[str, Any]:
        """The decision's facts for the audit log and the API."""
        return {"members": list(self.member_ids), "source": self.source, "slate_run": self.slate_run_id,
                "slate_rank": self.slate_rank, "decided_on": self.decided_on.isoformat()}
