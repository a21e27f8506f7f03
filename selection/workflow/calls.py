"""Operations on calls: creating, checking a configuration, opening, closing, deadlines."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from selection.data import REGIONAL_GROUPS, countries
from selection.extensions import db
from selection.models import (
    EX_OFFICIO_KINDS,
    RULE_ATTRIBUTES,
    BalanceRule,
    Call,
    CallStatus,
    DeadlineExtension,
    Gender,
    Nomination,
    QuestionKind,
    User,
    utcnow,
)
from selection.workflow import audit
from selection.workflow.call_templates import TEMPLATES, build_call, default_times
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration, WorkflowError
from selection.workflow.states import CALL_TRANSITIONS

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def configuration_problems(call: Call) -> dict[str, str]:
    """Every reason the call's configuration cannot work, keyed by the field at fault."""
    problems: dict[str, str] = {}
    if call.seats is None or call.seats < 1:
        problems["seats"] = _("the body needs at least one seat")
    elif not call.groups:
        problems["groups"] = _("the call has no stakeholder group to nominate for")
    elif call.group_seats != call.seats:
        problems["seats"] = (
            ngettext("the stakeholder groups have %(num)d seat together, but the body has %(body)d",
                     "the stakeholder groups have %(num)d seats together, but the body has %(body)d",
                     call.group_seats, body=call.seats)
        )
    for index, group in enumerate(call.groups):
        if group.seats is None or group.seats < 0:
            problems[f"groups[{index}].seats"] = _("%(group)s: seats cannot be negative", group=group.name)
    if call.groups and not any(group.open_for_nominations for group in call.groups):
        problems["groups"] = _("no stakeholder group is open for nominations")
    if call.closes_at <= call.opens_at:
        problems["closes_at"] = _("the call closes before it opens")
    if call.term_end <= call.term_start:
        problems["term_end"] = _("the term ends before it starts")
    for index, rule in enumerate(call.rules):
        reason = rule_problem(rule, call)
        if reason:
            problems[f"rules[{index}]"] = _("%(rule)s: %(reason)s", rule=rule.describe(), reason=reason)
    problems.update(_settings_problems(call))
    return problems


def _settings_problems(call: Call) -> dict[str, str]:
    """Problems of the questions, review settings, privacy and ex officio seats."""
    problems: dict[str, str] = {}
    for index, question in enumerate(call.questions):
        reason = question_problem(question, call)
        if reason:
            problems[f"questions[{index}]"] = _("“%(question)s”: %(reason)s", question=question.label, reason=reason)
    for index, criterion in enumerate(call.rubric_criteria):
        if criterion.weight is None or criterion.weight <= 0:
            problems[f"criteria[{index}].weight"] = _("%(criterion)s: the weight must be above 0", criterion=criterion.name)
        if criterion.scale_max <= criterion.scale_min:
            problems[f"criteria[{index}].scale_max"] = (
                _("%(criterion)s: the top of the scale must be above its bottom", criterion=criterion.name)
            )
    reason = merit_formula_problem(call.merit_settings)
    if reason:
        problems["merit_formula"] = reason
    if call.retention_months is None or call.retention_months < 1:
        problems["retention_months"] = _("keep nominations for at least one month")
    unknown = [kind for kind in call.ex_officio_seats or [] if kind not in EX_OFFICIO_KINDS]
    if unknown:
        problems["ex_officio_seats"] = _("unknown ex officio seat %(seats)s", seats=", ".join(unknown))
    return problems


def merit_formula_problem(formula: dict[str, Any]) -> str | None:
    """Why a merit formula cannot be used: weights within 0-1 adding up to 1, points 0-100."""
    try:
        weights = [float(formula["review_weight"]), float(formula["recommendation_weight"])]
        points = {key: float(value) for key, value in formula["recommendation_points"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return _("the merit formula needs review_weight, recommendation_weight and recommendation_points")
    if any(weight < 0 or weight > 1 for weight in weights) or abs(sum(weights) - 1) > 1e-6:
        return _("the review and recommendation weights must lie between 0 and 1 and add up to 1")
    if any(value < 0 or value > 100 for value in points.values()):
        return _("the points of a recommendation lie between 0 and 100")
    return None


def question_problem(question: Any, call: Call) -> str | None:
    """Why a custom question cannot be asked as configured."""
    fault = question_fault(question, call)
    return fault[1] if fault else None


def question_fault(question: Any, call: Call) -> tuple[str | None, str] | None:
    """Why a custom question cannot be asked as configured, after the field at fault when it is
    the choice of the earlier question its condition names (``show_if_question_id``), else None."""
    condition = "show_if_question_id"
    if not (question.label or "").strip():
        return None, _("the question has no text")
    if question.kind == QuestionKind.CHOICE and len(question.choices or []) < 2:
        return None, _("a choice question needs at least two options")
    if question.group is not None and question.group.call_id not in (None, call.id):
        return None, _("its stakeholder group belongs to another call")
    earlier = question.show_if_question
    if earlier is None:
        return None if question.show_if_value is None else (condition, _("its condition names no earlier question"))
    if earlier.call_id != call.id or earlier.position >= question.position:
        return condition, _("its condition must refer to an earlier question of this call")
    if earlier.kind not in (QuestionKind.CHOICE, QuestionKind.YES_NO):
        return condition, _("its condition refers to “%(question)s”, which is not a choice or yes/no question",
                            question=earlier.label)
    if earlier.group_id is not None and earlier.group_id != question.group_id:
        return condition, _("“%(question)s” is not asked of the same stakeholder group", question=earlier.label)
    if question.show_if_value not in earlier.answer_values:
        return None, _("“%(answer)s” is not an answer to “%(question)s”", answer=question.show_if_value,
                       question=earlier.label)
    return None


def rule_problem(rule: BalanceRule, call: Call) -> str | None:
    """Why ``rule`` cannot work in ``call`` on its own terms or on seat counts alone."""
    return rule_definition_problem(rule, call) or _seat_count_problem(rule, call)


def rule_definition_problem(rule: BalanceRule, call: Call) -> str | None:
    """Why ``rule`` makes no sense on its own terms, whatever the seats (refused at once)."""
    fault = rule_definition_fault(rule, call)
    return fault[1] if fault else None


def rule_definition_fault(rule: BalanceRule, call: Call) -> tuple[str, str] | None:
    """The field of ``rule`` at fault and why, when the rule makes no sense on its own terms."""
    if rule.attribute not in RULE_ATTRIBUTES:
        return "attribute", _("unknown attribute %(attribute)r", attribute=rule.attribute)
    if rule.where_attribute and rule.where_attribute not in RULE_ATTRIBUTES:
        return "where_attribute", _("unknown filter attribute %(attribute)r", attribute=rule.where_attribute)
    reason = _value_problem(rule.attribute, rule.value, call, every_allowed=True)
    if reason:
        return "value", reason
    if rule.where_attribute:
        reason = _value_problem(rule.where_attribute, rule.where_value, call, every_allowed=False)
        if reason:
            return "where_value", reason
    for name in ("min_seats", "max_seats"):
        bound = getattr(rule, name)
        if bound is not None and bound < 0:
            return name, _("seat counts cannot be negative")
    if rule.min_seats is None and rule.max_seats is None:
        return "min_seats", _("give a minimum, a maximum or both")
    if rule.min_seats is not None and rule.max_seats is not None and rule.min_seats > rule.max_seats:
        return "max_seats", _("the minimum %(min)d is above the maximum %(max)d", min=rule.min_seats, max=rule.max_seats)
    if rule.is_soft and (rule.penalty is None or rule.penalty <= 0):
        return "penalty", _("a soft rule needs a positive penalty")
    return None


def attribute_values(attribute: str, call: Call) -> dict[str, str]:
    """The values an attribute can take in ``call``, with their names."""
    if attribute == "region":
        return dict(REGIONAL_GROUPS)
    if attribute == "gender":
        return {gender.value: gender.label for gender in Gender}
    if attribute == "group":
        return {group.code: group.name for group in call.groups}
    if attribute in ("country", "residence"):
        return {iso2: country.name for iso2, country in countries().items()}
    return {}


def _value_problem(attribute: str, value: str | None, call: Call, every_allowed: bool) -> str | None:
    if value == "*" and every_allowed:
        return None
    if not value or value not in attribute_values(attribute, call):
        return _("%(value)r is not a %(attribute)s of this call", value=value or _("no value"), attribute=_(RULE_ATTRIBUTES[attribute]))
    return None


def _seat_count_problem(rule: BalanceRule, call: Call) -> str | None:
    """Catch rules that no slate can meet, whoever is nominated."""
    available = _seats_within(rule, call)
    values = 1 if not rule.applies_to_every_value else _known_value_count(rule.attribute, call)
    if rule.is_soft:
        return None
    if rule.min_seats and values and rule.min_seats * values > available:
        return (
            ngettext("needs at least %(num)d seat (%(min)d x %(values)d values) but only %(available)d exist",
                     "needs at least %(num)d seats (%(min)d x %(values)d values) but only %(available)d exist",
                     rule.min_seats * values, min=rule.min_seats, values=values, available=available)
        )
    if rule.applies_to_every_value and rule.max_seats is not None and values:
        if rule.max_seats * values < available and rule.attribute in ("region", "group"):
            return (
                ngettext("allows at most %(num)d seat (%(max)d x %(values)d values) but %(available)d must be filled",
                         "allows at most %(num)d seats (%(max)d x %(values)d values) but %(available)d must be filled",
                         rule.max_seats * values, max=rule.max_seats, values=values, available=available)
            )
    return None


def _seats_within(rule: BalanceRule, call: Call) -> int:
    """Seats a rule can act on: the whole body, or one group's seats under a group filter."""
    if rule.where_attribute == "group":
        return sum(g.seats for g in call.groups if g.code == rule.where_value)
    return call.seats


def _known_value_count(attribute: str, call: Call) -> int:
    """How many values an attribute can take, where that is fixed by the configuration."""
    if attribute == "region":
        return len(REGIONAL_GROUPS)
    if attribute == "group":
        return len(call.groups)
    if attribute == "gender":
        return 0  # people may withhold it: a per-value minimum is not a seat-count matter
    return 0


def open_call(call: Call, actor: User | None, now: datetime | None = None) -> None:
    """Open a call for nominations once its configuration is sound and its deadline ahead."""
    now = now or utcnow()
    _check_call_move(call, CallStatus.OPEN)
    problems = configuration_problems(call)
    if call.closes_at <= now:
        problems.setdefault("closes_at", _("the deadline has already passed"))
    if problems:
        raise InvalidConfiguration(problems)
    _move_call(call, CallStatus.OPEN, actor)


def close_call(call: Call, actor: User | None) -> None:
    """Close a call: no more nominations or edits."""
    _check_call_move(call, CallStatus.CLOSED)
    _move_call(call, CallStatus.CLOSED, actor)


def _check_call_move(call: Call, target: CallStatus) -> None:
    if target not in CALL_TRANSITIONS[call.status]:
        raise ForbiddenTransition(
            _("a call that is %(status)s cannot become %(target)s", status=call.status.label.lower(), target=target.label.lower())
        )


def _move_call(call: Call, target: CallStatus, actor: User | None, **details: Any) -> None:
    previous = call.status
    call.status = target
    audit.record(actor, call, "status", from_state=previous.value, to_state=target.value, **details)


def move_call(call: Call, target: CallStatus, actor: User | None, **details: Any) -> None:
    """Change a call's status along ``CALL_TRANSITIONS`` and record it (e.g. closed -> decided,
    with the decision in ``details``); ``ForbiddenTransition`` for a move the table does not allow."""
    _check_call_move(call, target)
    _move_call(call, target, actor, **details)


def create_call(
    template_key: str,
    slug: str,
    title: str,
    actor: User | None,
    *,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    now: datetime | None = None,
) -> Call:
    """Create a draft call from a template ("leadership-panel", "mag" or "blank")."""
    problems = {}
    if template_key not in TEMPLATES:
        problems["template"] = _("unknown template %(template)r; choose %(choices)s", template=template_key, choices=", ".join(TEMPLATES))
    slug = (slug or "").strip()
    if not SLUG_PATTERN.match(slug):
        problems["slug"] = _("use lower-case letters, digits and single hyphens, e.g. igf-mag-2027")
    elif len(slug) > 80:
        problems["slug"] = _("keep the address under 80 characters")
    elif db.session.execute(select(Call.id).where(Call.slug == slug)).first():
        problems["slug"] = _("a call with the address %(slug)s already exists", slug=slug)
    if not (title or "").strip():
        problems["title"] = _("give the call a title")
    if problems:
        raise InvalidConfiguration(problems)
    default_opens, default_closes = default_times(now or utcnow())
    call = build_call(template_key, slug, title.strip(), opens_at or default_opens, closes_at or default_closes)
    db.session.add(call)
    db.session.flush()
    audit.record(actor, call, "created", to_state=call.status.value, template=template_key)
    return call


def find_call(slug: str) -> Call | None:
    """The call with this address, or None."""
    return db.session.execute(select(Call).where(Call.slug == slug)).scalar_one_or_none()


def public_calls() -> list[Call]:
    """Every call but drafts (they stay private), latest deadline first."""
    return list(db.session.execute(
        select(Call).where(Call.status != CallStatus.DRAFT).order_by(Call.closes_at.desc())).scalars())


def open_calls() -> list[Call]:
    """The calls open for nominations, earliest deadline first."""
    return list(db.session.execute(
        select(Call).where(Call.status == CallStatus.OPEN).order_by(Call.closes_at)).scalars())


def extend_call_deadline(
    call: Call, closes_at: datetime, reason: str, actor: User | None, now: datetime | None = None
) -> None:
    """Move the whole call's deadline later, recording the old and new deadline and the reason."""
    _check_extension(call, closes_at, reason, now, _("the new deadline must be later than the current one"))
    previous = call.closes_at
    call.closes_at = closes_at
    audit.record(actor, call, "deadline_extended", old=previous.isoformat(),
                 new=closes_at.isoformat(), reason=reason.strip())
    db.session.flush()


def extend_nomination_deadline(
    call: Call,
    nomination: Nomination,
    closes_at: datetime,
    reason: str,
    actor: User | None,
    now: datetime | None = None,
) -> DeadlineExtension:
    """Give one nomination a later deadline than the call's, recorded with the reason."""
    now = now or utcnow()
    if nomination.call_id != call.id:
        raise WorkflowError(_("that nomination belongs to another call"))
    if call.status not in (CallStatus.OPEN, CallStatus.CLOSED):
        raise WorkflowError(_("a call that is %(status)s takes no extensions", status=call.status.label.lower()))
    _check_extension(call, closes_at, reason, now, _("an extension must end after the call's own deadline"))
    previous = call.deadline_for(nomination)
    extension = DeadlineExtension(call=call, nomination_id=nomination.id, closes_at=closes_at,
                                  reason=reason.strip(), created_by=actor, created_at=now)
    db.session.add(extension)
    db.session.flush()
    audit.record(actor, nomination, "deadline_extended", old=previous.isoformat(),
                 new=closes_at.isoformat(), reason=reason.strip())
    return extension


def _check_extension(call: Call, closes_at: datetime, reason: str, now: datetime | None, too_early: str) -> None:
    """An extension needs a reason and a deadline after the call's and still ahead."""
    now = now or utcnow()
    if not reason.strip():
        raise InvalidConfiguration({"reason": _("say why the deadline is extended")})
    if closes_at <= call.closes_at:
        raise InvalidConfiguration({"closes_at": too_early})
    if closes_at <= now:
        raise InvalidConfiguration({"closes_at": _("the new deadline has already passed")})


__all__ = [
    "configuration_problems", "open_call", "close_call", "rule_problem", "rule_definition_problem",
    "rule_definition_fault", "question_problem", "question_fault",
    "create_call", "find_call", "extend_call_deadline", "extend_nomination_deadline",
]
