"""The two blueprints of a body at work (routes live in ``meetings``, ``record`` and ``public``),
and their header links."""
from flask import Blueprint

from selection.models import Role
from selection.i18n import N_
from selection.views import NAVIGATION, NavItem
from selection.workflow.permissions import STAFF

secretariat = Blueprint("bodies", __name__, url_prefix="/secretariat")
panel = Blueprint("panel", __name__)

NAVIGATION.append(NavItem("bodies.index", N_("Bodies"), STAFF, ("bodies.",)))
# Members sign in with one-time links, as nominees do; the page says whether they have a Panel.
NAVIGATION.append(NavItem("panel.my_panel", N_("My Panel"), frozenset({Role.NOMINEE})))
