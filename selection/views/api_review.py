"""The review part of the staff JSON API: reviews and scores, the shortlist, recommendations.

Declared with the API's own ``operation`` registry, so each endpoint is in the OpenAPI
document. Reading: the Secretariat and administrators see everything; recommenders see the
shortlist and its recommendations. Writing (POST, JSON bodies): shortlist decisions by the
Secretariat; recommendations by the Secretariat or a recommender for their own bodies.
"""
from __future__ import annotations

from functools import partial
from typing import Any

from flask import Response, abort, g, jsonify
from sqlalchemy import select

from selection.extensions import db
from selection.models import Nomination, NominationStatus, RecommendationLevel, RecommendingBody
from selection.review_scores import describe_aggregation, describe_formula
from selection.views.api_core import (DATETIME, SCHEMAS, STRING, array_of, iso, json_body, operation, post_operation,
                                      ref, require_roles, row_or_404)
from selection.views.api_paging import CURSOR_PARAMETER, MAX_LIMIT, id_page, limit_parameter, page_schema
from selection.views.loading import call_or_404
from selection.views.operations import answer_operation
from selection.workflow import review as ops
from selection.workflow.applications import withdraw_application
from selection.workflow.duplicates import oldest_of_same_person
from selection.workflow.permissions import RECOMMENDERS, STAFF, may_see_shortlist
from selection.workflow.states import is_received
from selection.workflow.review_list import NominationReviewData, load_review_data

_post = partial(post_operation, tag="review")  # POST endpoints of this part of the API



def _nomination(nomination_id: int) -> Nomination:
    return row_or_404(Nomination, nomination_id, "nomination")


def _scores_json(d: NominationReviewData) -> dict[str, Any]:
    s = d.scores
    return {"count": s.count, "mean": s.mean, "median": s.median, "spread": s.spread,
            "disagreement": s.disagreement, "merit": d.merit}


def _review_json(d: NominationReviewData) -> dict[str, Any]:
    recused = {c.reviewer_id for c in d.conflicts}
    return {
        "nomination": d.nomination.id, "candidate": d.candidate, "name": d.nomination.nominee.name,
        "group": d.nomination.group.code, "status": d.nomination.status.value, "scores": _scores_json(d),
        "reviewers": [u.email for u in d.assigned],
        "conflicts": [{"reviewer": c.reviewer.email, "kind": c.kind.value, "details": c.details,
                       "declared_at": iso(c.declared_at)} for c in d.conflicts],
        "reviews": [{"reviewer": r.reviewer.email, "submitted_at": iso(r.submitted_at),
                     "counted": ops.review_counts(r, recused),
                     "overall_comment": r.overall_comment,
                     "scores": [{"criterion": s.criterion.name, "score": s.score, "comment": s.comment}
                                for s in r.scores]} for r in d.reviews],
    }


def _shortlist_json(d: NominationReviewData) -> dict[str, Any]:
    person = d.nomination.nominee
    return {
        "nomination": d.nomination.id, "name": person.name, "organization": person.organization,
        "group": d.nomination.group.code, "region": person.region, "gender": person.gender.value,
        "nationality": person.nationality, "scores": _scores_json(d),
        "recommendations": [_recommendation_json(r) for r in d.recommendations],
    }


def _recommendation_json(r: Any) -> dict[str, Any]:
    return {"body": r.body.name, "level": r.level.value, "note": r.note,
            "recorded_by": r.recorded_by.email if r.recorded_by else None, "recorded_at": iso(r.recorded_at)}


@operation("/calls/<slug>/reviews",
           summary=f"A call's received nominations with scores, reviews and conflicts, by id, a page of at most {MAX_LIMIT}",
           response=ref("CallReviews"), tag="review", parameters=(limit_parameter("nominations"), CURSOR_PARAMETER),
           errors=(400, 401, 403, 404))
def call_reviews(slug: str) -> Response:
    """A page of the call's received nominations: the aggregated scores, each review with its
    scores and comments, conflicts; ``next`` links to the following page."""
    require_roles(*STAFF)
    call = call_or_404(slug)
    page = id_page(Nomination.call_id == call.id, Nomination.status != NominationStatus.DRAFT)
    data = load_review_data(call, ids=page.ids, candidates=oldest_of_same_person(page.ids))
    return jsonify({"aggregation": describe_aggregation(), "merit_formula": describe_formula(call.merit_settings),
                    "nominations": [_review_json(d) for d in data], **page.fields("api.call_reviews", slug=call.slug)})


@operation("/calls/<slug>/shortlist",
           summary=f"A call's shortlisted candidates with scores and recommendations, by id, a page of at most {MAX_LIMIT}",
           response=ref("Shortlist"), tag="review", parameters=(limit_parameter("candidates"), CURSOR_PARAMETER),
           errors=(400, 401, 403, 404))
def call_shortlist(slug: str) -> Response:
    """A page of the shortlist, for the Secretariat and the recommending bodies."""
    require_roles(*RECOMMENDERS)
    call = call_or_404(slug)
    if not may_see_shortlist(g.api_user, call):
        abort(403, "You do not speak for a recommending body of this call.")
    page = id_page(Nomination.call_id == call.id, Nomination.status == NominationStatus.SHORTLISTED)
    data = load_review_data(call, ids=page.ids, candidates=dict.fromkeys(page.ids, 0))
    return jsonify({"merit_formula": describe_formula(call.merit_settings),
                    "candidates": [_shortlist_json(d) for d in data], **page.fields("api.call_shortlist", slug=call.slug)})


@operation("/nominations/<int:nomination_id>/reviews", summary="One nomination's scores, reviews and conflicts",
           response=ref("NominationReviews"), tag="review", errors=(401, 403, 404))
def nomination_reviews(nomination_id: int) -> Response:
    """The review of one nomination."""
    require_roles(*STAFF)
    nomination = _nomination(nomination_id)
    if not is_received(nomination.status):
        abort(404, "A draft has no review.")
    data = load_review_data(nomination.call, ids=[nomination.id], candidates=oldest_of_same_person([nomination.id]))
    return jsonify(_review_json(data[0]))


@_post("/nominations/<int:nomination_id>/shortlist", "Shortlist a nomination, or decide not to",
       ref("ShortlistDecision"), {"type": "object", "required": ["shortlisted"], "properties": {
           "shortlisted": {"type": "boolean"}, "note": STRING}})
def post_shortlist(nomination_id: int) -> Response:
    """Body: {"shortlisted": true|false, "note": "..."}; the nominee's notice is held until released."""
    user = require_roles(*STAFF)
    nomination = _nomination(nomination_id)
    body = json_body()
    if not isinstance(body.get("shortlisted"), bool):
        abort(400, "Give \"shortlisted\": true or false.")
    return answer_operation(
        lambda: ops.shortlist(nomination, user, shortlisted=body["shortlisted"], note=str(body.get("note", ""))),
        lambda _: _status_json(nomination))


@_post("/nominations/<int:nomination_id>/withdraw", "Withdraw a nomination; the nominee and nominator are told",
       ref("ShortlistDecision"), {"type": "object", "properties": {"reason": STRING}})
def post_withdrawal(nomination_id: int) -> Response:
    """Body: {"reason": "..."}; the same notice as a withdrawal on the web goes out."""
    user = require_roles(*STAFF)
    nomination = _nomination(nomination_id)
    reason = str(json_body().get("reason", ""))
    return answer_operation(lambda: withdraw_application(nomination, user, reason=reason),
                            lambda _: _status_json(nomination), refused_status=409)


def _status_json(nomination: Nomination) -> Response:
    return jsonify({"nomination": nomination.id, "status": nomination.status.value})


@_post("/nominations/<int:nomination_id>/recommendations", "Record a recommending body's recommendation",
       ref("Recommendation"), {"type": "object", "required": ["body", "level"], "properties": {
           "body": {"type": "string", "description": "The recommending body's name"},
           "level": {"type": "string", "enum": [level.value for level in RecommendationLevel]}, "note": STRING}})
def post_recommendation(nomination_id: int) -> Response:
    """Body: {"body": "Office of the Envoy on Technology", "level": "recommend", "note": "..."}."""
    user = require_roles(*RECOMMENDERS)
    nomination = _nomination(nomination_id)
    body = json_body()
    name = body.get("body")
    recommending = db.session.execute(select(RecommendingBody).where(
        RecommendingBody.call_id == nomination.call_id, RecommendingBody.name == name)).scalar_one_or_none() \
        if isinstance(name, str) else None
    if recommending is None:
        abort(400, "Name one of the call's recommending bodies in \"body\".")
    if recommending not in ops.bodies_of(user, nomination.call):
        abort(403, f"You cannot record recommendations for {recommending.name}.")
    try:
        level = RecommendationLevel(body.get("level"))
    except (ValueError, TypeError):
        abort(400, "\"level\" must be one of " + ", ".join(level.value for level in RecommendationLevel) + ".")
    return answer_operation(lambda: ops.record_recommendation(nomination, recommending, user, level=level,
                                                              note=str(body.get("note", ""))),
                            lambda recommendation: jsonify(_recommendation_json(recommendation)))


_SCORES = {"type": "object", "properties": {
    "count": {"type": "integer"}, "mean": {"type": ["number", "null"]}, "median": {"type": ["number", "null"]},
    "spread": {"type": ["number", "null"], "description": "highest minus lowest review score (0-100)"},
    "disagreement": {"type": "boolean"}, "merit": {"type": ["number", "null"]}}}
SCHEMAS.update({
    "Recommendation": {"type": "object", "properties": {
        "body": STRING, "level": {"type": "string", "enum": [level.value for level in RecommendationLevel]},
        "note": STRING, "recorded_by": {"type": ["string", "null"]}, "recorded_at": DATETIME}},
    "NominationReviews": {"type": "object", "properties": {
        "nomination": {"type": "integer"},
        "candidate": {"type": "integer", "description": "The id of the oldest nomination of the same person in "
                      "this call, as the nominations list gives it"},
        "name": STRING, "group": STRING,
        "status": STRING, "scores": _SCORES, "reviewers": {"type": "array", "items": STRING},
        "conflicts": {"type": "array", "items": {"type": "object"}},
        "reviews": {"type": "array", "items": {"type": "object", "properties": {
            "reviewer": STRING, "submitted_at": {"type": ["string", "null"]}, "counted": {"type": "boolean"},
            "overall_comment": STRING, "scores": {"type": "array", "items": {"type": "object"}}}}}}},
    "CallReviews": page_schema("NominationReviews", "nominations", aggregation=STRING, merit_formula=STRING),
    "ShortlistCandidate": {"type": "object", "properties": {
        "nomination": {"type": "integer"}, "name": STRING, "organization": STRING, "group": STRING,
        "region": {"type": ["string", "null"]}, "gender": STRING, "nationality": STRING, "scores": _SCORES,
        "recommendations": array_of("Recommendation")}},
    "Shortlist": page_schema("ShortlistCandidate", "candidates", merit_formula=STRING),
    "ShortlistDecision": {"type": "object", "properties": {"nomination": {"type": "integer"}, "status": STRING}},
})
