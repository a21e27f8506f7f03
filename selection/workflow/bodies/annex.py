"""The attendance annex of a summary note, grouped as the Secretariat's summaries group it:
members (officers marked), advisors, representatives and support persons, guests, regrets, and
the Secretariat."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from selection.models import Attendance, Meeting
from selection.models.body_enums import AROUND_A_MEMBER, SEATED, AttendanceStatus, Office, PersonCategory
from selection.models.names import name_key

TOOK_PART = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.ONLINE})


@dataclass(frozen=True)
class AnnexGroup:
    """One heading of the annex and the people under it, as written ("Mr. Vint Cerf, Chair")."""

    heading: str
    names: list[str]


def annex_line(row: Attendance) -> str:
    """A person as the annex writes them, with their office if they hold one."""
    if row.office:
        return f"{row.name}, {Office(row.office).label}"
    return row.name


OFFICE_ORDER = {Office.CHAIR.value: 0, Office.VICE_CHAIR.value: 1}


def _surname_order(rows: list[Attendance]) -> list[Attendance]:
    """Officers first (Chair, Vice-Chair), then by family name (the last word), as the
    Secretariat's annexes list people."""
    return sorted(rows, key=lambda row: (OFFICE_ORDER.get(row.office or "", 2),
                                         name_key(row.name).split(" ")[-1:], name_key(row.name)))


def annex(meeting: Meeting) -> list[AnnexGroup]:
    """The non-empty groups of the meeting's attendance annex, in the seed's order."""
    word = meeting.body.setting("annex_word") or ""
    secretariat = meeting.body.setting("secretariat_heading") or _("Secretariat")
    took_part = [row for row in meeting.attendance if row.status in TOOK_PART]
    groups = [
        (_("%(word)s Members", word=word) if word else _("Members"), [r for r in took_part if r.category in SEATED]),
        (_("%(word)s Advisors, Representatives & Support Persons", word=word) if word
         else _("Advisors, Representatives & Support Persons"),
         [r for r in took_part if r.category in AROUND_A_MEMBER]),
        (_("Guests"), [r for r in took_part if r.category == PersonCategory.GUEST]),
        (_("Regrets"), [r for r in meeting.attendance if r.status == AttendanceStatus.REGRETS
                     and r.category != PersonCategory.SECRETARIAT]),
        (secretariat, [r for r in took_part if r.category == PersonCategory.SECRETARIAT]),
    ]
    return [AnnexGroup(heading, [annex_line(r) for r in _surname_order(rows)]) for heading, rows in groups if rows]
