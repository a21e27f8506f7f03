"""The staff home page: what needs the signed-in staff member, a count and a link per task."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from selection.models import STAFF_ROLES, Role
from selection.plurals import ngettext
from selection.views.permissions import roles_required
from selection.workflow.my_work import WorkCount, my_work

bp = Blueprint("staff", __name__)

SECTION_TITLES = {Role.REVIEWER: _l("Your reviews"), Role.SECRETARIAT: _l("Screening and notices"),
                  Role.DECISION_MAKER: _l("Decisions")}
NOTHING = {Role.REVIEWER: _l("No review waits for you."),
           Role.SECRETARIAT: _l("No nomination waits for screening and no notice is held."),
           Role.DECISION_MAKER: _l("No call waits for a decision.")}


@dataclass(frozen=True)
class Task:
    """One line of the page: what waits, in words, and where to do it."""

    text: str
    call_title: str
    url: str


def _task(item: WorkCount) -> Task:
    slug = item.call.slug if item.call else ""
    title = item.call.title if item.call else ""
    if item.kind == "reviews_to_do":
        return Task(ngettext("%(num)d review to do", "%(num)d reviews to do", item.count), title,
                    url_for("review.my_assignments"))
    if item.kind == "to_screen":
        return Task(ngettext("%(num)d nomination to screen", "%(num)d nominations to screen", item.count), title,
                    url_for("review.nominations", slug=slug, status="submitted"))
    if item.kind == "notices_held":
        return Task(ngettext("%(num)d notice held for release", "%(num)d notices held for release", item.count),
                    title, url_for("review.notices", slug=slug))
    if item.kind == "to_decide":
        return Task(ngettext("%(num)d shortlisted nominee awaits the decision",
                             "%(num)d shortlisted nominees await the decision", item.count),
                    title, url_for("decision.workspace", slug=slug))
    return Task(ngettext("%(num)d slate run finished", "%(num)d slate runs finished", item.count), title,
                url_for("decision.workspace", slug=slug))


def _by_call(tasks: list[Task]) -> list[tuple[str, list[Task]]]:
    """The tasks grouped under their call's title, in the order first met."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.call_title, []).append(task)
    return list(groups.items())


@bp.get("/staff")
@roles_required(*STAFF_ROLES)
def home() -> str:
    """Reviews to do, nominations to screen, notices held, calls to decide and runs finished."""
    sections = [(SECTION_TITLES[s.role], _by_call([_task(item) for item in s.items]), NOTHING[s.role])
                for s in my_work(current_user)]
    return render_template("staff/home.html", sections=sections,
                           recommender=current_user.has_role(Role.RECOMMENDER))
