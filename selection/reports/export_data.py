"""What an export reads, with plain column selects on the connection (no ORM objects): the
exported nominations' ids in the list's order (filtered and scored by the database, sorted on
a few columns), then their fields and review data, each table read once, ordered by the
plan's position and streamed, so that the memory of an export holds one nomination at a time
and its statements are the same in number at any size."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Integer, MetaData, Row, Select, Table, Text, cast, delete, func, insert, null, select
from sqlalchemy.schema import CreateTable, DropTable

from selection.extensions import db
from selection.models import (
    AuditEvent,
    Call,
    ConflictDeclaration,
    InternalComment,
    Nomination,
    NominationStatus,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewScore,
    ScreeningResult,
    StakeholderGroup,
    StoredFile,
    User,
)
from selection.models.names import normalised_name
from selection.models.nomination import Nominee
from selection.workflow.candidates import PersonKey, group_candidates
from selection.workflow.review_list import NominationFilter
from selection.workflow.review_query import filter_condition, scores_subquery



@dataclass(frozen=True)
class ExportPlan:
    """The nominations to export in order, their candidate numbers, and the column shape:
    the most reviews any of them has and the answer keys they gave."""

    ids: list[int]
    candidates: dict[int, int]
    review_slots: int
    answer_keys: frozenset[str]


def plan_export(call: Call, f: NominationFilter) -> ExportPlan:
    """Which nominations the export holds, in the list's order: the filter (search, scores,
    reviewers, conflicts) is one SQL condition; only each passing nomination's id, sort
    columns, review count and answers (as text) come back, and are sorted as the list sorts
    them. Nothing of the nominations the filter leaves out is read."""
    db.session.flush()  # plain selects on the connection below: what the session holds is sent first
    connection = db.session.connection()
    candidates = candidate_numbers_of(call)
    scores = scores_subquery(call) if needs_scores(f) else None
    reviews = (select(Review.nomination_id, func.count().label("count")).join(Nomination)
               .where(Nomination.call_id == call.id).group_by(Review.nomination_id).subquery())
    query = (
        select(Nomination.id, Nominee.name, StakeholderGroup.position, Nominee.region, Nomination.status,
               Nomination.submitted_at, Nomination.created_at,
               scores.c.mean if scores is not None else null(), scores.c.merit if scores is not None else null(),
               reviews.c.count, cast(Nomination.answers, Text))
        .join(Nominee, Nominee.id == Nomination.nominee_id)
        .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .outerjoin(reviews, reviews.c.nomination_id == Nomination.id)
        .where(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT, filter_condition(f, scores))
        .order_by(Nomination.id))
    if scores is not None:
        query = query.outerjoin(scores, scores.c.nomination_id == Nomination.id)
    rows = connection.execute(query).all()
    # As the list sorts: stable, equals in id order, ``reverse`` keeping it.
    rows.sort(key=sort_key(f.sort), reverse=f.descending)
    return ExportPlan([row[0] for row in rows], candidates, max((row[9] or 0 for row in rows), default=0),
                      _answer_keys(row[10] for row in rows))


def _answer_keys(answers: Iterable[str | None]) -> frozenset[str]:
    """Every answer key given, from the answers as JSON text (most are "{}": not parsed)."""
    keys: set[str] = set()
    for text in answers:
        if text and text not in ("{}", "null"):
            given = json.loads(text)
            if given:
                keys.update(given)
    return frozenset(keys)


def needs_scores(f: NominationFilter) -> bool:
    """True when the filter or the sort looks at the review mean or the merit."""
    return f.score_min is not None or f.score_max is not None or f.sort in ("score", "merit")


def sort_key(sort: str) -> Callable[[Row[Any]], Any]:
    """The list's sort keys (``review_list._sort_key``) on the planned columns (id, name,
    group position, region, status, submitted_at, created_at, mean, merit)."""
    def missing_last(value: Any) -> tuple[bool, float]:
        return (value is None, float(value or 0.0))

    statuses = list(NominationStatus)
    keys: dict[str, Callable[[Row[Any]], Any]] = {
        "name": lambda r: normalised_name(r[1]),
        "group": lambda r: (r[2], normalised_name(r[1])),
        "region": lambda r: (r[3] or "~", normalised_name(r[1])),
        "status": lambda r: (statuses.index(r[4]), r[0]),
        "score": lambda r: missing_last(r[7]),
        "merit": lambda r: missing_last(r[8]),
        "submitted": lambda r: (r[5] is None, r[5] or r[6]),
    }
    return keys.get(sort, keys["name"])


# ---------------------------------------------------------------------------- the rows

FIELDS = (
    Nomination.id, Nomination.status, StakeholderGroup.name.label("group_name"), Nomination.submitted_at,
    Nominee.name, Nominee.title, Nominee.organization, Nominee.email, Nominee.nationality, Nominee.region,
    Nominee.residence, Nominee.gender, Nomination.position_level, Nomination.eligibility_declared,
    Nomination.biography, Nomination.statement, Nomination.languages, Nomination.availability_confirmed,
    Nomination.availability_note, Nomination.links, Nomination.nominator_kind, Nomination.nominator_name,
    Nomination.nominator_organization, Nomination.nominator_email, Nomination.consent_state,
    StoredFile.original_name.label("cv_name"), Nomination.language, Nomination.answers,
)


@dataclass
class ReviewLine:
    """One review as the export writes it: who, its state, its scores and comments."""

    reviewer_id: int
    reviewer: str
    submitted: bool
    overall_comment: str
    scores: dict[int, tuple[int | None, str]] = field(default_factory=dict)  # criterion -> (score, comment)
    values: dict[int, int | None] = field(default_factory=dict)  # criterion -> score


@dataclass
class Entry:
    """One exported nomination: its fields (a row of ``FIELDS``) and what review produced."""

    fields: Row[Any]
    candidate: int
    assigned: list[tuple[str, str]] = field(default_factory=list)  # (name, e-mail) of each reviewer
    conflicts: list[tuple[int, str, Any, str]] = field(default_factory=list)  # reviewer id, who, kind, details
    reviews: list[ReviewLine] = field(default_factory=list)
    recommendations: dict[int, tuple[Any, str]] = field(default_factory=dict)  # body id -> (level, note)
    screening: tuple[bool, Any, str] | None = None  # eligible, reason, note
    comments: list[tuple[datetime, str | None, str]] = field(default_factory=list)  # when, who, text
    history: list[tuple[datetime, str | None, str | None, str | None]] = field(default_factory=list)


ORDER = Table(  # the plan's order, written once per export and read by every select below
    "export_order", MetaData(), Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("nomination_id", Integer, nullable=False), prefixes=["TEMPORARY"])
STREAM = 100  # rows fetched at a time from each select: few enough to die young (no full garbage collection)


def entries(plan: ExportPlan) -> Iterator[Entry]:
    """The plan's nominations one at a time, in the plan's order. The order is written to a
    temporary table (one insert); each related table is then read once for the whole export,
    joined to it and sorted by position, and the streams are merged as rows are handed out:
    the statements are the same in number at any size, and memory holds one nomination."""
    connection = db.session.connection()
    connection.execute(CreateTable(ORDER, if_not_exists=True))
    connection.execute(delete(ORDER))  # what an export that stopped half-way may have left
    if plan.ids:
        connection.execute(insert(ORDER), [{"seq": seq, "nomination_id": n} for seq, n in enumerate(plan.ids)])
    if connection.dialect.name == "postgresql":
        # Never analysed otherwise (autovacuum skips temporary tables): without its size the
        # planner guesses. Plain index joins gain nothing from compiling them to machine code
        # (JIT), which large cost estimates would do for longer than the joins run.
        connection.exec_driver_sql(f"ANALYZE {ORDER.name}")
        connection.exec_driver_sql("SET LOCAL jit = off")
    results = [connection.execute(query.execution_options(stream_results=True, yield_per=STREAM))
               for query in _selects(connection.dialect.name)]
    try:
        yield from _merged(plan, [groupby(chain.from_iterable(result.partitions()), itemgetter(0)) for result in results])
    finally:
        for result in results:
            result.close()
        connection.execute(DropTable(ORDER, if_exists=True))


def _merged(plan: ExportPlan, streams: list[Iterator[tuple[int, Iterator[Row[Any]]]]]) -> Iterator[Entry]:
    """Each nomination's rows from the streams (grouped by position, in ``_selects``' order)."""
    heads = [next(stream, None) for stream in streams]
    empty: list[Row[Any]] = []

    def take(k: int, seq: int) -> list[Row[Any]]:
        head = heads[k]
        while head is not None and head[0] < seq:  # of a nomination deleted since the plan
            head = heads[k] = next(streams[k], None)
        if head is None or head[0] != seq:
            return empty
        rows = list(head[1])  # before the stream moves on: a group is valid until then
        heads[k] = next(streams[k], None)
        return rows

    for seq, nomination_id in enumerate(plan.ids):
        fields = take(0, seq)
        if not fields:
            continue  # deleted since the plan (a streamed export is read after the plan's commit)
        screening = None
        for _seq, eligible, reason, note in take(5, seq):
            screening = (eligible, reason, note)  # the latest is in force
        yield Entry(
            fields[0], plan.candidates[nomination_id],
            assigned=sorted((name, email) for _seq, name, email in take(1, seq)),
            conflicts=[(reviewer_id, name or email, kind, details)
                       for _seq, reviewer_id, name, email, kind, details in take(2, seq)],
            reviews=_review_lines(take(3, seq)),
            recommendations={body_id: (level, note) for _seq, body_id, level, note in take(4, seq)},
            screening=screening,
            comments=[(at, _who(name, email), body) for _seq, at, name, email, body in take(6, seq)],
            history=[(at, email, before, after) for _seq, at, email, before, after in take(7, seq)])


def _review_lines(rows: Iterable[Row[Any]]) -> list[ReviewLine]:
    lines: list[ReviewLine] = []
    for _seq, reviewer_id, name, email, submitted, overall, scores in rows:
        line = ReviewLine(reviewer_id, name or email, bool(submitted), overall or "")
        for criterion_id, score, comment in scores or ():
            line.scores[criterion_id] = (score, comment or "")
            line.values[criterion_id] = score
        lines.append(line)
    return lines


def _json_rows(dialect: str, *columns: Any) -> Any:
    """The aggregate of ``columns`` as a JSON list of lists (read back as Python lists): one
    row per review instead of one per score."""
    if dialect == "postgresql":
        return func.json_agg(func.json_build_array(*columns), type_=JSON)
    return func.json_group_array(func.json_array(*columns), type_=JSON)


def _selects(dialect: str) -> list[Select[Any]]:
    """Fields, assignments, conflicts, reviews with their scores, recommendations, screenings,
    internal comments and status history of the ordered nominations, each by position."""
    seq, nomination = ORDER.c.seq, ORDER.c.nomination_id
    scores = (select(_json_rows(dialect, ReviewScore.criterion_id, ReviewScore.score, ReviewScore.comment))
              .where(ReviewScore.review_id == Review.id).scalar_subquery())

    def of(*columns: Any, table: Any, key: Any) -> Select[Any]:
        return select(seq, *columns).select_from(ORDER).join(table, key == nomination)

    return [
        of(*FIELDS, table=Nomination, key=Nomination.id).join(Nominee, Nominee.id == Nomination.nominee_id)
        .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .outerjoin(StoredFile, StoredFile.id == Nomination.cv_file_id).order_by(seq),
        of(User.name, User.email, table=ReviewAssignment, key=ReviewAssignment.nomination_id)
        .join(User, User.id == ReviewAssignment.reviewer_id).order_by(seq),
        of(ConflictDeclaration.reviewer_id, User.name, User.email, ConflictDeclaration.kind,
           ConflictDeclaration.details, table=ConflictDeclaration, key=ConflictDeclaration.nomination_id)
        .join(User, User.id == ConflictDeclaration.reviewer_id).order_by(seq, ConflictDeclaration.id),
        of(Review.reviewer_id, User.name, User.email, Review.submitted_at.is_not(None).label("submitted"),
           Review.overall_comment, scores, table=Review, key=Review.nomination_id)
        .join(User, User.id == Review.reviewer_id).order_by(seq, Review.id),
        of(Recommendation.body_id, Recommendation.level, Recommendation.note,
           table=Recommendation, key=Recommendation.nomination_id).order_by(seq, Recommendation.body_id),
        of(ScreeningResult.eligible, ScreeningResult.reason, ScreeningResult.note,
           table=ScreeningResult, key=ScreeningResult.nomination_id).order_by(seq, ScreeningResult.id),
        of(InternalComment.created_at, User.name, User.email, InternalComment.body,
           table=InternalComment, key=InternalComment.nomination_id)
        .outerjoin(User, User.id == InternalComment.author_id).order_by(seq, InternalComment.id),
        of(AuditEvent.at, User.email, AuditEvent.from_state, AuditEvent.to_state, table=AuditEvent,
           key=AuditEvent.object_id).outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == "nomination", AuditEvent.to_state.is_not(None),
               AuditEvent.action == "status").order_by(seq, AuditEvent.id),
    ]


def _who(name: str | None, email: str | None) -> str | None:
    return (name or email) if email is not None else None


def candidate_numbers_of(call: Call) -> dict[int, int]:
    """Candidate number of each nomination of the call (drafts excluded), from four columns
    rather than the objects; the keys are in id order, as the list loads them."""
    rows = db.session.connection().execute(
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
