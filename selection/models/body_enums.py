"""Enumerations of a body at work: its people, meetings, answers and action items (pure Python)."""
from __future__ import annotations

from selection.models.enums import LabelledEnum


class PersonCategory(LabelledEnum):
    """How a person stands to a body; the attendance annex groups people by it."""

    MEMBER = ("member", "Member")
    EX_OFFICIO = ("ex_officio", "Ex officio member")
    ADVISOR = ("advisor", "Advisor")
    REPRESENTATIVE = ("representative", "Representative")
    SUPPORT = ("support", "Support person")
    SECRETARIAT = ("secretariat", "Secretariat")
    GUEST = ("guest", "Guest")


# The people who hold a seat (and may own decisions, be officers, answer for the body).
SEATED = frozenset({PersonCategory.MEMBER, PersonCategory.EX_OFFICIO})
# The people around a member, each linked to the member they support.
AROUND_A_MEMBER = frozenset({PersonCategory.ADVISOR, PersonCategory.REPRESENTATIVE, PersonCategory.SUPPORT})


class Office(LabelledEnum):
    """An office among the members, held for a year at a time."""

    CHAIR = ("chair", "Chair")
    VICE_CHAIR = ("vice_chair", "Vice-Chair")


class MeetingMode(LabelledEnum):
    """How a meeting is held."""

    VIRTUAL = ("virtual", "Virtual")
    IN_PERSON = ("in_person", "In person")
    HYBRID = ("hybrid", "Hybrid")


class MeetingStatus(LabelledEnum):
    """Life of a meeting; moves only along ``selection.workflow.bodies.states.MEETING_TRANSITIONS``."""

    DRAFT = ("draft", "Draft")
    AGENDA_APPROVED = ("agenda_approved", "Agenda approved")
    INVITATIONS_SENT = ("invitations_sent", "Invitations sent")
    HELD = ("held", "Held")
    SUMMARY_APPROVED = ("summary_approved", "Summary approved")
    PUBLISHED = ("published", "Summary published")
    CANCELLED = ("cancelled", "Cancelled")


class InvitationAnswer(LabelledEnum):
    """An invited person's answer."""

    IN_PERSON = ("in_person", "Attending in person")
    ONLINE = ("online", "Attending online")
    REGRETS = ("regrets", "Regrets")


class AttendanceStatus(LabelledEnum):
    """Whether and how a person took part, as confirmed after the meeting."""

    PRESENT = ("present", "Present")
    ONLINE = ("online", "Online")
    REGRETS = ("regrets", "Regrets")
    ABSENT = ("absent", "Absent")


class ActionStatus(LabelledEnum):
    """Life of an action item."""

    OPEN = ("open", "Open")
    DONE = ("done", "Done")
    DROPPED = ("dropped", "Dropped")
