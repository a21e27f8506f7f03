"""The body's calendar against its terms of reference (at least three meetings a year: in the
first quarter, the second quarter and at the annual IGF meeting) and attendance per member per year."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from selection.data import N_
from selection.extensions import db
from selection.models import Attendance, Body, Meeting
from selection.models.body_enums import SEATED, AttendanceStatus, MeetingStatus
from selection.models.names import name_key


def meetings_in(body: Body, year: int) -> list[Meeting]:
    """The body's meetings of ``year`` that are not cancelled, in order."""
    start = datetime(year, 1, 1, tzinfo=timezone.utc)
    end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    return list(db.session.execute(
        select(Meeting).where(Meeting.body_id == body.id, Meeting.starts_at >= start, Meeting.starts_at < end,
                              Meeting.status != MeetingStatus.CANCELLED).order_by(Meeting.starts_at)
    ).scalars())


@dataclass(frozen=True)
class Requirement:
    """One meeting the terms of reference ask for, and the meetings that meet it (none: a gap)."""

    label: str
    meetings: list[Meeting]

    @property
    def is_gap(self) -> bool:
        """No meeting meets it."""
        return not self.meetings


@dataclass(frozen=True)
class YearCheck:
    """A year of the body's calendar against its terms of reference."""

    year: int
    meetings: list[Meeting]
    minimum: int
    requirements: list[Requirement]

    @property
    def gaps(self) -> list[str]:
        """What is missing, in words."""
        missing = [_("No meeting %(when)s.", when=_(r.label)) for r in self.requirements if r.is_gap]
        if len(self.meetings) < self.minimum:
            missing.append(ngettext("%(held)d of at least %(num)d meeting.", "%(held)d of at least %(num)d meetings.",
                                    self.minimum, held=len(self.meetings)))
        return missing


QUARTER_WORDS = {1: N_("in the first quarter"), 2: N_("in the second quarter"), 3: N_("in the third quarter"),
                 4: N_("in the fourth quarter")}


def check_year(body: Body, year: int) -> YearCheck:
    """The year's meetings against the body's settings (by default the Leadership Panel's)."""
    meetings = meetings_in(body, year)
    requirements = [
        Requirement(QUARTER_WORDS[q], [m for m in meetings if (m.starts_at.month - 1) // 3 + 1 == q])
        for q in body.setting("required_quarters")
    ]
    if body.setting("meets_at_annual_igf"):
        requirements.append(Requirement(N_("at the annual IGF meeting"), [m for m in meetings if m.at_annual_igf]))
    return YearCheck(year, meetings, int(body.setting("min_meetings_per_year")), requirements)


@dataclass(frozen=True)
class AttendanceRow:
    """One person's attendance in a year: their status at each meeting (None: not recorded)."""

    name: str
    statuses: list[AttendanceStatus | None]

    def count(self, *statuses: AttendanceStatus) -> int:
        """How many meetings had one of ``statuses``."""
        return sum(1 for s in self.statuses if s in statuses)


def attendance_table(body: Body, year: int) -> tuple[list[Meeting], list[AttendanceRow]]:
    """The year's held meetings and, per member and ex officio member, their attendance."""
    meetings = [m for m in meetings_in(body, year) if m.status in (
        MeetingStatus.HELD, MeetingStatus.SUMMARY_APPROVED, MeetingStatus.PUBLISHED)]
    rows = db.session.execute(
        select(Attendance).where(Attendance.meeting_id.in_([m.id for m in meetings]),
                                 Attendance.category.in_(SEATED))
    ).scalars().all()
    by_person: dict[str, dict[int, AttendanceStatus]] = {}
    names: dict[str, str] = {}
    for row in rows:
        key = f"p{row.person_id}" if row.person_id else name_key(row.name)
        names.setdefault(key, row.person.display_name if row.person else row.name)
        by_person.setdefault(key, {})[row.meeting_id] = row.status
    table = [AttendanceRow(names[key], [statuses.get(m.id) for m in meetings]) for key, statuses in by_person.items()]
    return meetings, sorted(table, key=lambda r: name_key(r.name).split(" ")[-1:])


def attendance_csv_rows(body: Body, year: int) -> list[list[str]]:
    """The attendance table as CSV rows: a header, then one row per person with their totals."""
    meetings, table = attendance_table(body, year)
    header = [_("Name")] + [f"{m.starts_at:%Y-%m-%d} {m.title}" for m in meetings] + [
        _("Attended"), _("Regrets"), _("Absent")]
    out = [header]
    for row in table:
        out.append([row.name] + [s.label if s else "" for s in row.statuses] + [
            str(row.count(AttendanceStatus.PRESENT, AttendanceStatus.ONLINE)),
            str(row.count(AttendanceStatus.REGRETS)), str(row.count(AttendanceStatus.ABSENT))])
    return out
