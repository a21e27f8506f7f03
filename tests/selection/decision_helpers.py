"""Building blocks of the decision tests: a closed Leadership Panel call with a shortlist of 15
(three per stakeholder group, every region, both genders, distinct nationalities) whose merit
comes from recommendations, and a decision-maker (inside an app context)."""
from __future__ import annotations

from flask import Flask

from selection.extensions import db
from selection.models import (
    Call,
    Gender,
    Nomination,
    NominationStatus,
    Recommendation,
    RecommendationLevel,
    Role,
    User,
)
from selection.slates import SlateOptions
from tests.selection.review_helpers import review_call, staff, submitted

# (group index, nationality, gender, recommendation) per shortlisted nominee.
SHORTLIST = [
    (0, "KE", Gender.WOMAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (0, "FR", Gender.MAN, RecommendationLevel.RECOMMEND),
    (0, "IN", Gender.WOMAN, RecommendationLevel.NEUTRAL),
    (1, "BR", Gender.MAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (1, "PL", Gender.WOMAN, RecommendationLevel.RECOMMEND),
    (1, "DE", Gender.MAN, RecommendationLevel.NEUTRAL),
    (2, "JP", Gender.WOMAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (2, "NG", Gender.MAN, RecommendationLevel.RECOMMEND),
    (2, "MX", Gender.WOMAN, RecommendationLevel.NEUTRAL),
    (3, "UA", Gender.MAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (3, "NO", Gender.WOMAN, RecommendationLevel.RECOMMEND),
    (3, "GH", Gender.MAN, RecommendationLevel.NEUTRAL),
    (4, "CL", Gender.WOMAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (4, "ID", Gender.MAN, RecommendationLevel.RECOMMEND),
    (4, "EE", Gender.WOMAN, RecommendationLevel.NOT_RECOMMENDED),
]
FAST = SlateOptions(slates=3, min_difference=2, time_limit_s=10)


def shortlisted_call(slug: str = "lp-decision") -> tuple[Call, list[Nomination]]:
    """A closed call with the 15 shortlisted nominees of ``SHORTLIST``, in that order."""
    call = review_call(slug)
    body = call.recommending_bodies[0]
    nominations = []
    for index, (group, nationality, gender, level) in enumerate(SHORTLIST):
        nomination = submitted(call, f"Nominee {index:02d} {nationality}", group=group, nationality=nationality,
                               gender=gender, status=NominationStatus.SHORTLISTED)
        db.session.add(Recommendation(nomination=nomination, body=body, level=level))
        nominations.append(nomination)
    db.session.flush()
    return call, nominations


def decider(email: str = "dm@un.example.org") -> User:
    """A decision-maker."""
    return staff(email, Role.DECISION_MAKER)


def wait_for_runs(app: Flask) -> None:
    """Let the background pool finish what it was given (a fresh pool serves the next request)."""
    pool = app.extensions.pop("slate_pool", None)
    if pool is not None:
        pool.shutdown(wait=True)
