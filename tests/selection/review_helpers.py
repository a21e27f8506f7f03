"""Building blocks of the review tests: a closed Leadership Panel call with its rubric and
recommending bodies, submitted nominations, and staff users (inside an app context)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from selection.workflow.call_templates import build_call
from selection.extensions import db
from selection.models import (
    Call,
    CallStatus,
    Gender,
    Nomination,
    NominationStatus,
    Nominee,
    Role,
    User,
    utcnow,
)
from selection.workflow.users import create_user

CLOSED_AT = datetime(2025, 3, 1, 23, 59, tzinfo=timezone.utc)


def review_call(slug: str = "lp-review") -> Call:
    """A closed Leadership Panel call with the template's rubric (4 criteria, 1-5) and bodies."""
    call = build_call("leadership-panel", slug, "IGF Leadership Panel 2025–2026",
                      CLOSED_AT - timedelta(days=40), CLOSED_AT)
    call.status = CallStatus.CLOSED
    db.session.add(call)
    db.session.flush()
    return call


def submitted(call: Call, name: str, *, group: int = 0, nationality: str = "KE", gender: Gender = Gender.WOMAN,
              organization: str = "Baobab Digital Rights Foundation", email: str | None = None,
              status: NominationStatus = NominationStatus.SUBMITTED, **fields) -> Nomination:
    """A complete nomination in ``status`` (set directly: these tests start after submission)."""
    slug = name.lower().replace(" ", ".")
    nominee = Nominee(name=name, title="Executive Director", organization=organization,
                      email=email or f"{slug}@nominees.example.net", nationality=nationality,
                      residence=nationality, gender=gender)
    nomination = Nomination(call=call, group=call.groups[group], nominee=nominee, status=status,
                            submitted_at=utcnow(), biography=f"{name} is an invented person.",
                            statement="Strategic advice to the IGF.", languages="English", **fields)
    db.session.add(nomination)
    db.session.flush()
    return nomination


def staff(email: str, *roles: Role, organization: str = "") -> User:
    """A staff user holding ``roles``."""
    user = create_user(email, list(roles), None, name=email.split("@")[0].title(), password="pw-unused")
    user.organization = organization
    db.session.flush()
    return user
