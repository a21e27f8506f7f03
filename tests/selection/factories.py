"""Helpers that build complete nominations and upload payloads for the nomination tests."""
from __future__ import annotations

import io
from typing import Any

from sqlalchemy import select

from selection.demo import minimal_pdf
from selection.extensions import db
from selection.models import Call, FilePurpose, Nomination, StoredFile

PDF = minimal_pdf(["A test CV"])


def complete_application(nomination: Nomination) -> Nomination:
    """Fill in everything submission needs (a CV row without bytes on disk is enough here)."""
    nomination.nominee.title = nomination.nominee.title or "Minister of Digital Affairs"
    nomination.nominee.organization = nomination.nominee.organization or "Ministry of Digital Affairs"
    nomination.position_level = "minister"
    nomination.eligibility_declared = nomination.availability_confirmed = True
    nomination.data_consent = nomination.no_remuneration_declared = True
    nomination.biography = "A biography."
    nomination.motivation = "A motivation statement."
    nomination.languages = "English"
    cv = StoredFile(purpose=FilePurpose.CV, original_name="cv.pdf", stored_name=f"test-{id(nomination)}.pdf",
                    size=len(PDF), content_type="application/pdf", sha256="0" * 64)
    db.session.add(cv)
    nomination.cv = cv
    db.session.flush()
    return nomination


def upload(content: bytes = PDF, name: str = "cv.pdf") -> tuple[io.BytesIO, str]:
    """A file for the test client's multipart form data."""
    return (io.BytesIO(content), name)


def form_fields(**overrides: Any) -> dict[str, Any]:
    """A complete self-nomination as posted by the form; override any field."""
    data: dict[str, Any] = {
        "nomination_kind": "self", "name": "Zanele Ito", "title": "Minister of Digital Affairs",
        "organization": "Ministry of Digital Affairs", "position_level": "minister",
        "eligibility_declared": "y", "email": "", "nationality": "ZA", "residence": "ZA",
        "gender": "woman", "biography": "Zanele Ito leads digital policy.",
        "motivation": "I would advise the Panel on meaningful connectivity.",
        "availability_confirmed": "y", "availability_note": "", "languages": "English, isiZulu",
        "links": "https://example.org/zanele", "data_consent": "y", "no_remuneration_declared": "y",
        "nominator_kind": "", "nominator_name": "", "nominator_organization": "", "nominator_email": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def last_mail_to(address: str) -> Any:
    """The latest outbox message to ``address`` (call inside an app context)."""
    from sqlalchemy import select

    from selection.models import OutboxMessage

    return db.session.execute(
        select(OutboxMessage).where(OutboxMessage.recipient == address).order_by(OutboxMessage.id.desc())
    ).scalars().first()


def link_path_in(body: str) -> str:
    """The path of the sign-in link in a mail body."""
    import re

    match = re.search(r"https?://[^/\s]+(/my/sign-in/\S+)", body)
    assert match, body
    return match.group(1)


def the_call(slug: str) -> Call:
    """The call with this slug (in the current app context)."""
    return db.session.execute(select(Call).where(Call.slug == slug)).scalar_one()
