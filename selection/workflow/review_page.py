"""One page of the review list, one row per candidate, without loading the call.

The filter, the search (on the nominee's normalised search column) and the scores (mean and
merit, read from the maintained ``NominationSummary``) are computed in SQL; one statement returns, per
nomination, only the columns that identify the person and that the list sorts on. From
those, candidates are grouped (same e-mail, or same name and nationality, transitively),
each represented by its lead nomination, sorted and sliced; then only the nominations of the
page's candidates are loaded with their reviews. Rows, order and filters are those of
``review_list.candidate_rows``.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, null, select

from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus, NominationSummary, Nominee, StakeholderGroup
from selection.models.names import normalised_name
from selection.workflow.review_list import (
    LEAD_ORDER,
    PER_PAGE,
    CandidateRow,
    NominationFilter,
    NominationReviewData,
    Page,
    load_review_data,
)
from selection.workflow.review_query import filter_condition, numbers_of


@dataclass(frozen=True)
class Listed:
    """What the list needs of one nomination to group, filter and sort it."""

    id: int
    status: NominationStatus
    email: str
    name: str
    nationality: str
    position: int
    region: str | None
    submitted_at: datetime | None
    created_at: datetime
    mean: float | None
    merit: float | None
    hit: bool


def candidate_page(call: Call, f: NominationFilter, per_page: int = PER_PAGE) -> Page:
    """The ``f.page``-th page (clamped to the last) of candidates with a nomination passing ``f``."""
    listed = _listed(call, f)
    numbers = numbers_of([(n.id, n.email, n.name, n.nationality) for n in listed])
    by_candidate: dict[int, list[Listed]] = defaultdict(list)
    for n in listed:
        by_candidate[numbers[n.id]].append(n)
    groups = [items for items in by_candidate.values() if any(n.hit for n in items)]
    key = _sort_key(f.sort)
    groups.sort(key=lambda items: key(_lead(items)), reverse=f.descending)
    pages = max(1, math.ceil(len(groups) / per_page))
    number = min(max(f.page, 1), pages)
    shown = groups[(number - 1) * per_page: number * per_page]
    data = {d.nomination.id: d for d in load_review_data(call, ids=[n.id for items in shown for n in items])}
    rows = [CandidateRow([data[n.id] for n in items]) for items in shown]
    return Page(rows, number, pages, len(groups))


def shortlist_page(call: Call, page: int, per_page: int = PER_PAGE) -> Page:
    """The ``page``-th page (clamped to the last) of the call's shortlisted nominations with what
    review produced, by stakeholder group, highest merit first: sorted and sliced in SQL on the
    maintained summary, so that only the page's nominations are loaded."""
    shortlisted = (Nomination.call_id == call.id, Nomination.status == NominationStatus.SHORTLISTED)
    total = db.session.execute(select(func.count()).select_from(Nomination).where(*shortlisted)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(page, 1), pages)
    ids = list(db.session.execute(
        select(Nomination.id).join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .outerjoin(NominationSummary, NominationSummary.nomination_id == Nomination.id).where(*shortlisted)
        .order_by(StakeholderGroup.position, func.coalesce(NominationSummary.merit, 0).desc(), Nomination.id)
        .limit(per_page).offset((number - 1) * per_page)).scalars())
    # The shortlist shows no candidate number: spare grouping the whole call to find them.
    data = {d.nomination.id: d for d in load_review_data(call, ids=ids, candidates=dict.fromkeys(ids, 0))}
    rows: list[NominationReviewData] = [data[i] for i in ids]
    return Page(rows, number, pages, total)


def _listed(call: Call, f: NominationFilter) -> list[Listed]:
    needs_scores = f.sort in ("score", "merit") or f.score_min is not None or f.score_max is not None
    scores = NominationSummary.__table__ if needs_scores else None
    query = (
        select(Nomination.id, Nomination.status, Nominee.email, Nominee.name, Nominee.nationality,
               StakeholderGroup.position, Nominee.region, Nomination.submitted_at, Nomination.created_at,
               scores.c.mean if scores is not None else null(),
               scores.c.merit if scores is not None else null(),
               case((filter_condition(f, scores), 1), else_=0))
        .join(Nominee, Nominee.id == Nomination.nominee_id)
        .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .where(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT)
        .order_by(Nomination.id)
    )
    if scores is not None:
        query = query.outerjoin(scores, scores.c.nomination_id == Nomination.id)
    return [Listed(*row[:9], _number(row[9]), _number(row[10]), bool(row[11]))
            for row in db.session.execute(query)]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _lead(items: list[Listed]) -> Listed:
    return min(items, key=lambda n: (LEAD_ORDER.index(n.status), n.id))


def _sort_key(sort: str) -> Callable[[Listed], Any]:
    """The sort keys of ``review_list._sort_key``, on the listed columns."""
    def missing_last(value: float | None) -> tuple[bool, float]:
        return (value is None, value or 0.0)

    statuses = list(NominationStatus)
    keys: dict[str, Callable[[Listed], Any]] = {
        "name": lambda n: normalised_name(n.name),
        "group": lambda n: (n.position, normalised_name(n.name)),
        "region": lambda n: (n.region or "~", normalised_name(n.name)),
        "status": lambda n: (statuses.index(n.status), n.id),
        "score": lambda n: missing_last(n.mean),
        "merit": lambda n: missing_last(n.merit),
        "submitted": lambda n: (n.submitted_at is None, n.submitted_at or n.created_at),
    }
    return keys.get(sort, keys["name"])
