"""What an export reads, with plain column selects (no review object graph): the exported
nominations' ids in the list's order (filtered and scored by the database, sorted on a few
columns), then their fields and review data a batch at a time, so that neither the time nor
the memory of an export grows with more than a batch of nominations, and the statements with
no more than the number of batches."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, null, select

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

BATCH = 1000  # nominations read at a time


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
    reviewers, conflicts) is one SQL condition; only each passing nomination's id and sort
    columns come back, and are sorted as the list sorts them."""
    candidates = candidate_numbers_of(call)
    scores = scores_subquery(call) if needs_scores(f) else None
    query = (
        select(Nomination.id, Nominee.name, StakeholderGroup.position, Nominee.region, Nomination.status,
               Nomination.submitted_at, Nomination.created_at,
               scores.c.mean if scores is not None else null(), scores.c.merit if scores is not None else null())
        .join(Nominee, Nominee.id == Nomination.nominee_id)
        .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .where(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT, filter_condition(f, scores))
        .order_by(Nomination.id))
    if scores is not None:
        query = query.outerjoin(scores, scores.c.nomination_id == Nomination.id)
    rows = db.session.execute(query).all()
    # As the list sorts: stable, equals in id order, ``reverse`` keeping it.
    rows.sort(key=sort_key(f.sort), reverse=f.descending)
    ids = [row[0] for row in rows]
    shape = _shape(call, ids)
    return ExportPlan(ids, candidates, shape[0], shape[1])


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


def _shape(call: Call, ids: list[int]) -> tuple[int, frozenset[str]]:
    """The most reviews any exported nomination has, and every answer key they gave, read
    over the call (two statements) and kept to the exported nominations."""
    wanted = set(ids)
    counts = db.session.execute(
        select(Review.nomination_id, func.count()).join(Nomination, Nomination.id == Review.nomination_id)
        .where(Nomination.call_id == call.id).group_by(Review.nomination_id)).all()
    keys: set[str] = set()
    answers = db.session.execute(select(Nomination.id, Nomination.answers).where(Nomination.call_id == call.id)
                                 .execution_options(yield_per=BATCH))
    for nomination_id, given in answers:
        if nomination_id in wanted and given:
            keys.update(given)
    return max((count for nomination_id, count in counts if nomination_id in wanted), default=0), frozenset(keys)


# ---------------------------------------------------------------------------- a batch's rows

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


def batches(plan: ExportPlan) -> Iterator[list[Entry]]:
    """The plan's nominations, ``BATCH`` at a time in the plan's order, each read with a fixed
    number of plain selects."""
    for start in range(0, len(plan.ids), BATCH):
        chunk = plan.ids[start:start + BATCH]
        rows = db.session.execute(
            select(*FIELDS).join(Nominee, Nominee.id == Nomination.nominee_id)
            .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
            .outerjoin(StoredFile, StoredFile.id == Nomination.cv_file_id).where(Nomination.id.in_(chunk)))
        entries = {row.id: Entry(row, plan.candidates[row.id]) for row in rows}
        _add_review_data(entries)
        _add_records(entries)
        yield [entries[nomination_id] for nomination_id in chunk]


def _who(name: str | None, email: str | None) -> str | None:
    return (name or email) if email is not None else None


def _add_review_data(entries: dict[int, Entry]) -> None:
    """Assignments, conflicts, reviews with their scores, recommendations and screenings."""
    ids = list(entries)
    for nomination_id, name, email in db.session.execute(
            select(ReviewAssignment.nomination_id, User.name, User.email).join(User, User.id == ReviewAssignment.reviewer_id)
            .where(ReviewAssignment.nomination_id.in_(ids))):
        entries[nomination_id].assigned.append((name, email))
    for entry in entries.values():
        entry.assigned.sort()  # by name, then e-mail, as Python compares them on every database
    for nomination_id, reviewer_id, name, email, kind, details in db.session.execute(
            select(ConflictDeclaration.nomination_id, ConflictDeclaration.reviewer_id, User.name, User.email,
                   ConflictDeclaration.kind, ConflictDeclaration.details)
            .join(User, User.id == ConflictDeclaration.reviewer_id)
            .where(ConflictDeclaration.nomination_id.in_(ids)).order_by(ConflictDeclaration.id)):
        entries[nomination_id].conflicts.append((reviewer_id, name or email, kind, details))
    lines: dict[int, ReviewLine] = {}
    for row in db.session.execute(
            select(Review.id, Review.nomination_id, Review.reviewer_id, User.name, User.email,
                   Review.submitted_at.is_not(None).label("submitted"),  # not the time: read once per score row
                   Review.overall_comment, ReviewScore.criterion_id, ReviewScore.score, ReviewScore.comment)
            .join(User, User.id == Review.reviewer_id).outerjoin(ReviewScore, ReviewScore.review_id == Review.id)
            .where(Review.nomination_id.in_(ids)).order_by(Review.id)):
        review_id, nomination_id, reviewer_id, name, email, submitted, overall, criterion_id, score, comment = row
        line = lines.get(review_id)
        if line is None:
            line = lines[review_id] = ReviewLine(reviewer_id, name or email, bool(submitted), overall or "")
            entries[nomination_id].reviews.append(line)
        if criterion_id is not None:
            line.scores[criterion_id] = (score, comment or "")
    for nomination_id, body_id, level, note in db.session.execute(
            select(Recommendation.nomination_id, Recommendation.body_id, Recommendation.level, Recommendation.note)
            .where(Recommendation.nomination_id.in_(ids)).order_by(Recommendation.body_id)):
        entries[nomination_id].recommendations[body_id] = (level, note)
    for nomination_id, eligible, reason, note in db.session.execute(
            select(ScreeningResult.nomination_id, ScreeningResult.eligible, ScreeningResult.reason, ScreeningResult.note)
            .where(ScreeningResult.nomination_id.in_(ids)).order_by(ScreeningResult.id)):
        entries[nomination_id].screening = (eligible, reason, note)  # the latest is in force


def _add_records(entries: dict[int, Entry]) -> None:
    """Internal comments and status history, with who wrote them."""
    ids = list(entries)
    for nomination_id, at, name, email, body in db.session.execute(
            select(InternalComment.nomination_id, InternalComment.created_at, User.name, User.email, InternalComment.body)
            .outerjoin(User, User.id == InternalComment.author_id)
            .where(InternalComment.nomination_id.in_(ids)).order_by(InternalComment.id)):
        entries[nomination_id].comments.append((at, _who(name, email), body))
    for nomination_id, at, email, before, after in db.session.execute(
            select(AuditEvent.object_id, AuditEvent.at, User.email, AuditEvent.from_state, AuditEvent.to_state)
            .outerjoin(User, User.id == AuditEvent.actor_id)
            .where(AuditEvent.object_type == "nomination", AuditEvent.object_id.in_(ids),
                   AuditEvent.to_state.is_not(None), AuditEvent.action == "status").order_by(AuditEvent.id)):
        entries[nomination_id].history.append((at, email, before, after))


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
