"""The machinery of the JSON API under /api/v1: its blueprint, the declaration of endpoints,
bearer-token authentication, errors in JSON, request bodies, and the OpenAPI document.

Each endpoint is declared once with ``@operation(...)`` (or ``@post_operation``), which registers
the Flask route and its OpenAPI description together; ``/api/v1/openapi.json`` is built from
that registry, so a later endpoint adds itself to the description by being declared. Response
schemas live in ``SCHEMAS`` by name; each module of endpoints adds its own.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Blueprint, Flask, Response, abort, g, jsonify, request, url_for
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from selection.extensions import csrf, db
from selection.forms import control_character_message, unwanted_characters
from selection.models import ApiToken, User, utcnow

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


def iso(moment: Any) -> str | None:
    """A datetime or date in ISO 8601, or None."""
    return moment.isoformat() if moment is not None else None


# ---------------------------------------------------------------------------- OpenAPI

def nullable(schema_type: str, **extra: Any) -> dict[str, Any]:
    """A schema of ``schema_type`` or null."""
    return {"type": [schema_type, "null"], **extra}


STRING = {"type": "string"}
DATETIME = {"type": "string", "format": "date-time"}
SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "integer"}, "status": STRING, "message": STRING}}}},
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
