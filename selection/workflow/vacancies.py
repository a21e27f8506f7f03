"""Filling a seat left vacant during the term (issue 16).

A member who resigns or cannot serve leaves a vacancy (``terms.record_departure``). The
decision-maker fills it from the shortlist of the call that appointed them: the candidates are
that call's nominees of the seat's stakeholder group who were shortlisted but not appointed;
the optimizer proposes slates with every other sitting member pinned, so the slates differ only
in the vacant seat and the call's balance rules (and the body's renewal rules) still hold. The
fill is recorded as its own decision (``VacancyDecision``): the nominee is appointed for the
rest of the departed member's term, joins the body, and hears of it by a notice held for the
Secretariat's release.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    BodyPerson,
    Call,
    CallStatus,
    Membership,
    Nomination,
    NominationStatus,
    SlateRun,
    SlateRunStatus,
    StakeholderGroup,
    User,
    VacancyDecision,
)
from selection.models.body_enums import PersonCategory
from selection.slates import (
    RunView,
    SlateOptions,
    build_problem,
    candidate_id,
    problem_violation_texts,
    run_view,
    solve_problem,
)
from selection.workflow import audit, notifications
from selection.workflow.decision import decision_of
from selection.workflow.errors import WorkflowError
from selection.workflow.nominations import move
from selection.workflow.permissions import may_fill_vacancy
from selection.workflow.review import NotPermitted
from selection.workflow.slate_runs import merit_inputs, recommendation_words
from selection.workflow.terms import vacancies

# Shortlisted nominees who were not appointed (or, for a call decided another way, still shortlisted).
ELIGIBLE = (NominationStatus.NOT_APPOINTED, NominationStatus.SHORTLISTED)
# A handful of candidates for one seat: solved at once, in the request.
VACANCY_OPTIONS = SlateOptions(slates=5, min_difference=1, time_limit_s=5)


@dataclass(frozen=True)
class Vacancy:
    """A vacated seat: who left, the appointment they held, and the rest of its term."""

    person: BodyPerson
    membership: Membership
    starts_on: date  # the day after the departure
    ends_on: date

    @property
    def call(self) -> Call:
        """The call whose shortlist fills the seat: the one that appointed the departed member."""
        return self.membership.call

    @property
    def group(self) -> StakeholderGroup:
        """The seat's stakeholder group."""
        return self.membership.group


def vacancy_of(person: BodyPerson, today: date) -> Vacancy:
    """The vacancy ``person`` left; ``WorkflowError`` when their seat is not vacant (still serving,
    never appointed through a call, the term over, or filled already) or the call is not decided."""
    if person not in vacancies(person.body, today):
        raise WorkflowError(_("The seat of %(name)s is not vacant: there is nothing to fill.", name=person.display_name))
    membership = person.membership
    assert membership is not None and person.term_end is not None  # guaranteed by ``vacancies``
    if membership.call.status != CallStatus.DECIDED:
        raise WorkflowError(_("The call %(call)s is not decided: its shortlist cannot fill a seat yet.", call=membership.call.title))
    return Vacancy(person, membership, person.term_end + timedelta(days=1), membership.term_end)


def find_vacancy(person: BodyPerson, today: date) -> Vacancy | None:
    """The vacancy ``person`` left, or None when there is none to fill (see ``vacancy_of``)."""
    try:
        return vacancy_of(person, today)
    except WorkflowError:
        return None


def open_vacancies(today: date) -> list[Vacancy]:
    """Every vacancy of every body that a decided call's shortlist may fill, oldest departure first."""
    departed = db.session.scalars(select(BodyPerson).where(
        BodyPerson.category == PersonCategory.MEMBER, BodyPerson.active.is_(False),
        BodyPerson.membership_id.is_not(None)))
    found = []
    for person in departed:
        try:
            found.append(vacancy_of(person, today))
        except WorkflowError:
            continue
    return sorted(found, key=lambda v: (v.starts_on, v.person.sort_name))


def _people_of_call(call: Call) -> dict[int, BodyPerson]:
    """The body people appointed through the call, by membership id."""
    rows = db.session.scalars(select(BodyPerson).join(Membership, BodyPerson.membership_id == Membership.id)
                              .where(Membership.call_id == call.id))
    return {p.membership_id: p for p in rows if p.membership_id is not None}


def sitting_members(vacancy: Vacancy) -> list[Nomination]:
    """The call's appointed members still serving: pinned in every proposed slate."""
    people = _people_of_call(vacancy.call)
    memberships = db.session.scalars(select(Membership).where(Membership.call_id == vacancy.call.id)
                                     .order_by(Membership.id))
    return [m.nomination for m in memberships if people.get(m.id) is None or people[m.id].active]


def other_vacancies(vacancy: Vacancy) -> list[BodyPerson]:
    """The call's other seats vacant at the same time: left empty by this fill."""
    departure = vacancy.starts_on - timedelta(days=1)
    return [p for p in vacancies(vacancy.person.body, departure)
            if p.id != vacancy.person.id and p.membership is not None and p.membership.call_id == vacancy.call.id]


def candidates(vacancy: Vacancy) -> list[Nomination]:
    """The call's nominees of the seat's group who were shortlisted and not appointed."""
    return list(db.session.scalars(select(Nomination).where(
        Nomination.call_id == vacancy.call.id, Nomination.group_id == vacancy.group.id,
        Nomination.status.in_(ELIGIBLE)).order_by(Nomination.id)))


def vacancy_problem(vacancy: Vacancy, options: SlateOptions = VACANCY_OPTIONS) -> dict[str, Any]:
    """The call's optimizer problem restricted to the seat: candidates = the sitting members
    (pinned) and the eligible nominees; the departed member is no candidate at all; the seats of
    other vacancies of the call are left out of their group's quota."""
    sitting, eligible = sitting_members(vacancy), candidates(vacancy)
    nominations = sitting + eligible
    problem = build_problem(vacancy.call, options, [n.id for n in sitting], [],
                            merit_inputs(vacancy.call, nominations), nominations)
    problem["explain"] = False  # pinned members have no replacement cost worth computing
    _leave_out(problem, vacancy.call, other_vacancies(vacancy))
    return problem


def _leave_out(problem: dict[str, Any], call: Call, empty: list[BodyPerson]) -> None:
    """Seats that stay empty: one fewer seat, and one fewer in the quota of their group."""
    per_group = Counter(p.membership.group.code for p in empty if p.membership is not None)
    names = {group.code: group.name for group in call.groups}
    for rule in problem["rules"]:
        if rule.get("quota") and rule["value"] in per_group:
            seats = rule["max"] - per_group[rule["value"]]
            rule["min"] = rule["max"] = seats
            rule["label"] = f"{names[rule['value']]}: exactly {seats} seat{'s' if seats != 1 else ''} while " \
                            f"{per_group[rule['value']]} stay{'s' if per_group[rule['value']] == 1 else ''} vacant"
    problem["seats"] -= sum(per_group.values())


@dataclass(frozen=True)
class CandidateRow:
    """One candidate for the seat: merit, the first proposed slate bringing them, the rules
    that would break if they joined."""

    nomination: Nomination
    merit: float
    slate_rank: int | None
    hard: tuple[str, ...]
    soft: tuple[str, ...]


@dataclass(frozen=True)
class SeatProposal:
    """What the decision-maker sees for a vacancy: the slates, the candidates and the rules."""

    vacancy: Vacancy
    problem: dict[str, Any]
    view: RunView
    candidates: tuple[CandidateRow, ...]
    sitting: tuple[Nomination, ...]
    left_empty: tuple[BodyPerson, ...]

    @property
    def rules(self) -> list[str]:
        """The rules every slate must meet, in words."""
        return [rule.get("label") or rule["attribute"] for rule in self.problem["rules"]]

    def limits(self, binding: tuple[str, ...]) -> list[str]:
        """A slate's binding rules without the seat quotas (which every slate meets exactly)."""
        quotas = {rule.get("label") for rule in self.problem["rules"] if rule.get("quota")}
        return [label for label in binding if label not in quotas]


def _names(nominations: list[Nomination]) -> dict[str, str]:
    return {candidate_id(n.id): n.nominee.name for n in nominations}


def propose_for_vacancy(vacancy: Vacancy) -> SeatProposal:
    """Solve the seat's problem now (a handful of candidates) and describe every candidate."""
    sitting, eligible = sitting_members(vacancy), candidates(vacancy)
    problem = vacancy_problem(vacancy)
    result = solve_problem(problem)
    transient = SlateRun(call_id=vacancy.call.id, problem=problem, result=result, status=SlateRunStatus.DONE,
                         error="")  # never added to the session: the view of a run not kept
    view = run_view(vacancy.call, transient, recommendation_words(n.id for n in sitting + eligible))
    sitting_ids = {n.id for n in sitting}
    rank_of: dict[int, int] = {}
    for slate in view.slates:
        for nomination_id in set(slate.member_ids) - sitting_ids:
            rank_of.setdefault(nomination_id, slate.rank)
    names = _names(sitting + eligible)
    scores = {c["id"]: float(c["score"]) for c in problem["candidates"]}
    rows = []
    for nomination in eligible:
        hard, soft = problem_violation_texts(problem, [*sitting_ids, nomination.id], names, vacancy.call)
        rows.append(CandidateRow(nomination, scores.get(candidate_id(nomination.id), 0.0),
                                 rank_of.get(nomination.id), tuple(hard), tuple(soft)))
    rows.sort(key=lambda r: (r.slate_rank is None, r.slate_rank or 0, -r.merit, r.nomination.nominee.name))
    return SeatProposal(vacancy, problem, view, tuple(rows), tuple(sitting), tuple(other_vacancies(vacancy)))


@dataclass(frozen=True)
class FillInput:
    """What the decision-maker records: who joins, the date, the rationale, the slate chosen."""

    nomination_id: int | None
    decided_on: date
    rationale: str
    hard_rule_justification: str = ""
    slate_rank: int | None = None


def filled_by(person: BodyPerson) -> VacancyDecision | None:
    """The decision that filled the seat ``person`` left, if any."""
    return db.session.scalar(select(VacancyDecision).where(VacancyDecision.vacated_person_id == person.id))


def fill_vacancy(person: BodyPerson, entry: FillInput, actor: User | None, today: date) -> VacancyDecision:
    """Record the decision filling the seat ``person`` left and appoint the nominee chosen.

    Refused with nothing changed: the actor may not decide; the seat is not vacant; no rationale;
    the nomination is not a candidate for the seat; a hard rule breaks without justification.
    """
    if actor is not None and not may_fill_vacancy(actor):
        raise NotPermitted(_("Only decision-makers and administrators may fill a vacant seat."))
    vacancy = vacancy_of(person, today)
    if not entry.rationale.strip():
        raise WorkflowError(_("Give the rationale of the decision."))
    nomination = _candidate(vacancy, entry.nomination_id)
    sitting = sitting_members(vacancy)
    members = [n.id for n in sitting] + [nomination.id]
    problem = vacancy_problem(vacancy)
    hard, _soft = problem_violation_texts(problem, members, _names(sitting + [nomination]), vacancy.call)
    if hard and not entry.hard_rule_justification.strip():
        raise WorkflowError(_("With %(name)s the %(body)s breaks hard rules (%(rules)s). Give an explicit justification to record it "
                              "anyway.", name=nomination.nominee.name, body=person.body.name, rules="; ".join(hard)))
    membership = _appoint(vacancy, nomination, actor)
    decision = VacancyDecision(
        call_id=vacancy.call.id, vacated_person=person, nomination=nomination, membership=membership,
        member_ids=members, problem=problem, slate_rank=entry.slate_rank if entry.slate_rank else None,
        decided_on=entry.decided_on, rationale=entry.rationale.strip(), broken_rules=hard,
        hard_rule_justification=entry.hard_rule_justification.strip(), decided_by=actor)
    db.session.add(decision)
    db.session.flush()
    audit.record(actor, decision, "vacancy_filled", **decision.summary(), broken_rules=hard,
                 justification=decision.hard_rule_justification or None)
    _join_body(vacancy, nomination, membership, actor)
    return decision


def _candidate(vacancy: Vacancy, nomination_id: int | None) -> Nomination:
    if nomination_id is None:
        raise WorkflowError(_("Choose who fills the seat."))
    eligible = {n.id: n for n in candidates(vacancy)}
    if nomination_id not in eligible:
        found = db.session.get(Nomination, nomination_id)
        of_call = found is not None and found.call_id == vacancy.call.id
        who = found.nominee.name if of_call else _("Nomination %(number)s", number=nomination_id)
        raise WorkflowError(_("%(name)s is not a candidate for this seat: candidates are the %(group)s nominees of %(call)s "
                              "who were shortlisted and not appointed.", name=who, group=vacancy.group.local_name,
                              call=vacancy.call.title))
    return eligible[nomination_id]


def _appoint(vacancy: Vacancy, nomination: Nomination, actor: User | None) -> Membership:
    """The nominee -> appointed, for the rest of the term; their notice is held for release."""
    move(nomination, NominationStatus.APPOINTED, actor, vacancy_of=vacancy.person.id)
    notifications.outcome(nomination, NominationStatus.APPOINTED, actor)
    membership = Membership(call=vacancy.call, decision=decision_of(vacancy.call), nomination=nomination,
                            group=nomination.group, term_start=vacancy.starts_on, term_end=vacancy.ends_on)
    db.session.add(membership)
    db.session.flush()
    return membership


def _join_body(vacancy: Vacancy, nomination: Nomination, membership: Membership, actor: User | None) -> BodyPerson:
    """The new member on the body's roll, in the departed member's seat."""
    nominee = nomination.nominee
    person = BodyPerson(body=vacancy.person.body, category=PersonCategory.MEMBER, name=nominee.name,
                        email=nominee.email, organization=nominee.organization, country=nominee.nationality or "",
                        seat=vacancy.person.seat or nomination.group.name, term_start=vacancy.starts_on,
                        term_end=vacancy.ends_on, membership=membership, user_id=nominee.user_id)
    db.session.add(person)
    db.session.flush()
    audit.record(actor, person, "member_joined", vacated_person=vacancy.person.id, membership=membership.id,
                 term_start=vacancy.starts_on.isoformat(), term_end=vacancy.ends_on.isoformat())
    return person
