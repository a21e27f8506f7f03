"""A whole meeting record at once (the API's ``POST /bodies/<slug>/meetings``): checked in full
before anything is written, people matched to the body's by name (case and accents ignored)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from selection.models import ActionItem, ActionOwner, Attendance, Body, BodyPerson, Meeting, MeetingDecision, User
from selection.models.body_enums import ActionStatus, AttendanceStatus, MeetingMode, MeetingStatus, Office, PersonCategory
from selection.names import name_key
from selection.workflow import audit
from selection.workflow.bodies.meetings import MeetingDetails, schedule
from selection.workflow.bodies.people import person_named
from selection.workflow.errors import InvalidConfiguration


class RecordError(InvalidConfiguration):
    """A record refused, naming the field at fault (``attendance[2].status``) and why."""

    def __init__(self, field_name: str, reason: str):
        self.field = field_name
        super().__init__({field_name: reason})


def _text(data: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = data.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise RecordError(where + key, f"\"{where}{key}\" must be a non-empty string.")
    return value.strip()


def _choice(data: dict[str, Any], key: str, where: str, enum: type, nullable: bool = False) -> Any:
    value = data.get(key)
    if value is None and nullable:
        return None
    allowed = [member.value for member in enum]
    if value not in allowed:
        raise RecordError(where + key, f"\"{where}{key}\" must be one of {', '.join(allowed)}"
                          + (" or null." if nullable else "."))
    return enum(value)


def _moment(data: dict[str, Any], key: str) -> datetime:
    value = data.get(key)
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise RecordError(key, f"\"{key}\" must be a date and time in ISO 8601, e.g. 2025-01-21T14:00:00Z.")
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # naive: UTC


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise RecordError(key, f"\"{key}\" must be a list of objects.")
    return value


@dataclass
class _Person:
    name: str
    person: BodyPerson | None
    category: PersonCategory = PersonCategory.GUEST
    office: Office | None = None
    status: AttendanceStatus = AttendanceStatus.PRESENT


@dataclass
class ParsedRecord:
    """A record that passed every check, ready to be written."""

    details: MeetingDetails
    attendance: list[_Person] = field(default_factory=list)
    decisions: list[tuple[str, str]] = field(default_factory=list)
    actions: list[tuple[str, list[_Person], date | None]] = field(default_factory=list)


def parse(body: Body, data: dict[str, Any]) -> ParsedRecord:
    """Check a record in full; raises ``RecordError`` naming the first field at fault."""
    details = MeetingDetails(
        title=_text(data, "title", ""), starts_at=_moment(data, "starts_at"), ends_at=_moment(data, "ends_at"),
        mode=_choice(data, "mode", "", MeetingMode), purpose=_text(data, "purpose", "", required=False),
        place=_text(data, "place", "", required=False), link=_text(data, "link", "", required=False),
        chatham_house=_flag(data, "chatham_house"),
    )
    for key, reason in details.problems().items():
        raise RecordError(key, f"\"{key}\": {reason}")
    record = ParsedRecord(details)
    for n, entry in enumerate(_list(data, "attendance")):
        where = f"attendance[{n}]."
        name = _text(entry, "name", where)
        person = person_named(body, name)
        record.attendance.append(_Person(
            person.display_name if person else name, person, _choice(entry, "category", where, PersonCategory),
            _choice(entry, "office", where, Office, nullable=True), _choice(entry, "status", where, AttendanceStatus)))
    for n, entry in enumerate(_list(data, "decisions")):
        record.decisions.append((_text(entry, "topic", f"decisions[{n}]."), _text(entry, "text", f"decisions[{n}].")))
    present = {name_key(str(entry["name"])): p for entry, p in zip(_list(data, "attendance"), record.attendance)}
    for n, entry in enumerate(_list(data, "action_items")):
        where = f"action_items[{n}]."
        record.actions.append((_text(entry, "text", where), _owners(body, entry, where, present), _due(entry, where)))
    return record


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, True)
    if not isinstance(value, bool):
        raise RecordError(key, f"\"{key}\" must be true or false.")
    return value


def _due(entry: dict[str, Any], where: str) -> date | None:
    value = entry.get("due")
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else date.fromisoformat("")
    except ValueError:
        raise RecordError(where + "due", f"\"{where}due\" must be a date, YYYY-MM-DD.") from None


def _owners(body: Body, entry: dict[str, Any], where: str, present: dict[str, _Person]) -> list[_Person]:
    names = entry.get("owners")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise RecordError(where + "owners", f"\"{where}owners\" must be a non-empty list of names.")
    owners = []
    for name in names:
        known = present.get(name_key(name))
        person = known.person if known else person_named(body, name)
        if known is None and person is None:
            raise RecordError(where + "owners", f"The owner \"{name}\" is neither in the attendance nor among "
                                                f"the people of the {body.name}.")
        owners.append(_Person(known.name if known else person.display_name, person))  # type: ignore[union-attr]
    return owners


def write(body: Body, record: ParsedRecord, actor: User | None) -> Meeting:
    """Write a checked record as a held meeting of ``body``."""
    meeting = schedule(body, record.details, actor, status=MeetingStatus.HELD)
    for n, p in enumerate(record.attendance):
        meeting.attendance.append(Attendance(person=p.person, name=p.name, category=p.category, position=n,
                                             office=p.office.value if p.office else None, status=p.status))
    for n, (topic, text) in enumerate(record.decisions):
        meeting.decisions.append(MeetingDecision(topic=topic, text=text, position=n))
    for n, (text, owners, due) in enumerate(record.actions):
        item = ActionItem(text=text, due=due, position=n, status=ActionStatus.OPEN)
        item.owners = [ActionOwner(person=o.person, name=o.name, position=k) for k, o in enumerate(owners)]
        meeting.action_items.append(item)
    audit.record(actor, meeting, "meeting_record_imported", attendance=len(record.attendance),
                 decisions=len(record.decisions), action_items=len(record.actions))
    return meeting
