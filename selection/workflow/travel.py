"""Travel support for members coming to in-person meetings, within each meeting's budget.

The terms of reference: "Some Panel members may be eligible to receive some funding to cover
travel and daily subsistence costs for their participation in in-person IGF meetings, subject
to prior written authorization and availability of funds." Eligibility comes from the member's
country in the shipped reference data (least developed countries, small island developing
States, developing economies) or from an override with its reason; the Secretariat sets the
budget and authorises in writing or declines; nothing is authorised beyond the budget.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from selection.data import N_, Country, countries
from selection.extensions import db
from selection.models import BodyPerson, Meeting, User
from selection.models.body_enums import SEATED, MeetingMode
from selection.models.travel import TravelBudget, TravelRequest, TravelStatus
from selection.workflow import audit
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration, WorkflowError

T = TravelStatus
TRAVEL_TRANSITIONS: dict[TravelStatus, frozenset[TravelStatus]] = {
    T.REQUESTED: frozenset({T.AUTHORISED, T.DECLINED, T.WITHDRAWN}),
    T.AUTHORISED: frozenset({T.WITHDRAWN}),
    T.DECLINED: frozenset(),
    T.WITHDRAWN: frozenset(),
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SupportRequest:
    """What a member asks for: travel cost, days of subsistence, other funding sought."""

    travel_cost: Decimal
    subsistence_days: int
    other_funding_sought: bool
    other_funding_note: str = ""


ELIGIBILITY = {"least_developed": N_("%(country)s is a least developed country"),
               "small_island": N_("%(country)s is a small island developing State"),
               "developing": N_("%(country)s is a developing economy")}
EXCEPTION = N_("Exception: %(reason)s")


def _basis(person: BodyPerson) -> tuple[str, Country] | None:
    """The sentence (untranslated) and the country that make the person eligible, or None."""
    country = countries().get((person.country or "").upper())
    if country is None:
        return None
    if country.least_developed:
        return ELIGIBILITY["least_developed"], country
    if country.small_island_developing:
        return ELIGIBILITY["small_island"], country
    if country.economy_class == "developing":
        return ELIGIBILITY["developing"], country
    return None


def eligibility_basis(person: BodyPerson) -> str | None:
    """Why the person's country makes them eligible, in the page's language, or None."""
    from selection.i18n import country_name_in  # the page's language; imported late (i18n imports the app's pieces)

    basis = _basis(person)
    return _(basis[0], country=country_name_in(basis[1].iso2)) if basis else None


def _recorded_basis(person: BodyPerson) -> str | None:
    """The basis as a request records it: in English, whatever the asker's language."""
    basis = _basis(person)
    return basis[0] % {"country": basis[1].name} if basis else None


def eligibility_words(request: TravelRequest) -> str:
    """A request's recorded basis in the page's language when it is still the member's country's
    (or an exception with its reason); otherwise as recorded."""
    if request.eligibility == _recorded_basis(request.person):
        return eligibility_basis(request.person) or request.eligibility
    if request.override_reason and request.eligibility == EXCEPTION % {"reason": request.override_reason}:
        return _(EXCEPTION, reason=request.override_reason)
    return request.eligibility


def money(value: Any, field: str) -> Decimal:
    """An amount of money from what was typed: positive or zero, two decimals at most."""
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidConfiguration({field: _("give an amount such as 1250.00")}) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(CENT) or amount >= Decimal("1e11"):
        raise InvalidConfiguration({field: _("give an amount of zero or more, with at most two decimals")})
    return amount


def _travelling_meeting(meeting: Meeting) -> None:
    """Refuse support for a meeting nobody travels to."""
    if meeting.mode == MeetingMode.VIRTUAL:
        raise WorkflowError(_("Travel support is only for meetings held in person or hybrid."))


def set_budget(meeting: Meeting, amount: Decimal, daily_rate: Decimal, currency: str, actor: User | None) -> TravelBudget:
    """Set (or change) a meeting's travel budget; never below what is already authorised."""
    _travelling_meeting(meeting)
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
        raise InvalidConfiguration({"currency": _("give a three-letter currency code such as USD")})
    committed = committed_amount(meeting)
    if amount < committed:
        raise WorkflowError(_("%(amount)s is already authorised; the budget cannot be less.",
                              amount=currency + " " + format(committed, ",.2f")))
    budget = budget_of(meeting) or TravelBudget(meeting_id=meeting.id)
    previous = str(budget.amount) if budget.amount is not None else None
    budget.amount, budget.daily_subsistence_rate, budget.currency = amount, daily_rate, currency
    budget.set_by_id = actor.id if actor else None
    db.session.add(budget)
    db.session.flush()
    audit.record(actor, meeting, "travel_budget_set", amount=str(amount), previous=previous,
                 daily_rate=str(daily_rate), currency=currency)
    return budget


def budget_of(meeting: Meeting) -> TravelBudget | None:
    """The meeting's travel budget, if set."""
    return db.session.scalar(select(TravelBudget).where(TravelBudget.meeting_id == meeting.id))


def committed_amount(meeting: Meeting) -> Decimal:
    """The sum authorised so far for the meeting."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(TravelRequest.authorised_amount), 0)).where(
            TravelRequest.meeting_id == meeting.id, TravelRequest.status == T.AUTHORISED
        )
    )
    return Decimal(str(total)).quantize(CENT)


def available_amount(meeting: Meeting) -> Decimal:
    """The budget not yet committed (zero when no budget is set)."""
    budget = budget_of(meeting)
    return (budget.amount - committed_amount(meeting)) if budget else Decimal("0.00")


def requested_amount(request: TravelRequest) -> Decimal:
    """Travel plus subsistence at the meeting's daily rate."""
    budget = budget_of(request.meeting)
    rate = budget.daily_subsistence_rate if budget else Decimal("0")
    return (request.travel_cost + rate * request.subsistence_days).quantize(CENT)


def request_support(
    meeting: Meeting, person: BodyPerson, details: SupportRequest, actor: User | None, override_reason: str = ""
) -> TravelRequest:
    """A seated member asks for support to travel to an in-person meeting; eligible by their
    country, or by an override that the Secretariat gives with its reason."""
    _travelling_meeting(meeting)
    if person.category not in SEATED or person.body_id != meeting.body_id:
        raise WorkflowError(_("%(name)s is not a member of %(body)s.", name=person.display_name, body=meeting.body.name))
    basis = _recorded_basis(person)
    override_reason = override_reason.strip()
    if basis is None and not override_reason:
        raise WorkflowError(
            _("The country of %(name)s is not among those whose members receive travel support; "
              "the Secretariat may grant an exception with its reason.", name=person.display_name)
        )
    if not 0 <= details.subsistence_days <= 30:
        raise InvalidConfiguration({"subsistence_days": _("give between 0 and 30 days")})
    if db.session.scalar(select(TravelRequest.id).where(TravelRequest.meeting_id == meeting.id,
                                                        TravelRequest.person_id == person.id)):
        raise WorkflowError(_("%(name)s has already asked for support for this meeting.", name=person.display_name))
    request = TravelRequest(
        meeting_id=meeting.id, person_id=person.id, travel_cost=details.travel_cost,
        subsistence_days=details.subsistence_days, other_funding_sought=details.other_funding_sought,
        other_funding_note=details.other_funding_note.strip(),
        eligibility=basis or EXCEPTION % {"reason": override_reason}, override_reason=override_reason,
    )
    db.session.add(request)
    db.session.flush()
    audit.record(actor, request, "travel_requested", meeting_id=meeting.id, person_id=person.id,
                 travel_cost=str(details.travel_cost), subsistence_days=details.subsistence_days,
                 override=bool(override_reason))
    return request


def _move(request: TravelRequest, target: TravelStatus, actor: User | None, **details: Any) -> None:
    """Change a request's status along ``TRAVEL_TRANSITIONS`` and record it."""
    if target not in TRAVEL_TRANSITIONS[request.status]:
        raise ForbiddenTransition(_("A request that is “%(current)s” cannot become “%(target)s”.", current=request.status.label, target=target.label))
    previous = request.status
    request.status = target
    audit.record(actor, request, "travel_moved", from_state=previous.value, to_state=target.value, **details)


def authorise(request: TravelRequest, amount: Decimal, actor: User | None, today: date, note: str = "") -> None:
    """Authorise support in writing, up to what was asked and within the available budget."""
    if budget_of(request.meeting) is None:
        raise WorkflowError(_("Set the meeting's travel budget before authorising support."))
    if amount <= 0 or amount > requested_amount(request):
        raise InvalidConfiguration({"amount": _("give an amount above zero and at most %(amount)s",
                                                amount=format(requested_amount(request), ",.2f"))})
    available = available_amount(request.meeting)
    if request.status == T.REQUESTED and amount > available:
        raise WorkflowError(_("Only %(available)s of the budget is left; %(amount)s cannot be authorised.",
                              available=format(available, ",.2f"), amount=format(amount, ",.2f")))
    request.authorised_amount, request.authorised_on = amount, today
    request.decided_by_id, request.decision_note = (actor.id if actor else None), note.strip()
    _move(request, T.AUTHORISED, actor, amount=str(amount), on=today.isoformat())


def decline(request: TravelRequest, reason: str, actor: User | None) -> None:
    """Decline a request, saying why."""
    if not reason.strip():
        raise InvalidConfiguration({"reason": _("say why the request is declined")})
    request.decided_by_id, request.decision_note = (actor.id if actor else None), reason.strip()
    _move(request, T.DECLINED, actor, reason=reason.strip())


def withdraw(request: TravelRequest, actor: User | None) -> None:
    """The member (or the Secretariat for them) withdraws a request; authorised funds return."""
    _move(request, T.WITHDRAWN, actor, released=str(request.authorised_amount or 0))
    request.authorised_amount = None


def requests_for(meeting: Meeting) -> list[TravelRequest]:
    """A meeting's requests, oldest first."""
    return list(db.session.scalars(
        select(TravelRequest).where(TravelRequest.meeting_id == meeting.id).order_by(TravelRequest.id)
    ))
