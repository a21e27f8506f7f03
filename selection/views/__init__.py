"""Blueprints per audience, error pages, and what every template can use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, render_template
from flask_login import current_user

from selection.data import REGIONAL_GROUPS, country_name
from selection.extensions import db, login_manager
from selection.models import STAFF_ROLES, Role, User
from selection.plurals import ngettext


@dataclass(frozen=True)
class NavItem:
    """A navigation link, shown to users holding one of ``roles`` (everyone when empty)."""

    endpoint: str
    label: str
    roles: frozenset[Role] = frozenset()


# Blueprints add their own links here; a link appears only if its endpoint exists.
NAVIGATION: list[NavItem] = [NavItem("public.home", "Calls for nominations")]
NAVIGATION += [NavItem("staff.home", "My work", STAFF_ROLES)]
NAVIGATION += [
    NavItem("nominee.my_nominations", "My nominations", frozenset({Role.NOMINEE})),
    NavItem("secretariat.calls", "Nominations received", frozenset({Role.SECRETARIAT, Role.ADMIN})),
    NavItem("review.my_assignments", "My assignments", frozenset({Role.REVIEWER})),
    NavItem("review.shortlists", "Shortlists", frozenset({Role.RECOMMENDER, Role.SECRETARIAT, Role.ADMIN})),
]
NAVIGATION += [
    NavItem("admin.calls", "Call administration", frozenset({Role.ADMIN})),
    NavItem("admin.users", "Staff users", frozenset({Role.ADMIN})),
]
NAVIGATION += [NavItem("decision.calls", "Decisions", frozenset({Role.DECISION_MAKER, Role.ADMIN})),
               NavItem("decision.hosts", "IGF hosts", frozenset({Role.ADMIN}))]


def register_views(app: Flask) -> None:
    """Register every blueprint, the login loader, error pages and template helpers."""
    from selection.views import api, auth, nominee, public, secretariat

    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(nominee.bp)
    app.register_blueprint(secretariat.bp)
    from selection.views import api_review, review  # api_review declares its API endpoints on import

    app.register_blueprint(review.bp)
    from selection.views import staff

    app.register_blueprint(staff.bp)
    from selection.views import admin

    app.register_blueprint(admin.bp)
    from selection.views import api_decision, decision  # api_decision declares its API endpoints on import

    app.register_blueprint(decision.bp)
    api.register(app)
    # Nominees and nominators sign in by e-mail link, not with the staff password form.
    login_manager.blueprint_login_views = {"nominee": "nominee.sign_in"}

    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.user_loader(_load_user)

    for code in (400, 403, 404, 405, 409, 410, 413, 429):
        app.register_error_handler(code, _error_page)
    app.jinja_env.filters["utc"] = format_utc
    app.jinja_env.filters["country"] = country_name
    app.jinja_env.filters["sentence"] = sentence_case
    app.jinja_env.globals["REGIONAL_GROUPS"] = REGIONAL_GROUPS
    app.jinja_env.globals["ngettext"] = ngettext
    app.context_processor(_navigation)


def _load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id))
    return user if user and user.active else None


def _navigation() -> dict[str, Any]:
    """The navigation links the current user may follow."""
    from flask import current_app

    roles = current_user.roles if current_user.is_authenticated else frozenset()
    items = [
        item
        for item in NAVIGATION
        if item.endpoint in current_app.view_functions and (not item.roles or item.roles & roles)
    ]
    return {"navigation": items}


def _error_page(error: Any) -> tuple[str, int]:
    code = getattr(error, "code", 500) or 500
    return render_template("error.html", error=error, code=code), code


def format_utc(moment: datetime | None) -> str:
    """A UTC datetime in words, e.g. '31 January 2027, 23:59 UTC'."""
    if moment is None:
        return ""
    return moment.strftime("%-d %B %Y, %H:%M UTC")


def sentence_case(text: str) -> str:
    """Upper-case the first letter only, leaving names such as 'UN' alone."""
    return text[:1].upper() + text[1:]
