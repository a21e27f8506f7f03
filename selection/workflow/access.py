"""One-time sign-in links for nominees and nominators (no passwords).

A link is a long random token, of which only the SHA-256 digest is stored. It signs its
address in once, before it expires; the account is made when the link is first used.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Nomination, Nominee, Role, SignInLink, User, utcnow
from selection.models.sign_in_link import SIGN_IN
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.users import create_user, find_user, normalise_email

RATE_WINDOW = timedelta(hours=1)


class TooManyLinks(WorkflowError):
    """More sign-in links were asked for one address than the hourly limit allows."""


class LinkNotValid(WorkflowError):
    """A link that is unknown, used already, or expired; the message says which."""


class StaffMustUsePassword(WorkflowError):
    """Staff accounts sign in with their password, never with a link."""


def links_requested_recently(email: str, now: datetime) -> int:
    """How many links were issued for ``email`` within the rate window before ``now``."""
    return db.session.execute(
        select(func.count()).select_from(SignInLink).where(
            func.lower(SignInLink.email) == email.lower(),
            SignInLink.created_at > now - RATE_WINDOW,
        )
    ).scalar_one()


def issue_link(
    email: str,
    *,
    lifetime: timedelta,
    limit_per_hour: int,
    purpose: str = SIGN_IN,
    nomination: Nomination | None = None,
    next_path: str = "",
    now: datetime | None = None,
) -> str:
    """Issue a one-time link for ``email`` and return its token (shown once, stored hashed)."""
    now = now or utcnow()
    address = normalise_email(email)
    user = find_user(address)
    if user is not None and user.is_staff:
        raise StaffMustUsePassword(
            _("%(email)s belongs to a staff account: sign in with your password instead.", email=address)
        )
    if links_requested_recently(address, now) >= limit_per_hour:
        raise TooManyLinks(
            _("Several links were sent to %(email)s within the last hour. Use the latest one, "
              "or ask again later.", email=address)
        )
    token = secrets.token_urlsafe(32)
    db.session.add(SignInLink(
        token_digest=SignInLink.digest_of(token), email=address, user=user, purpose=purpose,
        nomination=nomination, next_path=next_path, created_at=now, expires_at=now + lifetime,
    ))
    db.session.flush()
    return token


def find_link(token: str) -> SignInLink | None:
    """The link a token belongs to, if any."""
    return db.session.execute(
        select(SignInLink).where(SignInLink.token_digest == SignInLink.digest_of(token))
    ).scalar_one_or_none()


def link_problem(link: SignInLink | None, now: datetime | None = None) -> str | None:
    """Why the link can no longer be used (unknown, used already, expired), or None when it can."""
    now = now or utcnow()
    if link is None:
        return _("This sign-in link is not valid. Ask for a new one below.")
    if link.used_at is not None:
        return _("This sign-in link has been used already; each link works once. "
                 "Ask for a new one below.")
    if now >= link.expires_at:
        return _("This sign-in link has expired. Ask for a new one below.")
    return None


def check_usable(link: SignInLink | None, now: datetime | None = None) -> SignInLink:
    """The link itself when it can still be used; otherwise LinkNotValid saying why."""
    problem = link_problem(link, now)
    if problem is not None:
        raise LinkNotValid(problem)
    assert link is not None
    return link


def redeem(link: SignInLink, now: datetime | None = None) -> User:
    """Use a link once: returns the user to sign in, making the account on first use.

    Nominee records with this address and no account yet are attached to it: the person
    has just shown that they read mail sent to it.
    """
    now = now or utcnow()
    check_usable(link, now)
    user = link.user or find_user(link.email)
    if user is None:
        user = create_user(link.email, [Role.NOMINEE], None)
    if user.is_staff:
        raise StaffMustUsePassword(_("%(email)s belongs to a staff account: sign in with your password.",
                                     email=user.email))
    if not user.active:
        raise LinkNotValid(_("This account is deactivated; contact the Secretariat."))
    link.used_at = now
    link.user = user
    for nominee in db.session.execute(select(Nominee).where(
        func.lower(Nominee.email) == user.email.lower(), Nominee.user_id.is_(None)
    )).scalars():
        nominee.user = user
    audit.record(user, user, "signed_in_by_link", purpose=link.purpose)
    db.session.flush()
    return user


__all__ = ["issue_link", "find_link", "link_problem", "check_usable", "redeem", "links_requested_recently",
           "TooManyLinks", "LinkNotValid", "StaffMustUsePassword"]
