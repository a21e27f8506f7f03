"""Forms of personal data and contributions: erasure requests and decisions, recording a
contribution. Checks of meaning (amounts, dates) live in the workflow, so the API shares them."""
from __future__ import annotations

from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from selection.forms import BaseForm


class EmptyForm(BaseForm):
    """A confirmation button: only the CSRF token."""


class DeclineErasureForm(BaseForm):
    """The Secretariat declines a request for erasure, with the reason the person reads."""

    reason = TextAreaField("Reason, as the person reads it")


class ContributionForm(BaseForm):
    """A contribution to the Trust Fund."""

    donor = StringField("Donor")
    amount = StringField("Amount", description="For example 25000 or 25000.50")
    currency = StringField("Currency", default="USD", description="Three letters, e.g. USD, EUR, CHF")
    received_on = DateField("Date received", validators=[Optional()])
    purpose = TextAreaField("Purpose")
    facilitator = SelectField("Facilitated by (a member or nominee, if any)", choices=[("", "Nobody")])
