"""A meeting of a body: agenda, invitations and answers, attendance, decisions, action items and
the summary note published under the Chatham House Rule."""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.body_enums import (
    ActionStatus, AttendanceStatus, InvitationAnswer, MeetingMode, MeetingStatus, PersonCategory,
)
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.body import Body, BodyPerson
    from selection.models.user import User


class Meeting(db.Model):
    """One meeting of a body; its status moves along the meeting transitions table."""

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    mode: Mapped[MeetingMode] = mapped_column(enum_type(MeetingMode), default=MeetingMode.VIRTUAL)
    place: Mapped[str] = mapped_column(String(300), default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    chatham_house: Mapped[bool] = mapped_column(default=True)
    # Held at (or alongside) the annual IGF meeting: the terms of reference ask for one a year.
    at_annual_igf: Mapped[bool] = mapped_column(default=False)
    status: Mapped[MeetingStatus] = mapped_column(enum_type(MeetingStatus), default=MeetingStatus.DRAFT)
    # Bumped whenever the time or place changes, so calendars update the invitation (.ics SEQUENCE).
    ics_sequence: Mapped[int] = mapped_column(default=0)
    agenda_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    agenda_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    body: Mapped[Body] = relationship(back_populates="meetings")
    agenda_approved_by: Mapped[User | None] = relationship(foreign_keys=[agenda_approved_by_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    invitations: Mapped[list[Invitation]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position"
    )
    decisions: Mapped[list[MeetingDecision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingDecision.position"
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ActionItem.position",
        foreign_keys="ActionItem.meeting_id",
    )
    summary: Mapped[SummaryNote | None] = relationship(back_populates="meeting", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.title!r} {self.status.value}>"


class AgendaItem(db.Model):
    """One item of a meeting's agenda; the Chair approves the agenda as a whole (on the meeting).

    ``from_action_id``: the item was put there because an action item is to be reviewed at
    this meeting.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    from_action_id: Mapped[int | None] = mapped_column(ForeignKey("action_item.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    from_action: Mapped[ActionItem | None] = relationship(foreign_keys=[from_action_id])


class Invitation(db.Model):
    """A person invited to a meeting, answering from a link (only the token's digest is kept)."""

    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("body_person.id"), index=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    answer: Mapped[InvitationAnswer | None] = mapped_column(enum_type(InvitationAnswer))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminders: Mapped[int] = mapped_column(default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    person: Mapped[BodyPerson] = relationship()

    @staticmethod
    def digest_of(token: str) -> str:
        """The stored form of a token (long and random, so a plain hash suffices)."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Attendance(db.Model):
    """Who took part and how, confirmed after the meeting; ``name`` and ``category`` as recorded
    (a guest has no ``person_id``), ``office`` as held on the day ("Chair")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("body_person.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[PersonCategory] = mapped_column(enum_type(PersonCategory))
    office: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[BodyPerson | None] = relationship()


class MeetingDecision(db.Model):
    """A decision (or agreed point) of a meeting, under its topic as the summary groups them."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    topic: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")


class ActionItem(db.Model):
    """Something to do, owned by one or more people, due by a day; it lives on after its meeting.

    ``review_at_next_meeting``: its follow-up is on the next meeting's draft agenda;
    ``reviewed_at_id`` is the meeting whose agenda carries it.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), default=ActionStatus.OPEN, index=True)
    review_at_next_meeting: Mapped[bool] = mapped_column(default=False)
    reviewed_at_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="action_items", foreign_keys=[meeting_id])
    reviewed_at: Mapped[Meeting | None] = relationship(foreign_keys=[reviewed_at_id])
    owners: Mapped[list[ActionOwner]] = relationship(
        back_populates="action_item", cascade="all, delete-orphan", order_by="ActionOwner.position"
    )

    def is_overdue(self, today: date) -> bool:
        """Open past its due day."""
        return self.status == ActionStatus.OPEN and self.due is not None and self.due < today


class ActionOwner(db.Model):
    """One owner of an action item: a person of the body, or a name kept as given (a guest)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("body_person.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    action_item: Mapped[ActionItem] = relationship(back_populates="owners")
    person: Mapped[BodyPerson | None] = relationship()


class SummaryNote(db.Model):
    """The summary note of a meeting: drafted from the record, approved by the Chair, published
    at ``/bodies/<body>/summaries/<public_slug>`` and sent to the dissemination list."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    drafted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    public_slug: Mapped[str | None] = mapped_column(String(120), unique=True)
    disseminated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship(back_populates="summary")
    drafted_by: Mapped[User | None] = relationship(foreign_keys=[drafted_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
