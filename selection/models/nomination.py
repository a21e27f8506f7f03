"""Nominees (people) and their nominations to a call."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym, validates

from selection.data import country_name, regional_group_of
from selection.extensions import db
from selection.models.enums import (
    ConsentState,
    FilePurpose,
    Gender,
    NominationStatus,
    NominatorKind,
    position_level_label,
)
from selection.models.types import UTCDateTime, enum_type, utcnow
from selection.models.names import normalised_email, normalised_name, search_text

if TYPE_CHECKING:
    from selection.models.call import Call, StakeholderGroup
    from selection.models.stored_file import StoredFile
    from selection.models.user import User


class Nominee(db.Model):
    """A person put forward for a seat; the UN regional group is derived from nationality."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), index=True)
    nationality: Mapped[str] = mapped_column(String(2))
    residence: Mapped[str] = mapped_column(String(2))
    region: Mapped[str | None] = mapped_column(String(8), index=True)
    gender: Mapped[Gender] = mapped_column(enum_type(Gender))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the person's data was erased (on request or by retention); group, region and
    # gender stay so that the statistics still count them.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Name and organization normalised (case and accents ignored) for searching in SQL;
    # kept in step by _keep_search_text.
    search_text: Mapped[str] = mapped_column(Text, server_default="")
    # The name and e-mail as candidates are recognised by (workflow.candidates), so that lists
    # find a call's duplicates in SQL; kept in step by the validators below.
    identity_name: Mapped[str] = mapped_column(Text, server_default="", index=True)
    identity_email: Mapped[str] = mapped_column(String(254), server_default="", index=True)

    user: Mapped[User | None] = relationship()
    nominations: Mapped[list[Nomination]] = relationship(back_populates="nominee")

    @validates("name", "organization")
    def _keep_search_text(self, key: str, value: str) -> str:
        """Keep the search column in step with the name and organization."""
        name = value if key == "name" else (self.name or "")
        organization = value if key == "organization" else (self.organization or "")
        self.search_text = search_text(name, organization)
        if key == "name":
            self.identity_name = normalised_name(value or "")
        return value

    @validates("email")
    def _keep_identity_email(self, _key: str, email: str) -> str:
        """Keep the identity column in step with the e-mail address."""
        self.identity_email = normalised_email(email or "")
        return email

    @validates("nationality")
    def _derive_region(self, _key: str, iso2: str) -> str:
        """Keep the regional group in step with the nationality; nobody types it in."""
        iso2 = iso2.upper()
        self.region = regional_group_of(iso2)
        return iso2

    @validates("residence")
    def _normalise_residence(self, _key: str, iso2: str) -> str:
        return iso2.upper()

    @property
    def nationality_name(self) -> str:
        """The nationality's country name."""
        return country_name(self.nationality)

    def __repr__(self) -> str:
        return f"<Nominee {self.id} {self.name!r}>"


class Nomination(db.Model):
    """A nominee's candidacy in one call for one stakeholder group."""

    # The lists of a call filter on status (the review list leaves drafts out).
    __table_args__ = (
        Index("ix_nomination_call_id_status", "call_id", "status"),
        # Covers finding a call's people nominated twice without reading the nominations' text.
        Index("ix_nomination_call_nominee_status", "call_id", "nominee_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("stakeholder_group.id"), index=True)
    nominee_id: Mapped[int] = mapped_column(ForeignKey("nominee.id"), index=True)
    nominator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    statement: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[NominationStatus] = mapped_column(
        enum_type(NominationStatus), default=NominationStatus.DRAFT, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when its personal content was erased (on request or by retention).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The one-time token of the "new nomination" form that created it: the same form sent
    # again (a retry whose answer was lost) lands on this nomination instead of a second one.
    creation_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    # The application, asked in the group's own terms.
    position_level: Mapped[str] = mapped_column(String(40), default="")
    eligibility_declared: Mapped[bool] = mapped_column(default=False)
    biography: Mapped[str] = mapped_column(Text, default="")
    availability_confirmed: Mapped[bool] = mapped_column(default=False)
    availability_note: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(300), default="")
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The language the nomination was written in (the page's language when it was saved).
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    data_consent: Mapped[bool] = mapped_column(default=False)
    no_remuneration_declared: Mapped[bool] = mapped_column(default=False)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    cv_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", use_alter=True))

    # A nomination by a third party: who made it, and the nominee's own consent.
    nominator_kind: Mapped[NominatorKind | None] = mapped_column(enum_type(NominatorKind))
    nominator_name: Mapped[str] = mapped_column(String(200), default="")
    nominator_organization: Mapped[str] = mapped_column(String(200), default="")
    nominator_email: Mapped[str] = mapped_column(String(254), default="")
    consent_state: Mapped[ConsentState] = mapped_column(
        enum_type(ConsentState), default=ConsentState.NOT_REQUESTED
    )
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # The motivation statement, tied to the body's functions, lives in ``statement``.
    motivation = synonym("statement")

    call: Mapped[Call] = relationship(back_populates="nominations")
    group: Mapped[StakeholderGroup] = relationship()
    nominee: Mapped[Nominee] = relationship(back_populates="nominations")
    nominator: Mapped[User | None] = relationship()
    cv: Mapped[StoredFile | None] = relationship(foreign_keys=[cv_file_id], post_update=True)
    files: Mapped[list[StoredFile]] = relationship(
        back_populates="nomination", foreign_keys="StoredFile.nomination_id",
        order_by="StoredFile.id",
    )

    @property
    def is_third_party(self) -> bool:
        """True when someone other than the nominee made the nomination."""
        return self.nominator_kind is not None

    @property
    def support_letters(self) -> list[StoredFile]:
        """The letters of support attached to the nomination."""
        return [f for f in self.files if f.purpose == FilePurpose.SUPPORT_LETTER]

    @property
    def position_level_label(self) -> str:
        """The position level in words, in the page's language (the stored key if unknown)."""
        return position_level_label(self.position_level)

    def __repr__(self) -> str:
        return f"<Nomination {self.id} {self.status.value}>"
