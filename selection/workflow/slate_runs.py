"""Slate runs in the workflow: their status moves along ``SLATE_RUN_TRANSITIONS``, and the inputs
the adapter (``selection.slates``) takes: each shortlisted nomination's merit with the reviews
and recommendations behind it, and the recommendations in words for the comparison.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from selection.extensions import db
from selection.models import (
    Call,
    Nomination,
    Recommendation,
    RecommendationLevel,
    RecommendingBody,
    SlateRun,
    SlateRunStatus,
    User,
    utcnow,
)
from selection.review_scores import merit_score
from selection.slates import (
    MeritInput,
    RunView,
    SlateOptions,
    build_problem,
    nomination_id_of,
    run_view,
    shortlist_of,
)
from selection.workflow import audit
from selection.workflow.errors import ForbiddenTransition
from selection.workflow.review import recommendations_by_nomination, scores_by_nomination
from selection.workflow.states import SLATE_RUN_TRANSITIONS


def move_run(run: SlateRun, target: SlateRunStatus, actor: User | None = None, **details: Any) -> None:
    """Change a run's status along the transitions table, stamp when it started or finished, and
    record it; ``ForbiddenTransition`` for a move the table does not allow (nothing changes)."""
    current = run.status
    if target not in SLATE_RUN_TRANSITIONS[current]:
        raise ForbiddenTransition(_("a slate run that is %(status)s cannot become %(target)s",
                                    status=current.label.lower(), target=target.label.lower()))
    run.status = target
    if target == SlateRunStatus.RUNNING:
        run.started_at = utcnow()
    elif target in (SlateRunStatus.DONE, SlateRunStatus.FAILED):
        run.finished_at = utcnow()
    audit.record(actor, run, "status", from_state=current.value, to_state=target.value, **details)
    db.session.flush()


def merit_inputs(call: Call, shortlist: list[Nomination] | None = None) -> dict[int, MeritInput]:
    """Per shortlisted nomination (``shortlist`` when already loaded): its merit, each counting
    review's score and the levels of the recommendations received (what the adapter needs to
    score and to resample), in a few queries whatever the shortlist's length."""
    shortlist = shortlist_of(call) if shortlist is None else shortlist
    recommendations = recommendations_by_nomination(n.id for n in shortlist)
    aggregates = scores_by_nomination(call, (n.id for n in shortlist))
    formula = call.merit_settings
    inputs = {}
    for nomination in shortlist:
        scores = aggregates[nomination.id]
        levels = tuple(r.level.value for r in recommendations[nomination.id])
        inputs[nomination.id] = MeritInput(merit_score(scores.mean, levels, formula),
                                           tuple(scores.per_review.values()), levels)
    return inputs


def problem_for(call: Call, options: SlateOptions, pinned: list[int], excluded: list[int]) -> dict[str, Any]:
    """The optimizer problem of a new run: the adapter's, with the merit the reviews give."""
    return build_problem(call, options, pinned, excluded, merit_inputs(call))


def recommendation_words(nomination_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Per nomination, its recommendations in words ("Body: Recommend"), in the order of the
    bodies, in one query of the three columns needed."""
    words: dict[int, list[str]] = {nomination_id: [] for nomination_id in nomination_ids}
    labels: dict[RecommendationLevel, str] = {}
    rows = db.session.execute(
        select(Recommendation.nomination_id, RecommendingBody.name, Recommendation.level)
        .join(RecommendingBody, RecommendingBody.id == Recommendation.body_id)
        .where(Recommendation.nomination_id.in_(list(words)))
        .order_by(RecommendingBody.position, RecommendingBody.id)) if words else []
    for nomination_id, body, level in rows:
        if level not in labels:
            labels[level] = level.label
        words[nomination_id].append(f"{body}: {labels[level]}")
    return {nomination_id: tuple(texts) for nomination_id, texts in words.items()}


def comparison(run: SlateRun) -> RunView:
    """What the comparison pages, the exports, the API and the CLI show of a finished run."""
    ids = [nomination_id_of(c["id"]) for c in run.problem.get("candidates", [])]
    return run_view(run.call, run, recommendation_words(ids))
