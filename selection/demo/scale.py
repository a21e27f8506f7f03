"""A call at size, for trying the product (and benchmarking it) with thousands of nominations.

``seed_scale(n, reviewers, secretariat)`` adds a closed Leadership Panel call with slug
``scale-N`` holding ``n`` synthetic nominations spread over stakeholder groups, regions and
genders: every one screened eligible, three submitted reviews each on the rubric, a 10%
shortlist with the recommendations of the call's recommending bodies, the rest under review.
Rows are written with bulk inserts (a few statements per table, not per nomination), so
5,000 nominations take seconds; the audit log records the seeding as one event. Invented
people only, at addresses under ``example.net``.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, insert, select

from selection.workflow.call_templates import build_call
from selection.data import countries
from selection.extensions import db
from selection.models import (
    Call,
    CallStatus,
    Gender,
    Nomination,
    NominationStatus,
    Nominee,
    Recommendation,
    RecommendationLevel,
    Review,
    ReviewAssignment,
    User,
)
from selection.models.enums import POSITION_LEVELS
from selection.models.review import ReviewScore, ScreeningResult
from selection.models.names import normalised_email, normalised_name, search_text
from selection.workflow import audit
from selection.workflow.review.summary import refresh_summaries

REVIEWS_PER_NOMINATION = 3
SHORTLIST_SHARE = 0.10
CLOSED_AT = datetime(2026, 9, 30, 23, 59, tzinfo=timezone.utc)
GIVEN = ["Amina", "Bao", "Camila", "Dmitri", "Esi", "Farid", "Giulia", "Hiro", "Ingrid", "Jamal",
         "Kofi", "Lucía", "Mei", "Nikolai", "Olga", "Pedro", "Qiu", "Rania", "Sven", "Tanvir"]
FAMILY = ["Abara", "Bergström", "Castillo", "Dubois", "Eze", "Fernández", "Gómez", "Haddad",
          "Ivanova", "Jensen", "Kowalski", "Li", "Mensah", "Nakamura", "Okafor", "Petrov",
          "Quispe", "Rossi", "Sato", "Tran", "Usman", "Varga", "Wang", "Yilmaz", "Zulu"]


def scale_slug(size: int) -> str:
    """The slug of the call holding ``size`` nominations."""
    return f"scale-{size}"


def seed_scale(size: int, reviewers: Sequence[User], secretariat: User | None, seed: int = 0) -> Call:
    """Create the closed call ``scale-<size>`` with ``size`` nominations unless it exists."""
    if size < 1:
        raise ValueError("The scale must be a positive number of nominations.")
    if len(reviewers) < REVIEWS_PER_NOMINATION:
        raise ValueError(f"Seeding at scale needs at least {REVIEWS_PER_NOMINATION} reviewers.")
    slug = scale_slug(size)
    existing = db.session.execute(select(Call).where(Call.slug == slug)).scalar_one_or_none()
    if existing is not None:
        return existing
    rng = random.Random(seed)
    call = _closed_call(slug, size)
    nominee_ids = _bulk(Nominee, [_nominee_row(i, rng) for i in range(size)])
    nomination_ids = _bulk(Nomination, [
        _nomination_row(call, i, nominee_id, rng) for i, nominee_id in enumerate(nominee_ids)
    ])
    shortlisted = _shortlisted_ids(nomination_ids)
    _screen(nomination_ids, secretariat)
    _review(call, nomination_ids, reviewers, secretariat, rng)
    _recommend(call, shortlisted, secretariat, rng)
    refresh_summaries(call)
    audit.record(secretariat, call, "seeded_at_scale", nominations=size, shortlisted=len(shortlisted))
    db.session.flush()
    return call


def _bulk(model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one executemany and return their ids in the rows' order.

    Ids are read back as those above the largest before the insert: seeding runs alone, and
    one executemany takes consecutive ids in order on SQLite and PostgreSQL. (RETURNING with
    a guaranteed order falls back to one statement per row on SQLite.)
    """
    before = db.session.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()
    db.session.execute(insert(model), rows)
    ids = list(db.session.execute(select(model.id).where(model.id > before).order_by(model.id)).scalars())
    if len(ids) != len(rows):
        raise RuntimeError(f"Another writer inserted {model.__name__} rows while seeding; seed again alone.")
    return ids


def _closed_call(slug: str, size: int) -> Call:
    call = build_call("leadership-panel", slug, f"IGF Leadership Panel at scale: {size:,} nominations",
                      CLOSED_AT - timedelta(days=60), CLOSED_AT)
    db.session.add(call)
    db.session.flush()
    call.status = CallStatus.CLOSED  # synthetic: recorded as imported, already closed
    audit.record(None, call, "imported", to_state=CallStatus.CLOSED.value, note="synthetic call at scale")
    return call


def _nominee_row(index: int, rng: random.Random) -> dict[str, Any]:
    country = rng.choice([c for c in countries().values() if c.regional_group])
    name = f"{GIVEN[index % len(GIVEN)]} {FAMILY[(index // len(GIVEN)) % len(FAMILY)]} {index + 1}"
    organization = f"{FAMILY[index % len(FAMILY)]} Institute"
    email = f"scale-nominee{index + 1:05d}@nominees.example.net"
    return {
        "name": name, "title": "Executive Director", "organization": organization,
        "search_text": search_text(name, organization),
        "identity_name": normalised_name(name), "identity_email": normalised_email(email),
        "email": email, "nationality": country.iso2,
        "residence": country.iso2, "region": country.regional_group,
        "gender": Gender.WOMAN if index % 2 == 0 else Gender.MAN, "created_at": CLOSED_AT - timedelta(days=30),
    }


def _nomination_row(call: Call, index: int, nominee_id: int, rng: random.Random) -> dict[str, Any]:
    group = call.groups[index % len(call.groups)]
    levels = POSITION_LEVELS[group.required_level.value]
    submitted_at = CLOSED_AT - timedelta(days=1 + index % 40, minutes=index)
    return {
        "call_id": call.id, "group_id": group.id, "nominee_id": nominee_id,
        "status": NominationStatus.UNDER_REVIEW, "statement": "Synthetic nomination for trying the engine at size.",
        "position_level": levels[index % len(levels)][0], "eligibility_declared": True,
        "biography": "An invented person.", "availability_confirmed": True,
        "languages": rng.choice(["English, French", "English, Spanish", "Arabic, English", "Chinese, English"]),
        "links": [], "answers": {}, "data_consent": True, "no_remuneration_declared": True,
        "created_at": submitted_at, "updated_at": submitted_at, "submitted_at": submitted_at,
    }


def _shortlisted_ids(nomination_ids: list[int]) -> list[int]:
    """Every tenth nomination (a 10% shortlist spread over groups and regions) is shortlisted."""
    step = round(1 / SHORTLIST_SHARE)
    chosen = nomination_ids[::step]
    db.session.execute(
        Nomination.__table__.update().where(Nomination.id.in_(chosen)).values(status=NominationStatus.SHORTLISTED)
    )
    return chosen


def _screen(nomination_ids: list[int], secretariat: User | None) -> None:
    by = secretariat.id if secretariat else None
    db.session.execute(insert(ScreeningResult), [
        {"nomination_id": n, "eligible": True, "note": "", "screened_by_id": by, "screened_at": CLOSED_AT}
        for n in nomination_ids
    ])


def _review(call: Call, nomination_ids: list[int], reviewers: Sequence[User], secretariat: User | None,
            rng: random.Random) -> None:
    """Three reviewers per nomination in rotation, each with a submitted review on every criterion."""
    by = secretariat.id if secretariat else None
    pairs = [(n, reviewers[(i + k) % len(reviewers)].id)
             for i, n in enumerate(nomination_ids) for k in range(REVIEWS_PER_NOMINATION)]
    db.session.execute(insert(ReviewAssignment), [
        {"nomination_id": n, "reviewer_id": r, "assigned_by_id": by, "assigned_at": CLOSED_AT} for n, r in pairs
    ])
    moment = CLOSED_AT + timedelta(days=7)
    review_ids = _bulk(Review, [
        {"nomination_id": n, "reviewer_id": r, "overall_comment": "Reviewed against the rubric.",
         "created_at": moment, "updated_at": moment, "submitted_at": moment} for n, r in pairs
    ])
    db.session.execute(insert(ReviewScore), [
        {"review_id": review_id, "criterion_id": criterion.id,
         "score": rng.randint(criterion.scale_min, criterion.scale_max), "comment": ""}
        for review_id in review_ids for criterion in call.rubric_criteria
    ])


def _recommend(call: Call, shortlisted: list[int], secretariat: User | None, rng: random.Random) -> None:
    levels = list(RecommendationLevel)
    by = secretariat.id if secretariat else None
    db.session.execute(insert(Recommendation), [
        {"nomination_id": n, "body_id": body.id, "level": rng.choice(levels), "note": "",
         "recorded_by_id": by, "recorded_at": CLOSED_AT + timedelta(days=10)}
        for n in shortlisted for body in call.recommending_bodies
    ])
