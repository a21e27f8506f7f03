"""Staff sign-in and sign-out."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from selection.forms.auth import SignInForm, SignOutForm
from selection.extensions import db
from selection.models import User

bp = Blueprint("auth", __name__)

WRONG_CREDENTIALS = "That e-mail address and password do not match an active account."


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int] | str:
    """Sign in with e-mail and password; one message for every kind of mismatch."""
    if current_user.is_authenticated:
        return redirect(_landing(current_user))
    form = SignInForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form), 400 if form.is_submitted() else 200
    user = db.session.execute(
        select(User).where(func.lower(User.email) == form.email.data.strip().lower())
    ).scalar_one_or_none()
    if user is None or not user.active or not user.check_password(form.password.data):
        form.form_errors.append(WRONG_CREDENTIALS)
        return render_template("auth/sign_in.html", form=form), 401
    login_user(user)
    flash(f"Signed in as {user.name or user.email}.", "success")
    return redirect(_safe_next(form.next.data) or _landing(user))


def _landing(user: User) -> str:
    """Staff land on the page of what needs them; anyone else on the calls."""
    return url_for("staff.home") if user.is_staff else url_for("public.home")


@bp.post("/sign-out")
@login_required
def sign_out() -> Response:
    """Sign out (a POST with its CSRF token, so that no link can sign someone out)."""
    form = SignOutForm()
    if form.validate_on_submit():
        logout_user()
        flash("You are signed out.", "success")
    return redirect(url_for("public.home"))


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never an open redirect to another host."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
