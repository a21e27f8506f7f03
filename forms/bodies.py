"""Forms of a body at work: meetings, agenda, answers, attendance, the record and the summary.
The choices of modes, answers and statuses are injected by the views (``views.bodies.choose``)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, DateTimeLocalField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, URL

from selection.forms import BaseForm


class MeetingForm(BaseForm):
    """Schedule (or change) a meeting; times are entered in UTC."""

    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the meeting a title.")), Length(max=200)])
    starts_at = DateTimeLocalField(_l("Starts (UTC)"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(_l("Give the starting date and time (UTC)."))])
    ends_at = DateTimeLocalField(_l("Ends (UTC)"), format="%Y-%m-%dT%H:%M",
                                 validators=[DataRequired(_l("Give the ending date and time (UTC)."))])
    mode = SelectField(_l("Mode"))
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    link = StringField(_l("Link to join online"), validators=[Optional(), URL(message=_l("Give a full web address.")),
                                                          Length(max=500)])
    purpose = TextAreaField(_l("Purpose"), validators=[Optional(), Length(max=5000)])
    chatham_house = BooleanField(_l("Held under the Chatham House Rule"), default=True)
    at_annual_igf = BooleanField(_l("Held at the annual IGF meeting"), default=False)


class AgendaItemForm(BaseForm):
    """One more item of the agenda."""

    title = StringField(_l("Agenda item"), validators=[DataRequired(_l("Give the agenda item a title.")), Length(max=300)])
    description = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])


class ActionForm(BaseForm):
    """A button that does one thing (approve, send, remind, publish...)."""


class AnswerForm(BaseForm):
    """An invited person's answer."""

    answer = SelectField(_l("Your answer"), validators=[DataRequired(_l("Choose your answer."))])


class DecisionForm(BaseForm):
    """A decision of the meeting, under its topic."""

    topic = StringField(_l("Topic"), validators=[DataRequired(_l("Give the topic.")), Length(max=300)])
    text = TextAreaField(_l("Decision"), validators=[DataRequired(_l("Give the decision.")), Length(max=5000)])


class ActionItemForm(BaseForm):
    """An action item: what, who (one or more owners), by when."""

    text = TextAreaField(_l("Action"), validators=[DataRequired(_l("Say what is to be done.")), Length(max=5000)])
    owners = SelectMultipleField(_l("Owners"), coerce=int, validators=[DataRequired(_l("Choose at least one owner."))])
    due = DateField(_l("Due"), validators=[Optional()])
    review_at_next_meeting = BooleanField(_l("Reviewed at the next meeting"))


class ActionStatusForm(BaseForm):
    """Mark an action item done, dropped or open."""

    status = SelectField(_l("Status"))


class NextStepsForm(BaseForm):
    """The next steps."""

    next_steps = TextAreaField(_l("Next steps"), validators=[Optional(), Length(max=5000)])


class SummaryForm(BaseForm):
    """The summary note's text."""

    text = TextAreaField(_l("Summary note"), validators=[DataRequired(_l("The summary note is empty.")),
                                                     Length(max=50000)])


class DisseminationForm(BaseForm):
    """The addresses a published summary is sent to."""

    dissemination_list = TextAreaField(_l("Dissemination list"), validators=[Optional(), Length(max=20000)])
