"""The review blueprint, who may use it, and what its pages share: the nomination they work
on, the address of its sections, the people chosen from a list."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, url_for
from flask_login import current_user

from selection.extensions import db
from selection.models import Nomination, User
from selection.workflow.permissions import REVIEW_ROLES, STAFF  # noqa: F401  (the review's roles, for its modules)
from selection.workflow import review as ops
from selection.workflow.audit_words import staff_words

bp = Blueprint("review", __name__, url_prefix="/review")
bp.add_app_template_global(staff_words, "audit_words")


def nomination_or_404(nomination_id: int, may: Callable[[User, Nomination], bool] | None = None) -> Nomination:
    """The nomination with this id (404 when there is none), if the signed-in user ``may``
    (a predicate of ``workflow.permissions``) work on it (else 403)."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if may is not None and not may(current_user, nomination):
        abort(403)
    return nomination


def is_staff() -> bool:
    """True when the signed-in user is the Secretariat or an administrator."""
    return ops.is_staff(current_user)


def section_url(nomination: Nomination, anchor: str = "") -> str:
    """The address of the nomination's review page, at one of its sections."""
    return url_for("review.nomination", nomination_id=nomination.id, _anchor=anchor or None)


def person_choices(users: list[User]) -> list[tuple[int, str]]:
    """(id, "name (e-mail)") for a list to choose a person from."""
    return [(u.id, f"{u.name or u.email} ({u.email})") for u in users]


def chosen_user(user_id: int | None) -> User:
    """The person chosen from a list; 400 when the choice names nobody."""
    user = db.session.get(User, user_id) if user_id else None
    if user is None:
        abort(400, "Choose a person from the list.")
    return user
