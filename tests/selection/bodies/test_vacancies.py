"""Filling a vacant seat: candidates from the call's shortlist, the other members pinned, the
fill recorded as a decision (appointment, membership, the body's roll, audit, held notice)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    AuditEvent, BalanceRule, BodyPerson, Membership, NominationStatus, OutcomeNotice, Role, VacancyDecision,
)
from selection.slates import candidate_id
from selection.workflow import terms, vacancies
from selection.workflow.errors import WorkflowError
from selection.workflow.review import NotPermitted
from selection.workflow.states import can_move
from tests.selection.bodies.helpers import APPOINTED, decided_panel, person_of
from tests.selection.factories import decider
from tests.selection.factories import staff

TODAY = date(2026, 3, 1)
N = NominationStatus


@pytest.fixture
def panel(app_ctx):
    """The decided Panel; Nominee 00 KE (government) left on 19 February 2026."""
    return decided_panel(TODAY)


def _fill(panel, nomination, actor, rationale="Next on the merit list; keeps the regions balanced.", **extra):
    entry = vacancies.FillInput(nomination.id, TODAY, rationale, **extra)
    return vacancies.fill_vacancy(panel.departed, entry, actor, TODAY)


def _counts() -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (VacancyDecision, Membership, BodyPerson, OutcomeNotice, AuditEvent))


def test_a_not_appointed_nominee_may_now_be_appointed():
    assert can_move(N.NOT_APPOINTED, N.APPOINTED)
    assert not can_move(N.NOT_APPOINTED, N.SHORTLISTED) and not can_move(N.APPOINTED, N.NOT_APPOINTED)


def test_the_vacancy_runs_from_the_day_after_the_departure_to_the_end_of_the_term(panel):
    vacancy = vacancies.vacancy_of(panel.departed, TODAY)
    assert vacancy.starts_on == TODAY - timedelta(days=9)
    assert vacancy.ends_on == panel.call.term_end and vacancy.group.code == "government"
    assert [v.person for v in vacancies.open_vacancies(TODAY)] == [panel.departed]


def test_the_candidates_are_the_seats_group_shortlisted_and_not_appointed(panel):
    vacancy = vacancies.vacancy_of(panel.departed, TODAY)
    assert vacancies.candidates(vacancy) == [panel.nominations[2]]
    assert panel.nominations[2].status == N.NOT_APPOINTED


def test_every_other_member_is_pinned_and_the_departed_one_is_no_candidate(panel):
    vacancy = vacancies.vacancy_of(panel.departed, TODAY)
    problem = vacancies.vacancy_problem(vacancy)
    staying = [candidate_id(panel.nominations[i].id) for i in APPOINTED[1:]]
    assert sorted(problem["pinned"]) == sorted(staying)
    ids = {c["id"] for c in problem["candidates"]}
    assert ids == set(staying) | {candidate_id(panel.nominations[2].id)}
    assert candidate_id(panel.nominations[0].id) not in ids
    assert problem["seats"] == 10
    assert any(r.get("quota") and r["value"] == "government" and r["min"] == 2 for r in problem["rules"])


def test_the_proposal_differs_only_in_the_vacant_seat(panel):
    proposal = vacancies.propose_for_vacancy(vacancies.vacancy_of(panel.departed, TODAY))
    assert len(proposal.view.slates) == 1
    slate = proposal.view.slates[0]
    staying = {panel.nominations[i].id for i in APPOINTED[1:]}
    assert set(slate.member_ids) == staying | {panel.nominations[2].id}
    row = proposal.candidates[0]
    assert row.nomination == panel.nominations[2] and row.slate_rank == 1 and not row.hard
    assert any("Government: exactly 2 seats" in rule for rule in proposal.rules)


def test_a_rule_the_candidate_breaks_is_named_and_needs_a_justification(panel):
    # India is in the Asia-Pacific group: allow none from it, and the only candidate breaks the rule.
    panel.call.rules.append(BalanceRule(attribute="region", value="APG", max_seats=1))
    db.session.flush()
    vacancy = vacancies.vacancy_of(panel.departed, TODAY)
    proposal = vacancies.propose_for_vacancy(vacancy)
    assert not proposal.view.slates and proposal.view.conflicts
    assert proposal.candidates[0].hard and "Asia-Pacific" in " ".join(proposal.candidates[0].hard)
    before = _counts()
    with pytest.raises(WorkflowError, match="breaks hard rules"):
        _fill(panel, panel.nominations[2], None)
    assert _counts() == before
    done = _fill(panel, panel.nominations[2], None, hard_rule_justification="The only candidate; approved.")
    assert done.broken_rules and done.hard_rule_justification == "The only candidate; approved."


def test_filling_appoints_for_the_rest_of_the_term_and_holds_the_notice(panel):
    dm = decider()
    chosen = panel.nominations[2]
    done = _fill(panel, chosen, dm, slate_rank=1)
    assert chosen.status == N.APPOINTED
    assert (done.membership.term_start, done.membership.term_end) == (TODAY - timedelta(days=9), panel.call.term_end)
    assert done.membership.decision.call_id == panel.call.id and done.slate_rank == 1
    assert done.decided_by == dm and done.rationale.startswith("Next on the merit list")
    joined = person_of(panel.body, chosen)
    assert joined.active and joined.category.value == "member" and joined.seat == panel.departed.seat
    assert (joined.term_start, joined.term_end) == (done.membership.term_start, done.membership.term_end)
    assert terms.vacancies(panel.body, TODAY) == []
    notice = db.session.scalars(select(OutcomeNotice).where(OutcomeNotice.nomination_id == chosen.id)
                                .order_by(OutcomeNotice.id.desc())).first()
    assert notice.outcome.value == "appointed" and notice.released_at is None
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == dm.id)))
    assert {"vacancy_filled", "member_joined", "status"} <= actions
    with pytest.raises(WorkflowError, match="not vacant"):
        _fill(panel, chosen, dm)


def test_only_decision_makers_fill_a_seat(panel):
    for role in (Role.SECRETARIAT, Role.REVIEWER):
        with pytest.raises(NotPermitted):
            _fill(panel, panel.nominations[2], staff(f"{role.value}@un.example.org", role))
    assert panel.nominations[2].status == N.NOT_APPOINTED
    assert db.session.scalar(select(func.count(VacancyDecision.id))) == 0


def test_bad_input_is_refused_with_nothing_written(panel):
    before = _counts()
    with pytest.raises(WorkflowError, match="rationale"):
        _fill(panel, panel.nominations[2], None, rationale="  ")
    with pytest.raises(WorkflowError, match="Nominee 05 DE is not a candidate for this seat"):
        _fill(panel, panel.nominations[5], None)  # not appointed, but of the private sector
    with pytest.raises(WorkflowError, match="Nominee 01 FR is not a candidate"):
        _fill(panel, panel.nominations[1], None)  # a sitting member
    with pytest.raises(WorkflowError, match="Choose who fills"):
        vacancies.fill_vacancy(panel.departed, vacancies.FillInput(None, TODAY, "Why"), None, TODAY)
    with pytest.raises(WorkflowError, match="not vacant"):
        vacancies.fill_vacancy(person_of(panel.body, panel.nominations[1]),
                               vacancies.FillInput(panel.nominations[2].id, TODAY, "Why"), None, TODAY)
    assert _counts() == before and panel.nominations[2].status == N.NOT_APPOINTED


def test_the_fill_reads_in_words_in_the_audit_log(panel):
    from selection.workflow.audit_words import staff_words

    done = _fill(panel, panel.nominations[2], None, slate_rank=1)
    filled = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "vacancy_filled")).one()
    assert staff_words(filled) == "Vacant seat filled from the shortlist (proposed slate 1)"
    joined = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "member_joined")).one()
    assert staff_words(joined).startswith("Joined the body for the rest of a vacated term")
    assert done.summary()["nomination"] == panel.nominations[2].id


def test_sitting_members_count_as_new_to_the_body_as_they_did_when_chosen(panel):
    # The body asks a third of the seats for newcomers: the members chosen by this very call were
    # newcomers then, and being on the body's roll since must not make the rule impossible.
    panel.body.settings = {"min_share_new_members": 0.3}
    db.session.flush()
    problem = vacancies.vacancy_problem(vacancies.vacancy_of(panel.departed, TODAY))
    assert {c["attributes"]["newcomer"] for c in problem["candidates"]} == {"yes"}
    proposal = vacancies.propose_for_vacancy(vacancies.vacancy_of(panel.departed, TODAY))
    assert proposal.view.slates and any("new to Vacancy Panel" in rule for rule in proposal.rules)


def test_another_open_vacancy_leaves_its_seat_out_of_the_quota(panel):
    other = person_of(panel.body, panel.nominations[3])  # private sector
    terms.record_departure(other, TODAY - timedelta(days=5), "Cannot serve for health reasons.", None)
    vacancy = vacancies.vacancy_of(panel.departed, TODAY)
    assert vacancies.other_vacancies(vacancy) == [other]
    problem = vacancies.vacancy_problem(vacancy)
    assert problem["seats"] == 9
    quota = next(r for r in problem["rules"] if r.get("quota") and r["value"] == "private_sector")
    assert (quota["min"], quota["max"]) == (1, 1) and "1 stays vacant" in quota["label"]
    assert vacancies.propose_for_vacancy(vacancy).view.slates
