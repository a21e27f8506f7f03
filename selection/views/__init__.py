"""Blueprints per audience, error pages, and what every template can use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app, render_template
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from selection.data import REGIONAL_GROUPS
from selection.extensions import login_manager
from selection.i18n import N_, country_name_in, long_date
from selection.models import STAFF_ROLES, Role
from selection.numbers import MAX_DATABASE_ID
from selection.workflow import states
from selection.workflow.audit_watch import ChainWatch
from selection.workflow.permissions import CONTRIBUTION_KEEPERS, DECIDERS, RECOMMENDERS, STAFF
# api_review and api_decision declare their API endpoints on import.
from selection.views import (  # noqa: F401
    admin,
    api,
    api_core,
    api_decision,
    api_review,
    auth,
    decision,
    errors,
    nominee,
    public,
    review,
    secretariat,
    security,
    sessions,
    staff,
    two_factor,
)



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
NAVIGATION: list[NavItem] = [NavItem("public.home", N_("Calls for nominations"), hidden_from=STAFF_ROLES)]
NAVIGATION += [NavItem("staff.home", N_("My work"), STAFF_ROLES)]
NAVIGATION += [
    NavItem("nominee.my_nominations", N_("My nominations"), frozenset({Role.NOMINEE})),
    NavItem("secretariat.calls", N_("Nominations"), STAFF, ("secretariat.",)),
    NavItem("review.my_assignments", N_("My assignments"), frozenset({Role.REVIEWER})),
    NavItem("review.shortlists", N_("Shortlists"), RECOMMENDERS),
]
NAVIGATION += [NavItem("decision.calls", N_("Decisions"), DECIDERS,
                       ("decision.workspace", "decision.run", "decision.decide", "decision.report",
                        "decision.vacancies", "decision.fill"))]
# One header link for the whole administration (calls, staff users, IGF hosts): its pages link
# to each other, and the header stays on one line at 1280 px.
# Administrators reach the contributions from the administration page (the header stays one line).
NAVIGATION += [NavItem("contributions.index", N_("Contributions"), CONTRIBUTION_KEEPERS, ("contributions.",),
                       hidden_from=frozenset({Role.ADMIN}))]
NAVIGATION += [NavItem("admin.calls", N_("Administration"), frozenset({Role.ADMIN}),
                       ("admin.", "decision.hosts", "contributions."))]


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in every route: ids beyond the database's integer range are a 404,
    never a query that overflows (PostgreSQL's INTEGER stops at 2**31 - 1)."""

    def __init__(self, url_map: Any, fixed_digits: int = 0, min: int = 0, max: int = MAX_DATABASE_ID,
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_views(app: Flask) -> None:
    """Register every blueprint, the login loader, error pages and template helpers."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(two_factor.bp)
    app.register_blueprint(nominee.bp)
    app.register_blueprint(secretariat.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(admin.bp)
    from selection.views import vacancy  # noqa: F401 - declares its routes on decision.bp on import

    app.register_blueprint(decision.bp)
    from selection.views import contributions, privacy  # contributions declares its API endpoints on import

    app.register_blueprint(privacy.bp)
    app.register_blueprint(contributions.bp)
    from selection.views import api_bodies  # noqa: F401 - declares its API endpoints on import
    from selection.views.bodies import register as register_bodies

    register_bodies(app)
    api_core.register(app)
    # Nominees and nominators sign in by e-mail link, not with the staff password form.
    login_manager.blueprint_login_views = {"nominee": "nominee.sign_in", "panel": "nominee.sign_in"}

    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = N_("Please sign in to see that page.")
    login_manager.user_loader(sessions.load_user)
    security.init_app(app)
    for code in (400, 403, 404, 405, 409, 410, 413, 429):
        app.register_error_handler(code, _error_page)
    api_core.register_routing_errors(app, _error_page)
    errors.register(app)
    app.jinja_env.filters["utc"] = format_utc
    app.jinja_env.filters["country"] = country_name_in
    app.jinja_env.filters["sentence"] = sentence_case
    app.jinja_env.globals["REGIONAL_GROUPS"] = REGIONAL_GROUPS
    # ngettext, gettext and _ come from Jinja's i18n extension, installed by Flask-Babel.
    # Templates ask the workflow's status predicates instead of comparing statuses.
    for predicate in (states.is_draft, states.is_shortlisted, states.must_stay_complete, states.can_withdraw):
        app.jinja_env.globals[predicate.__name__] = predicate
    app.jinja_env.globals["can_edit_status"] = states.is_editable_status
    app.context_processor(_navigation)
    app.extensions["audit_watch"] = ChainWatch()
    app.context_processor(_audit_warning)


def _navigation() -> dict[str, Any]:
    """The navigation links the current user may follow."""
    roles = current_user.roles if current_user.is_authenticated else frozenset()
    items = [
        item
        for item in NAVIGATION
        if item.endpoint in current_app.view_functions and (not item.roles or item.roles & roles)
        and not item.hidden_from & roles
    ]
    return {"navigation": items}


def _audit_warning() -> dict[str, Any]:
    """For staff, the first broken record of the audit chain, if the watch has found one."""
    if not (current_user.is_authenticated and current_user.is_staff):
        return {}
    return {"audit_broken_id": current_app.extensions["audit_watch"].look()}


def _error_page(error: Any) -> tuple[str, int]:
    code = getattr(error, "code", 500) or 500
    return render_template("error.html", error=error, code=code), code


def format_utc(moment: datetime | None) -> str:
    """A UTC datetime in words in the page's language, e.g. '31 January 2027, 23:59 UTC'."""
    return long_date(moment, with_time=True)


def sentence_case(text: str) -> str:
    """Upper-case the first letter only, leaving names such as 'UN' alone."""
    return text[:1].upper() + text[1:]
