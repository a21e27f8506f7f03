"""Erasing a person's data while the statistics keep counting them: one nomination's
personal content, or a whole person. Used by erasure on request and by retention.

What stays: the nomination's call, group, status and dates, the nominee's UN regional group
and gender (the counts per group, region and gender stay right), scores (numbers, no words).
What goes: names, contact details, nationality and residence, every free text, the answers,
the uploaded files (rows and bytes), the mail about them, internal notes about them.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select, update

from selection.extensions import db
from selection.models import (
    ConflictDeclaration, InternalComment, Nomination, Nominee, OutboxMessage, Recommendation, Review,
    ReviewScore, ScreeningResult, SignInLink, StoredFile, User, UserSession, utcnow,
)
from selection.services.uploads import path_of
from selection.workflow import audit

ERASED_NAME = "Erased person"
UNKNOWN_COUNTRY = "ZZ"  # ISO 3166's code for an unknown country: the region is kept apart
ERASED_TEXT = ""


def erased_address(kind: str, row_id: int) -> str:
    """A placeholder address that reaches nobody (``.invalid`` is reserved)."""
    return f"erased-{kind}-{row_id}@erased.invalid"


def anonymise_nomination(nomination: Nomination, actor: User | None, reason: str,
                         now: datetime | None = None) -> int:
    """Erase one nomination's personal content and files; returns how many files went.
    Audited without what was erased."""
    now = now or utcnow()
    if nomination.anonymised_at is not None:
        return 0
    for name in ("statement", "biography", "availability_note", "languages", "nominator_name",
                 "nominator_organization", "nominator_email"):
        setattr(nomination, name, ERASED_TEXT)
    nomination.links, nomination.answers = [], {}
    nomination.anonymised_at = now
    files = _delete_files(nomination)
    _erase_notes(nomination.id)
    db.session.execute(delete(SignInLink).where(SignInLink.nomination_id == nomination.id))
    _erase_mail(OutboxMessage.related_type == "nomination", OutboxMessage.related_id == nomination.id,
                recipient=erased_address("nomination", nomination.id))
    audit.record(actor, nomination, "anonymised", reason=reason, files=files)
    db.session.flush()
    return files


def anonymise_nominee(nominee: Nominee, actor: User | None, reason: str, now: datetime | None = None) -> None:
    """Erase the person's identity; their region and gender stay for the statistics."""
    now = now or utcnow()
    if nominee.anonymised_at is not None:
        return
    old_address, region = nominee.email, nominee.region
    nominee.name, nominee.title, nominee.organization = ERASED_NAME, "", ""
    nominee.email = erased_address("nominee", nominee.id)
    nominee.nationality = nominee.residence = UNKNOWN_COUNTRY
    nominee.region = region  # the nationality's validator cleared it; the counts need it
    nominee.anonymised_at = now
    _erase_mail(func.lower(OutboxMessage.recipient) == old_address.lower(), recipient=nominee.email)
    audit.record(actor, nominee, "anonymised", reason=reason)
    db.session.flush()


def anonymise_account(user: User, actor: User | None, now: datetime | None = None) -> None:
    """Erase a personal account: address, name, password, links and sessions; it can no
    longer sign in. The row stays so that the audit log's ids still point somewhere."""
    now = now or utcnow()
    old_address = user.email
    db.session.execute(delete(SignInLink).where(func.lower(SignInLink.email) == old_address.lower()))
    db.session.execute(update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
                       .values(ended_at=now, ended_reason="erased"))
    user.email, user.name, user.active = erased_address("account", user.id), "", False
    user.password_hash = None
    _erase_mail(func.lower(OutboxMessage.recipient) == old_address.lower(), recipient=user.email)
    for made in db.session.execute(select(Nomination).where(Nomination.nominator_id == user.id)).scalars():
        made.nominator_name = made.nominator_email = made.nominator_organization = ""
    audit.record(actor, user, "anonymised", reason="erasure")
    db.session.flush()


def _delete_files(nomination: Nomination) -> int:
    files = list(db.session.execute(select(StoredFile).where(StoredFile.nomination_id == nomination.id)).scalars())
    nomination.cv = None
    db.session.flush()
    for stored in files:
        Path(path_of(stored)).unlink(missing_ok=True)
        db.session.delete(stored)
    db.session.flush()
    return len(files)


def _erase_notes(nomination_id: int) -> None:
    """Words staff wrote about the person; the numbers (scores, levels) stay."""
    for model, column in ((ScreeningResult, "note"), (Review, "overall_comment"), (ConflictDeclaration, "details"),
                          (InternalComment, "body"), (Recommendation, "note")):
        db.session.execute(update(model).where(model.nomination_id == nomination_id)
                           .values({column: ERASED_TEXT}).execution_options(synchronize_session=False))
    reviews = select(Review.id).where(Review.nomination_id == nomination_id)
    db.session.execute(update(ReviewScore).where(ReviewScore.review_id.in_(reviews))
                       .values(comment=ERASED_TEXT).execution_options(synchronize_session=False))


def _erase_mail(*conditions: object, recipient: str) -> None:
    db.session.execute(update(OutboxMessage).where(*conditions)
                       .values(recipient=recipient, subject="(erased)", body_text=ERASED_TEXT)
                       .execution_options(synchronize_session=False))
