"""The review workflow: screening, assignment, conflicts, scoring, comments, shortlisting
(one and in bulk with a preview), recommendations, outcome notices; every change audited,
every refusal a WorkflowError that changes nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    AuditEvent,
    ConflictKind,
    Gender,
    IneligibilityReason,
    NominationStatus,
    NoticeOutcome,
    OutboxMessage,
    OutboxStatus,
    RecommendationLevel,
    ReviewAssignment,
    Role,
)
from selection.workflow import notices
from selection.workflow import review as ops
from selection.workflow.conflict_suggestions import Party, suggested_conflicts
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.review import CriterionEntry
from tests.selection.factories import review_call, rubric_scores, staff, submitted

pytestmark = pytest.mark.usefixtures("app_ctx")
S = NominationStatus


@pytest.fixture
def setup():
    call = review_call()
    people = {
        "sec": staff("sec@un.example.org", Role.SECRETARIAT),
        "r1": staff("r1@un.example.org", Role.REVIEWER, organization="UN DESA"),
        "r2": staff("r2@un.example.org", Role.REVIEWER),
        "rec": staff("rec@envoy.example.org", Role.RECOMMENDER),
    }
    return call, people


def audit_count() -> int:
    return db.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def full_scores(call, value: int = 4) -> dict[int, CriterionEntry]:
    return rubric_scores(call, value, "comment on {criterion}")


def under_review(call, people, name="Amina Diallo", **kw):
    nomination = submitted(call, name, **kw)
    ops.screen(nomination, people["sec"], eligible=True)
    return nomination


# ---------------------------------------------------------------------------- screening

def test_screening_eligible_moves_to_under_review_and_holds_a_notice(setup) -> None:
    call, people = setup
    nomination = submitted(call, "Amina Diallo")
    ops.screen(nomination, people["sec"], eligible=True)
    assert nomination.status == S.UNDER_REVIEW
    assert ops.latest_screening(nomination).eligible is True
    held = notices.held_notice(nomination)
    assert held.outcome == NoticeOutcome.UNDER_REVIEW and held.message.status == OutboxStatus.HELD


def test_screening_ineligible_needs_a_reason_and_stays_on_record(setup) -> None:
    call, people = setup
    nomination = submitted(call, "Amina Diallo")
    before = audit_count()
    with pytest.raises(WorkflowError, match="Choose the reason"):
        ops.screen(nomination, people["sec"], eligible=False)
    with pytest.raises(WorkflowError, match="needs an explanation"):
        ops.screen(nomination, people["sec"], eligible=False, reason=IneligibilityReason.OTHER)
    assert nomination.status == S.SUBMITTED and audit_count() == before
    result = ops.screen(nomination, people["sec"], eligible=False, reason=IneligibilityReason.LEVEL,
                        note="not at ministerial level")
    assert nomination.status == S.INELIGIBLE
    assert result.reason_text == "Not at the level the group requires: not at ministerial level"
    assert "not at ministerial level" in notices.held_notice(nomination).message.body_text


def test_an_ineligible_nomination_can_be_found_eligible_on_a_second_look(setup) -> None:
    call, people = setup
    nomination = submitted(call, "Amina Diallo")
    ops.screen(nomination, people["sec"], eligible=False, reason=IneligibilityReason.INCOMPLETE)
    ops.screen(nomination, people["sec"], eligible=True)
    assert nomination.status == S.UNDER_REVIEW


@pytest.mark.parametrize("status", [S.DRAFT, S.WITHDRAWN, S.SHORTLISTED, S.APPOINTED])
def test_screening_outside_the_table_is_refused(setup, status) -> None:
    call, people = setup
    nomination = submitted(call, "Amina Diallo", status=status)
    with pytest.raises(WorkflowError, match="cannot be screened"):
        ops.screen(nomination, people["sec"], eligible=True)
    assert nomination.status == status


def test_only_the_secretariat_screens(setup) -> None:
    call, people = setup
    nomination = submitted(call, "Amina Diallo")
    with pytest.raises(ops.NotPermitted):
        ops.screen(nomination, people["r1"], eligible=True)
    assert nomination.status == S.SUBMITTED


# ---------------------------------------------------------------------------- assignment

def test_assign_one_and_in_bulk(setup) -> None:
    call, people = setup
    a, b = under_review(call, people), under_review(call, people, "Kwame Mensah")
    ops.assign_reviewer(a, people["r1"], people["sec"])
    made = ops.assign_in_bulk([a, b], [people["r1"], people["r2"]], people["sec"])
    assert len(made) == 3
    with pytest.raises(WorkflowError, match="already assigned"):
        ops.assign_reviewer(a, people["r1"], people["sec"])


def test_assignment_refusals(setup) -> None:
    call, people = setup
    pending = submitted(call, "Kwame Mensah")
    with pytest.raises(WorkflowError, match="screen it as eligible first"):
        ops.assign_reviewer(pending, people["r1"], people["sec"])
    nomination = under_review(call, people)
    with pytest.raises(WorkflowError, match="not an active reviewer"):
        ops.assign_reviewer(nomination, people["rec"], people["sec"])
    with pytest.raises(ops.NotPermitted):
        ops.assign_reviewer(nomination, people["r1"], people["r2"])
    assert db.session.execute(select(func.count()).select_from(ReviewAssignment)).scalar_one() == 0


def test_balanced_assignment_over_the_call(setup) -> None:
    call, people = setup
    r3 = staff("r3@un.example.org", Role.REVIEWER)
    nominations = [under_review(call, people, f"Person {i}") for i in range(5)]
    ops.declare_conflict(nominations[0], people["r1"], people["r1"], kind=ConflictKind.SAME_ORGANIZATION)
    plan = ops.apply_balanced_assignment(call, 2, people["sec"])
    assert plan.complete and plan.cap == 4
    for n in nominations:
        assigned = {a.reviewer_id for a in db.session.execute(
            select(ReviewAssignment).where(ReviewAssignment.nomination_id == n.id)).scalars()}
        assert len(assigned) == 2
    assert people["r1"].id not in {a.reviewer_id for a in db.session.execute(
        select(ReviewAssignment).where(ReviewAssignment.nomination_id == nominations[0].id)).scalars()}
    assert r3.id  # three reviewers shared ten reviews


def test_impossible_balanced_assignment_is_refused_with_reasons(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.declare_conflict(nomination, people["r1"], people["sec"], kind=ConflictKind.PERSONAL_RELATION)
    with pytest.raises(WorkflowError, match=r"1 nomination of \w+ has fewer than 2 eligible reviewers after conflicts"):
        ops.apply_balanced_assignment(call, 2, people["sec"])
    assert db.session.execute(select(func.count()).select_from(ReviewAssignment)).scalar_one() == 0


# ---------------------------------------------------------------------------- conflicts and scoring

def test_declaring_a_conflict_recuses_and_the_review_no_longer_counts(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.assign_in_bulk([nomination], [people["r1"], people["r2"]], people["sec"])
    ops.save_review(nomination, people["r1"], full_scores(call, 5), "excellent", submit=True)
    ops.save_review(nomination, people["r2"], full_scores(call, 1), "weak", submit=True)
    assert ops.scores_of(nomination).count == 2
    ops.declare_conflict(nomination, people["r1"], people["r1"], kind=ConflictKind.OTHER, details="co-author")
    assert ops.assignment_of(nomination, people["r1"]) is None
    scores = ops.scores_of(nomination)
    assert scores.count == 1 and scores.mean == 0.0
    assert not ops.may_review(people["r1"], nomination)
    with pytest.raises(ops.NotPermitted, match="recused"):
        ops.save_review(nomination, people["r1"], full_scores(call), "", submit=True)
    with pytest.raises(WorkflowError, match="recused|cannot review"):
        ops.assign_reviewer(nomination, people["r1"], people["sec"])


def test_conflict_refusals(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    with pytest.raises(ops.NotPermitted):
        ops.declare_conflict(nomination, people["r1"], people["r2"], kind=ConflictKind.SAME_ORGANIZATION)
    with pytest.raises(WorkflowError, match="explanation"):
        ops.declare_conflict(nomination, people["r1"], people["r1"], kind=ConflictKind.OTHER)
    ops.declare_conflict(nomination, people["r1"], people["r1"], kind=ConflictKind.SAME_GOVERNMENT)
    with pytest.raises(WorkflowError, match="already declared"):
        ops.declare_conflict(nomination, people["r1"], people["r1"], kind=ConflictKind.SAME_GOVERNMENT)


def test_scores_must_be_within_the_scale_and_complete_to_submit(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    first = call.rubric_criteria[0]
    before = audit_count()
    with pytest.raises(WorkflowError, match="between 1 and 5; 6 is outside the scale"):
        ops.save_review(nomination, people["r1"], {first.id: CriterionEntry(6)}, "", submit=False)
    with pytest.raises(WorkflowError, match="Score every criterion"):
        ops.save_review(nomination, people["r1"], {first.id: CriterionEntry(3)}, "", submit=True)
    assert ops.review_of(nomination, people["r1"]) is None and audit_count() == before
    draft = ops.save_review(nomination, people["r1"], {first.id: CriterionEntry(3)}, "so far", submit=False)
    assert not draft.is_submitted and ops.scores_of(nomination).count == 0
    done = ops.save_review(nomination, people["r1"], full_scores(call, 3), "fine", submit=True)
    assert done.id == draft.id and done.is_submitted and ops.scores_of(nomination).mean == 50.0
    assert done.score_for(first.id).comment == f"comment on {first.name}"


def test_only_assigned_reviewers_score_and_not_the_secretariat(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    with pytest.raises(ops.NotPermitted, match="not assigned"):
        ops.save_review(nomination, people["r2"], full_scores(call), "", submit=True)
    with pytest.raises(ops.NotPermitted, match="Only reviewers"):
        ops.save_review(nomination, people["sec"], full_scores(call), "", submit=True)


@pytest.mark.parametrize("status", [S.INELIGIBLE, S.WITHDRAWN, S.SUBMITTED])
def test_no_review_of_an_ineligible_withdrawn_or_unscreened_nomination(setup, status) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    nomination.status = status
    with pytest.raises(WorkflowError, match="cannot be reviewed"):
        ops.save_review(nomination, people["r1"], full_scores(call), "", submit=True)
    assert ops.review_of(nomination, people["r1"]) is None


def test_internal_comments_by_staff_and_assigned_reviewers_only(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.add_internal_comment(nomination, people["sec"], "Check the CV dates.")
    with pytest.raises(ops.NotPermitted):
        ops.add_internal_comment(nomination, people["r1"], "hello")
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    ops.add_internal_comment(nomination, people["r1"], "Agreed.")
    with pytest.raises(WorkflowError, match="Write the comment"):
        ops.add_internal_comment(nomination, people["sec"], "  ")


def test_conflict_suggestions_by_organization_and_domain_ignoring_public_mail() -> None:
    nominee = Party("nominee", "Baobab Digital Rights Foundation", "amina@baobab.example.org")
    nominator = Party("nominator", "Ministry of ICT", "desk@gmail.com")
    assert suggested_conflicts("baobab digital rights foundation", "x@other.example.org", [nominee, nominator]) == [
        "same organization as the nominee (Baobab Digital Rights Foundation)"]
    assert suggested_conflicts("", "me@baobab.example.org", [nominee]) == [
        "same e-mail domain as the nominee (baobab.example.org)"]
    assert suggested_conflicts("", "me@gmail.com", [nominator]) == []


# ---------------------------------------------------------------------------- shortlisting

def test_shortlist_one_and_transitions_only_along_the_table(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.shortlist(nomination, people["sec"], shortlisted=True)
    assert nomination.status == S.SHORTLISTED
    with pytest.raises(WorkflowError, match="already shortlisted"):
        ops.shortlist(nomination, people["sec"], shortlisted=True)
    ops.shortlist(nomination, people["sec"], shortlisted=False)
    assert nomination.status == S.NOT_SHORTLISTED
    pending = submitted(call, "Kwame Mensah")
    with pytest.raises(WorkflowError, match="submitted and cannot become shortlisted"):
        ops.shortlist(pending, people["sec"], shortlisted=True)


def test_a_reviewer_cannot_make_a_shortlist_decision(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    with pytest.raises(ops.NotPermitted, match="Only the Secretariat"):
        ops.shortlist(nomination, people["r1"], shortlisted=True)
    assert nomination.status == S.UNDER_REVIEW


def test_bulk_shortlist_previews_exactly_what_changes_then_applies_it(setup) -> None:
    call, people = setup
    a, b = under_review(call, people, "A One"), under_review(call, people, "B Two")
    c = submitted(call, "C Three")
    preview = ops.preview_shortlist([a, b, c], shortlisted=True)
    assert [i.nomination_id for i in preview.changes] == [a.id, b.id]
    assert [i.nomination_id for i in preview.unchanged] == [c.id] and "cannot become" in preview.unchanged[0].refusal
    assert a.status == S.UNDER_REVIEW  # a preview changes nothing
    ops.apply_shortlist([a, b, c], True, people["sec"], preview.token)
    assert (a.status, b.status, c.status) == (S.SHORTLISTED, S.SHORTLISTED, S.SUBMITTED)


def test_bulk_shortlist_refuses_a_stale_confirmation(setup) -> None:
    call, people = setup
    a, b = under_review(call, people, "A One"), under_review(call, people, "B Two")
    preview = ops.preview_shortlist([a, b], shortlisted=True)
    ops.shortlist(b, people["sec"], shortlisted=False)
    with pytest.raises(WorkflowError, match="changed since the confirmation"):
        ops.apply_shortlist([a, b], True, people["sec"], preview.token)
    assert a.status == S.UNDER_REVIEW


# ---------------------------------------------------------------------------- recommendations

def test_recommendations_on_shortlisted_only_by_the_body_s_members(setup) -> None:
    call, people = setup
    envoy = call.recommending_bodies[1]
    nomination = under_review(call, people)
    with pytest.raises(ops.NotPermitted, match="cannot record recommendations for"):
        ops.record_recommendation(nomination, envoy, people["rec"], level=RecommendationLevel.RECOMMEND)
    ops.add_body_member(envoy, people["rec"], people["sec"])
    with pytest.raises(WorkflowError, match="shortlisted candidates only"):
        ops.record_recommendation(nomination, envoy, people["rec"], level=RecommendationLevel.RECOMMEND)
    ops.shortlist(nomination, people["sec"], shortlisted=True)
    ops.record_recommendation(nomination, envoy, people["rec"], level=RecommendationLevel.RECOMMEND, note="solid")
    revised = ops.record_recommendation(nomination, envoy, people["rec"],
                                        level=RecommendationLevel.STRONGLY_RECOMMEND)
    assert [r.level for r in ops.recommendations_of(nomination)] == [RecommendationLevel.STRONGLY_RECOMMEND]
    assert revised.recorded_by == people["rec"]
    assert ops.merit_of(nomination) == pytest.approx(100.0)  # no reviews yet: recommendations alone
    with pytest.raises(ops.NotPermitted):
        ops.record_recommendation(nomination, call.recommending_bodies[0], people["rec"],
                                  level=RecommendationLevel.NEUTRAL)


def test_merit_combines_reviews_and_recommendations(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    ops.save_review(nomination, people["r1"], full_scores(call, 3), "", submit=True)
    ops.shortlist(nomination, people["sec"], shortlisted=True)
    ops.record_recommendation(nomination, call.recommending_bodies[0], people["sec"], level=RecommendationLevel.NEUTRAL)
    assert ops.merit_of(nomination) == pytest.approx(0.7 * 50 + 0.3 * 50)


# ---------------------------------------------------------------------------- notices

def test_a_new_outcome_supersedes_the_held_notice_and_release_sends_only_the_latest(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.shortlist(nomination, people["sec"], shortlisted=True)
    ops.shortlist(nomination, people["sec"], shortlisted=False)
    messages = db.session.execute(select(OutboxMessage)).scalars().all()
    assert [m.status for m in messages] == [OutboxStatus.HELD]
    assert "has not been shortlisted" in messages[0].body_text and "Amina Diallo" in messages[0].body_text
    released = notices.release_notices(call, people["sec"])
    assert [m.status for m in released] == [OutboxStatus.PENDING]
    assert notices.notices_held(call) == []
    with pytest.raises(WorkflowError, match="no held notices"):
        notices.release_notices(call, people["sec"])


def test_release_one_outcome_only(setup) -> None:
    call, people = setup
    a, b = under_review(call, people, "A One"), under_review(call, people, "B Two")
    ops.shortlist(a, people["sec"], shortlisted=True)
    notices.release_notices(call, people["sec"], NoticeOutcome.SHORTLISTED)
    assert [n.outcome for n in notices.notices_held(call)] == [NoticeOutcome.UNDER_REVIEW]
    assert notices.held_notice(b).outcome == NoticeOutcome.UNDER_REVIEW


def test_templates_are_edited_per_call_and_checked(setup) -> None:
    call, people = setup
    with pytest.raises(InvalidConfiguration) as refused:
        notices.save_template(call, NoticeOutcome.SHORTLISTED, "Hi", "Dear {name}", people["sec"])
    assert "Unknown placeholder {name}" in refused.value.problems["body"]
    with pytest.raises(WorkflowError):
        notices.save_template(call, NoticeOutcome.SHORTLISTED, "Hi", "x", people["r1"])
    notices.save_template(call, NoticeOutcome.SHORTLISTED, "Good news, {nominee_name}",
                          "You are on the {body} shortlist ({group}).", people["sec"])
    nomination = under_review(call, people, gender=Gender.MAN)
    ops.shortlist(nomination, people["sec"], shortlisted=True)
    message = notices.held_notice(nomination).message
    assert message.subject == "Good news, Amina Diallo"
    assert message.body_text == "You are on the IGF Leadership Panel shortlist (Government)."
    assert notices.notice_text(call, NoticeOutcome.SHORTLISTED).built_in is False
    assert notices.notice_text(call, NoticeOutcome.RECEIVED).built_in is True


def test_received_notices_for_submitted_nominations_once(setup) -> None:
    call, people = setup
    submitted(call, "A One"), submitted(call, "B Two")
    assert notices.hold_received_notices(call, people["sec"]) == 2
    assert notices.hold_received_notices(call, people["sec"]) == 0


def test_every_change_is_audited_on_the_nomination(setup) -> None:
    call, people = setup
    nomination = under_review(call, people)
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    ops.save_review(nomination, people["r1"], full_scores(call), "", submit=True)
    ops.add_internal_comment(nomination, people["sec"], "note")
    ops.shortlist(nomination, people["sec"], shortlisted=True)
    ops.record_recommendation(nomination, call.recommending_bodies[0], people["sec"], level=RecommendationLevel.RECOMMEND)
    actions = db.session.execute(select(AuditEvent.action).where(
        AuditEvent.object_type == "nomination", AuditEvent.object_id == nomination.id).order_by(AuditEvent.id)).scalars().all()
    assert actions == ["status", "notice_held", "reviewer_assigned", "review_submitted", "internal_comment",
                       "status", "notice_held", "recommendation"]
