"""A call's candidates nominated more than once, found in SQL: only nominations whose nominee
shares a normalised e-mail, or a normalised name and nationality, with another nomination of
the call are read and grouped (transitively, as ``candidates.group_candidates`` does); every
other nomination is a candidate of its own. Lists then sort and paginate in SQL over one
nomination per candidate."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy.orm import aliased

from selection.extensions import db
from selection.models import Nomination, NominationStatus, Nominee
from selection.workflow.candidates import PersonKey, group_candidates


def counted(call_ids: Sequence[int], drafts: bool) -> list[ColumnElement[bool]]:
    """The nominations of the calls that take part (drafts only when ``drafts``)."""
    return [Nomination.call_id.in_(list(call_ids))] + ([] if drafts else [Nomination.status != NominationStatus.DRAFT])


def shares_identity(call_ids: Sequence[int], drafts: bool) -> ColumnElement[bool]:
    """True for a nomination (its Nominee joined) whose person another nomination of its call shares."""
    people = select().select_from(Nomination).join(Nominee, Nominee.id == Nomination.nominee_id).where(
        *counted(call_ids, drafts))
    emails = (people.add_columns(Nomination.call_id, Nominee.identity_email).where(Nominee.identity_email != "")
              .group_by(Nomination.call_id, Nominee.identity_email).having(func.count() > 1))
    names = (people.add_columns(Nomination.call_id, Nominee.identity_name, Nominee.nationality)
             .where(Nominee.identity_name != "", Nominee.nationality != "")
             .group_by(Nomination.call_id, Nominee.identity_name, Nominee.nationality).having(func.count() > 1))
    return (tuple_(Nomination.call_id, Nominee.identity_email).in_(emails)
            | tuple_(Nomination.call_id, Nominee.identity_name, Nominee.nationality).in_(names))


@dataclass(frozen=True)
class Shared:
    """The candidates nominated more than once, per call: each a group of rows (``id`` first, then
    the columns asked for), in the order the query gave them."""

    by_call: dict[int, list[list[Any]]]

    @property
    def groups(self) -> list[list[Any]]:
        """The groups of every call."""
        return [group for groups in self.by_call.values() for group in groups]

    @property
    def member_ids(self) -> set[int]:
        """Every nomination of a shared candidate."""
        return {row[0] for group in self.groups for row in group}

    def later_ids(self) -> list[int]:
        """The nominations that are not the first of their candidate, ascending."""
        return sorted(row[0] for group in self.groups for row in group[1:])


def shared_candidates(call_ids: Sequence[int], drafts: bool, query: Select[Any]) -> Shared:
    """The shared candidates of the calls from ``query`` (selecting Nomination.id, Nominee.email,
    Nominee.name, Nominee.nationality first, from Nomination joined with Nominee, in the order
    the groups and their members take), in one statement; people are never matched across calls."""
    rows: dict[int, list[Any]] = defaultdict(list)
    for row in db.session.execute(query.add_columns(Nomination.call_id)
                                  .where(*counted(call_ids, drafts), shares_identity(call_ids, drafts))):
        rows[row[-1]].append(row)
    return Shared({call_id: group_candidates([PersonKey(row, row[1], row[2], row[3]) for row in found])
                   for call_id, found in rows.items()})


def candidate_numbers_of(call_id: int, drafts: bool, firsts: Sequence[int], shared: Shared) -> dict[int, int]:
    """The candidate number (``candidate_numbers``: candidates numbered by their oldest nomination
    id) of each candidate whose oldest nomination is one of ``firsts``, in one statement."""
    if not firsts:
        return {}
    other = aliased(Nomination)
    up_to = (select(func.count(other.id)).where(other.call_id == call_id, other.id <= Nomination.id,
                                                *([] if drafts else [other.status != NominationStatus.DRAFT]))
             .correlate(Nomination).scalar_subquery())
    later = shared.later_ids()
    return {first: count - bisect_left(later, first) for first, count in
            db.session.execute(select(Nomination.id, up_to).where(Nomination.id.in_(list(firsts))))}


def oldest_of_same_person(nomination_ids: Sequence[int]) -> dict[int, int]:
    """For each nomination, the id of the oldest nomination of the same person in its call
    (drafts included): the nominations linked to it, transitively, by e-mail or by name and
    nationality, found with the identity indexes in one recursive statement that reads those
    people only, never the rest of the call."""
    if not nomination_ids:
        return {}
    start, start_person = aliased(Nomination), aliased(Nominee)
    other, other_person = aliased(Nomination), aliased(Nominee)
    linked = select(Nomination.id.label("seed"), Nomination.id.label("member")).where(
        Nomination.id.in_(list(nomination_ids))).cte("linked", recursive=True)
    linked = linked.union(
        select(linked.c.seed, other.id)
        .join(start, start.id == linked.c.member)
        .join(start_person, start_person.id == start.nominee_id)
        .join(other_person, or_(
            and_(start_person.identity_email != "", other_person.identity_email == start_person.identity_email),
            and_(start_person.identity_name != "", start_person.nationality != "",
                 other_person.identity_name == start_person.identity_name,
                 other_person.nationality == start_person.nationality)))
        # ``call_id + 0`` keeps SQLite (without statistics) from walking the call's index: the
        # other nominations are reached through the identity indexes, then kept to the call.
        .join(other, and_(other.nominee_id == other_person.id, other.call_id + 0 == start.call_id)))
    return dict(db.session.execute(select(linked.c.seed, func.min(linked.c.member)).group_by(linked.c.seed)).all())
