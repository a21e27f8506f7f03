"""The Secretariat's list of a call's nominations: filters, search, sorting, pagination, one
row per candidate; shared by the list page, the exports and the API so that an export is
filtered exactly as the list is."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from selection.data import N_
from selection.extensions import db
from selection.models import (
    Call,
    ConflictDeclaration,
    Gender,
    Nomination,
    NominationStatus,
    Recommendation,
    Review,
    ReviewAssignment,
    User,
)
from selection.numbers import parse_id, parse_int
from selection.review_scores import Aggregate, merit_score
from selection.workflow.candidates import candidate_numbers, normalised_name
from selection.workflow.review_query import candidate_numbers_in_call
from selection.workflow.review import aggregate_reviews, criteria_of, is_staff

SORTS = {  # labels translated where shown
    "name": N_("Name"), "group": N_("Stakeholder group"), "region": N_("UN regional group"), "status": N_("Status"),
    "score": N_("Review score"), "merit": N_("Merit score"), "submitted": N_("Submitted"),
}
PER_PAGE = 25
MAX_PAGE = 100_000  # beyond any list; keeps the offset within what a database accepts


def _score(text: str) -> float | None:
    """A score bound typed in the filter (0-100 scale), or None when it is not a finite number."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


LEAD_ORDER = [NominationStatus.SHORTLISTED, NominationStatus.UNDER_REVIEW, NominationStatus.SUBMITTED,
              NominationStatus.NOT_SHORTLISTED, NominationStatus.APPOINTED, NominationStatus.NOT_APPOINTED,
              NominationStatus.INELIGIBLE, NominationStatus.DRAFT, NominationStatus.WITHDRAWN]
"""Which nomination represents a candidate in the list: the first status here, then the oldest."""


@dataclass(frozen=True)
class NominationFilter:
    """What the list shows; every field optional. Built by views from the query string."""

    group: str = ""
    region: str = ""
    gender: str = ""
    status: str = ""
    reviewer: int | None = None
    score_min: float | None = None
    score_max: float | None = None
    has_conflicts: bool | None = None
    q: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "NominationFilter":
        """Read a filter from query arguments, ignoring what does not parse."""
        def number(key: str) -> float | None:
            return _score(args[key]) if args.get(key, "").strip() else None

        conflicts = args.get("has_conflicts", "")
        return cls(
            group=args.get("group", ""), region=args.get("region", ""), gender=args.get("gender", ""),
            status=args.get("status", "") if args.get("status", "") in {s.value for s in NominationStatus} else "",
            reviewer=parse_id(args.get("reviewer", "")),
            score_min=number("score_min"), score_max=number("score_max"),
            has_conflicts={"yes": True, "no": False}.get(conflicts),
            q=args.get("q", "").strip(), sort=args.get("sort", "name") if args.get("sort") in SORTS else "name",
            descending=args.get("order") == "desc", page=parse_int(args.get("page"), minimum=1, maximum=MAX_PAGE) or 1,
        )

    @staticmethod
    def unreadable(args: Mapping[str, str]) -> list[str]:
        """The numeric arguments given that ``from_args`` ignores, in words (to tell the person)."""
        checks = {"reviewer": parse_id, "page": lambda v: parse_int(v, minimum=1, maximum=MAX_PAGE)}
        found = [f"the {name} filter" if name != "page" else "the page number"
                 for name, parse in checks.items() if args.get(name, "").strip() and parse(args[name]) is None]
        for name in ("score_min", "score_max"):
            if args.get(name, "").strip() and _score(args[name]) is None:
                found.append(f"the {'lowest' if name == 'score_min' else 'highest'} score")
        return found

    def as_args(self, **changes: Any) -> dict[str, str]:
        """The filter as query arguments (for links that keep it), with ``changes`` applied."""
        current = replace(self, **changes)
        out: dict[str, str] = {}
        for spec in fields(current):
            value = getattr(current, spec.name)
            if spec.name == "has_conflicts" and value is not None:
                out[spec.name] = "yes" if value else "no"
            elif spec.name == "descending":
                if value:
                    out["order"] = "desc"
            elif spec.name == "page":
                if value != 1:
                    out["page"] = str(value)
            elif spec.name == "sort":
                if value != "name":
                    out["sort"] = value
            elif value not in (None, ""):
                out[spec.name] = f"{value:g}" if isinstance(value, float) else str(value)
        return out

    @property
    def is_filtered(self) -> bool:
        """True when anything narrows the list."""
        return any(k not in ("sort", "order", "page") for k in self.as_args())


@dataclass
class NominationReviewData:
    """One nomination with what review has produced for it."""

    nomination: Nomination
    candidate: int
    scores: Aggregate
    merit: float | None
    assigned: list[User] = field(default_factory=list)
    conflicts: list[ConflictDeclaration] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


@dataclass
class CandidateRow:
    """One candidate: their nominations, the one shown first (the most advanced in review)."""

    items: list[NominationReviewData]

    @property
    def lead(self) -> NominationReviewData:
        """The nomination that represents the candidate in the list."""
        return min(self.items, key=lambda d: (LEAD_ORDER.index(d.nomination.status), d.nomination.id))


def load_review_data(call: Call, ids: Collection[int] | None = None,
                     status: NominationStatus | None = None,
                     candidates: Mapping[int, int] | None = None) -> list[NominationReviewData]:
    """The call's nominations (drafts excluded; only ``ids`` or only ``status`` when given) with
    reviews, conflicts and recommendations, in a handful of queries whatever their number;
    ``candidates`` gives the candidate numbers when the caller knows them (an export's batch)."""
    query = (select(Nomination).where(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT)
             .options(joinedload(Nomination.nominee), joinedload(Nomination.group),
                      joinedload(Nomination.nominator), joinedload(Nomination.cv))
             .order_by(Nomination.id))
    if ids is not None:
        query = query.where(Nomination.id.in_(list(ids)))
    if status is not None:
        query = query.where(Nomination.status == status)
    nominations = list(db.session.execute(query).scalars())
    partial = ids is not None or status is not None
    if candidates is not None:
        candidate_of = candidates
    else:
        candidate_of = candidate_numbers_in_call(call.id, drafts=False) if partial else candidate_numbers(nominations)
    return _with_review_data(call, nominations, candidate_of)


def _with_review_data(call: Call, nominations: list[Nomination], candidate_of: Mapping[int, int]) -> list[NominationReviewData]:
    ids = [n.id for n in nominations]
    by_nomination: dict[str, dict[int, list[Any]]] = {key: defaultdict(list) for key in
                                                      ("assigned", "conflicts", "reviews", "recommendations")}
    for a in db.session.execute(select(ReviewAssignment).where(ReviewAssignment.nomination_id.in_(ids))
                                .options(selectinload(ReviewAssignment.reviewer))).scalars():
        by_nomination["assigned"][a.nomination_id].append(a.reviewer)
    for c in db.session.execute(select(ConflictDeclaration).where(ConflictDeclaration.nomination_id.in_(ids))).scalars():
        by_nomination["conflicts"][c.nomination_id].append(c)
    for r in db.session.execute(select(Review).where(Review.nomination_id.in_(ids))
                                .options(joinedload(Review.scores)).order_by(Review.id)).unique().scalars():
        by_nomination["reviews"][r.nomination_id].append(r)
    for r in db.session.execute(select(Recommendation).where(Recommendation.nomination_id.in_(ids))
                                .order_by(Recommendation.body_id)).scalars():
        by_nomination["recommendations"][r.nomination_id].append(r)
    criteria = criteria_of(call)
    data = []
    for n in nominations:
        recused = {c.reviewer_id for c in by_nomination["conflicts"][n.id]}
        scores = aggregate_reviews(by_nomination["reviews"][n.id], recused, criteria)
        recommendations = by_nomination["recommendations"][n.id]
        data.append(NominationReviewData(
            n, candidate_of[n.id], scores,
            merit_score(scores.mean, [r.level.value for r in recommendations], call.merit_settings),
            sorted(by_nomination["assigned"][n.id], key=lambda u: (u.name, u.email)),
            by_nomination["conflicts"][n.id], by_nomination["reviews"][n.id], recommendations,
        ))
    return data


def visible_to(viewer: User | None, data: list[NominationReviewData]) -> list[NominationReviewData]:
    """Staff see everything; a reviewer only what they are assigned and not recused from."""
    if is_staff(viewer):
        return data
    if viewer is None:
        return []
    return [d for d in data if any(u.id == viewer.id for u in d.assigned)
            and all(c.reviewer_id != viewer.id for c in d.conflicts)]


def matches(d: NominationReviewData, f: NominationFilter) -> bool:
    """True when the nomination passes the filter."""
    person = d.nomination.nominee
    checks: list[Callable[[], bool]] = [
        lambda: not f.group or d.nomination.group.code == f.group,
        lambda: not f.region or person.region == f.region,
        lambda: not f.gender or person.gender.value == f.gender,
        lambda: not f.status or d.nomination.status.value == f.status,
        lambda: f.reviewer is None or any(u.id == f.reviewer for u in d.assigned)
        or any(r.reviewer_id == f.reviewer for r in d.reviews),
        lambda: f.score_min is None or (d.scores.mean is not None and d.scores.mean >= f.score_min),
        lambda: f.score_max is None or (d.scores.mean is not None and d.scores.mean <= f.score_max),
        lambda: f.has_conflicts is None or bool(d.conflicts) == f.has_conflicts,
        lambda: not f.q or _search(f.q, person.name, person.organization),
    ]
    return all(check() for check in checks)


def _search(query: str, *texts: str) -> bool:
    """Every word of the query appears in the name or organization (case and accents ignored)."""
    haystack = " ".join(normalised_name(t) for t in texts)
    return all(word in haystack for word in normalised_name(query).split())


def filtered(data: list[NominationReviewData], f: NominationFilter) -> list[NominationReviewData]:
    """The nominations that pass the filter, sorted as it says (one row per nomination: exports)."""
    return sorted((d for d in data if matches(d, f)), key=_sort_key(f.sort), reverse=f.descending)


def candidate_rows(data: list[NominationReviewData], f: NominationFilter) -> list[CandidateRow]:
    """One row per candidate having at least one nomination that passes the filter, sorted."""
    by_candidate: dict[int, list[NominationReviewData]] = defaultdict(list)
    for d in data:
        by_candidate[d.candidate].append(d)
    rows = [CandidateRow(items) for items in by_candidate.values() if any(matches(d, f) for d in items)]
    key = _sort_key(f.sort)
    return sorted(rows, key=lambda row: key(row.lead), reverse=f.descending)


def _sort_key(sort: str) -> Callable[[NominationReviewData], Any]:
    # Missing scores sort last going up (and first going down, as reverse flips them).
    def missing_last(value: float | None) -> tuple[bool, float]:
        return (value is None, value or 0.0)

    keys: dict[str, Callable[[NominationReviewData], Any]] = {
        "name": lambda d: normalised_name(d.nomination.nominee.name),
        "group": lambda d: (d.nomination.group.position, normalised_name(d.nomination.nominee.name)),
        "region": lambda d: (d.nomination.nominee.region or "~", normalised_name(d.nomination.nominee.name)),
        "status": lambda d: (list(NominationStatus).index(d.nomination.status), d.nomination.id),
        "score": lambda d: missing_last(d.scores.mean),
        "merit": lambda d: missing_last(d.merit),
        "submitted": lambda d: (d.nomination.submitted_at is None, d.nomination.submitted_at or d.nomination.created_at),
    }
    return keys.get(sort, keys["name"])


@dataclass(frozen=True)
class Page:
    """One page of rows and where it sits."""

    rows: list[Any]
    number: int
    pages: int
    total: int


def paginate(rows: list[Any], page: int, per_page: int = PER_PAGE) -> Page:
    """The ``page``-th slice of ``rows`` (clamped to the last page)."""
    pages = max(1, math.ceil(len(rows) / per_page))
    number = min(max(page, 1), pages)
    return Page(rows[(number - 1) * per_page: number * per_page], number, pages, len(rows))


GENDERS = Gender.choices()  # lazy labels: the list is built at import time, shown in each request's language
