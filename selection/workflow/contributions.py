"""Contributions to the IGF Trust Fund, kept apart from everything that selects.

Only ``permissions.may_see_contributions`` (administrators and contributions officers) reads
or writes them; nothing in ``selection.slates``, the review or the decision imports this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import selectinload

from selection.extensions import db
from selection.numbers import parse_id
from selection.models import DonorContribution, Nomination, NominationStatus, Nominee, User
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import may_record_contributions, may_see_contributions

MAX_AMOUNT = Decimal("999999999999.99")  # Numeric(14, 2)
CURRENCY = re.compile(r"^[A-Z]{3}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # NUL and friends: refused (PostgreSQL refuses NUL itself)


class ContributionProblems(WorkflowError):
    """The entry is refused; ``problems`` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class ContributionEntry:
    """A contribution as typed: text in, checked by ``check``."""

    donor: str
    amount: str
    currency: str
    received_on: date | str | None
    purpose: str = ""
    facilitator_id: int | str | None = None


def check(entry: ContributionEntry) -> tuple[dict[str, Any], dict[str, str]]:
    """The entry's clean values and the problems found (field -> message), all in one round."""
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {"contributor": str(entry.donor or "").strip(), "purpose": str(entry.purpose or "").strip()}
    if not clean["contributor"]:
        problems["donor"] = _("Name the donor.")
    elif len(clean["contributor"]) > 200:
        problems["donor"] = _("The donor's name is longer than 200 characters.")
    elif CONTROL.search(clean["contributor"]):
        problems["donor"] = _("The donor's name contains a control character; type it again.")
    if CONTROL.search(clean["purpose"].replace("\n", "").replace("\r", "").replace("\t", "")):
        problems["purpose"] = _("The purpose contains a control character; type it again.")
    try:
        amount = Decimal(str(entry.amount).strip().replace(",", ""))
        if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
            raise InvalidOperation
        clean["amount"] = amount
    except (InvalidOperation, ValueError):
        problems["amount"] = _("Give the amount as a positive number with at most two decimals, e.g. 25000.50.")
    currency = str(entry.currency or "").strip().upper()
    if not CURRENCY.fullmatch(currency):
        problems["currency"] = _("Give the currency as three letters (ISO 4217), e.g. USD.")
    clean["currency"] = currency
    received = _date(entry.received_on)
    if received is None:
        problems["received_on"] = _("Give the date the contribution was received (YYYY-MM-DD).")
    elif received > date.today():
        problems["received_on"] = _("The date received cannot be in the future.")
    clean["received_on"] = received
    clean["nominee"] = None
    if entry.facilitator_id not in (None, ""):
        nominee = _nominee(entry.facilitator_id)
        if nominee is None:
            problems["facilitator"] = _("Name a member of the body as facilitator, or nobody.")
        clean["nominee"] = nominee
    return clean, problems


def record_contribution(actor: User, entry: ContributionEntry) -> DonorContribution:
    """Record a contribution; refused whole (nothing written) when any field is wrong. Audited
    with its amount, currency and date."""
    if not may_record_contributions(actor):
        raise WorkflowError(_("Only administrators and contributions officers record contributions."))
    clean, problems = check(entry)
    if problems:
        raise ContributionProblems(problems)
    contribution = DonorContribution(year=clean["received_on"].year, recorded_by=actor, **clean)
    db.session.add(contribution)
    db.session.flush()
    audit.record(actor, contribution, "contribution_recorded", amount=str(contribution.amount),
                 currency=contribution.currency, received_on=contribution.received_on.isoformat())
    return contribution


def contributions(viewer: User, year: int | None = None) -> list[DonorContribution]:
    """Every contribution (of ``year``), latest first, for those who may see them."""
    _require_sight(viewer)
    query = select(DonorContribution).options(selectinload(DonorContribution.nominee))
    if year is not None:
        query = query.where(DonorContribution.year == year)
    return list(db.session.execute(query.order_by(DonorContribution.year.desc(), DonorContribution.received_on.desc(),
                                                  DonorContribution.id.desc())).scalars())


@dataclass(frozen=True)
class ReportRow:
    """One line of the yearly report: a donor's contributions in one currency in one year."""

    year: int
    currency: str
    donor: str
    count: int
    total: Decimal


def yearly_report(viewer: User) -> list[ReportRow]:
    """Contributions per year, per currency, per donor (summed in SQL), latest year first."""
    _require_sight(viewer)
    c = DonorContribution
    rows = db.session.execute(
        select(c.year, c.currency, c.contributor, func.count(c.id), func.sum(c.amount))
        .group_by(c.year, c.currency, c.contributor).order_by(c.year.desc(), c.currency, c.contributor)).all()
    return [ReportRow(year, currency, donor, count, Decimal(total).quantize(Decimal("0.01")))
            for year, currency, donor, count, total in rows]


def totals(rows: list[ReportRow]) -> dict[tuple[int, str], Decimal]:
    """Each year's total per currency (currencies are never added together)."""
    out: dict[tuple[int, str], Decimal] = {}
    for row in rows:
        out[(row.year, row.currency)] = out.get((row.year, row.currency), Decimal("0")) + row.total
    return out


def _may_facilitate() -> ColumnElement[bool]:
    """A nominee who may be named as facilitator: appointed to a body (a member, now or before),
    not erased. Nobody else's name reaches the contributions pages."""
    appointed = select(Nomination.id).where(Nomination.nominee_id == Nominee.id,
                                            Nomination.status == NominationStatus.APPOINTED).exists()
    return and_(Nominee.anonymised_at.is_(None), appointed)


def facilitator_choices() -> list[tuple[str, str]]:
    """People who may be named as facilitators: the members appointed, by name."""
    people = db.session.execute(select(Nominee.id, Nominee.name, Nominee.organization)
                                .where(_may_facilitate()).order_by(Nominee.name)).all()
    return [("", _("Nobody"))] + [(str(i), f"{name} ({org})" if org else name) for i, name, org in people]


def _require_sight(viewer: User) -> None:
    if not may_see_contributions(viewer):
        raise WorkflowError(_("Only administrators and contributions officers see contributions."))


def _date(value: date | str | None) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def _nominee(value: int | str) -> Nominee | None:
    number = parse_id(str(value))
    if number is None:
        return None
    return db.session.execute(select(Nominee).where(Nominee.id == number, _may_facilitate())).scalar()
