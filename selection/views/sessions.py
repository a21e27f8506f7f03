"""Signing a person in and out of the browser, on top of the server-side sessions of
``selection.workflow.sessions``; and the login manager's user loader that checks them."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, session
from flask_login import login_user, logout_user

from selection.extensions import db
from selection.models import User
from selection.workflow.sessions import SessionLimits, active_session, end_session, start_session

SESSION_KEY = "sid"


def session_limits() -> SessionLimits:
    """The configured idle times and lifetime of a session."""
    config = current_app.config
    return SessionLimits(staff_idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
                         nominee_idle=timedelta(minutes=config["NOMINEE_SESSION_IDLE_MINUTES"]),
                         lifetime=timedelta(hours=config["SESSION_LIFETIME_HOURS"]))


def sign_in_user(user: User) -> None:
    """Start a new session for ``user``: the old cookie's content (and its CSRF token) is
    dropped, so a session fixed before sign-in is worth nothing after it."""
    session.clear()
    token = start_session(user)
    db.session.commit()
    session[SESSION_KEY] = token
    login_user(user)


def sign_out_user() -> None:
    """End the session on the server and forget it in the browser."""
    end_session(session.get(SESSION_KEY))
    db.session.commit()
    logout_user()
    session.clear()


def load_user(user_id: str) -> User | None:
    """The signed-in user, only while their server-side session is open and they are active."""
    found = active_session(session.get(SESSION_KEY), session_limits())
    if db.session.dirty:
        db.session.commit()  # the session was touched or has just expired
    if found is None or str(found.user_id) != user_id or not found.user.active:
        return None
    return found.user
