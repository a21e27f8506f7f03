"""What happened to an object, read from the audit log: one query for any object's events,
and each nomination's history in the words its reader may read."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from selection.extensions import db
from selection.models import AuditEvent, Nomination, User
from selection.workflow.audit_words import history_lines
from selection.workflow.visibility import Viewer, history_events, viewer_of


def events_of(object_type: str, object_id: int, *, newest_first: bool = False,
              limit: int | None = None) -> list[AuditEvent]:
    """Every audit event written on one object (``"call"``, ``"nomination"``...), oldest first
    unless ``newest_first``, at most ``limit`` of them."""
    order = (AuditEvent.at.desc(), AuditEvent.id.desc()) if newest_first else (AuditEvent.id,)
    query = (select(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
             .order_by(*order).options(selectinload(AuditEvent.actor)).limit(limit))
    return list(db.session.execute(query).scalars())


def histories(nominations: Sequence[Nomination], reader: User | None,
              viewers: dict[int, Viewer] | None = None) -> dict[int, list[dict[str, Any]]]:
    """Each nomination's history as lines {at, what, who} in the words ``reader`` reads, in one
    query; ``viewers`` says how the reader stands to each (default: as ``viewer_of`` finds)."""
    viewers = viewers if viewers is not None else {n.id: viewer_of(reader, n) for n in nominations}
    events = history_events(nominations, viewers)
    return {n.id: history_lines(events.get(n.id, []), viewers[n.id], reader, n.nominee.user_id)
            for n in nominations}


def staff_history(nomination: Nomination, reader: User | None) -> list[dict[str, Any]]:
    """The nomination's whole audit log in words, as the Secretariat reads it."""
    return histories([nomination], reader, {nomination.id: Viewer.STAFF})[nomination.id]
