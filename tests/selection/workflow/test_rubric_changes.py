"""Changing a call's rubric or recommending bodies after reviewing began: scores stay with their
criterion and recommendations with their body; removing what they rest on is refused and
changes nothing (it used to replace every row, orphaning scores on SQLite and failing on
PostgreSQL)."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Call, Recommendation, ReviewScore, Role, RubricCriterion
from selection.workflow import call_config
from selection.workflow import review as ops
from selection.workflow.errors import InvalidConfiguration
from tests.selection.factories import shortlisted_call, staff
from tests.selection.workflow.test_nomination_summary import scores


def criteria_rows(call: Call) -> list[dict[str, Any]]:
    return [{"row": i, **{name: getattr(c, name) for name in call_config.CRITERION_FIELDS}}
            for i, c in enumerate(call.rubric_criteria)]


def reviewed_call() -> tuple[Call, Any]:
    call, nominations = shortlisted_call()  # the first body has recommended each of them
    sec, reviewer = staff("sec@un.example.org", Role.SECRETARIAT), staff("r1@un.example.org", Role.REVIEWER)
    ops.assign_in_bulk(nominations[:1], [reviewer], sec)
    ops.save_review(nominations[0], reviewer, scores(call, [5, 4, 3, 5]), "", submit=True)
    db.session.flush()
    return call, sec


def orphans() -> int:
    """Scores whose criterion is gone."""
    return db.session.execute(select(func.count()).select_from(ReviewScore).where(
        ~ReviewScore.criterion_id.in_(select(RubricCriterion.id)))).scalar_one()


@pytest.mark.usefixtures("app_ctx")
def test_renaming_and_reweighting_keeps_every_score_with_its_criterion() -> None:
    call, sec = reviewed_call()
    ids = [c.id for c in call.rubric_criteria]
    rows = criteria_rows(call)
    rows[0]["name"], rows[1]["weight"] = "Standing and expertise", 3
    bodies = [b.name for b in call.recommending_bodies]
    call_config.update_review_settings(call, rows + [{**rows[0], "row": len(rows), "name": "A new one"}],
                                       bodies + ["Another body"], call.merit_settings, sec)
    assert [c.id for c in call.rubric_criteria][:len(ids)] == ids
    assert call.rubric_criteria[0].name == "Standing and expertise" and len(call.rubric_criteria) == len(ids) + 1
    assert orphans() == 0
    assert [b.name for b in call.recommending_bodies] == bodies + ["Another body"]


@pytest.mark.usefixtures("app_ctx")
def test_removing_a_scored_criterion_or_a_body_that_recommended_is_refused_and_changes_nothing() -> None:
    call, sec = reviewed_call()
    before = ([c.name for c in call.rubric_criteria], [b.name for b in call.recommending_bodies],
              db.session.execute(select(func.count()).select_from(Recommendation)).scalar_one())
    rows = criteria_rows(call)
    with pytest.raises(InvalidConfiguration) as refused:
        call_config.update_review_settings(call, rows[:-1], [b.name for b in call.recommending_bodies][1:],
                                           call.merit_settings, sec)
    assert "cannot be removed" in refused.value.problems["criteria"]
    assert "recorded recommendations" in refused.value.problems["bodies"]
    db.session.flush()  # the refusal came before any change: nothing to roll back
    assert ([c.name for c in call.rubric_criteria], [b.name for b in call.recommending_bodies],
            db.session.execute(select(func.count()).select_from(Recommendation)).scalar_one()) == before
    assert orphans() == 0
