"""Two-factor sign-in: the code asked after a correct password, setting up an authenticator
app (at sign-in when a role requires it, or from one's account page), turning it off."""
from __future__ import annotations

from collections.abc import Callable

import segno
from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from selection.extensions import db, limiter
from selection.i18n import N_
from selection.forms.auth import CodeForm
from selection.forms.auth import SignOutForm as ActionForm
from selection.models import User
from selection.views.auth import landing_page
from selection.views.operations import form_status, run_operation
from selection.views.sessions import PENDING_KEY, pending_sign_in, sign_in_user
from selection.workflow import two_factor
from selection.workflow.permissions import may_manage_users
from selection.workflow.errors import WorkflowError

bp = Blueprint("two_factor", __name__)

SECRET_KEY = "totp_setup_secret"  # the secret being set up, until its first code is confirmed
TOO_MANY = N_("Too many wrong codes. Wait a few minutes, then sign in again.")


def _failed(response: Response) -> bool:
    return response.status_code == 401


def _pending_key() -> str:
    return f"two-factor:{(session.get(PENDING_KEY) or {}).get('user', '')}"


def _required_roles() -> list[str]:
    return current_app.config["TWO_FACTOR_REQUIRED_ROLES"]


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["TWO_FACTOR_FAILURES"], methods=["POST"], deduct_when=_failed,
               error_message=lambda: _(TOO_MANY))
@limiter.limit(lambda: current_app.config["TWO_FACTOR_FAILURES"], methods=["POST"], key_func=_pending_key,
               deduct_when=_failed, error_message=lambda: _(TOO_MANY))
def code() -> ResponseReturnValue:
    """The second step of a staff sign-in: the current code of the person's app."""
    pending = pending_sign_in()
    if pending is None:
        flash(_("Sign in with your e-mail address and password first."), "error")
        return redirect(url_for("auth.sign_in"))
    user, next_path = pending
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("auth/code.html", form=form), form_status(form)
    if not two_factor.check_code(user, form.code.data):  # a wrong code changes nothing
        form.code.errors = [_(two_factor.WRONG_CODE)]
        return render_template("auth/code.html", form=form), 401
    db.session.commit()
    return _signed_in(user, next_path)


@bp.route("/sign-in/two-factor", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["TWO_FACTOR_FAILURES"], methods=["POST"], deduct_when=_failed,
               error_message=lambda: _(TOO_MANY))
def set_up() -> ResponseReturnValue:
    """Setting up an app during sign-in, for a role that requires two-factor sign-in."""
    pending = pending_sign_in()
    if pending is None:
        return redirect(url_for("auth.sign_in"))
    user, next_path = pending
    return _set_up(user, required=True, done=lambda: _signed_in(user, next_path))


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def account() -> ResponseReturnValue:
    """A staff member's own two-factor sign-in: set it up, or see that it is on."""
    me: User = current_user._get_current_object()
    if not me.is_staff:
        abort(403)
    if me.two_factor_enabled:
        return render_template("auth/two_factor_on.html", form=ActionForm(),
                               required=two_factor.required_for(me, _required_roles()))
    return _set_up(me, required=False, done=_turned_on)


def _turned_on() -> Response:
    flash(_("Two-factor sign-in is on: from now on, signing in asks for a code from your app."), "success")
    return redirect(url_for("two_factor.account"))


@bp.post("/account/two-factor/off")
@login_required
def turn_off() -> ResponseReturnValue:
    """Turn one's own two-factor sign-in off, unless the role requires it."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return _disable(current_user._get_current_object(), url_for("two_factor.account"))


@bp.post("/admin/users/<int:user_id>/two-factor/off")
@login_required
def admin_turn_off(user_id: int) -> ResponseReturnValue:
    """An administrator turns off someone's two-factor sign-in (a lost phone)."""
    if not may_manage_users(current_user) or not ActionForm().validate_on_submit():
        abort(403)
    return _disable(db.get_or_404(User, user_id), url_for("admin.edit_user", user_id=user_id))


def _set_up(user: User, *, required: bool, done: Callable[[], Response]) -> ResponseReturnValue:
    """Show the QR code and secret; once the first code confirms it, commit and answer with
    ``done()``; a wrong code shows the page again (401)."""
    secret = session.get(SECRET_KEY) or two_factor.new_secret()
    session[SECRET_KEY] = secret
    form = CodeForm()

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            form.code.errors = [str(error)]
        uri = two_factor.provisioning_uri(user, secret, current_app.config["TWO_FACTOR_ISSUER"])
        qr = segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
        return render_template("auth/two_factor_setup.html", form=form, secret=secret, uri=uri, qr=qr,
                               required=required), 401 if error is not None else form_status(form)

    def enabled(_result: None) -> Response:
        session.pop(SECRET_KEY, None)
        return done()

    if not form.validate_on_submit():
        return page()
    return run_operation(lambda: two_factor.enable(user, secret, form.code.data, user), url_for("two_factor.account"),
                         show_refusal=page, show_result=enabled)


def _signed_in(user: User, next_path: str) -> Response:
    """After the second step (committed): sign the person in and take them on."""
    session.pop(SECRET_KEY, None)
    sign_in_user(user)
    flash(_("Signed in as %(name)s.", name=user.name or user.email), "success")
    return redirect(next_path or landing_page(user))


def _disable(user: User, back: str) -> ResponseReturnValue:
    return run_operation(lambda: two_factor.disable(user, current_user._get_current_object(), _required_roles()),
                         back, _("Two-factor sign-in is off for %(email)s.", email=user.email))
