"""Staff sign-in and sign-out."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from selection.forms.auth import SignInForm, SignOutForm
from selection.extensions import limiter
from selection.i18n import N_
from selection.models import User
from selection.workflow.users import authenticate
from selection.views.sessions import hold_pending, sign_in_user, sign_out_user
from selection.workflow import two_factor

bp = Blueprint("auth", __name__)

WRONG_CREDENTIALS = N_("That e-mail address and password do not match an active account.")


def _failed(response: Response) -> bool:
    return response.status_code == 401


def _account_key() -> str:
    return "account:" + request.form.get("email", "").strip().lower()


TOO_MANY_FAILURES = N_("Too many failed sign-ins. For your account's safety, signing in is paused for a "
                     "while: wait a few minutes, then try again, or ask the Secretariat for help.")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_FAILURES_PER_CLIENT"], methods=["POST"],
               deduct_when=_failed, error_message=lambda: _(TOO_MANY_FAILURES))
@limiter.limit(lambda: current_app.config["PASSWORD_FAILURES_PER_ACCOUNT"], methods=["POST"],
               key_func=_account_key, deduct_when=_failed, error_message=lambda: _(TOO_MANY_FAILURES))
def sign_in() -> Response | tuple[str, int] | str:
    """Sign in with e-mail and password; one message, and the same time, for every kind of
    mismatch. Failed attempts count per client address and per account (Flask-Limiter)."""
    if current_user.is_authenticated:
        return redirect(landing_page(current_user))
    form = SignInForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form), 400 if form.is_submitted() else 200
    user = authenticate(form.email.data, form.password.data)
    if user is None:
        form.form_errors.append(_(WRONG_CREDENTIALS))
        return render_template("auth/sign_in.html", form=form), 401
    if user.two_factor_enabled:
        hold_pending(user, safe_next(form.next.data) or "")
        return redirect(url_for("two_factor.code"))
    if two_factor.required_for(user, current_app.config["TWO_FACTOR_REQUIRED_ROLES"]):
        hold_pending(user, safe_next(form.next.data) or "")
        return redirect(url_for("two_factor.set_up"))
    sign_in_user(user)
    flash(_("Signed in as %(name)s.", name=user.name or user.email), "success")
    return redirect(safe_next(form.next.data) or landing_page(user))


def landing_page(user: User) -> str:
    """Staff land on the page of what needs them; anyone else on the calls."""
    return url_for("staff.home") if user.is_staff else url_for("public.home")


@bp.post("/sign-out")
@login_required
def sign_out() -> Response:
    """Sign out (a POST with its CSRF token, so that no link can sign someone out)."""
    form = SignOutForm()
    if form.validate_on_submit():
        sign_out_user()
        flash(_("You are signed out."), "success")
    return redirect(url_for("public.home"))


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never an open redirect to another host."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
