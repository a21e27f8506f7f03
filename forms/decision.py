"""Forms of the decision workspace. Candidates and slates are injected by the views."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from selection.forms import BaseForm


class ProposeForm(BaseForm):
    """How many slates, how different, and the time budget (sensible defaults)."""

    slates = IntegerField(_l("Number of slates"), default=5,
                          validators=[InputRequired(_l("Give the number of slates.")),
                                      NumberRange(1, 20, _l("Between 1 and 20 slates."))])
    min_difference = IntegerField(_l("Each slate differs from the others by at least (seats)"), default=2,
                                  validators=[InputRequired(_l("Give the minimum difference.")),
                                              NumberRange(1, 50, _l("At least 1 seat."))])
    time_limit_s = DecimalField(_l("Time limit (seconds)"), default=20, places=0,
                                validators=[InputRequired(_l("Give the time limit.")),
                                            NumberRange(1, 600, _l("Between 1 and 600 seconds."))])
    robustness = BooleanField(_l("Test how robust the slates are to the reviewers' disagreement"), default=False)


class ChoiceForm(BaseForm):
    """Pin, exclude or clear one nominee, then propose again."""

    nomination_id = HiddenField(validators=[DataRequired()])
    choice = HiddenField(validators=[DataRequired()])


class RelaxForm(BaseForm):
    """Try the problem again with one rule relaxed as the optimizer suggests."""

    rule = HiddenField(validators=[DataRequired()])


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DecisionForm(BaseForm):
    """The Secretary-General's decision: members, date, rationale, and a justification if needed;
    and how the pool of shortlisted candidates to choose from is browsed (group, search, order,
    page), posted with the rest so that browsing keeps what was entered."""

    members = MultiCheckboxField(_l("Members appointed"), coerce=int, validate_choice=False,
                                 validators=[DataRequired(_l("Choose the members appointed."))])
    decided_on = DateField(_l("Date of the decision"), validators=[InputRequired(_l("Give the date of the decision."))])
    rationale = TextAreaField(_l("Rationale"), validators=[DataRequired(_l("Give the rationale of the decision.")),
                                                       Length(max=10000)])
    hard_rule_justification = TextAreaField(
        _l("Justification for breaking a hard rule"), validators=[Optional(), Length(max=10000)],
        description=_l("Needed only when the slate breaks a hard rule; it is kept with the decision."))
    slate_run_id = HiddenField()
    slate_rank = HiddenField()
    pool_group = SelectField(_l("Stakeholder group"), validate_choice=False)
    pool_q = StringField(_l("Search name or organization"))
    pool_sort = SelectField(_l("Sort by"), default="merit", validate_choice=False)
    pool_page = HiddenField(default="1")

    #: Injected by the view: of the ids posted, those that are not shortlisted candidates of the
    #: call (a check in SQL; the form itself never touches the database).
    not_candidates: Callable[[list[int]], list[int]] | None = None

    def validate_members(self, field: MultiCheckboxField) -> None:
        """Every member must be a shortlisted candidate of the call."""
        unknown = self.not_candidates(list(field.data or [])) if self.not_candidates else []
        if unknown:
            raise ValidationError(ngettext(
                "Nomination %(ids)s is not a shortlisted candidate of this call: it cannot be appointed. "
                "Choose the members from the list below.",
                "Nominations %(ids)s are not shortlisted candidates of this call: they cannot be appointed. "
                "Choose the members from the list below.", len(unknown), ids=", ".join(map(str, unknown))))


class HostForm(BaseForm):
    """One year's IGF host country (blank: not decided yet)."""

    year = IntegerField(_l("Year"), validators=[InputRequired(_l("Give the year.")), NumberRange(2006, 2100)])
    country = SelectField(_l("Host country"), validators=[Optional()])
    city = StringField(_l("City"), validators=[Length(max=120)])
    note = StringField(_l("Note (source, date of the announcement)"), validators=[Length(max=500)])


class AnnounceForm(BaseForm):
    """Publish the roster of a decided call: now, or on a later date."""

    announce_on = DateField(
        _l("Announcement date (optional)"), validators=[Optional()],
        description=_l("Leave empty to publish the roster now. A later date makes it public from 00:00 UTC that day."))


class VacancyFillForm(BaseForm):
    """Who fills a vacant seat (a candidate's nomination number), when, and why."""

    nomination_id = IntegerField(_l("Who joins"), validators=[InputRequired(_l("Choose who fills the seat."))])
    decided_on = DateField(_l("Date of the decision"), validators=[InputRequired(_l("Give the date of the decision."))])
    rationale = TextAreaField(_l("Rationale"), validators=[DataRequired(_l("Give the rationale of the decision.")),
                                                       Length(max=10000)])
    hard_rule_justification = TextAreaField(
        _l("Justification for breaking a hard rule"), validators=[Optional(), Length(max=10000)],
        description=_l("Needed only when the choice breaks a hard rule; it is kept with the decision."))
