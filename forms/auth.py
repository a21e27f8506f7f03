"""Sign-in forms."""
from __future__ import annotations

from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length, Regexp

from flask_babel import lazy_gettext as _l

from selection.forms import BaseForm


class SignInForm(BaseForm):
    """Staff sign-in with e-mail and password."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(_l("Enter your e-mail address.")),
                    Email(_l("Enter an e-mail address such as name@example.org.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class SignOutForm(BaseForm):
    """An empty form whose only job is to carry the CSRF token of a sign-out."""


class CodeForm(BaseForm):
    """The 6-digit code of an authenticator app (two-factor sign-in)."""

    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(_l("Enter the 6-digit code your app shows.")),
                    Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message="Enter the 6 digits your app shows, such as 123456.")],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 7},
    )
