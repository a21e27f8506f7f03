"""Enumerations of a body at work: its people, meetings, answers and action items (pure Python)."""
from __future__ import annotations

from selection.models.enums import N_, LabelledEnum


class PersonCategory(LabelledEnum):
    """How a person stands to a body; the attendance annex groups people by it."""

    MEMBER = ("member", N_("Member"))
    EX_OFFICIO = ("ex_officio", N_("Ex officio member"))
    ADVISOR = ("advisor", N_("Advisor"))
    REPRESENTATIVE = ("representative", N_("Representative"))
    SUPPORT = ("support", N_("Support person"))
    SECRETARIAT = ("secretariat", N_("Secretariat"))
    GUEST = ("guest", N_("Guest"))


# The people who hold a seat (and may own decisions, be officers, answer for the body).
SEATED = frozenset({PersonCategory.MEMBER, PersonCategory.EX_OFFICIO})
# The people around a member, each linked to the member they support.
AROUND_A_MEMBER = frozenset({PersonCategory.ADVISOR, PersonCategory.REPRESENTATIVE, PersonCategory.SUPPORT})


class Office(LabelledEnum):
    """An office among the members, held for a year at a time."""

    CHAIR = ("chair", N_("Chair"))
    VICE_CHAIR = ("vice_chair", N_("Vice-Chair"))


class MeetingMode(LabelledEnum):
    """How a meeting is held."""

    VIRTUAL = ("virtual", N_("Virtual"))
    IN_PERSON = ("in_person", N_("In person"))
    HYBRID = ("hybrid", N_("Hybrid"))


class MeetingStatus(LabelledEnum):
    """Life of a meeting; moves only along ``selection.workflow.bodies.states.MEETING_TRANSITIONS``."""

    DRAFT = ("draft", N_("Draft"))
    AGENDA_APPROVED = ("agenda_approved", N_("Agenda approved"))
    INVITATIONS_SENT = ("invitations_sent", N_("Invitations sent"))
    HELD = ("held", N_("Held"))
    SUMMARY_APPROVED = ("summary_approved", N_("Summary approved"))
    PUBLISHED = ("published", N_("Summary published"))
    CANCELLED = ("cancelled", N_("Cancelled"))


class InvitationAnswer(LabelledEnum):
    """An invited person's answer."""

    IN_PERSON = ("in_person", N_("Attending in person"))
    ONLINE = ("online", N_("Attending online"))
    REGRETS = ("regrets", N_("Regrets"))


class AttendanceStatus(LabelledEnum):
    """Whether and how a person took part, as confirmed after the meeting."""

    PRESENT = ("present", N_("Present"))
    ONLINE = ("online", N_("Online"))
    REGRETS = ("regrets", N_("Regrets"))
    ABSENT = ("absent", N_("Absent"))


class ActionStatus(LabelledEnum):
    """Life of an action item."""

    OPEN = ("open", N_("Open"))
    DONE = ("done", N_("Done"))
    DROPPED = ("dropped", N_("Dropped"))
