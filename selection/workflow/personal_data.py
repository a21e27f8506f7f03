"""Everything held about a person, for them to download (the right of access).

Only what concerns them as a nominee, and only what they may see: an outcome counts only
once its notice was released (``visibility``), held notices and internal work are left out.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from selection.extensions import db
from selection.models import Nomination, Nominee, OutboxMessage, OutboxStatus, StoredFile, User, utcnow
from selection.services.uploads import path_of
from selection.workflow import audit
from selection.workflow.history import histories
from selection.workflow.visibility import Viewer, latest_released_outcome, nominee_status

# Mail that is not (yet) the person's: an outcome notice held by the Secretariat.
UNSENT = (OutboxStatus.HELD,)


@dataclass(frozen=True)
class PersonalData:
    """What the download holds: the JSON document and the files to put beside it."""

    document: dict[str, Any]
    files: list[StoredFile]


def nominations_about(user: User) -> list[Nomination]:
    """The nominations of which ``user`` is the nominee, oldest first."""
    return list(db.session.execute(
        select(Nomination).join(Nomination.nominee).where(Nominee.user_id == user.id)
        .order_by(Nomination.id).options(selectinload(Nomination.files), selectinload(Nomination.call),
                                         selectinload(Nomination.group))
    ).scalars())


def collect(user: User, now: datetime | None = None) -> PersonalData:
    """Gather the person's data as they may see it."""
    nominations = nominations_about(user)
    released = dict(db.session.execute(
        select(Nomination.id, latest_released_outcome()).where(Nomination.id.in_([n.id for n in nominations]))
    ).all())
    lines = histories(nominations, user, {n.id: Viewer.NOMINEE for n in nominations})
    files = [f for n in nominations for f in n.files]
    people = {n.nominee.id: n.nominee for n in nominations}
    document = {
        "generated_at": (now or utcnow()).isoformat(),
        "account": {"email": user.email, "name": user.name, "created_at": _iso(getattr(user, "created_at", None))},
        "persons": [_person(p) for p in people.values()],
        "nominations": [_nomination(n, nominee_status(n.status, released.get(n.id)), lines[n.id])
                        for n in nominations],
        "messages": [_message(m) for m in _messages_to(user)],
        "files": [_file(f) for f in files],
    }
    return PersonalData(document, files)


def export_zip(user: User, now: datetime | None = None) -> bytes:
    """The ZIP the person downloads: ``personal-data.json`` and ``files/<id>-<name>``; audited
    (the record says how much was exported, not what)."""
    data = collect(user, now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", json.dumps(data.document, indent=2, ensure_ascii=False))
        for stored in data.files:
            path = Path(path_of(stored))
            if path.exists():
                archive.write(path, _archive_name(stored))
    audit.record(user, user, "personal_data_exported", nominations=len(data.document["nominations"]),
                 files=len(data.files))
    db.session.flush()
    return buffer.getvalue()


def _messages_to(user: User) -> list[OutboxMessage]:
    return list(db.session.execute(
        select(OutboxMessage).where(func.lower(OutboxMessage.recipient) == user.email.lower(),
                                    OutboxMessage.status.not_in(UNSENT))
        .order_by(OutboxMessage.id)).scalars())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person(nominee: Nominee) -> dict[str, Any]:
    return {"name": nominee.name, "title": nominee.title, "organization": nominee.organization,
            "email": nominee.email, "nationality": nominee.nationality, "residence": nominee.residence,
            "region": nominee.region, "gender": nominee.gender.value, "created_at": _iso(nominee.created_at)}


def _nomination(n: Nomination, status: Any, history: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": n.id, "call": n.call.title, "group": n.group.name, "status": status.value,
        "created_at": _iso(n.created_at), "submitted_at": _iso(n.submitted_at),
        "position_level": n.position_level_label, "motivation": n.statement, "biography": n.biography,
        "availability_confirmed": n.availability_confirmed, "availability_note": n.availability_note,
        "languages": n.languages, "links": list(n.links or []), "answers": dict(n.answers or {}),
        "data_consent": n.data_consent, "no_remuneration_declared": n.no_remuneration_declared,
        "nominated_by": ({"kind": n.nominator_kind.value, "name": n.nominator_name,
                          "organization": n.nominator_organization} if n.is_third_party else None),
        "consent": n.consent_state.value,
        "history": [{"at": _iso(line["at"]), "what": line["what"]} for line in history],
    }


def _message(message: OutboxMessage) -> dict[str, Any]:
    return {"subject": message.subject, "created_at": _iso(message.created_at),
            "sent_at": _iso(message.sent_at), "body": message.body_text}


def _file(stored: StoredFile) -> dict[str, Any]:
    return {"id": stored.id, "purpose": stored.purpose.value, "name": stored.original_name,
            "size": stored.size, "sha256": stored.sha256, "in_archive": _archive_name(stored)}


def _archive_name(stored: StoredFile) -> str:
    return f"files/{stored.id}-{Path(stored.original_name).name or 'file.pdf'}"
