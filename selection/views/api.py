"""The JSON API for staff, under /api/v1, authenticated by bearer token.

Each endpoint is declared once with ``@operation(...)``, which registers the Flask route and
its OpenAPI description together; ``/api/v1/openapi.json`` is built from that registry, so a
later endpoint adds itself to the description by being declared. Response schemas live in
``SCHEMAS`` by name.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Blueprint, Flask, Response, abort, g, jsonify, request, url_for
from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import HTTPException

from selection.extensions import csrf, db
from selection.forms import control_character_message, unwanted_characters
from selection.models import ApiToken, Call, CallStatus, Nomination, NominationStatus, User, utcnow
from selection.numbers import parse_id, parse_int
from selection.views.loading import call_or_404
from selection.workflow.review_query import candidate_numbers_in_call
from selection.workflow.history import events_of
from selection.workflow.permissions import STAFF

API_VERSION = "1.0.0"
bp = Blueprint("api", __name__, url_prefix="/api/v1")

_RULE_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _openapi_path(rule: str) -> str:
    return _RULE_PARAMETER.sub(lambda m: "{" + m.group(2) + "}", rule)


def _path_parameters(rule: str) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"name": name, "in": "path", "required": True,
         "schema": {"type": "integer" if converter == "int" else "string"}}
        for converter, name in _RULE_PARAMETER.findall(rule)
    )


@dataclass(frozen=True)
class Operation:
    """One documented endpoint: its route, OpenAPI words and response schema."""

    rule: str
    method: str
    operation_id: str
    summary: str
    response: dict[str, Any]
    tag: str
    parameters: tuple[dict[str, Any], ...] = ()
    authenticated: bool = True
    errors: tuple[int, ...] = field(default=(401, 403))
    request_body: dict[str, Any] | None = None  # the JSON schema of a POST's body
    success: int = 200  # the status of a successful answer (201 for a POST that creates)


OPERATIONS: list[Operation] = []
PUBLIC_ENDPOINTS: set[str] = set()


def operation(rule: str, *, summary: str, response: dict[str, Any], tag: str,
              parameters: tuple[dict[str, Any], ...] = (), authenticated: bool = True,
              errors: tuple[int, ...] = (401, 403)) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a GET endpoint: registers the route and its OpenAPI operation at once."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        OPERATIONS.append(Operation(rule, "get", view.__name__, summary, response, tag,
                                    _path_parameters(rule) + parameters, authenticated,
                                    errors if authenticated else ()))
        if not authenticated:
            PUBLIC_ENDPOINTS.add(f"{bp.name}.{view.__name__}")
        bp.add_url_rule(rule, view_func=view, methods=["GET"])
        return view

    return decorator


def post_operation(rule: str, summary: str, response: dict[str, Any], body: dict[str, Any], *,
                   tag: str, success: int = 200) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a POST endpoint with a JSON body: registers the route and its OpenAPI operation."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        OPERATIONS.append(Operation(rule, "post", view.__name__, summary, response, tag,
                                    _path_parameters(rule), True, (400, 401, 403, 404, 409), body, success))
        bp.add_url_rule(rule, view_func=view, methods=["POST"])
        return view

    return decorator


def json_body() -> dict[str, Any]:
    """The request's JSON object, or 400 in JSON; a text holding a control character other than
    a line break or a tab (a NUL byte, an escape...) is refused, naming where it is."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, "Send a JSON object.")
    for where, text in _texts_of(body, ""):
        codes = unwanted_characters(text, multiline=True)
        if codes:
            abort(400, f"\"{where}\": {control_character_message(codes)}")
    return body


def _texts_of(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string of a JSON value (keys included) with where it is, e.g. ``members[2]``."""
    if isinstance(value, str):
        yield where or "body", value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield where or "body", str(key)
            yield from _texts_of(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_of(item, f"{where}[{index}]")


def ref(name: str) -> dict[str, str]:
    """A reference to a named schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def array_of(name: str) -> dict[str, Any]:
    """A JSON array of a named schema."""
    return {"type": "array", "items": ref(name)}


def register(app: Flask) -> None:
    """Register the API blueprint: no CSRF (no cookies are used), JSON errors."""
    csrf.exempt(bp)
    app.register_blueprint(bp)


def register_routing_errors(app: Flask, page: Callable[[HTTPException], Any]) -> None:
    """404 and 405 answer with ``page``, except under /api/v1 where they answer in JSON: a URL
    there that no rule accepts (an id beyond the database's range) never reaches the blueprint,
    so the blueprint's own handlers do not run."""

    def routing_error(error: HTTPException) -> Any:
        return _json_error(error) if request.path.startswith(f"{bp.url_prefix}/") else page(error)

    for code in (404, 405):
        app.register_error_handler(code, routing_error)


# ---------------------------------------------------------------------------- authentication

@bp.before_request
def _authenticate() -> None:
    """Every endpoint but the public ones needs a valid, unrevoked token of an active staff user."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        abort(401, "Send a bearer token: Authorization: Bearer <token> (from `selection users token EMAIL`).")
    stored = db.session.execute(
        select(ApiToken).where(ApiToken.digest == ApiToken.digest_of(token.strip()))
    ).scalar_one_or_none()
    if stored is None or stored.revoked_at is not None or not stored.user.active or not stored.user.is_staff:
        abort(401, "The token is not valid, or has been revoked.")
    stored.last_used_at = utcnow()
    db.session.commit()
    g.api_user = stored.user


Row = TypeVar("Row")


def row_or_404(model: type[Row], row_id: int, what: str) -> Row:
    """The row of ``model`` with this id, or a 404 naming ``what`` was not found."""
    row = db.session.get(model, row_id)
    if row is None:
        abort(404, f"No {what} has the id {row_id}.")
    return row


def require_roles(*roles: Any) -> User:
    """The authenticated API user, if they hold one of ``roles``; else 403 in JSON."""
    user: User = g.api_user
    if not user.has_role(*roles):
        abort(403, "Your role does not give access to this resource.")
    return user


def _json_error(error: HTTPException) -> tuple[Response, int]:
    """Errors of the API in JSON (the blueprint's handlers win over the app's HTML pages)."""
    response = jsonify(error={"code": error.code, "status": error.name, "message": error.description})
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="selection"'
    return response, error.code or 500


for _code in (400, 401, 403, 404, 405, 409, 410, 413, 429, 500):
    bp.register_error_handler(_code, _json_error)


# ---------------------------------------------------------------------------- endpoints

DEFAULT_LIMIT, MAX_LIMIT = 100, 500  # nominations per page of the API's list

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


LIMIT_PARAMETER = {
    "name": "limit", "in": "query", "required": False,
    "description": f"How many nominations one page holds (at most {MAX_LIMIT}).",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
}
CURSOR_PARAMETER = {
    "name": "cursor", "in": "query", "required": False,
    "description": "Where the page starts: the previous page's `next_cursor` (leave out for the first page).",
    "schema": {"type": "string"},
}


@operation("/calls/<slug>/nominations",
           summary=f"A call's nominations, with the candidate each belongs to, by id, a page of at most {MAX_LIMIT}",
           response=ref("NominationPage"), tag="nominations",
           parameters=(STATUS_PARAMETER, LIMIT_PARAMETER, CURSOR_PARAMETER), errors=(400, 401, 403, 404))
def list_nominations(slug: str) -> Response:
    """A page of a call's nominations in id order; duplicates of one person share a ``candidate``
    number; ``next`` links to the following page (None on the last)."""
    require_roles(*STAFF)
    call = call_or_404(slug)
    status, limit, after = _page_arguments()
    chosen = Nomination.call_id == call.id
    if status is not None:
        chosen = and_(chosen, Nomination.status == status)
    total = db.session.execute(select(func.count()).select_from(Nomination).where(chosen)).scalar_one()
    page = list(db.session.execute(
        select(Nomination).where(chosen, Nomination.id > after).order_by(Nomination.id).limit(limit + 1)
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))).scalars())
    more, page = len(page) > limit, page[:limit]
    candidate_of = candidate_numbers_in_call(call.id, drafts=True)
    cursor = str(page[-1].id) if more else None
    arguments = {"status": status.value} if status is not None else {}
    return jsonify({
        "nominations": [nomination_summary_json(n, candidate_of[n.id], call.slug) for n in page],
        "total": total, "limit": limit, "next_cursor": cursor,
        "next": url_for("api.list_nominations", slug=call.slug, limit=limit, cursor=cursor, **arguments,
                        _external=True) if cursor else None,
    })


def _page_arguments() -> tuple[NominationStatus | None, int, int]:
    """The list's status filter, page size and cursor (the last id of the previous page, 0 at
    the start) from the query string; 400 naming what is wrong."""
    status = request.args.get("status")
    if status is not None and status not in {s.value for s in NominationStatus}:
        abort(400, f"Unknown status {status!r}.")
    limit = parse_int(request.args.get("limit", str(DEFAULT_LIMIT)), minimum=1, maximum=MAX_LIMIT)
    if limit is None:
        abort(400, f"The limit must be a whole number from 1 to {MAX_LIMIT}.")
    after = parse_id(request.args["cursor"]) if "cursor" in request.args else 0
    if after is None:
        abort(400, "The cursor is not one this API gave: use the previous page's next_cursor.")
    return (NominationStatus(status) if status is not None else None), limit, after


@operation("/nominations/<int:nomination_id>", summary="One nomination in full, with its history",
           response=ref("Nomination"), tag="nominations", errors=(401, 403, 404))
def get_nomination(nomination_id: int) -> Response:
    """A nomination with the application, files, answers and audit history."""
    require_roles(*STAFF)
    nomination = row_or_404(Nomination, nomination_id, "nomination")
    # The candidate number needs the identity columns of the call's nominations, not the nominations.
    return jsonify(nomination_json(nomination, candidate_numbers_in_call(nomination.call_id, drafts=True)[nomination.id]))


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


def iso(moment: Any) -> str | None:
    """A datetime or date in ISO 8601, or None."""
    return moment.isoformat() if moment is not None else None


# ---------------------------------------------------------------------------- OpenAPI

def _nullable(schema_type: str, **extra: Any) -> dict[str, Any]:
    return {"type": [schema_type, "null"], **extra}


STRING = {"type": "string"}
DATETIME = {"type": "string", "format": "date-time"}
SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "integer"}, "status": STRING, "message": STRING}}}},
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
        "nationality": _nullable("string", description="ISO 3166 alpha-2"),
        "region": _nullable("string", description="UN regional group, derived from nationality"),
        "residence": _nullable("string"), "gender": {"type": "string",
                                                     "enum": ["woman", "man", "another", "undisclosed"]}}},
    "Nominator": {"type": ["object", "null"], "properties": {
        "kind": {"type": ["string", "null"], "enum": ["organization", "mission", "committee", None]},
        "name": STRING, "organization": STRING, "email": STRING}},
    "NominationSummary": {"type": "object", "required": ["id", "candidate", "status"], "properties": {
        "id": {"type": "integer"},
        "candidate": {"type": "integer", "description": "Nominations of the same person share it"},
        "call": STRING, "group": STRING,
        "status": {"type": "string", "enum": [s.value for s in NominationStatus]},
        "nominee": ref("Person"), "nominator": ref("Nominator"),
        "consent": {"type": "string", "enum": ["not_requested", "pending", "given", "declined"]},
        "created_at": DATETIME, "updated_at": DATETIME, "submitted_at": _nullable("string", format="date-time"),
        "url": {"type": "string", "format": "uri"}}},
    "NominationPage": {"type": "object", "required": ["nominations", "total", "limit", "next_cursor", "next"],
                       "properties": {
        "nominations": array_of("NominationSummary"),
        "total": {"type": "integer", "description": "How many nominations the call has (with the status asked)"},
        "limit": {"type": "integer", "description": "The page size used"},
        "next_cursor": _nullable("string", description="The cursor of the next page; null on the last page"),
        "next": _nullable("string", format="uri", description="The next page's address; null on the last page")}},
    "Nomination": {"allOf": [ref("NominationSummary"), {"type": "object", "properties": {
        "position_level": _nullable("string"), "eligibility_declared": {"type": "boolean"},
        "biography": STRING, "motivation": STRING, "availability_confirmed": {"type": "boolean"},
        "availability_note": STRING, "languages": STRING, "links": {"type": "array", "items": STRING},
        "data_consent": {"type": "boolean"}, "no_remuneration_declared": {"type": "boolean"},
        "consent_at": _nullable("string", format="date-time"),
        "answers": {"type": "object", "description": "Answers to the call's questions by question key; "
                                                     "file answers are file ids"},
        "files": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "purpose": {"type": "string", "enum": ["cv", "support_letter", "answer"]},
            "name": STRING, "size": {"type": "integer"}, "sha256": STRING,
            "url": {"type": "string", "format": "uri"}}}},
        "history": {"type": "array", "items": {"type": "object", "properties": {
            "at": DATETIME, "action": STRING, "from": _nullable("string"), "to": _nullable("string"),
            "actor": _nullable("string")}}}}}]},
}
ERROR_WORDS = {400: "Bad request", 401: "No valid bearer token", 403: "The token's user may not see this",
               404: "Not found", 409: "Refused in the current state (e.g. already done)"}


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of every declared operation."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        responses: dict[str, Any] = {str(op.success): {"description": op.summary, "content": {
            "application/json": {"schema": op.response}}}}
        for code in op.errors:
            responses[str(code)] = {"description": ERROR_WORDS[code],
                                    "content": {"application/json": {"schema": ref("Error")}}}
        entry: dict[str, Any] = {"operationId": op.operation_id, "summary": op.summary, "tags": [op.tag],
                                 "responses": responses}
        if op.parameters:
            entry["parameters"] = list(op.parameters)
        if not op.authenticated:
            entry["security"] = []
        if op.request_body is not None:
            entry["requestBody"] = {"required": True, "content": {"application/json": {"schema": op.request_body}}}
        paths.setdefault(_openapi_path(op.rule), {})[op.method] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": "Nomination and selection engine", "version": API_VERSION,
                 "description": "Staff API. Authenticate with `Authorization: Bearer <token>`; "
                                "tokens come from `selection users token EMAIL`."},
        "servers": [{"url": url_for("api.list_calls", _external=True).rsplit("/calls", 1)[0]}],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
    }
