"""Security headers on every response: what the browser may load and run, framing, sniffing,
referrers, transport, and no caching of anything that may hold personal data."""
from __future__ import annotations

from flask import Flask, Response, abort, request

from selection.views.request_input import drop_nameless_fields

# Scripts and styles come from the app's own static files only: no inline script, handler or
# style attribute anywhere. SVG charts are drawn inline with presentation attributes, which
# CSP does not govern. Images may be data: URIs (the favicon fallback).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    """Set the headers every response carries (the ones already set by a view are kept)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if not _cacheable(request.path):
        # Pages, exports and files may hold personal data: never kept by a browser or proxy.
        headers["Cache-Control"] = "no-store"
        headers.pop("Expires", None)
    return response


def _cacheable(path: str) -> bool:
    """Only the static files (CSS, JS, icons) may be cached."""
    return path.startswith("/static/") or path == "/favicon.ico"


def refuse_nul_in_address() -> None:
    """A NUL byte in the path or the query string is refused (400) before any view runs: no
    database stores it (PostgreSQL refuses it in any text). Forms and JSON bodies refuse it,
    with their other control characters, next to the field concerned."""
    if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        abort(400, "The address holds a NUL character, which no page accepts. Check the link and try again.")


def init_app(app: Flask) -> None:
    """Add the security headers to every response of ``app``, refuse NUL bytes in addresses;
    session cookies are secure outside development and tests unless configured otherwise."""
    app.before_request(refuse_nul_in_address)
    app.after_request(add_security_headers)
    app.before_request(drop_nameless_fields)
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = not (app.debug or app.testing)
