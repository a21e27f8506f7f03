"""The JSON API's calls and nominations, under /api/v1 (its machinery: ``api_core``)."""
from __future__ import annotations

from typing import Any

from flask import Response, abort, jsonify, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from selection.extensions import db
from selection.models import Call, CallStatus, Nomination, NominationStatus
from selection.views.api_core import (
    DATETIME, PUBLIC_ENDPOINTS, SCHEMAS, STRING, array_of, bp, iso, nullable, openapi_document, operation, ref,
    require_roles, row_or_404,
)
from selection.views.api_paging import CURSOR_PARAMETER, MAX_LIMIT, id_page, limit_parameter, page_schema
from selection.views.loading import call_or_404
from selection.workflow.duplicates import oldest_of_same_person
from selection.workflow.history import events_of
from selection.workflow.permissions import STAFF


# ---------------------------------------------------------------------------- endpoints

STATUS_PARAMETER = {
    "name": "status", "in": "query", "required": False,
    "description": "Only nominations with this status.",
    "schema": {"type": "string", "enum": [s.value for s in NominationStatus]},
}


@operation("/calls", summary="Every call that is not a draft", response=array_of("Call"), tag="calls")
def list_calls() -> Response:
    """Calls for nominations, latest deadline first."""
    calls = db.session.execute(
        select(Call).where(Call.status != CallStatus.DRAFT).order_by(Call.closes_at.desc())
    ).scalars()
    return jsonify([call_json(call) for call in calls])


@operation("/calls/<slug>/nominations",
           summary=f"A call's nominations, with the candidate each belongs to, by id, a page of at most {MAX_LIMIT}",
           response=ref("NominationPage"), tag="nominations",
           parameters=(STATUS_PARAMETER, limit_parameter("nominations"), CURSOR_PARAMETER), errors=(400, 401, 403, 404))
def list_nominations(slug: str) -> Response:
    """A page of a call's nominations in id order; duplicates of one person share a ``candidate``
    (the id of their oldest nomination in the call); ``next`` links to the following page (None on the last)."""
    require_roles(*STAFF)
    call = call_or_404(slug)
    status = _status_argument()
    page = id_page(Nomination.call_id == call.id, *([] if status is None else [Nomination.status == status]))
    loaded = {n.id: n for n in db.session.execute(
        select(Nomination).where(Nomination.id.in_(page.ids))
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))).scalars()}
    candidate_of = oldest_of_same_person(page.ids)
    arguments = {"status": status.value} if status is not None else {}
    return jsonify({"nominations": [nomination_summary_json(loaded[i], candidate_of[i], call.slug) for i in page.ids],
                    **page.fields("api.list_nominations", slug=call.slug, **arguments)})


def _status_argument() -> NominationStatus | None:
    """The list's status filter from the query string; 400 naming an unknown one."""
    status = request.args.get("status")
    if status is not None and status not in {s.value for s in NominationStatus}:
        abort(400, f"Unknown status {status!r}.")
    return NominationStatus(status) if status is not None else None


@operation("/nominations/<int:nomination_id>", summary="One nomination in full, with its history",
           response=ref("Nomination"), tag="nominations", errors=(401, 403, 404))
def get_nomination(nomination_id: int) -> Response:
    """A nomination with the application, files, answers and audit history."""
    require_roles(*STAFF)
    nomination = row_or_404(Nomination, nomination_id, "nomination")
    return jsonify(nomination_json(nomination, oldest_of_same_person([nomination.id])[nomination.id]))


@operation("/openapi.json", summary="This API's description (OpenAPI 3.1)", response={"type": "object"},
           tag="meta", authenticated=False)
def openapi() -> Response:
    """The OpenAPI document, built from the declared operations."""
    return jsonify(openapi_document())


@bp.route("/<path:_unknown>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(_unknown: str) -> Response:
    """Unknown API paths answer in JSON too."""
    abort(404, "There is no such API endpoint; see /api/v1/openapi.json.")


PUBLIC_ENDPOINTS.add("api.not_found")


# ---------------------------------------------------------------------------- representations

def call_json(call: Call) -> dict[str, Any]:
    """A call as the API gives it."""
    return {
        "slug": call.slug, "title": call.title, "body": call.body, "seats": call.seats,
        "status": call.status.value, "opens_at": iso(call.opens_at), "closes_at": iso(call.closes_at),
        "term_start": call.term_start.isoformat(), "term_end": call.term_end.isoformat(),
        "groups": [{"code": g.code, "name": g.name, "seats": g.seats,
                    "required_level": g.required_level.value, "open": g.open_for_nominations}
                   for g in call.groups],
        "nominations_url": url_for("api.list_nominations", slug=call.slug, _external=True),
    }


def nomination_summary_json(nomination: Nomination, candidate: int, call_slug: str | None = None) -> dict[str, Any]:
    """A nomination in a list: who, for which group, by whom, in which state (``call_slug``
    saves loading the call when the caller has it)."""
    person = nomination.nominee
    return {
        "id": nomination.id, "candidate": candidate, "call": call_slug or nomination.call.slug,
        "group": nomination.group.code, "status": nomination.status.value,
        "nominee": {"name": person.name, "title": person.title, "organization": person.organization,
                    "email": person.email, "nationality": person.nationality or None,
                    "region": person.region, "residence": person.residence or None,
                    "gender": person.gender.value},
        "nominator": _nominator_json(nomination),
        "consent": nomination.consent_state.value,
        "created_at": iso(nomination.created_at), "updated_at": iso(nomination.updated_at),
        "submitted_at": iso(nomination.submitted_at),
        "url": url_for("api.get_nomination", nomination_id=nomination.id, _external=True),
    }


def nomination_json(nomination: Nomination, candidate: int) -> dict[str, Any]:
    """A nomination in full."""
    history = events_of("nomination", nomination.id)
    return {
        **nomination_summary_json(nomination, candidate),
        "position_level": nomination.position_level or None,
        "eligibility_declared": nomination.eligibility_declared,
        "biography": nomination.biography, "motivation": nomination.motivation,
        "availability_confirmed": nomination.availability_confirmed,
        "availability_note": nomination.availability_note, "languages": nomination.languages,
        "links": list(nomination.links or []), "data_consent": nomination.data_consent,
        "no_remuneration_declared": nomination.no_remuneration_declared,
        "consent_at": iso(nomination.consent_at),
        "answers": dict(nomination.answers or {}),
        "files": [{"id": f.id, "purpose": f.purpose.value, "name": f.original_name, "size": f.size,
                   "sha256": f.sha256, "url": url_for("nominee.download", file_id=f.id, _external=True)}
                  for f in nomination.files],
        "history": [{"at": iso(e.at), "action": e.action, "from": e.from_state, "to": e.to_state,
                     "actor": e.actor.email if e.actor else None} for e in history],
    }


def _nominator_json(nomination: Nomination) -> dict[str, Any] | None:
    if not nomination.is_third_party:
        return None
    return {"kind": nomination.nominator_kind.value if nomination.nominator_kind else None,
            "name": nomination.nominator_name, "organization": nomination.nominator_organization,
            "email": nomination.nominator_email}


# ---------------------------------------------------------------------------- OpenAPI

SCHEMAS.update({
    "Group": {"type": "object", "properties": {
        "code": STRING, "name": STRING, "seats": {"type": "integer"},
        "required_level": {"type": "string", "enum": ["ministerial", "ceo_or_deputy", "none"]},
        "open": {"type": "boolean"}}},
    "Call": {"type": "object", "required": ["slug", "title", "status"], "properties": {
        "slug": STRING, "title": STRING, "body": STRING, "seats": {"type": "integer"},
        "status": {"type": "string", "enum": [s.value for s in CallStatus]},
        "opens_at": DATETIME, "closes_at": DATETIME,
        "term_start": {"type": "string", "format": "date"}, "term_end": {"type": "string", "format": "date"},
        "groups": array_of("Group"), "nominations_url": {"type": "string", "format": "uri"}}},
    "Person": {"type": "object", "properties": {
        "name": STRING, "title": STRING, "organization": STRING, "email": STRING,
        "nationality": nullable("string", description="ISO 3166 alpha-2"),
        "region": nullable("string", description="UN regional group, derived from nationality"),
        "residence": nullable("string"), "gender": {"type": "string",
                                                     "enum": ["woman", "man", "another", "undisclosed"]}}},
    "Nominator": {"type": ["object", "null"], "properties": {
        "kind": {"type": ["string", "null"], "enum": ["organization", "mission", "committee", None]},
        "name": STRING, "organization": STRING, "email": STRING}},
    "NominationSummary": {"type": "object", "required": ["id", "candidate", "status"], "properties": {
        "id": {"type": "integer"},
        "candidate": {"type": "integer", "description": "The id of the oldest nomination of the same person in "
                      "this call (same e-mail, or same name and nationality): nominations of one person share it"},
        "call": STRING, "group": STRING,
        "status": {"type": "string", "enum": [s.value for s in NominationStatus]},
        "nominee": ref("Person"), "nominator": ref("Nominator"),
        "consent": {"type": "string", "enum": ["not_requested", "pending", "given", "declined"]},
        "created_at": DATETIME, "updated_at": DATETIME, "submitted_at": nullable("string", format="date-time"),
        "url": {"type": "string", "format": "uri"}}},
    "NominationPage": page_schema("NominationSummary", "nominations"),
    "Nomination": {"allOf": [ref("NominationSummary"), {"type": "object", "properties": {
        "position_level": nullable("string"), "eligibility_declared": {"type": "boolean"},
        "biography": STRING, "motivation": STRING, "availability_confirmed": {"type": "boolean"},
        "availability_note": STRING, "languages": STRING, "links": {"type": "array", "items": STRING},
        "data_consent": {"type": "boolean"}, "no_remuneration_declared": {"type": "boolean"},
        "consent_at": nullable("string", format="date-time"),
        "answers": {"type": "object", "description": "Answers to the call's questions by question key; "
                                                     "file answers are file ids"},
        "files": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "purpose": {"type": "string", "enum": ["cv", "support_letter", "answer"]},
            "name": STRING, "size": {"type": "integer"}, "sha256": STRING,
            "url": {"type": "string", "format": "uri"}}}},
        "history": {"type": "array", "items": {"type": "object", "properties": {
            "at": DATETIME, "action": STRING, "from": nullable("string"), "to": nullable("string"),
            "actor": nullable("string")}}}}}]},
})
