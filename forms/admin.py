"""Forms of the administrators' pages: calls, their sections, deadlines and staff users.

Views inject the choices that come from the database (groups, questions, nominations, roles).
Row editors (groups, rules, rubric criteria) are lists of sub-forms; a row left blank is ignored
and a row marked "remove" is deleted.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    FieldList,
    FloatField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from flask_babel import lazy_gettext as _l

from selection.forms import BaseForm

BLANK_ROWS = 2
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
SLUG_MESSAGE = _l("Use lower-case letters, digits and single hyphens, e.g. igf-mag-2027.")


# The areas of the IANA names people pick from; the "Etc/GMT+3" zones, legacy names ("US/Pacific",
# "Asia/Calcutta") and links kept for old software are not offered.
TIME_ZONE_AREAS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
                   "Indian", "Pacific")


def _listed_zones() -> set[str]:
    """The current names of zone.tab (one line per country and zone), from the system or tzdata."""
    from importlib import resources
    from zoneinfo import TZPATH

    texts = []
    for folder in TZPATH:
        try:
            with open(f"{folder}/zone.tab", encoding="utf-8") as table:
                texts.append(table.read())
            break
        except OSError:
            continue
    if not texts:
        try:
            texts.append(resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8"))
        except (ModuleNotFoundError, OSError):
            return set()
    return {line.split("\t")[2] for line in texts[0].splitlines()
            if line and not line.startswith("#") and len(line.split("\t")) > 2}


@cache
def canonical_time_zones() -> list[str]:
    """The current Area/City zone names, sorted; without zone.tab, every Area/City name."""
    available = {zone for zone in available_timezones() if zone.split("/")[0] in TIME_ZONE_AREAS}
    listed = _listed_zones() & available
    return sorted(listed or available)


@cache
def time_zone_choices() -> dict[str, list[tuple[str, str]]]:
    """UTC first, then the current IANA zones grouped by region (a select's optgroups)."""
    groups: dict[str, list[tuple[str, str]]] = {"UTC": [("UTC", "UTC")]}
    for zone in canonical_time_zones():
        area, _, place = zone.partition("/")
        groups.setdefault(area, []).append((zone, place.replace("_", " ").replace("/", " / ")))
    return groups


def to_utc(local: datetime | None, zone: str) -> datetime | None:
    """A naive date and time read in ``zone``, as an aware UTC datetime."""
    if local is None:
        return None
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)


def as_utc_input(moment: datetime | None) -> datetime | None:
    """A stored UTC datetime as the naive value of a date-time input shown in UTC."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment else None


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TimeZoneField(SelectField):
    """The time zone in which the form's times are entered."""

    def __init__(self, label: str | None = None, **kwargs):
        # The search box is drawn by time-zone-search.js, which takes its words from here.
        render_kw = {"data-zone-search": "", "data-search-label": _l("Search the time zones"),
                     "data-shown": _l("Time zones shown: %(num)s"), **kwargs.pop("render_kw", {})}
        super().__init__(label or _l("Time zone of these times"), choices=time_zone_choices(), default="UTC", render_kw=render_kw, **kwargs)


class NewCallForm(BaseForm):
    """A new call from a template."""

    template = RadioField(_l("Start from"), validators=[InputRequired(_l("Choose a template."))])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the call a title.")), Length(max=200)])
    slug = StringField(_l("Address"), validators=[
        DataRequired(_l("Give the call an address.")), Length(max=80),
        Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=SLUG_MESSAGE)])


class CallDetailsForm(BaseForm):
    """What the body is, its size, its term and when the call is open."""

    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the call a title.")), Length(max=200)])
    body = StringField(_l("Body appointed"), validators=[DataRequired(_l("Name the body.")), Length(max=200)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 8})
    seats = IntegerField(_l("Seats of the body"), validators=[
        InputRequired(_l("Give the number of seats.")), NumberRange(min=0, message=_l("Seats cannot be negative."))])
    term_start = DateField(_l("Term starts"), validators=[InputRequired(_l("Give the first day of the term."))])
    term_end = DateField(_l("Term ends"), validators=[InputRequired(_l("Give the last day of the term."))])
    opens_at = DateTimeLocalField(_l("Opens"), format=DATETIME_FORMAT,
                                  validators=[InputRequired(_l("Give the opening date and time."))])
    closes_at = DateTimeLocalField(_l("Closes"), format=DATETIME_FORMAT,
                                   validators=[InputRequired(_l("Give the closing date and time."))])
    time_zone = TimeZoneField()
    max_consecutive_terms = IntegerField(_l("Consecutive terms at most"), validators=[
        Optional(), NumberRange(min=1, message=_l("Give at least 1, or leave empty for no limit."))])
    ex_officio_seats = MultiCheckboxField(_l("Ex officio seats (outside the seats above)"))
    confirm = HiddenField()


class GroupRowForm(Form):
    """One stakeholder group."""

    id = HiddenField()
    code = StringField(_l("Code"), validators=[Optional(), Length(max=40)])
    name = StringField(_l("Name"), validators=[Length(max=120)])
    seats = IntegerField(_l("Seats"), validators=[Optional(), NumberRange(min=0, message=_l("Seats cannot be negative."))])
    required_level = SelectField(_l("Required level"))
    eligibility = TextAreaField(_l("Who is eligible"), render_kw={"rows": 3})
    open_for_nominations = BooleanField(_l("Open for nominations"))
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        """A new row left empty."""
        return not self.id.data and not (self.code.data or "").strip() and not (self.name.data or "").strip()


class GroupsForm(BaseForm):
    """The call's stakeholder groups."""

    groups = FieldList(FormField(GroupRowForm))
    confirm = HiddenField()


class RuleRowForm(Form):
    """One balance rule."""

    attribute = SelectField(_l("Attribute"))
    value = StringField(_l("Value"), validators=[Length(max=80)])
    min_seats = IntegerField(_l("At least"), validators=[Optional()])
    max_seats = IntegerField(_l("At most"), validators=[Optional()])
    hard = SelectField(_l("Kind"), choices=[("hard", _l("Hard")), ("soft", _l("Soft"))], default="hard")
    penalty = FloatField(_l("Penalty"), validators=[Optional()])
    where_attribute = SelectField(_l("Only within"))
    where_value = StringField(_l("Filter value"), validators=[Length(max=80)])
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        """A row with no attribute chosen."""
        return not self.attribute.data


class RulesForm(BaseForm):
    """The call's balance rules."""

    rules = FieldList(FormField(RuleRowForm))
    confirm = HiddenField()


class QuestionForm(BaseForm):
    """One custom question of the nomination form."""

    group_id = SelectField(_l("Asked of"))
    label = StringField(_l("Question"), validators=[DataRequired(_l("Write the question.")), Length(max=300)])
    help_text = TextAreaField(_l("Help text"), render_kw={"rows": 2})
    kind = SelectField(_l("Kind of answer"))
    choices = TextAreaField(_l("Options (one per line, for a choice)"), render_kw={"rows": 4})
    required = BooleanField(_l("Required"))
    show_when = SelectField(_l("Show only when"))


class CriterionRowForm(Form):
    """One criterion of the review rubric."""

    name = StringField(_l("Criterion"), validators=[Length(max=200)])
    description = TextAreaField(_l("What reviewers look for"), render_kw={"rows": 2})
    weight = FloatField(_l("Weight"), validators=[Optional()])
    scale_min = IntegerField(_l("Scale from"), validators=[Optional()], default=1)
    scale_max = IntegerField(_l("to"), validators=[Optional()], default=5)
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        """A row left without a name or a weight."""
        return not (self.name.data or "").strip() and self.weight.data is None


POINTS = NumberRange(min=0, max=100, message=_l("Give points between 0 and 100."))
WEIGHT = NumberRange(min=0, max=1, message=_l("Give a weight between 0 and 1."))


class ReviewSettingsForm(BaseForm):
    """The rubric, the recommending bodies and the merit-score formula."""

    criteria = FieldList(FormField(CriterionRowForm))
    bodies = TextAreaField(_l("Recommending bodies (one per line)"), render_kw={"rows": 4})
    review_weight = FloatField(_l("Weight of the review score"), validators=[InputRequired(_l("Give a weight.")), WEIGHT])
    recommendation_weight = FloatField(_l("Weight of the recommendations"),
                                       validators=[InputRequired(_l("Give a weight.")), WEIGHT])
    points_strongly_recommend = IntegerField(_l("Strongly recommended"), validators=[InputRequired(_l("Give points.")), POINTS])
    points_recommend = IntegerField(_l("Recommended"), validators=[InputRequired(_l("Give points.")), POINTS])
    points_neutral = IntegerField(_l("Neutral"), validators=[InputRequired(_l("Give points.")), POINTS])
    points_not_recommended = IntegerField(_l("Not recommended"), validators=[InputRequired(_l("Give points.")), POINTS])


class PrivacyForm(BaseForm):
    """The privacy notice nominees consent to and how long nominations are kept."""

    privacy_notice = TextAreaField(_l("Privacy notice"), render_kw={"rows": 14})
    retention_months = IntegerField(_l("Keep nominations for (months after the call closes)"), validators=[
        InputRequired(_l("Give a number of months.")),
        NumberRange(min=1, max=120, message=_l("Give between 1 and 120 months."))])


class ActionForm(BaseForm):
    """A button that changes something: carries only the CSRF token."""


class ExtendCallForm(BaseForm):
    """A later deadline for the whole call."""

    closes_at = DateTimeLocalField(_l("New deadline"), format=DATETIME_FORMAT,
                                   validators=[InputRequired(_l("Give the new deadline."))])
    time_zone = TimeZoneField()
    reason = TextAreaField(_l("Reason (kept in the audit log)"), render_kw={"rows": 2},
                           validators=[DataRequired(_l("Say why the deadline is extended."))])


class ExtendNominationForm(ExtendCallForm):
    """A later deadline for one nomination."""

    nomination_id = IntegerField(
        _l("Nomination number"), description=_l("As shown after # in the Secretariat's list and on the nomination's page."),
        validators=[InputRequired(_l("Give the nomination's number.")),
                    NumberRange(min=1, message=_l("Give the nomination's number, such as 123."))],
        render_kw={"inputmode": "numeric"})


class StaffUserForm(BaseForm):
    """A new staff user."""

    email = EmailField(_l("E-mail"), validators=[
        DataRequired(_l("Give the e-mail address.")), Email(_l("Enter an e-mail address such as name@example.org.")),
        Length(max=254)])
    name = StringField(_l("Name"), validators=[Length(max=200)])
    organization = StringField(_l("Organization"), validators=[Length(max=200)])
    roles = MultiCheckboxField(_l("Roles"), validators=[DataRequired(_l("Choose at least one role."))])
    password = PasswordField(_l("Password (leave empty to generate one, shown once)"), validators=[
        Optional(), Length(min=12, message=_l("Use at least 12 characters."))],
        render_kw={"autocomplete": "new-password"})


class EditUserForm(BaseForm):
    """A staff user's name, organization and roles."""

    name = StringField(_l("Name"), validators=[Length(max=200)])
    organization = StringField(_l("Organization"), validators=[Length(max=200)])
    roles = MultiCheckboxField(_l("Roles"), validators=[DataRequired(_l("Choose at least one role."))])
