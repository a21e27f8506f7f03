"""What an export reads, in batches: the exported nominations in the list's order (filtered
exactly as the list is), then their review data a few hundred at a time, so that neither
the time nor the memory of an export holds a whole call's objects at once."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus, Review
from selection.models.nomination import Nominee
from selection.review_scores import Aggregate
from selection.workflow.candidates import PersonKey, group_candidates
from selection.workflow.review_list import NominationFilter, NominationReviewData, load_review_data, matches
from selection.workflow.review_list import _sort_key as sort_key  # the list's own order, not a copy

BATCH = 500  # nominations loaded at a time
NO_SCORES = Aggregate(0, None, None, None, False, {})


@dataclass(frozen=True)
class ExportPlan:
    """The nominations to export in order, their candidate numbers, and the column shape:
    the most reviews any of them has and the answer keys they gave."""

    ids: list[int]
    candidates: dict[int, int]
    review_slots: int
    answer_keys: frozenset[str]


def plan_export(call: Call, f: NominationFilter) -> ExportPlan:
    """Which nominations the export holds, in the list's order, read batch by batch: only
    each passing nomination's id and sort key are kept between batches. The review data is
    read only when the filter or the sort needs it."""
    candidates = candidate_numbers_of(call)
    every = list(candidates)
    key = sort_key(f.sort)
    load = load_review_data if needs_reviews(f) else _without_reviews
    keyed: list[tuple[object, int]] = []
    for start in range(0, len(every), BATCH):
        keyed += [(key(d), d.nomination.id) for d in load(call, every[start:start + BATCH], candidates=candidates)
                  if matches(d, f)]
    # As the list sorts: stable, equals in the order loaded (by id), ``reverse`` keeping it.
    keyed.sort(key=lambda pair: pair[0], reverse=f.descending)
    ids = [nomination_id for _key, nomination_id in keyed]
    return ExportPlan(ids, candidates, _most_reviews(ids), _answer_keys(ids))


def needs_reviews(f: NominationFilter) -> bool:
    """True when the filter or the sort looks at reviews, scores, assignments or conflicts."""
    return (f.reviewer is not None or f.score_min is not None or f.score_max is not None
            or f.has_conflicts is not None or f.sort in ("score", "merit"))


def _without_reviews(call: Call, ids: list[int], candidates: dict[int, int]) -> list[NominationReviewData]:
    """The nominations with their nominees and groups only: what the other filters and sorts read."""
    nominations = db.session.execute(
        select(Nomination).where(Nomination.call_id == call.id, Nomination.id.in_(ids))
        .options(selectinload(Nomination.nominee), selectinload(Nomination.group)).order_by(Nomination.id)).scalars()
    return [NominationReviewData(n, candidates[n.id], NO_SCORES, None) for n in nominations]


def _most_reviews(ids: list[int]) -> int:
    """The most reviews any of the nominations has (the export's review columns)."""
    most = 0
    for start in range(0, len(ids), BATCH):
        counts = select(func.count()).select_from(Review).where(
            Review.nomination_id.in_(ids[start:start + BATCH])).group_by(Review.nomination_id)
        most = max(most, db.session.execute(select(func.max(counts.subquery().c[0]))).scalar() or 0)
    return most


def _answer_keys(ids: list[int]) -> frozenset[str]:
    """Every answer key the nominations gave (the export's answer columns)."""
    keys: set[str] = set()
    for start in range(0, len(ids), BATCH):
        for answers in db.session.execute(select(Nomination.answers).where(
                Nomination.id.in_(ids[start:start + BATCH]))).scalars():
            keys.update(answers or {})
    return frozenset(keys)


def batches(call: Call, plan: ExportPlan) -> Iterator[list[NominationReviewData]]:
    """The plan's nominations with their review data, ``BATCH`` at a time, in the plan's order."""
    for start in range(0, len(plan.ids), BATCH):
        chunk = plan.ids[start:start + BATCH]
        position = {nomination_id: index for index, nomination_id in enumerate(chunk)}
        data = load_review_data(call, chunk, candidates=plan.candidates)
        yield sorted(data, key=lambda d: position[d.nomination.id])


def candidate_numbers_of(call: Call) -> dict[int, int]:
    """Candidate number of each nomination of the call (drafts excluded), from four columns
    rather than the objects; the keys are in id order, as the list loads them."""
    rows = db.session.execute(
        select(Nomination.id, Nominee.email, Nominee.name, Nominee.nationality).join(Nominee)
        .where(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT).order_by(Nomination.id))
    people = [PersonKey(nomination_id, email or "", name or "", nationality or "")
              for nomination_id, email, name, nationality in rows]
    return {nomination_id: number for number, group in enumerate(group_candidates(people), 1)
            for nomination_id in group}


def exportable_count(call: Call) -> int:
    """How many nominations of the call an unfiltered export would read (drafts excluded)."""
    return db.session.execute(select(func.count()).select_from(Nomination).where(
        Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT)).scalar_one()
