"""Editing a call's configuration, one section at a time, audited with old and new values.

Each operation takes plain values (from a form, the CLI or a test), refuses what makes no sense
with ``InvalidConfiguration`` (keyed by the field at fault, e.g. ``groups[1].seats``), and
records the change. Seats and balance rules of a call that has been opened change only when
the caller passes ``confirmed=True``; otherwise ``ConfirmationRequired`` lists the changes.
A call that has been opened must stay sound: a change that would make it impossible is refused.
The caller rolls the session back on any ``WorkflowError``, so a refusal changes nothing.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    EX_OFFICIO_KINDS,
    BalanceRule,
    Call,
    CallStatus,
    Nomination,
    Question,
    QuestionKind,
    RequiredLevel,
    StakeholderGroup,
    User,
)
from selection.plurals import ngettext
from selection.workflow import audit, rubric_sync
from selection.workflow.calls import (
    configuration_problems,
    merit_formula_problem,
    question_fault,
    question_problem,
    rule_definition_fault,
)
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.review.summary import refresh_summaries

GROUP_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
DETAIL_FIELDS = ("title", "body", "description", "seats", "term_start", "term_end", "opens_at",
                 "closes_at", "max_consecutive_terms", "ex_officio_seats")
PRIVACY_FIELDS = ("privacy_notice", "retention_months")
GROUP_FIELDS = ("code", "name", "seats", "eligibility", "required_level", "open_for_nominations")
RULE_FIELDS = ("attribute", "value", "min_seats", "max_seats", "hard", "penalty",
               "where_attribute", "where_value")
CRITERION_FIELDS = ("name", "description", "weight", "scale_min", "scale_max")
QUESTION_FIELDS = ("group_id", "label", "help_text", "kind", "required", "choices",
                   "show_if_question_id", "show_if_value")


class ConfirmationRequired(WorkflowError):
    """A change to seats or rules of an opened call, waiting for the user's confirmation."""

    def __init__(self, changes: list[str]):
        self.changes = changes
        super().__init__(
            _("Nominations may already rely on these seats and rules; confirm the change: %(changes)s",
              changes="; ".join(changes))
        )


def update_details(call: Call, values: dict[str, Any], actor: User | None, *, confirmed: bool = False) -> None:
    """Change the call's title, body, description, seats, term, times, term limit, ex officio seats."""
    problems: dict[str, str] = {}
    if not (values.get("title") or "").strip():
        problems["title"] = _("give the call a title")
    if not (values.get("body") or "").strip():
        problems["body"] = _("name the body the call appoints")
    if values.get("seats") is None or values["seats"] < 0:
        problems["seats"] = _("the number of seats cannot be negative")
    if values.get("max_consecutive_terms") is not None and values["max_consecutive_terms"] < 1:
        problems["max_consecutive_terms"] = _("leave empty for no limit, or give at least 1")
    unknown = [kind for kind in values.get("ex_officio_seats") or [] if kind not in EX_OFFICIO_KINDS]
    if unknown:
        problems["ex_officio_seats"] = _("unknown ex officio seat %(seats)s", seats=", ".join(unknown))
    if problems:
        raise InvalidConfiguration(problems)
    if call.seats != values["seats"]:
        _require_confirmation(call, confirmed, [_("seats of the body: %(old)s → %(new)s", old=call.seats, new=values["seats"])])
    _apply_fields(call, {name: values[name] for name in DETAIL_FIELDS}, actor, "details", confirmed)


def update_privacy(call: Call, values: dict[str, Any], actor: User | None) -> None:
    """Change the privacy notice and how many months nominations are kept after the call closes."""
    months = values.get("retention_months")
    if months is None or months < 1:
        raise InvalidConfiguration({"retention_months": _("keep nominations for at least one month")})
    if months > 120:
        raise InvalidConfiguration({"retention_months": _("keep nominations for at most 120 months")})
    _apply_fields(call, {name: values[name] for name in PRIVACY_FIELDS}, actor, "privacy", False)


def replace_groups(call: Call, rows: list[dict[str, Any]], actor: User | None, *, confirmed: bool = False) -> None:
    """Set the call's stakeholder groups from ``rows`` (each with ``row``, ``id`` for an existing
    group, its fields, and ``remove``). A group with nominations cannot be removed."""
    existing = {group.id: group for group in call.groups}
    problems: dict[str, str] = {}
    kept: list[tuple[dict[str, Any], StakeholderGroup | None]] = []
    for row in rows:
        group = existing.get(row.get("id")) if row.get("id") else None
        if row.get("id") and group is None:
            problems[f"groups[{row['row']}].name"] = _("this group is not part of the call")
        elif row.get("remove"):
            count = _nominations_in(group) if group else 0
            if count:
                problems[f"groups[{row['row']}].remove"] = (
                    ngettext("%(group)s has %(num)d nomination and cannot be removed; close it instead",
                             "%(group)s has %(num)d nominations and cannot be removed; close it instead",
                             count, group=group.local_name)
                )
        else:
            problems.update(_group_problems(row, group))
            kept.append((row, group))
    codes = [group.code if group else row["code"] for row, group in kept]
    for row, group in kept:
        code = group.code if group else row["code"]
        if codes.count(code) > 1:
            problems[f"groups[{row['row']}].code"] = _("two groups have the code %(code)s", code=code)
    if problems:
        raise InvalidConfiguration(problems)
    old = [_snapshot(group, GROUP_FIELDS) for group in call.groups]
    new = [{**{k: row[k] for k in GROUP_FIELDS}, "code": group.code if group else row["code"]}
           for row, group in kept]
    old_seats = {g["code"]: g["seats"] for g in old}
    new_seats = {g["code"]: g["seats"] for g in new}
    if old_seats != new_seats:
        _require_confirmation(call, confirmed, [_("seats per group: %(old)s → %(new)s", old=_seats_text(old_seats), new=_seats_text(new_seats))])
    kept_ids = {group.id for _row, group in kept if group}
    for question in [q for q in call.questions if q.group_id and q.group_id not in kept_ids]:
        call.questions.remove(question)
    groups = []
    for position, (row, group) in enumerate(kept):
        group = group or StakeholderGroup(code=row["code"])
        for name in GROUP_FIELDS[1:]:
            setattr(group, name, row[name])
        group.position = position
        groups.append(group)
    call.groups = groups
    _record_and_check(call, actor, "groups", old, [_snapshot(g, GROUP_FIELDS) for g in groups], confirmed)


def replace_rules(call: Call, rows: list[dict[str, Any]], actor: User | None, *, confirmed: bool = False) -> None:
    """Set the call's balance rules from ``rows``; each is refused if it makes no sense on its own."""
    rules = []
    problems: dict[str, str] = {}
    for position, row in enumerate(rows):
        rule = BalanceRule(position=position, **{name: row[name] for name in RULE_FIELDS})
        fault = rule_definition_fault(rule, call)
        if fault:
            problems[f"rules[{row['row']}].{fault[0]}"] = fault[1]
        rules.append(rule)
    if problems:
        raise InvalidConfiguration(problems)
    old = [_snapshot(rule, RULE_FIELDS) for rule in call.rules]
    new = [_snapshot(rule, RULE_FIELDS) for rule in rules]
    if old != new:
        _require_confirmation(call, confirmed, [_rules_change(call, rules)])
    call.rules = rules
    _record_and_check(call, actor, "rules", old, new, confirmed)


def update_review_settings(
    call: Call,
    criteria: list[dict[str, Any]],
    bodies: list[str],
    formula: dict[str, Any],
    actor: User | None,
) -> None:
    """Set the rubric's criteria, the recommending bodies and the merit formula."""
    problems: dict[str, str] = {}
    for row in criteria:
        if not row["name"].strip():
            problems[f"criteria[{row['row']}].name"] = _("name the criterion")
        if row["weight"] is None or row["weight"] <= 0:
            problems[f"criteria[{row['row']}].weight"] = _("the weight must be above 0")
        if row["scale_min"] is None or row["scale_max"] is None or row["scale_max"] <= row["scale_min"]:
            problems[f"criteria[{row['row']}].scale_max"] = _("the top of the scale must be above its bottom")
    names = [name.strip() for name in bodies if name.strip()]
    if len(set(names)) != len(names):
        problems["bodies"] = _("a recommending body is listed twice")
    reason = merit_formula_problem(formula)
    if reason:
        problems["review_weight"] = reason
    problems.update(rubric_sync.removal_problems(call, len(criteria), names))
    if problems:
        raise InvalidConfiguration(problems)
    old = {"criteria": [_snapshot(c, CRITERION_FIELDS) for c in call.rubric_criteria],
           "bodies": [body.name for body in call.recommending_bodies],
           "merit_formula": call.merit_settings}
    rubric_sync.sync_criteria(call, criteria, CRITERION_FIELDS)
    rubric_sync.sync_bodies(call, names)
    call.merit_formula = formula
    new = {"criteria": [_snapshot(c, CRITERION_FIELDS) for c in call.rubric_criteria],
           "bodies": names, "merit_formula": formula}
    _record_and_check(call, actor, "review_settings", old, new, False)
    refresh_summaries(call)  # every score of the call may change with the rubric or the formula


def add_question(call: Call, values: dict[str, Any], actor: User | None) -> Question:
    """Add a custom question at the end of the call's nomination form."""
    question = Question(position=max((q.position for q in call.questions), default=-1) + 1)
    with db.session.no_autoflush:
        _fill_question(question, call, values)
    call.questions.append(question)
    db.session.flush()
    audit.record(actor, call, "question_added", question_id=question.id, new=_snapshot(question, QUESTION_FIELDS))
    return question


def update_question(question: Question, values: dict[str, Any], actor: User | None) -> None:
    """Change a custom question; questions whose condition depends on it must still make sense."""
    old = _snapshot(question, QUESTION_FIELDS)
    with db.session.no_autoflush:
        _fill_question(question, question.call, values)
    for other in question.call.questions:
        if other.show_if_question_id == question.id:
            reason = question_problem(other, question.call)
            if reason:
                raise InvalidConfiguration({"kind": _("“%(question)s” depends on this question: %(reason)s", question=other.label, reason=reason)})
    db.session.flush()
    audit.record(actor, question.call, "question_changed", question_id=question.id, old=old,
                 new=_snapshot(question, QUESTION_FIELDS))


def delete_question(question: Question, actor: User | None) -> None:
    """Remove a custom question, unless a later question's condition depends on it."""
    call = question.call
    dependants = [q.label for q in call.questions if q.show_if_question_id == question.id]
    if dependants:
        raise WorkflowError(
            _("“%(question)s” cannot be removed: the condition of %(dependants)s depends on it",
              question=question.label, dependants=", ".join(f"“{label}”" for label in dependants))
        )
    audit.record(actor, call, "question_removed", question_id=question.id, old=_snapshot(question, QUESTION_FIELDS))
    call.questions.remove(question)
    db.session.flush()


def move_question(question: Question, offset: int, actor: User | None) -> None:
    """Move a question up (-1) or down (+1), keeping every condition after the question it names."""
    ordered = list(question.call.questions)
    index = ordered.index(question)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    other = ordered[target]
    earlier, later = (other, question) if offset < 0 else (question, other)
    if later.show_if_question_id == earlier.id:
        raise WorkflowError(_("“%(later)s” depends on “%(earlier)s” and must stay after it",
                              later=later.label, earlier=earlier.label))
    question.position, other.position = other.position, question.position
    db.session.flush()
    db.session.expire(question.call, ["questions"])
    audit.record(actor, question.call, "question_moved", question_id=question.id,
                 old=index + 1, new=target + 1)


def group_nomination_counts(call: Call) -> dict[int, int]:
    """How many nominations each group of the call has, by group id."""
    rows = db.session.execute(
        select(Nomination.group_id, func.count()).where(Nomination.call_id == call.id).group_by(Nomination.group_id)
    ).all()
    return {group_id: count for group_id, count in rows}


def _fill_question(question: Question, call: Call, values: dict[str, Any]) -> None:
    """Set a question's fields from ``values`` and refuse what cannot be asked."""
    problems: dict[str, str] = {}
    group_ids = {group.id for group in call.groups}
    if values.get("group_id") is not None and values["group_id"] not in group_ids:
        problems["group_id"] = _("choose a stakeholder group of this call")
    if not (values.get("label") or "").strip():
        problems["label"] = _("write the question")
    kind = QuestionKind(values["kind"])
    choices = [c.strip() for c in values.get("choices") or [] if c.strip()]
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        problems["choices"] = _("give at least two options, one per line")
    if len(set(choices)) != len(choices):
        problems["choices"] = _("an option is listed twice")
    if problems:
        raise InvalidConfiguration(problems)
    question.group_id = values.get("group_id")
    question.group = next((g for g in call.groups if g.id == question.group_id), None)
    question.label = values["label"].strip()
    question.help_text = (values.get("help_text") or "").strip()
    question.kind = kind
    question.required = bool(values.get("required"))
    question.choices = choices if kind == QuestionKind.CHOICE else []
    condition_id = values.get("show_if_question_id")
    question.show_if_question = next((q for q in call.questions if q.id == condition_id), None) if condition_id else None
    question.show_if_question_id = question.show_if_question.id if question.show_if_question else None
    condition_value = (values.get("show_if_value") or "").strip() or None
    question.show_if_value = condition_value if question.show_if_question else None
    if condition_id and question.show_if_question is None:
        raise InvalidConfiguration({"show_if_question_id": _("choose an earlier question of this call")})
    if question.show_if_question is not None and question.show_if_question is question:
        raise InvalidConfiguration({"show_if_question_id": _("a question cannot depend on itself")})
    fault = question_fault(question, call)
    if fault:
        field = fault[0] or ("show_if_value" if question.show_if_question else "label")
        raise InvalidConfiguration({field: fault[1]})


def _group_problems(row: dict[str, Any], group: StakeholderGroup | None) -> dict[str, str]:
    prefix = f"groups[{row['row']}]"
    problems = {}
    if group is None and not GROUP_CODE.match(row.get("code") or ""):
        problems[f"{prefix}.code"] = _("use lower-case letters, digits and underscores, starting with a letter")
    if not (row.get("name") or "").strip():
        problems[f"{prefix}.name"] = _("name the group")
    if row.get("seats") is None or row["seats"] < 0:
        problems[f"{prefix}.seats"] = _("seats cannot be negative")
    if row.get("required_level") not in set(RequiredLevel):
        problems[f"{prefix}.required_level"] = _("choose a required level")
    return problems


def _nominations_in(group: StakeholderGroup) -> int:
    return db.session.execute(
        select(func.count()).select_from(Nomination).where(Nomination.group_id == group.id)
    ).scalar_one()


def _rules_change(call: Call, rules: list[BalanceRule]) -> str:
    before = "; ".join(rule.describe() for rule in call.rules) or _("none")
    after = "; ".join(rule.describe(call) for rule in rules) or _("none")
    return _("balance rules: %(old)s → %(new)s", old=before, new=after)


def _seats_text(seats: dict[str, int]) -> str:
    return ", ".join(f"{code} {count}" for code, count in seats.items()) or _("none")


def _require_confirmation(call: Call, confirmed: bool, changes: list[str]) -> None:
    """Seats and rules of an opened call change only once the user has confirmed."""
    if call.status != CallStatus.DRAFT and not confirmed:
        raise ConfirmationRequired(changes)


def _apply_fields(call: Call, values: dict[str, Any], actor: User | None, section: str, confirmed: bool) -> None:
    old = {name: _jsonable(getattr(call, name)) for name in values}
    for name, value in values.items():
        setattr(call, name, value)
    _record_and_check(call, actor, section, old, {name: _jsonable(v) for name, v in values.items()}, confirmed)


def _record_and_check(call: Call, actor: User | None, section: str, old: Any, new: Any, confirmed: bool) -> None:
    """Refuse a change that leaves an opened call impossible; otherwise audit what changed."""
    db.session.flush()
    if call.status != CallStatus.DRAFT:
        problems = configuration_problems(call)
        if problems:
            raise InvalidConfiguration(problems)
    old, new = _jsonable(old), _jsonable(new)
    if old != new:
        audit.record(actor, call, "configuration_changed", section=section, old=old, new=new,
                     after_opening=call.status != CallStatus.DRAFT, confirmed=confirmed)
        db.session.flush()


def _snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def _jsonable(value: Any) -> Any:
    """A value as the audit log's JSON can hold it."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if hasattr(value, "value") and isinstance(getattr(value, "value"), str):
        return value.value
    return value
