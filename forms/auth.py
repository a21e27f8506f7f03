"""Sign-in forms."""
from __future__ import annotations

from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Email, Length

from selection.forms import BaseForm


class SignInForm(BaseForm):
    """Staff sign-in with e-mail and password."""

    email = EmailField(
        "E-mail",
        validators=[DataRequired("Enter your e-mail address."), Email("Enter an e-mail address such as name@example.org."), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class SignOutForm(BaseForm):
    """An empty form whose only job is to carry the CSRF token of a sign-out."""
