"""Electing the Chair and Vice-Chair: candidacies, secret ballots, counting, ties, rotation."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, inspect, select

from selection.extensions import db
from selection.models import AuditEvent, Ballot, OfficeTerm
from selection.models.body_enums import Office
from selection.models.election import CandidacyStatus, ElectionStatus
from selection.workflow import elections
from selection.workflow.errors import ForbiddenTransition, WorkflowError
from tests.selection.bodies.helpers import person, secretariat, year_panel

OFFICE_DAY = date(2026, 1, 1)
TODAY = date(2025, 12, 1)


@pytest.fixture
def panel(app_ctx):
    """The panel, its Secretariat, and the elections of 2026 opened."""
    body = year_panel()
    staff = secretariat()
    chair, vice = elections.open_elections(body, 2026, OFFICE_DAY, staff)
    return body, staff, chair, vice


def _vote(election, body, choices: dict[str, str], staff) -> None:
    """Each voter (by name) votes for the candidate named."""
    by_name = {c.person.name: c for c in elections.standing(election)}
    for voter, choice in choices.items():
        elections.cast_ballot(election, person(body, voter), by_name[choice], staff, TODAY)


def test_one_election_per_office_and_year(panel):
    body, staff, chair, vice = panel
    assert {chair.office, vice.office} == {Office.CHAIR, Office.VICE_CHAIR}
    with pytest.raises(WorkflowError, match="already open"):
        elections.open_elections(body, 2026, OFFICE_DAY, staff)


def test_self_proposal_is_accepted_and_another_must_accept(panel):
    body, staff, chair, _ = panel
    own = elections.propose_candidate(chair, person(body, "Chen Wei"), person(body, "Chen Wei"), staff)
    other = elections.propose_candidate(chair, person(body, "Efua Mensah"), person(body, "Björn Lund"), staff)
    assert own.status == CandidacyStatus.ACCEPTED and other.status == CandidacyStatus.PROPOSED
    with pytest.raises(WorkflowError, match="Only the person proposed"):
        elections.answer_candidacy(other, True, person(body, "Björn Lund"), staff)
    elections.answer_candidacy(other, True, person(body, "Efua Mensah"), staff)
    assert [c.person.name for c in elections.standing(chair)] == ["Chen Wei", "Efua Mensah"]


def test_outgoing_chair_may_not_stand_unless_the_body_allows_it(app_ctx):
    body = year_panel()
    staff = secretariat()
    chair, _ = elections.open_elections(body, 2026, OFFICE_DAY, staff)
    amal = person(body, "Amal Haddad")
    with pytest.raises(WorkflowError, match="outgoing Chair"):
        elections.propose_candidate(chair, amal, amal, staff)
    body.settings = {"outgoing_chair_may_stand": True}
    assert elections.propose_candidate(chair, amal, amal, staff).status == CandidacyStatus.ACCEPTED


def test_ex_officio_members_vote_only_when_the_body_says_so(panel):
    body, staff, chair, _ = panel
    hiroshi = person(body, "Hiroshi Sato")
    with pytest.raises(WorkflowError, match="not a member who may"):
        elections.propose_candidate(chair, hiroshi, hiroshi, staff)
    body.settings = {"ex_officio_vote": True}
    assert hiroshi in elections.electorate(body, OFFICE_DAY)


def test_one_person_stands_for_one_office_a_year(panel):
    body, staff, chair, vice = panel
    chen = person(body, "Chen Wei")
    elections.propose_candidate(chair, chen, chen, staff)
    with pytest.raises(WorkflowError, match="already stands for the Chair"):
        elections.propose_candidate(vice, chen, chen, staff)


def test_secret_ballot_elects_the_candidate_with_most_votes(panel):
    body, staff, chair, _ = panel
    for name in ("Chen Wei", "Efua Mensah"):
        elections.propose_candidate(chair, person(body, name), person(body, name), staff)
    elections.open_voting(chair, staff)
    _vote(chair, body, {"Amal Haddad": "Chen Wei", "Björn Lund": "Chen Wei", "Chen Wei": "Chen Wei",
                        "Dolores Ibarra": "Efua Mensah", "Efua Mensah": "Efua Mensah"}, staff)
    assert [p.name for p in elections.voters_of(chair)] == [
        "Amal Haddad", "Björn Lund", "Chen Wei", "Dolores Ibarra", "Efua Mensah"]
    winner = elections.count_round(chair, staff)
    assert winner.person.name == "Chen Wei" and chair.status == ElectionStatus.DECIDED
    assert person(body, "Chen Wei").office_on(OFFICE_DAY) == Office.CHAIR
    assert person(body, "Amal Haddad").office_on(OFFICE_DAY) is None
    assert elections.verify_count(chair)
    assert len(elections.published_ballots(chair)) == 5


def test_ballots_do_not_name_voters_and_the_audit_log_does_not_say_how(panel):
    body, staff, chair, _ = panel
    elections.propose_candidate(chair, person(body, "Chen Wei"), person(body, "Chen Wei"), staff)
    elections.open_voting(chair, staff)
    _vote(chair, body, {"Björn Lund": "Chen Wei"}, staff)
    assert {c.name for c in inspect(Ballot).columns} == {"id", "election_id", "round", "candidacy_id", "receipt"}
    cast = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "vote_cast")).one()
    assert set(cast.details) == {"voter_id", "round"}


def test_a_voter_votes_once_per_round(panel):
    body, staff, chair, _ = panel
    elections.propose_candidate(chair, person(body, "Chen Wei"), person(body, "Chen Wei"), staff)
    elections.open_voting(chair, staff)
    _vote(chair, body, {"Björn Lund": "Chen Wei"}, staff)
    with pytest.raises(WorkflowError, match="already voted"):
        _vote(chair, body, {"Björn Lund": "Chen Wei"}, staff)
    assert db.session.scalar(select(func.count(Ballot.id))) == 1


def test_a_tie_goes_to_a_further_round_between_the_tied(panel):
    body, staff, chair, _ = panel
    for name in ("Chen Wei", "Efua Mensah", "Dolores Ibarra"):
        elections.propose_candidate(chair, person(body, name), person(body, name), staff)
    elections.open_voting(chair, staff)
    _vote(chair, body, {"Amal Haddad": "Chen Wei", "Björn Lund": "Efua Mensah", "Chen Wei": "Chen Wei",
                        "Efua Mensah": "Efua Mensah", "Dolores Ibarra": "Dolores Ibarra"}, staff)
    assert elections.count_round(chair, staff) is None
    assert chair.round == 2 and chair.status == ElectionStatus.VOTING
    assert sorted(c.person.name for c in elections.standing(chair)) == ["Chen Wei", "Efua Mensah"]
    _vote(chair, body, {"Amal Haddad": "Chen Wei", "Dolores Ibarra": "Chen Wei"}, staff)
    assert elections.count_round(chair, staff).person.name == "Chen Wei"
    assert chair.results["1"] and chair.results["2"] and elections.verify_count(chair)


def test_a_tampered_ballot_fails_verification(panel):
    body, staff, chair, _ = panel
    for name in ("Chen Wei", "Efua Mensah"):
        elections.propose_candidate(chair, person(body, name), person(body, name), staff)
    elections.open_voting(chair, staff)
    _vote(chair, body, {"Amal Haddad": "Chen Wei", "Björn Lund": "Chen Wei", "Chen Wei": "Efua Mensah"}, staff)
    elections.count_round(chair, staff)
    efua = next(c for c in chair.candidacies if c.person.name == "Efua Mensah")
    db.session.scalars(select(Ballot).where(Ballot.candidacy_id != efua.id)).first().candidacy_id = efua.id
    db.session.flush()
    assert not elections.verify_count(chair)


def test_forbidden_moves_raise_and_change_nothing(panel):
    body, staff, chair, _ = panel
    with pytest.raises(WorkflowError, match="No candidate"):
        elections.open_voting(chair, staff)
    with pytest.raises(WorkflowError, match="not open"):
        elections.count_round(chair, staff)
    elections.cancel_election(chair, staff, "The Panel chose to postpone.")
    with pytest.raises(ForbiddenTransition):
        elections.move_election(chair, ElectionStatus.VOTING, staff)
    assert chair.status == ElectionStatus.CANCELLED
    assert db.session.scalar(select(func.count(OfficeTerm.id))) == 1


def test_counting_an_empty_round_is_refused(panel):
    body, staff, chair, _ = panel
    elections.propose_candidate(chair, person(body, "Chen Wei"), person(body, "Chen Wei"), staff)
    elections.open_voting(chair, staff)
    with pytest.raises(WorkflowError, match="No ballot"):
        elections.count_round(chair, staff)


def test_a_year_in_office_from_29_february():
    assert elections.last_day_of_year_from(date(2028, 2, 29)) == date(2029, 2, 28)
    assert elections.last_day_of_year_from(date(2026, 1, 1)) == date(2026, 12, 31)
