"""Operations on calls: checking a configuration, opening and closing."""
from __future__ import annotations

from datetime import datetime

from selection.data import REGIONAL_GROUPS
from selection.models import RULE_ATTRIBUTES, BalanceRule, Call, CallStatus, User, utcnow
from selection.workflow import audit
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration
from selection.workflow.states import CALL_TRANSITIONS


def configuration_problems(call: Call) -> dict[str, str]:
    """Every reason the call's configuration cannot work, keyed by the field at fault."""
    problems: dict[str, str] = {}
    if call.seats is None or call.seats < 1:
        problems["seats"] = "the body needs at least one seat"
    elif call.groups and call.group_seats != call.seats:
        problems["seats"] = (
            f"the stakeholder groups have {call.group_seats} seats together, "
            f"but the body has {call.seats}"
        )
    for index, group in enumerate(call.groups):
        if group.seats is None or group.seats < 0:
            problems[f"groups[{index}].seats"] = f"{group.name}: seats cannot be negative"
    if call.closes_at <= call.opens_at:
        problems["closes_at"] = "the call closes before it opens"
    if call.term_end <= call.term_start:
        problems["term_end"] = "the term ends before it starts"
    for index, rule in enumerate(call.rules):
        reason = rule_problem(rule, call)
        if reason:
            problems[f"rules[{index}]"] = f"{rule.describe()}: {reason}"
    return problems


def rule_problem(rule: BalanceRule, call: Call) -> str | None:
    """Why ``rule`` cannot work in ``call`` on its own terms or on seat counts alone."""
    if rule.attribute not in RULE_ATTRIBUTES:
        return f"unknown attribute {rule.attribute!r}"
    if rule.where_attribute and rule.where_attribute not in RULE_ATTRIBUTES:
        return f"unknown filter attribute {rule.where_attribute!r}"
    for bound in (rule.min_seats, rule.max_seats):
        if bound is not None and bound < 0:
            return "seat counts cannot be negative"
    if rule.min_seats is not None and rule.max_seats is not None and rule.min_seats > rule.max_seats:
        return f"the minimum {rule.min_seats} is above the maximum {rule.max_seats}"
    if rule.is_soft and (rule.penalty is None or rule.penalty <= 0):
        return "a soft rule needs a positive penalty"
    return _seat_count_problem(rule, call)


def _seat_count_problem(rule: BalanceRule, call: Call) -> str | None:
    """Catch rules that no slate can meet, whoever is nominated."""
    available = _seats_within(rule, call)
    values = 1 if not rule.applies_to_every_value else _known_value_count(rule.attribute, call)
    if rule.is_soft:
        return None
    if rule.min_seats and values and rule.min_seats * values > available:
        return (
            f"needs at least {rule.min_seats * values} seats "
            f"({rule.min_seats} x {values} values) but only {available} exist"
        )
    if rule.applies_to_every_value and rule.max_seats is not None and values:
        if rule.max_seats * values < available and rule.attribute in ("region", "group"):
            return (
                f"allows at most {rule.max_seats * values} seats "
                f"({rule.max_seats} x {values} values) but {available} must be filled"
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
        problems.setdefault("closes_at", "the deadline has already passed")
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
            f"a call that is {call.status.label.lower()} cannot become {target.label.lower()}"
        )


def _move_call(call: Call, target: CallStatus, actor: User | None) -> None:
    previous = call.status
    call.status = target
    audit.record(actor, call, "status", from_state=previous.value, to_state=target.value)


__all__ = ["configuration_problems", "open_call", "close_call", "rule_problem"]
