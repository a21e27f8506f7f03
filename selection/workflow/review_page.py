"""One page of the review list, one row per candidate, and one page of the shortlist, without
loading the call.

The filter, the search (on the nominee's normalised search column) and the scores (mean and
merit, read from the maintained ``NominationSummary``) are SQL conditions; candidates nominated
more than once are found in SQL (``duplicates``) and grouped, each represented by its lead
nomination; the database then sorts, counts and slices one nomination per candidate, and only
the page's nominations are loaded with their reviews. Rows, order and filters are those of
``review_list.candidate_rows``.
"""
from __future__ import annotations

import math
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus, NominationSummary, Nominee, StakeholderGroup
from selection.workflow.duplicates import (
    Shared,
    candidate_numbers_of,
    counted,
    shared_candidates,
    shares_identity,
)
from selection.workflow.review_list import (
    LEAD_ORDER,
    PER_PAGE,
    CandidateRow,
    NominationFilter,
    NominationReviewData,
    Page,
    load_review_data,
)
from selection.workflow.review_query import filter_condition, with_listing_joins


def candidate_page(call: Call, f: NominationFilter, per_page: int = PER_PAGE) -> Page:
    """The ``f.page``-th page (clamped to the last) of candidates with a nomination passing ``f``."""
    condition = filter_condition(f, NominationSummary.__table__)
    shared = shared_candidates([call.id], False, with_listing_joins(
        select(Nomination.id, Nominee.email, Nominee.name, Nominee.nationality, Nomination.status,
               case((condition, 1), else_=0))).order_by(Nomination.id))
    firsts: dict[int, int] = {}  # lead nomination -> the candidate's oldest nomination
    members: dict[int, list[int]] = {}
    for group in shared.groups:
        lead = min(group, key=lambda row: (LEAD_ORDER.index(row[4]), row[0]))
        if any(row[5] for row in group):
            firsts[lead[0]], members[lead[0]] = group[0][0], [row[0] for row in group]
    shown = or_(and_(~_among_shared(call.id, shared), condition), Nomination.id.in_(list(firsts)))
    where = (*counted([call.id], False), shown)
    total = db.session.execute(with_listing_joins(select(func.count(Nomination.id))).where(*where)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(f.page, 1), pages)
    order = [key.desc() if f.descending else key for key in _sort_keys(f.sort)]
    tie = case(firsts, value=Nomination.id, else_=Nomination.id) if firsts else Nomination.id
    leads = list(db.session.execute(with_listing_joins(select(Nomination.id)).where(*where).order_by(*order, tie)
                                    .limit(per_page).offset((number - 1) * per_page)).scalars())
    numbers = candidate_numbers_of(call.id, False, [firsts.get(i, i) for i in leads], shared)
    items = {lead: members.get(lead, [lead]) for lead in leads}
    candidates = {i: numbers[firsts.get(lead, lead)] for lead, ids in items.items() for i in ids}
    data = {d.nomination.id: d for d in load_review_data(call, ids=list(candidates), candidates=candidates)}
    return Page([CandidateRow([data[i] for i in items[lead]]) for lead in leads], number, pages, total)


def _among_shared(call_id: int, shared: Shared) -> ColumnElement[bool]:
    """True for a nomination of a candidate nominated more than once: the ids when few (as usual),
    else the condition that found them (spares the database finding them again per statement)."""
    ids = shared.member_ids
    return Nomination.id.in_(sorted(ids)) if len(ids) <= 1000 else shares_identity([call_id], False)


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


def _sort_keys(sort: str) -> list[ColumnElement[Any]]:
    """The sort keys of ``review_list._sort_key`` in SQL (text compared code point by code point,
    as Python compares it); missing scores sort last going up, first going down."""
    name = _binary(Nominee.identity_name)
    region = _binary(case((or_(Nominee.region.is_(None), Nominee.region == ""), "~"), else_=Nominee.region))
    status = case(*[(Nomination.status == s, index) for index, s in enumerate(NominationStatus)])
    keys: dict[str, list[ColumnElement[Any]]] = {
        "name": [name],
        "group": [StakeholderGroup.position, name],
        "region": [region, name],
        "status": [status, Nomination.id],
        "score": [NominationSummary.mean.is_(None), func.coalesce(NominationSummary.mean, 0.0)],
        "merit": [NominationSummary.merit.is_(None), func.coalesce(NominationSummary.merit, 0.0)],
        "submitted": [Nomination.submitted_at.is_(None), func.coalesce(Nomination.submitted_at, Nomination.created_at)],
    }
    return keys.get(sort, keys["name"])


def _binary(text: ColumnElement[Any]) -> ColumnElement[Any]:
    """``text`` ordered by code point on PostgreSQL too (SQLite compares bytes already)."""
    return text.collate("C") if db.session.get_bind().dialect.name == "postgresql" else text
