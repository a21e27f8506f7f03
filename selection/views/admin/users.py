"""Staff users: created with a password shown once, roles and details edited, deactivated and
reactivated, signed out everywhere; their API tokens issued (shown once) and revoked."""
from __future__ import annotations

import secrets
from collections.abc import Callable

from flask import abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from selection.extensions import db
from selection.forms.admin import ActionForm, EditUserForm, StaffUserForm
from selection.models import STAFF_ROLES, ApiToken, Role, User
from selection.views.admin.blueprint import bp, button_action, no_store, refusal_words, sentence
from selection.views.operations import form_status, run_operation
from selection.views.sessions import session_limits
from selection.workflow.errors import WorkflowError
from selection.workflow.sessions import end_sessions_of, open_sessions
from selection.workflow.users import (
    api_tokens_of,
    create_user,
    issue_api_token,
    revoke_api_token,
    set_active,
    staff_users,
    update_user,
)



@bp.get("/users")
def users() -> str:
    """Every staff user with roles, state and tokens."""
    return render_template("admin/users.html", users=staff_users())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> ResponseReturnValue:
    """Create a staff user; a generated password is shown once."""
    form = StaffUserForm()
    form.roles.choices = _staff_role_choices()

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            form.email.errors = [*form.email.errors, sentence(str(error))]
        return render_template("admin/new_user.html", form=form), form_status(form)

    if not form.validate_on_submit():
        return page()
    password = form.password.data or secrets.token_urlsafe(12)
    return run_operation(
        lambda: create_user(form.email.data, [Role(value) for value in form.roles.data], current_user,
                            name=(form.name.data or "").strip(), organization=(form.organization.data or "").strip(),
                            password=password),
        lambda user: url_for("admin.edit_user", user_id=user.id), lambda user: _("Created %(email)s.", email=user.email),
        show_refusal=page,
        show_result=None if form.password.data else lambda user: _secret_page(user, password, "password"))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int) -> ResponseReturnValue:
    """A staff user's name, organization and roles, state, and API tokens."""
    user = db.get_or_404(User, user_id)
    form = EditUserForm(data=None if request.method == "POST" else {
        "name": user.name, "organization": user.organization, "roles": [r.value for r in user.roles]})
    form.roles.choices = _staff_role_choices() + [(Role.NOMINEE.value, Role.NOMINEE.label)]

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            form.roles.errors = [*form.roles.errors, sentence(str(error))]
        return render_template("admin/edit_user.html", user=user, form=form, tokens=api_tokens_of(user),
                               sessions=open_sessions(user, session_limits()),
                               action_form=ActionForm()), form_status(form)

    if not form.validate_on_submit():
        return page()
    return run_operation(
        lambda: update_user(user, current_user, name=form.name.data or "", organization=form.organization.data or "",
                            roles=[Role(value) for value in form.roles.data]),
        url_for("admin.edit_user", user_id=user.id), _("Saved %(email)s.", email=user.email), show_refusal=page)


@bp.post("/users/<int:user_id>/deactivate")
def deactivate_user(user_id: int) -> ResponseReturnValue:
    """Deactivate a user: no more sign-in or API use; their reviews and records stay."""
    return _user_action(user_id, lambda user: set_active(user, False, current_user),
                        lambda user: _("Deactivated %(email)s.", email=user.email))


@bp.post("/users/<int:user_id>/end-sessions")
def end_user_sessions(user_id: int) -> ResponseReturnValue:
    """Sign a user out everywhere: every open session ends at once."""
    return _user_action(user_id, lambda user: end_sessions_of(user, current_user, "administrator"),
                        lambda user: _("Ended every session of %(email)s.", email=user.email))


@bp.post("/users/<int:user_id>/reactivate")
def reactivate_user(user_id: int) -> ResponseReturnValue:
    """Let a deactivated user sign in again."""
    return _user_action(user_id, lambda user: set_active(user, True, current_user),
                        lambda user: _("Reactivated %(email)s.", email=user.email))


@bp.post("/users/<int:user_id>/tokens/<int:token_id>/revoke")
def revoke_token(user_id: int, token_id: int) -> ResponseReturnValue:
    """Revoke one of a user's API tokens."""
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != user_id:
        abort(404)
    return _user_action(user_id, lambda _user: revoke_api_token(token, current_user),
                        lambda user: _("Revoked a token of %(email)s.", email=user.email))


@bp.post("/users/<int:user_id>/tokens")
def issue_token(user_id: int) -> ResponseReturnValue:
    """Issue an API token and show it once; only its digest is kept."""
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    return run_operation(lambda: issue_api_token(user, current_user), url_for("admin.edit_user", user_id=user.id),
                         refusal=refusal_words, show_result=lambda token: _secret_page(user, token, "token"))


def _user_action(user_id: int, operation: Callable[[User], None], done: Callable[[User], str]) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    return button_action(lambda: operation(user), done(user),
                         url_for("admin.edit_user", user_id=user.id))


def _secret_page(user: User, secret: str, what: str) -> Response:
    return no_store(render_template("admin/secret_once.html", user=user, secret=secret, what=what))


def _staff_role_choices() -> list[tuple[str, str]]:
    """The staff roles as checkboxes, labelled in the page's language."""
    return [(role.value, role.label) for role in Role if role in STAFF_ROLES]
