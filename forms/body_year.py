"""Forms of a body's year: officers' elections, terms and departures, travel support."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from selection.forms import BaseForm

AMOUNT_HINT = _l("Give an amount such as 1250.00.")


class OpenElectionsForm(BaseForm):
    """Open the elections of the Chair and Vice-Chair for a year."""

    year = IntegerField(_l("Year of office"), validators=[DataRequired(_l("Give the year of office.")),
                                                      NumberRange(2000, 2100, _l("Give a year between 2000 and 2100."))])
    takes_office_on = DateField(_l("Officers take office on"), validators=[DataRequired(_l("Give the day they take office."))])


class ProposeForm(BaseForm):
    """A member proposes a candidate (themselves or another member)."""

    candidate = SelectField(_l("Candidate"), coerce=int, validators=[DataRequired(_l("Choose a candidate."))])
    statement = TextAreaField(_l("Statement (optional)"), validators=[Optional(), Length(max=2000)])


class VoteForm(BaseForm):
    """One secret vote for one office."""

    candidacy = RadioField(_l("Your vote"), coerce=int, validators=[DataRequired(_l("Choose the candidate you vote for."))])


class ReasonForm(BaseForm):
    """An action that needs its reason (cancel an election, decline a request)."""

    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give the reason.")), Length(max=2000)])


class DepartureForm(BaseForm):
    """A member leaves before the end of their term."""

    last_day = DateField(_l("Last day"), validators=[DataRequired(_l("Give the member's last day."))])
    reason = StringField(_l("Reason"), validators=[DataRequired(_l("Say why the member leaves.")), Length(max=500)])


class BudgetForm(BaseForm):
    """A meeting's travel budget."""

    amount = StringField(_l("Budget"), validators=[DataRequired(AMOUNT_HINT), Length(max=20)])
    daily_rate = StringField(_l("Daily subsistence allowance"), validators=[DataRequired(AMOUNT_HINT), Length(max=20)])
    currency = StringField(_l("Currency"), default="USD", validators=[DataRequired(_l("Give the currency code.")),
                                                                 Length(min=3, max=3, message=_l("Use a three-letter code such as USD."))])


class TravelRequestForm(BaseForm):
    """A member's request for travel support."""

    travel_cost = StringField(_l("Estimated travel cost (economy class)"), validators=[DataRequired(AMOUNT_HINT),
                                                                                    Length(max=20)])
    subsistence_days = IntegerField(_l("Days of subsistence"), validators=[
        DataRequired(_l("Give the number of days.")), NumberRange(1, 30, _l("Give between 1 and 30 days."))])
    other_funding_sought = BooleanField(_l("I have sought other sources of funding"))
    other_funding_note = TextAreaField(_l("Other funding sought (where, and the answer)"),
                                       validators=[Optional(), Length(max=2000)])


class AuthoriseForm(BaseForm):
    """The Secretariat's written authorisation of an amount."""

    amount = StringField(_l("Amount authorised"), validators=[DataRequired(AMOUNT_HINT), Length(max=20)])
    note = TextAreaField(_l("Conditions (printed on the letter)"), validators=[Optional(), Length(max=2000)])


class RecordTravelRequestForm(TravelRequestForm):
    """The Secretariat records a request for a member, with an exception where needed."""

    person = SelectField(_l("Member"), coerce=int, validators=[DataRequired(_l("Choose the member."))])
    override_reason = TextAreaField(_l("Exception to the country rule (reason)"), validators=[Optional(), Length(max=2000)])


class YearSettingsForm(BaseForm):
    """Who votes and stands, the rotation of the Chair, renewal and reminders."""

    ex_officio_vote = BooleanField(_l("Ex officio members vote and may stand"))
    outgoing_chair_may_stand = BooleanField(_l("The outgoing Chair may stand again"))
    min_share_new_members = IntegerField(_l("Seats for people new to the body, in percent (renewal)"), validators=[
        Optional(), NumberRange(1, 100, _l("Give a percentage between 1 and 100, or leave it empty."))])
    term_reminder_days = IntegerField(_l("Remind the Secretariat this many days before a term ends"), validators=[
        DataRequired(_l("Give the number of days.")), NumberRange(1, 366, _l("Give between 1 and 366 days."))])
