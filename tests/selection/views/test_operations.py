"""The one way a view runs an operation (``run_operation``, ``answer_operation``): commit and say
so; a refusal rolls back and says each reason; a person who may not do it at all gets 403."""
from __future__ import annotations

import pytest
from flask import Flask, get_flashed_messages
from sqlalchemy import func, select
from werkzeug.exceptions import BadRequest, Conflict, Forbidden as Http403

from selection.extensions import db
from selection.models import Role, User
from selection.views.operations import answer_operation, each_reason, run_operation
from selection.workflow.errors import Forbidden, InvalidConfiguration, WorkflowError
from tests.selection.factories import staff


def _users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def _add_then(error: WorkflowError | None):
    """An operation that adds a user, then raises ``error`` (if any)."""

    def operation() -> str:
        staff("made@un.example.org", Role.NOMINEE)
        if error is not None:
            raise error
        return "made"

    return operation


def test_success_commits_says_so_and_goes_back(app: Flask) -> None:
    with app.test_request_context("/", method="POST"):
        response = run_operation(_add_then(None), "/back", lambda result: f"Done: {result}.")
        assert response.status_code == 302 and response.location == "/back"
        assert get_flashed_messages(with_categories=True) == [("success", "Done: made.")]
        db.session.rollback()
        assert _users() == 1


def test_a_person_who_may_not_gets_403_and_nothing_changes(app: Flask) -> None:
    with app.test_request_context("/", method="POST"):
        with pytest.raises(Http403):
            run_operation(_add_then(Forbidden("You may not.")), "/back", "Done.")
        assert _users() == 0 and get_flashed_messages() == []


def test_the_api_answers_403_to_a_person_who_may_not(app: Flask) -> None:
    with app.test_request_context("/", method="POST"):
        with pytest.raises(Http403):
            answer_operation(_add_then(Forbidden("You may not.")), lambda result: result)
        assert _users() == 0


def test_a_refused_configuration_says_each_reason_without_field_names(app: Flask) -> None:
    refusal = InvalidConfiguration({"title": "Give it a title.", "starts_at": "Start before the end."})
    assert each_reason(refusal) == ["Give it a title.", "Start before the end."]
    with app.test_request_context("/", method="POST"):
        response = run_operation(_add_then(refusal), "/back", "Done.")
        assert response.location == "/back" and _users() == 0
        assert get_flashed_messages(with_categories=True) == [("error", "Give it a title."),
                                                              ("error", "Start before the end.")]


def test_the_api_chooses_the_status_of_a_refusal_after_the_rollback(app: Flask) -> None:
    with app.test_request_context("/", method="POST"):
        with pytest.raises(Conflict):
            answer_operation(_add_then(WorkflowError("Done already.")), lambda result: result,
                             lambda _error: 409 if _users() == 0 else 400)
        with pytest.raises(BadRequest, match="Done already"):
            answer_operation(_add_then(WorkflowError("Done already.")), lambda result: result)
