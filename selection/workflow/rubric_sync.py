"""A call's rubric criteria and recommending bodies changed in place, never replaced.

Scores point at their criterion and recommendations at their body: replacing the rows would
leave them pointing at nothing (SQLite does not enforce the keys) or fail (PostgreSQL does).
So a criterion keeps its row by position and a body by name; one that goes away while scores
or recommendations rest on it is refused, and nothing is changed.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import Call, Recommendation, RecommendingBody, ReviewScore, RubricCriterion


def removal_problems(call: Call, criteria_kept: int, body_names: list[str]) -> dict[str, str]:
    """Why the criteria beyond the first ``criteria_kept`` or the bodies not named cannot go."""
    problems = {}
    dropped = [c for c in call.rubric_criteria[criteria_kept:] if c.id is not None]
    scored = _first_in_use(ReviewScore.criterion_id, [c.id for c in dropped])
    if scored is not None:
        name = next(c.name for c in dropped if c.id == scored)
        problems["criteria"] = _("“%(name)s” has scores from reviewers; it cannot be removed, only renamed "
                                 "or reweighted.", name=name)
    gone = [b for b in call.recommending_bodies if b.name not in body_names and b.id is not None]
    recommended = _first_in_use(Recommendation.body_id, [b.id for b in gone])
    if recommended is not None:
        name = next(b.name for b in gone if b.id == recommended)
        problems["bodies"] = _("“%(name)s” has recorded recommendations; it cannot be removed.", name=name)
    return problems


def _first_in_use(column: Any, ids: list[int]) -> int | None:
    if not ids:
        return None
    return db.session.execute(select(column).where(column.in_(ids)).limit(1)).scalar_one_or_none()


def sync_criteria(call: Call, criteria: list[dict[str, Any]], fields: tuple[str, ...]) -> None:
    """Give the call these criteria, in order, each keeping the row (and scores) of its position."""
    rows = list(call.rubric_criteria)
    kept = []
    for position, values in enumerate(criteria):
        row = rows[position] if position < len(rows) else RubricCriterion()
        row.position = position
        for name in fields:
            setattr(row, name, values[name])
        kept.append(row)
    call.rubric_criteria = kept


def sync_bodies(call: Call, names: list[str]) -> None:
    """Give the call these recommending bodies, in order, each known one keeping its row."""
    by_name = {body.name: body for body in call.recommending_bodies}
    kept = []
    for position, name in enumerate(names):
        body = by_name.get(name) or RecommendingBody(name=name)
        body.position = position
        kept.append(body)
    call.recommending_bodies = kept

