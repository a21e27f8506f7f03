"""iCalendar (RFC 5545) files for meeting invitations: one VEVENT, folded, escaped, in UTC."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from selection.models import Meeting
from selection.models.body_enums import MeetingMode
from selection.text import single_line


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def meeting_uid(meeting: Meeting, host: str = "selection") -> str:
    """The event's stable identifier: updates and cancellations replace the same event."""
    return f"meeting-{meeting.id}@{host}"


def meeting_ics(meeting: Meeting, attendee_email: str, now: datetime, host: str = "selection",
                method: str = "REQUEST") -> str:
    """The calendar file of a meeting for one invited person."""
    where = meeting.link if meeting.mode == MeetingMode.VIRTUAL else meeting.place
    if meeting.mode == MeetingMode.HYBRID and meeting.link:
        where = f"{meeting.place} / {meeting.link}".strip(" /")
    description = meeting.purpose
    if meeting.agenda:
        description += "\n\n" + _("Agenda:") + "\n" + "\n".join(
            f"{n}. {item.title}" for n, item in enumerate(meeting.agenda, start=1))
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//selection//meetings//EN", f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting, host)}",
        f"SEQUENCE:{meeting.ics_sequence}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(meeting.starts_at)}",
        f"DTEND:{_stamp(meeting.ends_at)}",
        f"SUMMARY:{_escape(single_line(meeting.body.name + ': ' + meeting.title))}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(single_line(where))}",
        f"ATTENDEE;RSVP=TRUE:mailto:{single_line(attendee_email)}",
        "STATUS:CANCELLED" if method == "CANCEL" else "STATUS:CONFIRMED",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
