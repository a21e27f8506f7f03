"""Two-factor sign-in for staff with a time-based one-time password (TOTP, RFC 6238, pyotp):
setting it up, checking a code once only, turning it off, and who must use it."""
from __future__ import annotations

import time
from collections.abc import Iterable

import pyotp
from flask_babel import gettext as _

from selection.data import N_
from selection.extensions import db
from selection.models import Role, User, utcnow
from selection.workflow import audit
from selection.workflow.errors import WorkflowError

WRONG_CODE = N_("That code is not right. Enter the 6-digit code your authenticator app shows now.")


def new_secret() -> str:
    """A fresh random base32 secret for an authenticator app."""
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads (as a QR code or typed in)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def required_for(user: User, required_roles: Iterable[str]) -> bool:
    """True when the configuration requires two-factor sign-in for one of the user's roles."""
    return bool({Role(value) for value in required_roles} & user.roles)


def check_code(user: User, code: str, now: float | None = None) -> bool:
    """Accept a current code of the user's app once (the step before or after too, for clock
    drift); a code already used, or an older one, is refused."""
    if not user.two_factor_enabled:
        return False
    step = _matching_step(user.totp_secret or "", code, now)
    if step is None or step <= user.totp_last_step:
        return False
    user.totp_last_step = step
    db.session.flush()
    return True


def enable(user: User, secret: str, code: str, actor: User | None, now: float | None = None) -> None:
    """Turn on two-factor sign-in once the user proves their app shows the right codes."""
    step = _matching_step(secret, code, now)
    if step is None:
        raise WorkflowError(_(WRONG_CODE))
    user.totp_secret = secret
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    audit.record(actor, user, "two_factor_enabled")
    db.session.flush()


def disable(user: User, actor: User | None, required_roles: Iterable[str]) -> None:
    """Turn two-factor sign-in off (an administrator may do it for someone who lost their
    phone); refused when the user's role requires it and they do it themselves."""
    if not user.two_factor_enabled:
        raise WorkflowError(_("Two-factor sign-in is not on for this account."))
    if actor is not None and actor.id == user.id and required_for(user, required_roles):
        raise WorkflowError(_("Your role requires two-factor sign-in: it cannot be turned off. "
                              "Set it up again on a new device instead, or ask an administrator."))
    user.totp_secret = None
    user.totp_enabled_at = None
    audit.record(actor, user, "two_factor_disabled")
    db.session.flush()


def _matching_step(secret: str, code: str, now: float | None) -> int | None:
    """The time step (of now, one before or one after) whose code is ``code``, if any."""
    code = "".join(code.split())
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // totp.interval)
    for step in (current - 1, current, current + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None
