"""The audit log: who did what to which object, when; append-only and tamper-evident.

Each record carries the hash of the one before it and its own hash over its canonical
content (``chain_hash``), so changing, removing or inserting a record anywhere breaks the
chain from there on (``selection audit verify`` finds the first broken record). The database
itself refuses UPDATE and DELETE on the table (triggers on SQLite and PostgreSQL), not only
the ORM.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DDL, JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.types import UTCDateTime, utcnow
from selection.models.user import User


class AuditEvent(db.Model):
    """One recorded action. Rows are never updated or deleted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(60))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    hash: Mapped[str] = mapped_column(String(64), default="", server_default="")

    actor: Mapped[User | None] = relationship()

    __table_args__ = (db.Index("ix_audit_event_object", "object_type", "object_id"),)


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete a recorded audit event."""


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AuditLogIsAppendOnly(f"audit event {target.id} cannot be changed")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AuditLogIsAppendOnly(f"audit event {target.id} cannot be deleted")


GENESIS = "0" * 64


def canonical_content(event: AuditEvent) -> bytes:
    """The record's content as canonical JSON bytes: what its hash covers (the id aside)."""
    at = event.at.astimezone(timezone.utc).isoformat(timespec="microseconds") if event.at else ""
    content = {
        "at": at, "actor_id": event.actor_id, "object_type": event.object_type, "object_id": event.object_id,
        "action": event.action, "from_state": event.from_state, "to_state": event.to_state,
        "details": event.details or {},
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def chain_hash(prev_hash: str, event: AuditEvent) -> str:
    """The hash of a record following ``prev_hash``."""
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical_content(event)).hexdigest()


_REFUSE = "audit log is append-only"
# The database refuses changes to recorded events itself: created with the table, and by the
# migration that introduced the chain.
APPEND_ONLY_TRIGGERS: dict[str, list[str]] = {
    "sqlite": [
        f"CREATE TRIGGER audit_event_no_{operation.lower()} BEFORE {operation} ON audit_event "
        f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END"
        for operation in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{_REFUSE}'; END $$",
        "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()",
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse()",
    ],
}
for _dialect, _statements in APPEND_ONLY_TRIGGERS.items():
    for _statement in _statements:
        event.listen(AuditEvent.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect))
