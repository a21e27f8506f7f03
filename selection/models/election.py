"""Chair and Vice-Chair elections of a body: candidacies, secret ballots and who has voted.

A ``Ballot`` holds a choice and a random receipt code, never the voter nor a time; a
``VoteRecord`` holds who voted in a round, never how. Nothing links the two, so the
Secretariat can see who has voted but not how, and anyone can recount the stored ballots.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.body_enums import Office
from selection.models.enums import N_, LabelledEnum
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.body import Body, BodyPerson


class ElectionStatus(LabelledEnum):
    """Life of an election to one office; moves along ``workflow.elections.ELECTION_TRANSITIONS``."""

    NOMINATING = ("nominating", N_("Taking candidacies"))
    VOTING = ("voting", N_("Voting"))
    DECIDED = ("decided", N_("Decided"))
    CANCELLED = ("cancelled", N_("Cancelled"))


class CandidacyStatus(LabelledEnum):
    """A proposed candidate's answer."""

    PROPOSED = ("proposed", N_("Waiting for the candidate's acceptance"))
    ACCEPTED = ("accepted", N_("Accepted"))
    DECLINED = ("declined", N_("Declined"))


class Election(db.Model):
    """The election of one office of a body for one year, in one or more rounds."""

    __table_args__ = (UniqueConstraint("body_id", "year", "office"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    office: Mapped[Office] = mapped_column(enum_type(Office))
    status: Mapped[ElectionStatus] = mapped_column(enum_type(ElectionStatus), default=ElectionStatus.NOMINATING)
    round: Mapped[int] = mapped_column(default=1)
    takes_office_on: Mapped[date]
    # Per round: {"1": {"<candidacy id>": votes, ...}, ...}, written when a round is counted.
    results: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    body: Mapped[Body] = relationship()
    candidacies: Mapped[list[ElectionCandidacy]] = relationship(
        back_populates="election", cascade="all, delete-orphan", order_by="ElectionCandidacy.id"
    )

    @property
    def elected(self) -> ElectionCandidacy | None:
        """The candidacy that won, once the election is decided."""
        return next((candidacy for candidacy in self.candidacies if candidacy.elected), None)

    def __repr__(self) -> str:
        return f"<Election {self.body_id} {self.year} {self.office.value} round {self.round}>"


class ElectionCandidacy(db.Model):
    """A member standing for an office, proposed by themselves or by another member."""

    __table_args__ = (UniqueConstraint("election_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("body_person.id"), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("body_person.id"))
    status: Mapped[CandidacyStatus] = mapped_column(enum_type(CandidacyStatus), default=CandidacyStatus.PROPOSED)
    # The last round the candidate stands in: a tie sends only the tied candidates on.
    last_round: Mapped[int] = mapped_column(default=1)
    elected: Mapped[bool] = mapped_column(default=False)
    statement: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    election: Mapped[Election] = relationship(back_populates="candidacies")
    person: Mapped[BodyPerson] = relationship(foreign_keys=[person_id])
    proposed_by: Mapped[BodyPerson] = relationship(foreign_keys=[proposed_by_id])


def new_receipt() -> str:
    """A ballot's receipt: random, so it says nothing about who cast it or when."""
    return secrets.token_hex(6)


class Ballot(db.Model):
    """One secret vote: the round and the choice, with no voter and no time."""

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id", ondelete="CASCADE"), index=True)
    round: Mapped[int]
    candidacy_id: Mapped[int] = mapped_column(ForeignKey("election_candidacy.id"))
    receipt: Mapped[str] = mapped_column(String(24), unique=True, default=new_receipt)


class VoteRecord(db.Model):
    """That a member voted in a round of an election (never for whom)."""

    __table_args__ = (UniqueConstraint("election_id", "round", "voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id", ondelete="CASCADE"), index=True)
    round: Mapped[int]
    voter_id: Mapped[int] = mapped_column(ForeignKey("body_person.id"), index=True)
    voted_on: Mapped[date]
