"""Blueprints per audience, error pages, and what every template can use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, render_template
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from selection.data import REGIONAL_GROUPS, country_name
from selection.extensions import login_manager
from selection.models import STAFF_ROLES, Role
from selection.workflow import states
from selection.workflow.permissions import DECIDERS, RECOMMENDERS, STAFF
from selection.plurals import ngettext


MAX_DATABASE_ID = 2**31 - 1


@dataclass(frozen=True)
class NavItem:
    """A navigation link, shown to users holding one of ``roles`` (everyone when empty) and
    none of ``hidden_from``."""

    endpoint: str
    label: str
    roles: frozenset[Role] = frozenset()
    # Other endpoints of the area the link leads to: there the link is marked as the current area.
    area: tuple[str, ...] = ()
    hidden_from: frozenset[Role] = frozenset()

    def current(self, endpoint: str | None) -> str | None:
        """The link's ``aria-current``: "page" on its own page, "true" elsewhere in its area."""
        if endpoint == self.endpoint:
            return "page"
        if endpoint and any(endpoint == a or (a.endswith(".") and endpoint.startswith(a)) for a in self.area):
            return "true"
        return None


# Blueprints add their own links here; a link appears only if its endpoint exists.
# Staff reach the public calls from the brand link: their header keeps room for their work.
NAVIGATION: list[NavItem] = [NavItem("public.home", "Calls for nominations", hidden_from=STAFF_ROLES)]
NAVIGATION += [NavItem("staff.home", "My work", STAFF_ROLES)]
NAVIGATION += [
    NavItem("nominee.my_nominations", "My nominations", frozenset({Role.NOMINEE})),
    NavItem("secretariat.calls", "Nominations", STAFF, ("secretariat.",)),
    NavItem("review.my_assignments", "My assignments", frozenset({Role.REVIEWER})),
    NavItem("review.shortlists", "Shortlists", RECOMMENDERS),
]
NAVIGATION += [NavItem("decision.calls", "Decisions", DECIDERS,
                       ("decision.workspace", "decision.run", "decision.decide", "decision.report"))]
# One header link for the whole administration (calls, staff users, IGF hosts): its pages link
# to each other, and the header stays on one line at 1280 px.
NAVIGATION += [NavItem("admin.calls", "Administration", frozenset({Role.ADMIN}), ("admin.", "decision.hosts"))]


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in every route: ids beyond the database's integer range are a 404,
    never a query that overflows (PostgreSQL's INTEGER stops at 2**31 - 1)."""

    def __init__(self, url_map: Any, fixed_digits: int = 0, min: int = 0, max: int = MAX_DATABASE_ID,
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_views(app: Flask) -> None:
    """Register every blueprint, the login loader, error pages and template helpers."""
    app.url_map.converters["int"] = DatabaseIdConverter
    from selection.views import api, auth, nominee, public, secretariat, sessions, two_factor

    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(two_factor.bp)
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
    login_manager.user_loader(sessions.load_user)

    from selection.views import security

    security.init_app(app)
    for code in (400, 403, 404, 405, 409, 410, 413, 429):
        app.register_error_handler(code, _error_page)
    api.register_routing_errors(app, _error_page)
    from selection.views import errors

    errors.register(app)
    app.jinja_env.filters["utc"] = format_utc
    app.jinja_env.filters["country"] = country_name
    app.jinja_env.filters["sentence"] = sentence_case
    app.jinja_env.globals["REGIONAL_GROUPS"] = REGIONAL_GROUPS
    app.jinja_env.globals["ngettext"] = ngettext
    # Templates ask the workflow's status predicates instead of comparing statuses.
    for predicate in (states.is_draft, states.is_shortlisted, states.must_stay_complete, states.can_withdraw):
        app.jinja_env.globals[predicate.__name__] = predicate
    app.jinja_env.globals["can_edit_status"] = states.is_editable_status
    app.context_processor(_navigation)


def _navigation() -> dict[str, Any]:
    """The navigation links the current user may follow."""
    from flask import current_app

    roles = current_user.roles if current_user.is_authenticated else frozenset()
    items = [
        item
        for item in NAVIGATION
        if item.endpoint in current_app.view_functions and (not item.roles or item.roles & roles)
        and not item.hidden_from & roles
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
