"""The hand-made slate editor: the members chosen so far, and one page of the rest of the
shortlist, filtered by stakeholder group, searched by name or organization and sorted in SQL
(merit read from the maintained ``NominationSummary``), so that the page does not grow with
the shortlist; and the one-statement check that posted members are shortlisted candidates.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, true

from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus, NominationSummary, Nominee, StakeholderGroup
from selection.numbers import MAX_DATABASE_ID
from selection.slates import facts_of
from selection.workflow.review_query import search_condition, search_words, with_listing_joins
from selection.workflow.slate_runs import recommendation_words

PER_PAGE = 50
SORTS = ("merit", "name")
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class PoolFilter:
    """Which shortlisted candidates the pool shows: a group (its id), words of a name or
    organization, the order ("merit": highest first; "name") and the page."""

    group: int | None = None
    q: str = ""
    sort: str = "merit"
    page: int = 1

    def words(self) -> list[str]:
        """The search's words, normalised as ``Nominee.search_text`` is (case and accents ignored),
        without control characters."""
        return search_words(self.q[:MAX_QUERY_LENGTH])


@dataclass(frozen=True)
class Pool:
    """One page of the shortlisted candidates not chosen that pass the filter."""

    rows: list[dict[str, Any]]
    number: int
    pages: int
    total: int


@dataclass(frozen=True)
class EditorView:
    """What the editor shows: the chosen members (shortlisted ones only), the pool's page and
    the call's stakeholder groups (id, name) for the filter."""

    chosen: list[dict[str, Any]]
    pool: Pool
    groups: list[tuple[int, str]]


def _shortlisted(call: Call) -> tuple[ColumnElement[bool], ...]:
    return Nomination.call_id == call.id, Nomination.status == NominationStatus.SHORTLISTED


def _merit() -> ColumnElement[Any]:
    return func.coalesce(NominationSummary.merit, 0)


def _matches(f: PoolFilter) -> ColumnElement[bool]:
    """The filter's group and search as one SQL condition."""
    conditions = [search_condition(f.words())]
    if f.group is not None:
        conditions.append(Nomination.group_id == f.group)
    return and_(true(), *conditions)


def _possible(ids: Iterable[int]) -> list[int]:
    """``ids`` without repeats and without numbers no id can be (a column holds them)."""
    return [i for i in dict.fromkeys(ids) if 1 <= i <= MAX_DATABASE_ID]


def not_shortlisted(call: Call, ids: Iterable[int]) -> list[int]:
    """Of ``ids``, those that are not shortlisted candidates of ``call`` (unknown, of another call,
    not or no longer shortlisted), in their order, checked in one statement."""
    wanted = list(dict.fromkeys(ids))
    possible = _possible(wanted)
    found = set(db.session.execute(select(Nomination.id).where(Nomination.id.in_(possible), *_shortlisted(call)))
                .scalars()) if possible else set()
    return [i for i in wanted if i not in found]


def editor_view(call: Call, chosen_ids: Iterable[int], f: PoolFilter, per_page: int | None = None) -> EditorView:
    """The chosen members (by group, highest merit first) and the ``f.page``-th page (clamped to
    the last) of the other shortlisted candidates passing ``f``, in five statements whatever the
    shortlist's length."""
    per_page = per_page or PER_PAGE
    chosen = _possible(chosen_ids)
    not_chosen = Nomination.id.not_in(chosen) if chosen else true()
    condition = and_(_matches(f), not_chosen)
    counted = select(func.count(Nomination.id)).select_from(Nomination)
    if f.words():
        counted = counted.join(Nominee, Nominee.id == Nomination.nominee_id)
    total = db.session.execute(counted.where(*_shortlisted(call), condition)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(f.page, 1), pages)
    order = ([Nominee.identity_name, _merit().desc()] if f.sort == "name"
             else [_merit().desc(), Nominee.identity_name])
    pool = _rows(_columns().where(*_shortlisted(call), condition).order_by(*order, Nomination.id)
                 .limit(per_page).offset((number - 1) * per_page))
    members = _rows(_columns().where(*_shortlisted(call), Nomination.id.in_(chosen))
                    .order_by(StakeholderGroup.position, _merit().desc(), Nominee.identity_name, Nomination.id)
                    ) if chosen else []
    words = recommendation_words([row["id"] for row in members + pool])
    for row in members + pool:
        row["recommendations"] = list(words.get(row["id"], ()))
    groups = db.session.execute(select(StakeholderGroup.id, StakeholderGroup.name)
                                .where(StakeholderGroup.call_id == call.id)
                                .order_by(StakeholderGroup.position, StakeholderGroup.id)).all()
    return EditorView(members, Pool(pool, number, pages, total), [(i, name) for i, name in groups])


def _columns() -> Select[Any]:
    return with_listing_joins(select(Nomination.id, Nominee.name, StakeholderGroup.name, StakeholderGroup.code,
                                     Nominee.region, Nominee.gender, Nominee.nationality, Nominee.residence,
                                     NominationSummary.merit))


def _rows(query: Select[Any]) -> list[dict[str, Any]]:
    """The rows as the editor shows them (recommendations added by the caller)."""
    return [{"id": id_, "name": name, "group": group, "gender": gender.label,
             "facts": facts_of(code, region, gender.value, nationality, residence),
             "merit": None if merit is None else float(merit)}
            for id_, name, group, code, region, gender, nationality, residence, merit in db.session.execute(query)]
