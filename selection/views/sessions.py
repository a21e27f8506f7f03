"""Signing a person in and out of the browser, on top of the server-side sessions of
``selection.workflow.sessions``; and the login manager's user loader that checks them."""
from __future__ import annotations

import time
from datetime import timedelta

from flask import current_app, session
from flask_login import login_user, logout_user

from selection.extensions import db
from selection.i18n import SESSION_KEY as LANGUAGE_KEY
from selection.models import User
from selection.workflow.sessions import SessionLimits, active_session, end_session, start_session

SESSION_KEY = "sid"
PENDING_KEY = "pending_sign_in"  # a correct password waiting for its second factor
PENDING_SECONDS = 300


def session_limits() -> SessionLimits:
    """The configured idle times and lifetime of a session."""
    config = current_app.config
    return SessionLimits(staff_idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
                         nominee_idle=timedelta(minutes=config["NOMINEE_SESSION_IDLE_MINUTES"]),
                         lifetime=timedelta(hours=config["SESSION_LIFETIME_HOURS"]))


def sign_in_user(user: User) -> None:
    """Start a new session for ``user``: the old cookie's content (and its CSRF token) is
    dropped, so a session fixed before sign-in is worth nothing after it. The language the
    person chose before signing in stays, and becomes their profile's."""
    chosen = _clear_keeping_language()
    if chosen:
        user.language = chosen
    token = start_session(user)
    db.session.commit()
    session[SESSION_KEY] = token
    login_user(user)


def _clear_keeping_language() -> str | None:
    """Empty the session but for the language chosen with the switch; returns that language."""
    chosen = session.get(LANGUAGE_KEY)
    session.clear()
    if chosen:
        session[LANGUAGE_KEY] = chosen
    return chosen


def sign_out_user() -> None:
    """End the session on the server and forget it in the browser."""
    end_session(session.get(SESSION_KEY))
    db.session.commit()
    logout_user()
    _clear_keeping_language()


def hold_pending(user: User, next_path: str) -> None:
    """Remember, for a few minutes, that ``user`` gave the right password and still owes a
    second factor; nothing is signed in yet."""
    _clear_keeping_language()
    session[PENDING_KEY] = {"user": user.id, "next": next_path, "at": time.time()}


def pending_sign_in() -> tuple[User, str] | None:
    """The user who gave their password and the page they asked for, while it is fresh."""
    pending = session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending["user"])
    return (user, pending.get("next", "")) if user is not None and user.active else None


def load_user(user_id: str) -> User | None:
    """The signed-in user, only while their server-side session is open and they are active."""
    found = active_session(session.get(SESSION_KEY), session_limits())
    if db.session.dirty:
        db.session.commit()  # the session was touched or has just expired
    if found is None or str(found.user_id) != user_id or not found.user.active:
        return None
    return found.user
