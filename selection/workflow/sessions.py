"""Signed-in sessions, kept on the server: started at sign-in, ended by signing out, by
deactivation or by an administrator, and expired after an idle time and an absolute lifetime."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from selection.extensions import db
from selection.models import User, UserSession, utcnow
from selection.workflow import audit

TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often


@dataclass(frozen=True)
class SessionLimits:
    """How long a session lasts: idle time for staff and for nominees, and in all."""

    staff_idle: timedelta
    nominee_idle: timedelta
    lifetime: timedelta

    def idle_for(self, user: User) -> timedelta:
        """The idle time allowed to ``user``'s sessions."""
        return self.staff_idle if user.is_staff else self.nominee_idle


def start_session(user: User, now: datetime | None = None) -> str:
    """Open a session for ``user`` and return its token (kept by the browser, stored hashed)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user=user, token_digest=UserSession.digest_of(token), created_at=now,
                               last_seen_at=now))
    db.session.flush()
    return token


def active_session(token: str | None, limits: SessionLimits, now: datetime | None = None) -> UserSession | None:
    """The session a token opens, if it is neither ended, idle too long nor too old; an
    expired session is ended on the way (so it stays ended)."""
    if not token:
        return None
    now = now or utcnow()
    found = db.session.execute(
        select(UserSession).where(UserSession.token_digest == UserSession.digest_of(token))
    ).scalar_one_or_none()
    if found is None or found.ended_at is not None:
        return None
    if now - found.last_seen_at > limits.idle_for(found.user):
        _end(found, "idle", now)
        return None
    if now - found.created_at > limits.lifetime:
        _end(found, "lifetime", now)
        return None
    if now - found.last_seen_at > TOUCH_EVERY:
        found.last_seen_at = now
    return found


def end_session(token: str | None, reason: str = "signed_out", now: datetime | None = None) -> None:
    """End the session a token opens (signing out); unknown tokens are ignored."""
    if not token:
        return
    found = db.session.execute(
        select(UserSession).where(UserSession.token_digest == UserSession.digest_of(token))
    ).scalar_one_or_none()
    if found is not None and found.ended_at is None:
        _end(found, reason, now or utcnow())


def end_sessions_of(user: User, actor: User | None, reason: str, now: datetime | None = None) -> int:
    """End every open session of ``user`` (deactivation, or an administrator's request);
    audited; returns how many were open."""
    now = now or utcnow()
    ended = db.session.execute(
        update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=now, ended_reason=reason)
    ).rowcount
    audit.record(actor, user, "sessions_ended", reason=reason, sessions=ended)
    db.session.flush()
    return ended


def open_sessions(user: User, limits: SessionLimits, now: datetime | None = None) -> int:
    """How many sessions of ``user`` are open and not yet expired."""
    now = now or utcnow()
    return db.session.execute(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None),
        UserSession.created_at > now - limits.lifetime,
        UserSession.last_seen_at > now - limits.idle_for(user),
    )).scalar_one()


def _end(found: UserSession, reason: str, now: datetime) -> None:
    found.ended_at = now
    found.ended_reason = reason
