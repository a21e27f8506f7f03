"""Forms of a body at work: meetings, agenda, answers, attendance, the record and the summary."""
from __future__ import annotations

from wtforms import BooleanField, DateField, DateTimeLocalField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, URL

from selection.forms import BaseForm
from selection.models.body_enums import ActionStatus, InvitationAnswer, MeetingMode


class MeetingForm(BaseForm):
    """Schedule (or change) a meeting; times are entered in UTC."""

    title = StringField("Title", validators=[DataRequired("Give the meeting a title."), Length(max=200)])
    starts_at = DateTimeLocalField("Starts (UTC)", format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired("Give the starting date and time (UTC).")])
    ends_at = DateTimeLocalField("Ends (UTC)", format="%Y-%m-%dT%H:%M",
                                 validators=[DataRequired("Give the ending date and time (UTC).")])
    mode = SelectField("Mode", choices=MeetingMode.choices())
    place = StringField("Place", validators=[Optional(), Length(max=300)])
    link = StringField("Link to join online", validators=[Optional(), URL(message="Give a full web address."),
                                                          Length(max=500)])
    purpose = TextAreaField("Purpose", validators=[Optional(), Length(max=5000)])
    chatham_house = BooleanField("Held under the Chatham House Rule", default=True)
    at_annual_igf = BooleanField("Held at the annual IGF meeting", default=False)


class AgendaItemForm(BaseForm):
    """One more item of the agenda."""

    title = StringField("Agenda item", validators=[DataRequired("Give the agenda item a title."), Length(max=300)])
    description = TextAreaField("Notes", validators=[Optional(), Length(max=2000)])


class ActionForm(BaseForm):
    """A button that does one thing (approve, send, remind, publish...)."""


class AnswerForm(BaseForm):
    """An invited person's answer."""

    answer = SelectField("Your answer", choices=InvitationAnswer.choices(),
                         validators=[DataRequired("Choose your answer.")])


class DecisionForm(BaseForm):
    """A decision of the meeting, under its topic."""

    topic = StringField("Topic", validators=[DataRequired("Give the topic."), Length(max=300)])
    text = TextAreaField("Decision", validators=[DataRequired("Give the decision."), Length(max=5000)])


class ActionItemForm(BaseForm):
    """An action item: what, who (one or more owners), by when."""

    text = TextAreaField("Action", validators=[DataRequired("Say what is to be done."), Length(max=5000)])
    owners = SelectMultipleField("Owners", coerce=int, validators=[DataRequired("Choose at least one owner.")])
    due = DateField("Due", validators=[Optional()])
    review_at_next_meeting = BooleanField("Reviewed at the next meeting")


class ActionStatusForm(BaseForm):
    """Mark an action item done, dropped or open."""

    status = SelectField("Status", choices=ActionStatus.choices())


class NextStepsForm(BaseForm):
    """The next steps."""

    next_steps = TextAreaField("Next steps", validators=[Optional(), Length(max=5000)])


class SummaryForm(BaseForm):
    """The summary note's text."""

    text = TextAreaField("Summary note", validators=[DataRequired("The summary note is empty."),
                                                     Length(max=50000)])
