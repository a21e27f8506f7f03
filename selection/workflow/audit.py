"""Writing the audit log: every workflow operation records what it did through here."""
from __future__ import annotations

from typing import Any

from selection.extensions import db
from selection.models import AuditEvent, User


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
    if obj.id is None:
        db.session.flush()
    event = AuditEvent(
        actor=actor,
        object_type=type(obj).__tablename__,
        object_id=obj.id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        details=details,
    )
    db.session.add(event)
    return event
