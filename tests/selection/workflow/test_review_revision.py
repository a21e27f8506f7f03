"""A submitted review counts, so nothing saves over it: a draft save (or a second submission)
is refused and leaves its scores and the merit as they were; it changes only by "Revise review",
which keeps the previous version in the audit log."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import AuditEvent, Nomination, Review, Role
from selection.workflow import review as ops
from selection.workflow.errors import WorkflowError
from selection.workflow.review import CriterionEntry
from tests.conftest import csrf_token_from, sign_in_directly
from tests.selection.factories import review_call, staff, submitted


def scores(call, value: int) -> dict[int, CriterionEntry]:
    return {c.id: CriterionEntry(value, f"{value} on {c.name}") for c in call.rubric_criteria}


def reviewed(value_r1: int = 5, value_r2: int = 3) -> tuple[Nomination, dict]:
    """A nomination under review with two submitted reviews (inside an app context)."""
    call = review_call()
    people = {"sec": staff("sec@un.example.org", Role.SECRETARIAT), "r1": staff("r1@un.example.org", Role.REVIEWER),
              "r2": staff("r2@un.example.org", Role.REVIEWER)}
    nomination = submitted(call, "Amina Diallo")
    ops.screen(nomination, people["sec"], eligible=True)
    ops.assign_in_bulk([nomination], [people["r1"], people["r2"]], people["sec"])
    ops.save_review(nomination, people["r1"], scores(call, value_r1), "strong", submit=True)
    ops.save_review(nomination, people["r2"], scores(call, value_r2), "fair", submit=True)
    return nomination, people


def stored_scores(review: Review) -> dict[int, int | None]:
    db.session.refresh(review)
    return {row.criterion_id: row.score for row in review.scores}


@pytest.mark.usefixtures("app_ctx")
@pytest.mark.parametrize("submit", [False, True])
def test_saving_over_a_submitted_review_is_refused_and_the_merit_stays(submit: bool) -> None:
    nomination, people = reviewed()
    merit = ops.merit_of(nomination)
    review = ops.review_of(nomination, people["r1"])
    before = stored_scores(review)
    first = nomination.call.rubric_criteria[0]
    with pytest.raises(WorkflowError, match="Revise review"):
        ops.save_review(nomination, people["r1"], scores(nomination.call, 1) if submit else {first.id: CriterionEntry(None)},
                        "", submit=submit)
    assert stored_scores(review) == before and review.is_submitted
    assert ops.merit_of(nomination) == merit


@pytest.mark.usefixtures("app_ctx")
def test_a_revision_changes_the_scores_and_keeps_the_previous_ones_in_the_audit_log() -> None:
    nomination, people = reviewed()
    call = nomination.call
    merit = ops.merit_of(nomination)
    review = ops.revise_review(nomination, people["r1"], scores(call, 1), "on reflection")
    assert review.is_submitted and ops.merit_of(nomination) < merit
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "review_revised")).scalar_one()
    assert event.details["previous_scores"] == {c.name: 5 for c in call.rubric_criteria}
    assert event.details["scores"] == {c.name: 1 for c in call.rubric_criteria}
    assert event.details["previous_overall_comment"] == "strong"


@pytest.mark.usefixtures("app_ctx")
def test_a_revision_must_be_complete_and_of_a_submitted_review() -> None:
    nomination, people = reviewed()
    call = nomination.call
    first = call.rubric_criteria[0]
    with pytest.raises(WorkflowError, match="Score every criterion"):
        ops.revise_review(nomination, people["r1"], {first.id: CriterionEntry(2)}, "")
    people["r3"] = staff("r3@un.example.org", Role.REVIEWER)
    ops.assign_reviewer(nomination, people["r3"], people["sec"])
    ops.save_review(nomination, people["r3"], {first.id: CriterionEntry(2)}, "", submit=False)
    with pytest.raises(WorkflowError, match="submit it first"):
        ops.revise_review(nomination, people["r3"], scores(call, 2), "")


def test_the_review_form_offers_revise_and_a_draft_save_changes_nothing(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        nomination, people = reviewed()
        db.session.commit()
        nomination_id, reviewer_id = nomination.id, people["r1"].id
        criteria = [c.id for c in nomination.call.rubric_criteria]
        merit = ops.merit_of(nomination)
    sign_in_directly(client, reviewer_id)
    page = client.get(f"/review/nominations/{nomination_id}").get_data(as_text=True)
    assert 'name="revise_review"' in page and 'name="save_draft"' not in page
    token = csrf_token_from(page)
    blank = {"csrf_token": token, "save_draft": "Save draft", "overall_comment": ""}
    refused = client.post(f"/review/nominations/{nomination_id}/review", data=blank)
    assert refused.status_code == 400 and "Revise review" in refused.get_data(as_text=True)
    with app.app_context():
        assert ops.merit_of(db.session.get(Nomination, nomination_id)) == merit
    revised = client.post(f"/review/nominations/{nomination_id}/review", data={
        "csrf_token": token, "revise_review": "Revise review", "overall_comment": "revised",
        **{f"score_{cid}": "2" for cid in criteria}})
    assert revised.status_code == 302
    with app.app_context():
        assert ops.merit_of(db.session.get(Nomination, nomination_id)) < merit
        assert db.session.execute(select(AuditEvent).where(AuditEvent.action == "review_revised")).scalar_one()
