"""Members' terms: whose end when, the Secretariat's reminder, the next call in one step, and a
member leaving before their term ends (a vacancy)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import AuditEvent, Body, BodyPerson, Call, User, VacancyDecision
from selection.models.body_enums import PersonCategory
from selection.services.mail import enqueue, in_language
from selection.workflow import audit
from selection.workflow.call_templates import TEMPLATES, build_call, default_times
from selection.workflow.recipients import languages_of
from selection.workflow.errors import WorkflowError

REMINDER_ACTION = "term_end_reminder"


@dataclass(frozen=True)
class EndingTerm:
    """A member whose term ends, and in how many days."""

    person: BodyPerson
    ends_on: date
    days_left: int


def terms_ending(body: Body, today: date, within_days: int | None = None) -> list[EndingTerm]:
    """Serving members whose term ends within ``within_days`` (the body's reminder period by
    default), soonest first."""
    within = within_days if within_days is not None else int(body.setting("term_reminder_days"))
    horizon = today + timedelta(days=within)
    ending = [
        EndingTerm(p, p.term_end, (p.term_end - today).days)
        for p in body.people
        if p.category == PersonCategory.MEMBER and p.active and p.term_end and today <= p.term_end <= horizon
    ]
    return sorted(ending, key=lambda e: (e.ends_on, e.person.sort_name))


def _already_reminded(body: Body) -> set[tuple[int, str]]:
    """(person id, term end) pairs the Secretariat has already been reminded of."""
    ids = [p.id for p in body.people]
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == REMINDER_ACTION, AuditEvent.object_type == "body_person", AuditEvent.object_id.in_(ids)
    )) if ids else []
    return {(event.object_id, str(event.details.get("term_end"))) for event in events}


def secretariat_addresses(body: Body) -> list[str]:
    """Where the Secretariat of a body receives mail: its recorded Secretariat people."""
    return sorted({p.email for p in body.people if p.category == PersonCategory.SECRETARIAT and p.email})


def remind_terms_ending(body: Body, today: date, actor: User | None = None) -> list[EndingTerm]:
    """Tell the Secretariat, once per member and term, of the terms ending within the reminder
    period; returns the terms newly reminded of."""
    done = _already_reminded(body)
    fresh = [e for e in terms_ending(body, today) if (e.person.id, e.ends_on.isoformat()) not in done]
    if not fresh:
        return []
    addresses = secretariat_addresses(body)
    languages = languages_of(addresses)
    for address in addresses:
        with in_language(languages.get(address)):
            enqueue(address, _("%(body)s: terms ending soon", body=body.name), "terms_ending", related=body,
                    body=body, ending=fresh)
    for ending in fresh:
        audit.record(actor, ending.person, REMINDER_ACTION, term_end=ending.ends_on.isoformat())
    return fresh


def _unique_slug(base: str) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever no call has yet."""
    taken = set(db.session.scalars(select(Call.slug).where(Call.slug.like(f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


NOT_COPIED = frozenset({"id", "call_id", "created_at", "status", "announced_at"})


def _copy(row: Any, **overrides: Any) -> Any:
    """A new row of the same table with the same column values, except its identity, its owner,
    its status and its creation time, and with ``overrides``."""
    values = {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs if c.key not in NOT_COPIED}
    values.update(overrides)
    return type(row)(**values)


def _copy_configuration(previous: Call, call: Call) -> None:
    """Give ``call`` the groups, rules, rubric, recommending bodies and questions of ``previous``."""
    groups = {}
    for group in previous.groups:
        groups[group.id] = _copy(group)
        call.groups.append(groups[group.id])
    call.rules.extend(_copy(rule) for rule in previous.rules)
    call.rubric_criteria.extend(_copy(c) for c in previous.rubric_criteria)
    call.recommending_bodies.extend(_copy(b) for b in previous.recommending_bodies)
    db.session.flush()
    questions = {}
    for question in previous.questions:
        copy = _copy(question, group_id=groups[question.group_id].id if question.group_id else None,
                     show_if_question_id=None)
        call.questions.append(copy)
        questions[question.id] = copy
    db.session.flush()
    for question in previous.questions:
        if question.show_if_question_id in questions:
            questions[question.id].show_if_question_id = questions[question.show_if_question_id].id


def _next_term(previous: Call) -> tuple[date, date]:
    """The term after ``previous``: starting the day after it ends, as long as it lasted."""
    start = previous.term_end + timedelta(days=1)
    years = previous.term_end.year - previous.term_start.year + 1
    return start, date(start.year + years - 1, previous.term_end.month, previous.term_end.day)


def start_next_call(body: Body, actor: User | None, now: datetime) -> Call:
    """A draft call for the body's next term, configured as its last call was (or, for a body
    without one, from the template its settings name), opening tomorrow for six weeks."""
    opens, closes = default_times(now)
    previous = db.session.scalar(select(Call).where(Call.body_id == body.id).order_by(Call.term_start.desc()).limit(1))
    if previous is not None and previous.term_start > now.date():
        raise WorkflowError(_("The call %(call)s for the next term of %(body)s already exists.", call=previous.slug, body=body.name))
    if previous is None:
        template = body.setting("call_template")
        if template not in TEMPLATES:
            raise WorkflowError(_("%(body)s has no earlier call and no call template to start from.", body=body.name))
        call = build_call(template, _unique_slug(f"{body.slug}-{closes.year + 1}"), body.name, opens, closes)
    else:
        start, end = _next_term(previous)
        call = _copy(previous, slug=_unique_slug(f"{body.slug}-{start.year}"), term_start=start, term_end=end,
                     opens_at=opens, closes_at=closes, title=f"{body.name} {start.year}–{end.year}")
        _copy_configuration(previous, call)
    call.body_id = body.id
    db.session.add(call)
    db.session.flush()
    audit.record(actor, call, "call_created", from_call=previous.slug if previous else None, body=body.slug)
    return call


def record_departure(person: BodyPerson, last_day: date, reason: str, actor: User | None) -> None:
    """A member resigns or cannot serve: their term ends on ``last_day`` and their seat is vacant."""
    if person.category != PersonCategory.MEMBER or not person.active:
        raise WorkflowError(_("%(name)s is not a serving member.", name=person.display_name))
    if not reason.strip():
        raise WorkflowError(_("Say why the member leaves (e.g. resigned on 3 March)."))
    previous_end = person.term_end
    person.term_end, person.active = last_day, False
    audit.record(actor, person, "member_departed", last_day=last_day.isoformat(), reason=reason.strip(),
                 term_end_was=previous_end.isoformat() if previous_end else None)


def vacancies(body: Body, today: date) -> list[BodyPerson]:
    """Members who left before the end of the term they were appointed for, seat still vacant
    (not yet filled by a ``VacancyDecision``)."""
    filled = set(db.session.scalars(select(VacancyDecision.vacated_person_id).join(
        BodyPerson, VacancyDecision.vacated_person_id == BodyPerson.id).where(BodyPerson.body_id == body.id)))
    return [
        p for p in body.people
        if p.category == PersonCategory.MEMBER and not p.active and p.membership is not None
        and p.membership.term_end > today and p.term_end and p.term_end < p.membership.term_end
        and p.id not in filled
    ]


YEAR_SETTINGS = ("ex_officio_vote", "outgoing_chair_may_stand", "min_share_new_members", "term_reminder_days")


def change_year_settings(body: Body, actor: User | None, **values: Any) -> None:
    """Change who votes in elections, whether the outgoing Chair may stand, the share of seats
    for people new to the body and the reminder period; each change is audited."""
    unknown = set(values) - set(YEAR_SETTINGS)
    if unknown:
        raise WorkflowError(_("Unknown settings: %(names)s.", names=", ".join(sorted(unknown))))
    share = values.get("min_share_new_members")
    if share is not None and not 0 < share <= 1:
        raise WorkflowError(_("The share of seats for new members is between 0 and 1 (e.g. 0.33 for a third)."))
    days = values.get("term_reminder_days")
    if days is not None and not 1 <= days <= 366:
        raise WorkflowError(_("Remind between 1 and 366 days before a term ends."))
    changed = {key: value for key, value in values.items() if body.setting(key) != value}
    if changed:
        body.settings = {**(body.settings or {}), **changed}
        audit.record(actor, body, "body_settings_changed", **changed)
