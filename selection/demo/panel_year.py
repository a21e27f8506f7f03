"""The demo Panel's year: members' countries, the elections of next year's officers under way,
an in-person meeting at the annual IGF meeting with its travel budget and requests."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from selection.extensions import db
from selection.models import Body, User
from selection.models.body_enums import MeetingMode, PersonCategory
from selection.demo.panel_body import MEMBERS
from selection.workflow import elections, travel
from selection.workflow.bodies import meetings

# Members' nationalities, in the order of ``panel_body.MEMBERS`` (Chair, Vice-Chair, ...): Malawi is a least developed
# country, Fiji a small island developing State, Peru and Ghana developing economies.
COUNTRIES = ["GB", "IT", "PE", "MW", "SE", "JP", "SN", "GH", "FJ", "BR"]


def seed_panel_year(body: Body, secretariat: User | None, now: datetime) -> None:
    """Give the demo Panel its year: countries, elections, and travel support to the IGF."""
    by_name = {p.name: p for p in body.people if p.category == PersonCategory.MEMBER}
    members = [by_name[name] for _honorific, name, _seat in MEMBERS]
    for index, (person, country) in enumerate(zip(members, COUNTRIES)):
        person.country = country
        if index % 2:  # staggered terms: half the Panel serves a year more
            person.term_end = date(now.year + 1, 12, 31)
    db.session.flush()
    _elections(body, members, secretariat, now)
    _travel(body, members, secretariat, now)


def _elections(body: Body, members: list, actor: User | None, now: datetime) -> None:
    """Next year's elections among the members who serve on (the odd ones of ``members``): the
    Chair's vote under way, the Vice-Chair taking candidacies."""
    chair, vice = elections.open_elections(body, now.year + 1, date(now.year + 1, 1, 1), actor)
    for candidate in (members[5], members[7]):
        elections.propose_candidate(chair, candidate, candidate, actor, "I would serve the Panel with care.")
    elections.propose_candidate(chair, members[9], members[3], actor)  # waits for the candidate's answer
    elections.open_voting(chair, actor)
    standing = elections.standing(chair)
    for voter, choice in ((members[1], 0), (members[3], 1), (members[9], 0)):
        elections.cast_ballot(chair, voter, standing[choice], actor, now.date())
    elections.propose_candidate(vice, members[3], members[3], actor)
    elections.propose_candidate(vice, members[1], members[9], actor)


def _travel(body: Body, members: list, actor: User | None, now: datetime) -> None:
    """The annual IGF meeting in person, with a budget, one authorised and one waiting request."""
    day = now.date() + timedelta(days=45)
    starts = datetime.combine(day, time(9, 0), timezone.utc)
    meeting = meetings.schedule(body, meetings.MeetingDetails(
        title="In-person meeting at the annual IGF meeting", starts_at=starts, ends_at=starts + timedelta(hours=3),
        mode=MeetingMode.HYBRID, place="Conference centre, room 4", link="https://meet.example.org/igf-lp",
        purpose="To meet in person during the annual IGF meeting and present the Panel's report.",
        at_annual_igf=True), actor)
    travel.set_budget(meeting, Decimal("12000.00"), Decimal("310.00"), "USD", actor)
    malawi = travel.request_support(meeting, members[3], travel.SupportRequest(
        Decimal("1850.00"), 5, True, "Asked the national regulator; it covers local transport only."), actor)
    travel.authorise(malawi, Decimal("3400.00"), actor, now.date(), "Economy class; receipts to the Secretariat.")
    travel.request_support(meeting, members[7], travel.SupportRequest(Decimal("2400.00"), 5, False), actor)
