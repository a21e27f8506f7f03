"""Writing the audit log: every workflow operation records what it did through here, and
each record is chained to the one before it (see ``selection.models.audit``)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from selection.extensions import db
from selection.models import AuditEvent, User, utcnow
from selection.models.audit import GENESIS, chain_hash

CHAIN_HEAD = "audit_chain_head"  # the last hash of this transaction's chain, in session.info
CHAIN_LOCK = 7_140_421  # PostgreSQL advisory lock: one writer extends the chain at a time


def record(
    actor: User | None,
    obj: Any,
    action: str,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Append an audit event about ``obj`` (a model instance with an id) and return it."""
    if obj.id is None or (actor is not None and actor.id is None):
        db.session.flush()
    event = AuditEvent(
        at=utcnow(),
        actor=actor,
        actor_id=actor.id if actor is not None else None,
        object_type=type(obj).__tablename__,
        object_id=obj.id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        details=json.loads(json.dumps(details, default=str)),  # as the JSON column gives it back
    )
    event.prev_hash = _chain_head()
    event.hash = chain_hash(event.prev_hash, event)
    db.session.info[CHAIN_HEAD] = event.hash
    db.session.add(event)
    return event


def lock_writers() -> None:
    """Take the writers' lock now, before reading what a write depends on: a transaction that
    checks "does this exist already?" then sees what every other writer has committed."""
    db.session.info[CHAIN_HEAD] = _chain_head()


def _chain_head() -> str:
    """The hash the next record follows. The first time in a transaction, take the writers'
    lock (held until commit, so two transactions never extend the chain from the same record)
    and read the last stored hash."""
    head = db.session.info.get(CHAIN_HEAD)
    if head is not None:
        return head
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    elif dialect == "sqlite":
        # A write statement (that changes nothing) makes SQLite take its write lock now.
        db.session.execute(text("DELETE FROM audit_event WHERE 0"))
    last = db.session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    return last or GENESIS


@sa_event.listens_for(Session, "after_commit")
@sa_event.listens_for(Session, "after_rollback")
@sa_event.listens_for(Session, "after_soft_rollback")
def _forget_chain_head(session: Session, *_args: Any) -> None:
    session.info.pop(CHAIN_HEAD, None)


@dataclass(frozen=True)
class ChainCheck:
    """The result of checking the whole chain: how many records, and the first broken one."""

    records: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        """True when every record follows the one before it."""
        return self.broken_id is None


def verify_chain() -> ChainCheck:
    """Recompute the chain from the first record; name the first record that does not hold."""
    expected_prev = GENESIS
    count = 0
    for event in _all_events():
        count += 1
        if event.prev_hash != expected_prev:
            return ChainCheck(count, event.id, "it does not follow the record before it "
                                               "(a record was removed or inserted before it)")
        if chain_hash(event.prev_hash, event) != event.hash:
            return ChainCheck(count, event.id, "its content does not match its hash (it was changed)")
        expected_prev = event.hash
    return ChainCheck(count)


def _all_events() -> Iterator[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=2000)
    yield from db.session.execute(query).scalars()
