"""The allowed moves of a meeting and pure predicates over them (no database access)."""
from __future__ import annotations

from selection.models.body_enums import MeetingStatus

M = MeetingStatus

# Every move a meeting may make; anything else is refused by ``meetings.move``.
# The agenda goes back to draft when edited after the Chair approved it; an approved summary
# goes back to the held meeting when edited again, so it needs the Chair's approval anew.
MEETING_TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    M.DRAFT: frozenset({M.AGENDA_APPROVED, M.CANCELLED}),
    M.AGENDA_APPROVED: frozenset({M.DRAFT, M.INVITATIONS_SENT, M.CANCELLED}),
    M.INVITATIONS_SENT: frozenset({M.HELD, M.CANCELLED}),
    M.HELD: frozenset({M.SUMMARY_APPROVED}),
    M.SUMMARY_APPROVED: frozenset({M.HELD, M.PUBLISHED}),
    M.PUBLISHED: frozenset(),
    M.CANCELLED: frozenset(),
}


def can_move_meeting(current: MeetingStatus, target: MeetingStatus) -> bool:
    """True when the meeting transitions table allows ``current`` -> ``target``."""
    return target in MEETING_TRANSITIONS[current]


def agenda_is_editable(status: MeetingStatus) -> bool:
    """The agenda changes until invitations go out (after the Chair's approval it needs it anew)."""
    return status in (M.DRAFT, M.AGENDA_APPROVED)


def takes_answers(status: MeetingStatus) -> bool:
    """Invited people answer once invitations are out and until the meeting is held."""
    return status == M.INVITATIONS_SENT


def record_is_editable(status: MeetingStatus) -> bool:
    """Attendance, decisions and action items are recorded once the meeting is held, until the
    summary is published (an approved summary goes back to the Chair when the record changes)."""
    return status in (M.HELD, M.SUMMARY_APPROVED)


def is_upcoming(status: MeetingStatus) -> bool:
    """Scheduled and not yet held."""
    return status in (M.DRAFT, M.AGENDA_APPROVED, M.INVITATIONS_SENT)


def is_published(status: MeetingStatus) -> bool:
    """Its summary note is public."""
    return status == M.PUBLISHED
