"""Slate runs: one request to the optimizer for a call, with its inputs kept unchanged."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import N_, LabelledEnum
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.call import Call
    from selection.models.user import User


class SlateRunStatus(LabelledEnum):
    """Life of a slate run."""

    QUEUED = ("queued", N_("Queued"))
    RUNNING = ("running", N_("Running"))
    DONE = ("done", N_("Done"))
    FAILED = ("failed", N_("Failed"))


ACTIVE_RUN_STATUSES = (SlateRunStatus.QUEUED, SlateRunStatus.RUNNING)

# Written once when the run is requested; the ORM refuses any later change to them.
FROZEN_INPUTS = ("problem", "options", "pinned", "excluded", "call_id", "requested_by_id", "requested_at")


class SlateRun(db.Model):
    """A request for slates: the optimizer problem as sent, the options, and the result."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id"), index=True)
    status: Mapped[SlateRunStatus] = mapped_column(enum_type(SlateRunStatus), default=SlateRunStatus.QUEUED,
                                                   index=True)
    # The inputs, exactly as given to the optimizer (the problem JSON of optimizer/README.md).
    problem: Mapped[dict[str, Any]] = mapped_column(JSON)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pinned: Mapped[list[int]] = mapped_column(JSON, default=list)  # nomination ids
    excluded: Mapped[list[int]] = mapped_column(JSON, default=list)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Progress, written by the runner.
    time_limit_s: Mapped[float] = mapped_column(default=20.0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    slates_found: Mapped[int] = mapped_column(default=0)
    # Robustness runs: resamples re-solved so far, of how many.
    resamples_done: Mapped[int] = mapped_column(default=0, server_default="0")
    resamples_total: Mapped[int] = mapped_column(default=0, server_default="0")
    best_score: Mapped[float | None]
    bound: Mapped[float | None]
    # The optimizer's result JSON, and the error of a failed run.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, default="")

    call: Mapped[Call] = relationship()
    requested_by: Mapped[User | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Queued or running: a new request for the same call returns this run."""
        return self.status in ACTIVE_RUN_STATUSES

    def elapsed_s(self, now: datetime | None = None) -> float:
        """Seconds spent so far (or in all, once finished)."""
        if self.started_at is None:
            return 0.0
        return ((self.finished_at or now or utcnow()) - self.started_at).total_seconds()

    def __repr__(self) -> str:
        return f"<SlateRun {self.id} {self.status.value}>"


@event.listens_for(SlateRun, "before_update")
def _keep_inputs_unchanged(_mapper: Any, _connection: Any, run: SlateRun) -> None:
    """A run's inputs are a record: changing them after the run was requested is an error."""
    state = inspect(run)
    changed = [name for name in FROZEN_INPUTS if state.attrs[name].history.has_changes()]
    if changed:
        raise ValueError(f"slate run {run.id}: its inputs cannot change ({', '.join(changed)})")
