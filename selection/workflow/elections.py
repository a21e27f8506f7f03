"""Electing a body's Chair and Vice-Chair each year by secret ballot.

The terms of reference: "The roles of Chair and Vice-Chair of the Panel will be held on an
annual rotating basis amongst members, elected by members of the Panel." The Secretariat opens
the elections of a year (one per office); members propose candidates (themselves, or another
member who accepts); the Secretariat opens the vote; each member casts one secret ballot per
office and round; counting a round either elects the candidate with most votes, who takes
office on the day set, or sends the tied leaders to a further round.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from flask_babel import format_date, gettext as _
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Body, BodyPerson, OfficeTerm, User
from selection.models.body_enums import SEATED, Office, PersonCategory
from selection.models.election import (
    Ballot, CandidacyStatus, Election, ElectionCandidacy, ElectionStatus, VoteRecord,
)
from selection.workflow import audit
from selection.workflow.errors import ForbiddenTransition, WorkflowError

S = ElectionStatus
ELECTION_TRANSITIONS: dict[ElectionStatus, frozenset[ElectionStatus]] = {
    S.NOMINATING: frozenset({S.VOTING, S.CANCELLED}),
    # A counted round with a tie stays in VOTING (the next round); a winner decides it.
    S.VOTING: frozenset({S.VOTING, S.DECIDED, S.CANCELLED}),
    S.DECIDED: frozenset(),
    S.CANCELLED: frozenset(),
}


def is_decided(election: Election) -> bool:
    """Its winner is elected: the count is published."""
    return election.status == S.DECIDED


def move_election(election: Election, target: ElectionStatus, actor: User | None, **details: Any) -> None:
    """Change an election's status along ``ELECTION_TRANSITIONS`` and record it."""
    if target not in ELECTION_TRANSITIONS[election.status]:
        raise ForbiddenTransition(
            _("The election of the %(office)s cannot go from “%(current)s” to “%(target)s”.",
              office=election.office.label, current=election.status.label, target=target.label)
        )
    previous = election.status
    election.status = target
    audit.record(actor, election, "election_moved", from_state=previous.value, to_state=target.value, **details)


def electorate(body: Body, day: date) -> list[BodyPerson]:
    """The people who vote and may stand on ``day``: serving members, and ex officio members
    when the body's settings say so."""
    categories = set(SEATED) if body.setting("ex_officio_vote") else {PersonCategory.MEMBER}
    return [p for p in body.people if p.category in categories and p.serves_on(day)]


def open_elections(body: Body, year: int, takes_office_on: date, actor: User | None) -> list[Election]:
    """Open the elections of ``year``: one per office, taking candidacies."""
    existing = db.session.scalar(select(func.count(Election.id)).where(Election.body_id == body.id, Election.year == year))
    if existing:
        raise WorkflowError(_("The elections of %(year)s are already open for %(body)s.", year=year, body=body.name))
    if not electorate(body, takes_office_on):
        raise WorkflowError(_("%(body)s has no serving members on %(day)s to elect officers.", body=body.name, day=format_date(takes_office_on, "long")))
    elections = [Election(body=body, year=year, office=office, takes_office_on=takes_office_on) for office in Office]
    db.session.add_all(elections)
    db.session.flush()
    for election in elections:
        audit.record(actor, election, "election_opened", year=year, office=election.office.value,
                     takes_office_on=takes_office_on.isoformat())
    return elections


def outgoing_chair(body: Body, day: date) -> BodyPerson | None:
    """Who holds the Chair the day before ``day`` (the rotation rule concerns them)."""
    return next((p for p in body.people if p.office_on(day - timedelta(days=1)) == Office.CHAIR), None)


def standing_problem(election: Election, candidate: BodyPerson) -> str | None:
    """Why ``candidate`` may not stand in ``election``, or None."""
    body = election.body
    if candidate not in electorate(body, election.takes_office_on):
        return _("%(name)s is not a member who may stand for office in %(body)s.", name=candidate.display_name, body=body.name)
    if (election.office == Office.CHAIR and not body.setting("outgoing_chair_may_stand")
            and outgoing_chair(body, election.takes_office_on) == candidate):
        return _("%(name)s is the outgoing Chair; the Chair rotates every year.", name=candidate.display_name)
    if any(c.person_id == candidate.id for c in election.candidacies):
        return _("%(name)s is already proposed for the %(office)s.", name=candidate.display_name, office=election.office.label)
    other = db.session.scalar(
        select(ElectionCandidacy).join(Election).where(
            Election.body_id == body.id, Election.year == election.year, Election.id != election.id,
            ElectionCandidacy.person_id == candidate.id, ElectionCandidacy.status != CandidacyStatus.DECLINED,
        )
    )
    if other is not None:
        return _("%(name)s already stands for the %(office)s this year.", name=candidate.display_name, office=other.election.office.label)
    return None


def propose_candidate(
    election: Election, candidate: BodyPerson, proposer: BodyPerson, actor: User | None, statement: str = ""
) -> ElectionCandidacy:
    """A member proposes a candidate; standing oneself counts as accepted at once."""
    if election.status != S.NOMINATING:
        raise WorkflowError(_("Candidacies for the %(office)s are closed.", office=election.office.label))
    if proposer not in electorate(election.body, election.takes_office_on):
        raise WorkflowError(_("%(name)s is not a member who may propose candidates.", name=proposer.display_name))
    problem = standing_problem(election, candidate)
    if problem:
        raise WorkflowError(problem)
    status = CandidacyStatus.ACCEPTED if candidate == proposer else CandidacyStatus.PROPOSED
    candidacy = ElectionCandidacy(
        election=election, person=candidate, proposed_by=proposer, status=status, statement=statement.strip()
    )
    db.session.add(candidacy)
    db.session.flush()
    audit.record(actor, election, "candidate_proposed", candidate_id=candidate.id, proposed_by_id=proposer.id,
                 status=status.value)
    return candidacy


def answer_candidacy(candidacy: ElectionCandidacy, accept: bool, person: BodyPerson, actor: User | None) -> None:
    """The proposed candidate accepts or declines (only they may, only while nominating)."""
    if candidacy.person_id != person.id:
        raise WorkflowError(_("Only the person proposed may accept or decline the candidacy."))
    if candidacy.election.status != S.NOMINATING or candidacy.status != CandidacyStatus.PROPOSED:
        raise WorkflowError(_("This candidacy cannot be answered any more."))
    candidacy.status = CandidacyStatus.ACCEPTED if accept else CandidacyStatus.DECLINED
    audit.record(actor, candidacy.election, "candidacy_answered", candidate_id=person.id,
                 status=candidacy.status.value)


def standing(election: Election) -> list[ElectionCandidacy]:
    """The accepted candidacies still in the election's current round."""
    return [
        c for c in election.candidacies
        if c.status == CandidacyStatus.ACCEPTED and c.last_round >= election.round
    ]


def open_voting(election: Election, actor: User | None) -> None:
    """Close candidacies and open the vote; at least one accepted candidate is needed."""
    if not standing(election):
        raise WorkflowError(_("No candidate has accepted to stand for the %(office)s yet.", office=election.office.label))
    move_election(election, S.VOTING, actor, round=election.round)


def has_voted(election: Election, voter: BodyPerson) -> bool:
    """True once ``voter`` has cast their ballot in the current round."""
    return db.session.scalar(
        select(func.count(VoteRecord.id)).where(
            VoteRecord.election_id == election.id, VoteRecord.round == election.round, VoteRecord.voter_id == voter.id
        )
    ) > 0


def cast_ballot(
    election: Election, voter: BodyPerson, candidacy: ElectionCandidacy, actor: User | None, today: date
) -> Ballot:
    """Cast ``voter``'s secret ballot for ``candidacy``; returns the ballot (its receipt lets the
    voter find it in the published count). The audit log records that they voted, not how."""
    if election.status != S.VOTING:
        raise WorkflowError(_("The vote for the %(office)s is not open.", office=election.office.label))
    if voter not in electorate(election.body, election.takes_office_on):
        raise WorkflowError(_("%(name)s does not vote in this election.", name=voter.display_name))
    if candidacy not in standing(election):
        raise WorkflowError(_("That candidate does not stand in this round."))
    if has_voted(election, voter):
        raise WorkflowError(_("You have already voted for the %(office)s in this round.", office=election.office.label))
    db.session.add(VoteRecord(election_id=election.id, round=election.round, voter_id=voter.id, voted_on=today))
    ballot = Ballot(election_id=election.id, round=election.round, candidacy_id=candidacy.id)
    db.session.add(ballot)
    audit.record(actor, election, "vote_cast", voter_id=voter.id, round=election.round)
    return ballot


def tally(election: Election, round_number: int) -> Counter[int]:
    """Votes per candidacy id in a round, recounted from the stored ballots."""
    rows = db.session.execute(
        select(Ballot.candidacy_id, func.count(Ballot.id))
        .where(Ballot.election_id == election.id, Ballot.round == round_number)
        .group_by(Ballot.candidacy_id)
    )
    return Counter({candidacy_id: votes for candidacy_id, votes in rows})


def count_round(election: Election, actor: User | None) -> ElectionCandidacy | None:
    """Count the current round: the one candidate with most votes is elected and takes office;
    a tie at the top opens a further round between the tied candidates (returns None)."""
    if election.status != S.VOTING:
        raise WorkflowError(_("The vote for the %(office)s is not open.", office=election.office.label))
    votes = tally(election, election.round)
    if not votes:
        raise WorkflowError(_("No ballot has been cast in this round yet."))
    candidates = standing(election)
    counts = {c.id: votes.get(c.id, 0) for c in candidates}
    election.results = {**(election.results or {}), str(election.round): {str(k): v for k, v in counts.items()}}
    top = max(counts.values())
    leaders = [c for c in candidates if counts[c.id] == top]
    if len(leaders) > 1:
        return _next_round(election, leaders, counts, actor)
    return _elect(election, leaders[0], counts, actor)


def _next_round(
    election: Election, tied: list[ElectionCandidacy], counts: dict[int, int], actor: User | None
) -> None:
    """Send the tied candidates to a further round."""
    election.round += 1
    for candidacy in tied:
        candidacy.last_round = election.round
    move_election(election, S.VOTING, actor, round=election.round, counted=counts,
                  tied=[c.person_id for c in tied])
    return None


def _elect(election: Election, winner: ElectionCandidacy, counts: dict[int, int], actor: User | None) -> ElectionCandidacy:
    """Record the winner and their year in office, ending the previous holder's term."""
    winner.elected = True
    starts = election.takes_office_on
    for term in db.session.scalars(
        select(OfficeTerm).where(OfficeTerm.body_id == election.body_id, OfficeTerm.office == election.office)
    ):
        if term.starts_on < starts and (term.ends_on is None or term.ends_on >= starts):
            term.ends_on = starts - timedelta(days=1)
    db.session.add(OfficeTerm(body_id=election.body_id, person=winner.person, office=election.office,
                              starts_on=starts, ends_on=last_day_of_year_from(starts), note=f"Elected in {election.year}"))
    move_election(election, S.DECIDED, actor, round=election.round, counted=counts, elected_id=winner.person_id)
    return winner


def last_day_of_year_from(day: date) -> date:
    """The last day of a year in office that starts on ``day``."""
    try:
        return day.replace(year=day.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


def cancel_election(election: Election, actor: User | None, reason: str) -> None:
    """Cancel an election that has not been decided; the reason is recorded."""
    if not reason.strip():
        raise WorkflowError(_("Say why the election is cancelled."))
    move_election(election, S.CANCELLED, actor, reason=reason.strip())


def verify_count(election: Election) -> bool:
    """True when every counted round's stored result equals a recount of its ballots."""
    for round_number, counted in (election.results or {}).items():
        recount = tally(election, int(round_number))
        if any(recount.get(int(candidacy), 0) != votes for candidacy, votes in counted.items()):
            return False
        if sum(recount.values()) != sum(counted.values()):
            return False
    return True


def voters_of(election: Election) -> list[BodyPerson]:
    """Who has voted in the current round (never how), for the Secretariat."""
    return list(db.session.scalars(
        select(BodyPerson).join(VoteRecord, VoteRecord.voter_id == BodyPerson.id)
        .where(VoteRecord.election_id == election.id, VoteRecord.round == election.round)
        .order_by(BodyPerson.sort_name)
    ))


def published_ballots(election: Election) -> list[tuple[int, str, ElectionCandidacy]]:
    """Every ballot of a decided or counted round as (round, receipt, choice), in receipt order,
    so that anyone can recount and each voter can find their own."""
    by_id = {c.id: c for c in election.candidacies}
    rows = db.session.execute(
        select(Ballot.round, Ballot.receipt, Ballot.candidacy_id)
        .where(Ballot.election_id == election.id, Ballot.round < election.round + (election.status == S.DECIDED))
        .order_by(Ballot.round, Ballot.receipt)
    )
    return [(round_number, receipt, by_id[candidacy_id]) for round_number, receipt, candidacy_id in rows]


def elections_of(body: Body) -> list[Election]:
    """A body's elections, latest year first, Chair before Vice-Chair."""
    return list(db.session.scalars(
        select(Election).where(Election.body_id == body.id).order_by(Election.year.desc(), Election.office)
    ))


def open_elections_for(people: list[BodyPerson]) -> list[Election]:
    """The elections taking candidacies or votes in the bodies of ``people``."""
    body_ids = {p.body_id for p in people}
    if not body_ids:
        return []
    return list(db.session.scalars(
        select(Election).where(Election.body_id.in_(body_ids), Election.status.in_([S.NOMINATING, S.VOTING]))
        .order_by(Election.year, Election.office)
    ))


def decided_elections_for(people: list[BodyPerson]) -> list[Election]:
    """Decided elections of the bodies of ``people``, latest first (their counts are public to them)."""
    body_ids = {p.body_id for p in people}
    if not body_ids:
        return []
    return list(db.session.scalars(
        select(Election).where(Election.body_id.in_(body_ids), Election.status == S.DECIDED)
        .order_by(Election.year.desc(), Election.office)
    ))
