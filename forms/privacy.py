"""Forms of personal data and contributions: erasure requests and decisions, recording a
contribution. Checks of meaning (amounts, dates) live in the workflow, so the API shares them."""
from __future__ import annotations

from wtforms import SelectField, StringField, TextAreaField

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
    # Checked by the workflow (with every other field, in one round), not by WTForms.
    received_on = StringField("Date received", render_kw={"type": "date"}, description="YYYY-MM-DD")
    purpose = TextAreaField("Purpose")
    facilitator = SelectField("Facilitated by (a member or nominee, if any)", choices=[("", "Nobody")],
                              validate_choice=False)
