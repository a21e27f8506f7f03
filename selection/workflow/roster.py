"""The roster of a body: appointed members by seat, and the ex officio seats derived from the
call's term and the IGF host countries (the shipped table, overridden by an administrator)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from selection.data import N_, country_name, countries, igf_hosts
from selection.extensions import db
from selection.models import Call, Decision, HostCountryOverride, Membership, Nomination, User, utcnow
from selection.models.call import EX_OFFICIO_KINDS
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.review import NotPermitted
from selection.workflow.permissions import may_announce, may_manage_calls
from selection.workflow.visibility import roster_is_public

HOST_OFFSETS = {"host_previous": -1, "host_current": 0, "host_upcoming": 1}


@dataclass(frozen=True)
class Host:
    """One year's IGF host as the engine knows it; ``iso2`` None: no host country known."""

    year: int
    iso2: str | None
    city: str
    overridden: bool
    note: str = ""

    @property
    def country(self) -> str:
        """The host country's name, or an empty string when there is none."""
        return country_name(self.iso2) if self.iso2 else ""


def host_of(year: int) -> Host:
    """The host of ``year``: the administrator's entry, else the shipped table, else unknown."""
    override = db.session.execute(select(HostCountryOverride).where(HostCountryOverride.year == year)).scalar_one_or_none()
    if override is not None:
        return Host(year, override.iso2, override.city, True, override.note)
    shipped = igf_hosts().get(year)
    if shipped is None:
        return Host(year, None, "", False)
    return Host(year, shipped.iso2, shipped.city, False)


def host_years() -> list[Host]:
    """Every year of the shipped table and of the overrides, plus the next two, newest first."""
    overrides = set(db.session.execute(select(HostCountryOverride.year)).scalars())
    years = set(igf_hosts()) | overrides
    latest = max(years | {utcnow().year})
    years |= {latest + 1, latest + 2}
    return [host_of(year) for year in sorted(years, reverse=True)]


def set_host(year: int, iso2: str | None, city: str, note: str, actor: User | None) -> HostCountryOverride:
    """Record (or correct) one year's host; ``iso2`` None records that the host is not decided."""
    if not may_manage_calls(actor):
        raise NotPermitted(_("Only administrators may edit the IGF host countries."))
    if iso2 and iso2.upper() not in countries():
        raise WorkflowError(_("%(code)s is not a country code this engine knows.", code=iso2))
    if not 2006 <= year <= 2100:
        raise WorkflowError(_("Give a year between 2006 and 2100."))
    before = host_of(year)
    row = db.session.execute(select(HostCountryOverride).where(HostCountryOverride.year == year)).scalar_one_or_none()
    if row is None:
        row = HostCountryOverride(year=year)
        db.session.add(row)
    row.iso2, row.city, row.note, row.updated_by = (iso2.upper() if iso2 else None), city.strip(), note.strip(), actor
    db.session.flush()
    audit.record(actor, row, "host_set", year=year, old=before.iso2, new=row.iso2, city=row.city, note=row.note)
    return row


@dataclass(frozen=True)
class ExOfficioSeat:
    """An ex officio seat: who holds it in words, or why it is vacant."""

    kind: str
    title: str
    holder: str
    vacant: bool


def ex_officio_seats(call: Call) -> list[ExOfficioSeat]:
    """The call's ex officio seats for the first year of its term, in the order of EX_OFFICIO_KINDS,
    in the page's language."""
    seats = []
    for kind in EX_OFFICIO_KINDS:
        if kind not in (call.ex_officio_seats or []):
            continue
        if kind in HOST_OFFSETS:
            host = host_of(call.term_start.year + HOST_OFFSETS[kind])
            title = _(HOST_SEAT_TITLES[kind], year=host.year)
            if host.iso2:
                country = _country_in_page_language(host.iso2)
                holder = (_("A senior representative of %(country)s (IGF %(year)s, %(city)s, %(country)s)",
                            country=country, year=host.year, city=host.city) if host.city else
                          _("A senior representative of %(country)s (IGF %(year)s, %(country)s)",
                            country=country, year=host.year))
                seats.append(ExOfficioSeat(kind, title, holder, False))
            else:
                seats.append(ExOfficioSeat(kind, title, _("Vacant: the host of IGF %(year)s is not decided",
                                                          year=host.year), True))
        else:
            seats.append(ExOfficioSeat(kind, _(EX_OFFICIO_TITLES[kind]), _(EX_OFFICIO_HOLDERS[kind]), False))
    return seats


HOST_SEAT_TITLES = {"host_previous": N_("Previous IGF host country (%(year)s)"),
                    "host_current": N_("Current IGF host country (%(year)s)"),
                    "host_upcoming": N_("Upcoming IGF host country (%(year)s)")}
EX_OFFICIO_TITLES = {"mag_chair": N_("Chair of the Multistakeholder Advisory Group"),
                     "envoy_technology": N_("Secretary-General's Envoy on Technology")}
EX_OFFICIO_HOLDERS = {"mag_chair": N_("The Chair of the Multistakeholder Advisory Group"),
                      "envoy_technology": N_("The Secretary-General's Envoy on Technology")}


def _country_in_page_language(iso2: str) -> str:
    from selection.i18n import country_name_in  # the page's language; imported late (i18n imports the app's pieces)

    return country_name_in(iso2)


@dataclass(frozen=True)
class RosterMember:
    """An appointed member as announced."""

    name: str
    title: str
    organization: str
    country: str
    group: str
    term_start: date
    term_end: date
    nationality: str = ""  # ISO code, for the country's name in the page's language
    group_id: int | None = None


def members_of(call: Call) -> list[RosterMember]:
    """The appointed members, group by group in the call's order, then by name."""
    rows = db.session.execute(select(Membership).join(Nomination).where(Membership.call_id == call.id)).scalars().all()
    position = {group.id: group.position for group in call.groups}
    rows = sorted(rows, key=lambda m: (position.get(m.group_id, 0), m.nomination.nominee.name))
    return [RosterMember(m.nomination.nominee.name, m.nomination.nominee.title, m.nomination.nominee.organization,
                         country_name(m.nomination.nominee.nationality), m.group.name, m.term_start, m.term_end,
                         m.nomination.nominee.nationality or "", m.group_id)
            for m in rows]


def announce(call: Call, actor: User | None, on: date | None = None, now: datetime | None = None) -> Decision:
    """Publish the roster of a decided call: at once, or from 00:00 UTC of a later date ``on``.

    Until its date has come, an announcement may be made again with another date. Refused,
    with nothing changed: the actor may not announce, the call is not decided, the roster is
    public already, or the date has passed.
    """
    if not may_announce(actor):
        raise NotPermitted(_("Only the Secretariat, decision-makers and administrators may announce the members."))
    decision = db.session.execute(select(Decision).where(Decision.call_id == call.id)).scalar_one_or_none()
    if decision is None:
        raise WorkflowError(_("No decision has been recorded on this call: there are no members to announce."))
    now = now or utcnow()
    if roster_is_public(decision, now):
        raise WorkflowError(_("The members were announced on %(date)s; the roster is public.",
                              date=format_date(decision.public_from, "long")))
    if on is not None and on < now.date():
        raise WorkflowError(_("The announcement date cannot be in the past; give %(date)s or a later date.",
                              date=format_date(now, "long")))
    public_from = now if on is None or on == now.date() else datetime.combine(on, time.min, tzinfo=timezone.utc)
    decision.announced_at, decision.announced_by, decision.public_from = now, actor, public_from
    audit.record(actor, call, "roster_announced", public_from=public_from.isoformat(), scheduled=public_from > now)
    db.session.flush()
    return decision
