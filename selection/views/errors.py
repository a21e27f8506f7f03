"""The page of an unexpected error: in the site's layout, with a short request id that is also
in the log, so a user's report can be matched with the traceback. Also the favicon."""
from __future__ import annotations

import secrets
from typing import Any

from flask import Flask, Response, current_app, render_template, request, send_from_directory
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from selection.extensions import db


def register(app: Flask) -> None:
    """Send unhandled exceptions and 5xx errors to the styled error page; answer /favicon.ico,
    which browsers ask for on their own, so no page logs a failed request."""
    app.register_error_handler(Exception, unexpected_error)
    app.add_url_rule("/favicon.ico", endpoint="favicon", view_func=favicon)


def favicon() -> Response:
    """The site's icon (an SVG) at the address browsers try first."""
    return send_from_directory(current_app.static_folder or "", "favicon.svg", mimetype="image/svg+xml",
                               max_age=86400)


def unexpected_error(error: Exception) -> Any:
    """Log ``error`` with a new request id and answer 500 with a page showing that id.

    Client errors without a page of their own pass through unchanged; under test or debug,
    where Flask propagates exceptions, the exception is raised again so it is seen whole."""
    if isinstance(error, HTTPException) and (error.code or 500) < 500:
        return error
    if not isinstance(error, HTTPException) and _propagates():
        raise error
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    request_id = secrets.token_hex(4)
    _roll_back()
    current_app.logger.exception("Request %s failed: %s %s", request_id, request.method, request.path,
                                 exc_info=error, extra={"request_id": request_id})
    return _page(code, request_id), code


def _propagates() -> bool:
    """Flask's own rule: PROPAGATE_EXCEPTIONS, else on when testing or debugging."""
    setting = current_app.config.get("PROPAGATE_EXCEPTIONS")
    return bool(current_app.testing or current_app.debug) if setting is None else bool(setting)


def _roll_back() -> None:
    """A failed transaction would make the page's own queries (the signed-in user) fail too."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001  (the session may be beyond repair; the page must still show)
        current_app.logger.warning("Could not roll back the database session.", exc_info=True)


def _page(code: int, request_id: str) -> str:
    """The page in the site's layout, or plain HTML if even the layout cannot be rendered."""
    try:
        return render_template("error.html", error=None, code=code, request_id=request_id)
    except Exception:  # noqa: BLE001
        current_app.logger.warning("Could not render the error page of request %s.", request_id, exc_info=True)
        return (f"<!doctype html><title>Something went wrong</title><h1>Something went wrong</h1>"
                f"<p>Quote this reference if you report the problem: {escape(request_id)}</p>")
