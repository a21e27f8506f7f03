"""Keeping each nomination's ``NominationSummary`` (counting reviews, mean, merit) in step with
what it summarises. Whatever changes a review, a conflict, a recommendation, the rubric or the
merit formula calls ``refresh_summaries`` in the same transaction."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert

from selection.extensions import db
from selection.models import Call, NominationSummary
from selection.workflow.review_query import scores_select

COLUMNS = ["nomination_id", "call_id", "review_count", "mean", "merit"]


def refresh_summaries(call: Call, nomination_ids: Iterable[int] | None = None) -> None:
    """Recompute in SQL the summary of the nominations ``nomination_ids`` of ``call`` (every
    nomination of the call when None: after the rubric or the merit formula changed)."""
    ids = None if nomination_ids is None else sorted(set(nomination_ids))
    if ids == []:
        return
    gone = delete(NominationSummary).where(NominationSummary.call_id == call.id)
    if ids is not None:
        gone = gone.where(NominationSummary.nomination_id.in_(ids))
    db.session.execute(gone.execution_options(synchronize_session=False))
    db.session.execute(insert(NominationSummary).from_select(COLUMNS, scores_select(call, ids)))
