"""What calls have received, for the Secretariat's list: counts per status and candidates
counted in SQL and from the identity columns, and one page of candidates loaded at a time."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from selection.extensions import db
from selection.models import Nomination, NominationStatus, Nominee
from selection.workflow.candidates import PersonKey, group_candidates
from selection.workflow.review_list import Page

PER_PAGE = 50


def summaries(call_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Per call: nominations in total, candidates, and the count of each status present."""
    counts: dict[int, dict[NominationStatus, int]] = defaultdict(dict)
    for call_id, status, count in db.session.execute(
            select(Nomination.call_id, Nomination.status, func.count()).where(Nomination.call_id.in_(call_ids))
            .group_by(Nomination.call_id, Nomination.status)):
        counts[call_id][status] = count
    groups = _candidate_groups(call_ids)
    return {call_id: {
        "total": sum(counts[call_id].values()),
        "candidates": len(groups[call_id]),
        "by_status": [(status, counts[call_id][status]) for status in NominationStatus if counts[call_id].get(status)],
    } for call_id in call_ids}


def candidate_page(call_id: int, page: int, per_page: int = PER_PAGE) -> Page:
    """The ``page``-th page (clamped) of the call's candidates, each a list of nominations
    (nominee, group loaded), oldest first, as ``nominations_by_candidate`` groups them."""
    groups = _candidate_groups([call_id])[call_id]
    pages = max(1, math.ceil(len(groups) / per_page))
    number = min(max(page, 1), pages)
    shown = groups[(number - 1) * per_page: number * per_page]
    ids = [nomination_id for group in shown for nomination_id in group]
    loaded = {n.id: n for n in db.session.execute(
        select(Nomination).where(Nomination.id.in_(ids))
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))).scalars()}
    return Page([[loaded[i] for i in group] for group in shown], number, pages, len(groups))


def _candidate_groups(call_ids: Sequence[int]) -> dict[int, list[list[int]]]:
    """Per call, the nomination ids grouped by candidate, in order of creation."""
    rows: dict[int, list[PersonKey[int]]] = defaultdict(list)
    for call_id, nomination_id, email, name, nationality in db.session.execute(
            select(Nomination.call_id, Nomination.id, Nominee.email, Nominee.name, Nominee.nationality)
            .join(Nominee, Nominee.id == Nomination.nominee_id).where(Nomination.call_id.in_(call_ids))
            .order_by(Nomination.created_at, Nomination.id)):
        rows[call_id].append(PersonKey(nomination_id, email, name, nationality))
    return {call_id: group_candidates(rows[call_id]) for call_id in call_ids}
