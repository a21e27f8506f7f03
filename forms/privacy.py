"""Forms of personal data and contributions: erasure requests and decisions, recording a
contribution. Checks of meaning (amounts, dates) live in the workflow, so the API shares them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField

from selection.forms import BaseForm


class EmptyForm(BaseForm):
    """A confirmation button: only the CSRF token."""


class DeclineErasureForm(BaseForm):
    """The Secretariat declines a request for erasure, with the reason the person reads."""

    reason = TextAreaField(_l("Reason, as the person reads it"))


class ContributionForm(BaseForm):
    """A contribution to the Trust Fund."""

    donor = StringField(_l("Donor"))
    amount = StringField(_l("Amount"), description=_l("For example 25000 or 25000.50"))
    currency = StringField(_l("Currency"), default="USD", description=_l("Three letters, e.g. USD, EUR, CHF"))
    # Checked by the workflow (with every other field, in one round), not by WTForms.
    received_on = StringField(_l("Date received"), render_kw={"type": "date"}, description=_l("YYYY-MM-DD"))
    purpose = TextAreaField(_l("Purpose"))
    facilitator = SelectField(_l("Facilitated by (a member or nominee, if any)"), choices=[("", _l("Nobody"))],
                              validate_choice=False)
