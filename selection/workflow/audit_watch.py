"""A cheap, continuous watch over the audit chain for the staff pages' warning banner.

``selection audit verify`` checks the whole chain (seconds at scale); the watch checks only
what was added since its last look: on its first look the newest ``FIRST_WINDOW`` records,
then each new record against the last one it checked (kept per process), and that this last
record is still there unchanged. It reads on its own connection, so it only ever sees
committed records. Once it finds a break it keeps reporting it: a broken chain stays broken.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from selection.extensions import db
from selection.models import AuditEvent
from selection.models.audit import GENESIS, chain_hash

FIRST_WINDOW = 500  # records checked on the first look of a process
MAX_PER_LOOK = 5000  # at most this many new records per look; the rest at the next one
_COLUMNS = [AuditEvent.__table__.c[name] for name in (
    "id", "at", "actor_id", "object_type", "object_id", "action", "from_state", "to_state", "details",
    "prev_hash", "hash")]


@dataclass
class ChainWatch:
    """What one process knows of the chain: the last record checked and any break found."""

    through_id: int = 0
    through_hash: str = ""
    broken_id: int | None = None
    reason: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def look(self) -> int | None:
        """Check the records added since the last look; the id of the first broken record, if any."""
        if self.broken_id is not None:
            return self.broken_id
        with self.lock, db.engine.connect() as connection:
            if self.broken_id is None:
                self._check(connection)
        return self.broken_id

    def _check(self, connection: Connection) -> None:
        if self.through_id:
            last = connection.execute(select(*_COLUMNS).where(AuditEvent.id == self.through_id)).first()
            if last is None or last.hash != self.through_hash or _hash_of(last) != last.hash:
                self._break(self.through_id, "it was changed or removed after it had been checked")
                return
            rows: Sequence[Row[Any]] = connection.execute(
                select(*_COLUMNS).where(AuditEvent.id > self.through_id).order_by(AuditEvent.id)
                .limit(MAX_PER_LOOK)).all()
            expected = self.through_hash
        else:
            rows = list(reversed(connection.execute(
                select(*_COLUMNS).order_by(AuditEvent.id.desc()).limit(FIRST_WINDOW)).all()))
            expected = None  # the window's first record is taken as it is, unless it starts the chain
            if rows and rows[0].prev_hash != GENESIS and _is_first(connection, rows[0].id):
                expected = GENESIS
        for row in rows:
            if expected is not None and row.prev_hash != expected:
                self._break(row.id, "it does not follow the record before it")
                return
            if _hash_of(row) != row.hash:
                self._break(row.id, "its content does not match its hash")
                return
            expected = row.hash
            self.through_id, self.through_hash = row.id, row.hash

    def _break(self, record_id: int, reason: str) -> None:
        self.broken_id, self.reason = record_id, reason


def _is_first(connection: Connection, record_id: int) -> bool:
    return connection.execute(select(AuditEvent.id).where(AuditEvent.id < record_id).limit(1)).first() is None


def _hash_of(row: Row[Any]) -> str:
    event = AuditEvent(**{name: row._mapping[name] for name in (
        "at", "actor_id", "object_type", "object_id", "action", "from_state", "to_state", "details")})
    return chain_hash(row.prev_hash, event)
