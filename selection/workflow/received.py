"""What calls have received, for the Secretariat's list: counts per status and candidates
counted in SQL (only people nominated more than once are read, ``duplicates``), and one page of
candidates, paged by the database, loaded at a time."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from selection.extensions import db
from selection.models import Nomination, NominationStatus, Nominee
from selection.workflow.duplicates import Shared, shared_candidates
from selection.workflow.review_list import Page

PER_PAGE = 50


def summaries(call_ids: Sequence[int], shared: Shared | None = None) -> dict[int, dict[str, Any]]:
    """Per call: nominations in total, candidates, and the count of each status present
    (``shared``: the calls' people nominated more than once, when the caller has them)."""
    counts: dict[int, dict[NominationStatus, int]] = defaultdict(dict)
    for call_id, status, count in db.session.execute(
            select(Nomination.call_id, Nomination.status, func.count()).where(Nomination.call_id.in_(call_ids))
            .group_by(Nomination.call_id, Nomination.status)):
        counts[call_id][status] = count
    shared = shared if shared is not None else _shared(call_ids)
    return {call_id: {
        "total": sum(counts[call_id].values()),
        "candidates": sum(counts[call_id].values()) - sum(len(g) - 1 for g in shared.by_call.get(call_id, [])),
        "by_status": [(status, counts[call_id][status]) for status in NominationStatus if counts[call_id].get(status)],
    } for call_id in call_ids}


def call_listing(call_id: int, page: int) -> tuple[Page, dict[str, Any]]:
    """A call's page of candidates and its summary, finding its shared people once."""
    shared = _shared([call_id])
    return candidate_page(call_id, page, shared=shared), summaries([call_id], shared)[call_id]


def candidate_page(call_id: int, page: int, per_page: int = PER_PAGE, shared: Shared | None = None) -> Page:
    """The ``page``-th page (clamped) of the call's candidates, each a list of nominations
    (nominee, group loaded), oldest first, as ``nominations_by_candidate`` groups them: the
    database pages over each candidate's oldest nomination."""
    shared = shared if shared is not None else _shared([call_id])
    groups = {group[0][0]: [row[0] for row in group] for group in shared.by_call.get(call_id, [])}
    later = [i for members in groups.values() for i in members[1:]]
    shown = (Nomination.call_id == call_id, Nomination.id.not_in(later))
    total = db.session.execute(select(func.count(Nomination.id)).where(*shown)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(page, 1), pages)
    firsts = list(db.session.execute(select(Nomination.id).where(*shown).order_by(*OLDEST_FIRST)
                                     .limit(per_page).offset((number - 1) * per_page)).scalars())
    ids = [i for first in firsts for i in groups.get(first, [first])]
    loaded = {n.id: n for n in db.session.execute(
        select(Nomination).where(Nomination.id.in_(ids))
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))).scalars()}
    return Page([[loaded[i] for i in groups.get(first, [first])] for first in firsts], number, pages, total)


OLDEST_FIRST = (Nomination.created_at, Nomination.id)


def _shared(call_ids: Sequence[int]) -> Shared:
    """The calls' candidates nominated more than once (drafts included), members oldest first."""
    return shared_candidates(call_ids, True, select(Nomination.id, Nominee.email, Nominee.name, Nominee.nationality)
                             .join(Nominee, Nominee.id == Nomination.nominee_id).order_by(*OLDEST_FIRST))
