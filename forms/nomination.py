"""The nomination form, asked in each stakeholder group's own terms, and the small forms
around it (sign-in link, withdrawal, consent). Pure WTForms: views inject the countries."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    EmailField,
    Form,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l

from selection.forms import BaseForm, Sent
from selection.models.enums import Gender, NominatorKind, RequiredLevel, position_level_choices, position_level_note

SELF = "self"
THIRD_PARTY = "third_party"
MAX_LINKS = 5
EMAIL_MESSAGE = _l("Enter an e-mail address such as name@example.org.")
COUNTRY_MESSAGE = _l("Choose a country from the list.")

ELIGIBILITY_DECLARATIONS: dict[str, str] = {
    RequiredLevel.MINISTERIAL.value: (
        _l("The nominee holds a position at ministerial level or above in the Government of "
           "a Member State of the United Nations, or in a regional intergovernmental "
           "organization with observer status in the General Assembly.")
    ),
    RequiredLevel.CEO_OR_DEPUTY.value: (
        _l("The nominee is the chief executive of an organization of the {group} stakeholder "
           "group, or the chief executive's deputy.")
    ),
    RequiredLevel.NONE.value: (
        _l("The nominee is a distinguished or prominent person who does not belong to the "
           "other stakeholder groups of this call.")
    ),
}


def eligibility_declaration(required_level: str, group_name: str) -> str:
    """The eligibility declaration of a group, in that group's terms."""
    return ELIGIBILITY_DECLARATIONS[required_level].format(group=group_name.lower())


class FromChoices:
    """The answer must be one of the field's choices (or empty, for a draft)."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form: Form, field: SelectField) -> None:
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(self.message)


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


STRIP = [_strip]


class NominationForm(BaseForm):
    """A nomination for one stakeholder group; the view sets choices and the group's wording."""

    nomination_kind = RadioField(
        _l("Who is making this nomination?"),
        choices=[(SELF, _l("I am nominating myself")),
                 (THIRD_PARTY, _l("I am nominating someone else, on behalf of an organization, a "
                                  "Member State's mission or a nomination committee"))],
        default=SELF,
        # DataRequired, not InputRequired: the edit form fixes the kind without posting it.
        validators=[DataRequired(_l("Choose who is making the nomination."))],
    )
    nominator_kind = SelectField(
        _l("Nominating on behalf of"),
        choices=[("", _l("Choose…"))] + NominatorKind.choices(),
        validate_choice=False,
        validators=[FromChoices(_l("Choose one of the kinds of nominator listed."))],
    )
    nominator_name = StringField(_l("Your name"), filters=STRIP, validators=[Length(max=200)],
                                 render_kw={"autocomplete": "name"})
    nominator_organization = StringField(
        _l("Organization, mission or committee"), filters=STRIP, validators=[Length(max=200)]
    )
    nominator_email = EmailField(
        _l("Your e-mail"), filters=STRIP,
        validators=[Optional(), Email(EMAIL_MESSAGE), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )

    name = StringField(_l("Full name"), filters=STRIP,
                       validators=[Sent(), InputRequired(_l("Enter the nominee's name.")), Length(max=200)])
    title = StringField(_l("Title or position"), filters=STRIP, validators=[Sent(), Length(max=200)])
    organization = StringField(_l("Organization"), filters=STRIP, validators=[Sent(), Length(max=200)])
    position_level = SelectField(_l("Position level"), choices=[], validate_choice=False,
                                 validators=[FromChoices(_l("Choose one of the levels listed."))])
    eligibility_declared = BooleanField("")
    email = EmailField(
        _l("E-mail"), filters=STRIP,
        validators=[DataRequired(_l("Enter the nominee's e-mail address.")), Email(EMAIL_MESSAGE),
                    Length(max=254)],
    )
    nationality = SelectField(_l("Nationality"), choices=[], validate_choice=False,
                              validators=[FromChoices(COUNTRY_MESSAGE)])
    residence = SelectField(_l("Country of residence"), choices=[], validate_choice=False,
                            validators=[FromChoices(COUNTRY_MESSAGE)])
    gender = RadioField(_l("Gender, as the nominee states it"), choices=Gender.choices(),
                        validate_choice=False, validators=[FromChoices(_l("Choose one of the answers."))])
    biography = TextAreaField(_l("Short biography"), filters=STRIP,
                              validators=[Length(max=3000, message="Keep the biography under 3,000 characters.")],
                              render_kw={"rows": 8})
    motivation = TextAreaField(
        _l("Motivation statement"), filters=STRIP,
        validators=[Length(max=3000, message="Keep the statement under 3,000 characters.")],
        render_kw={"rows": 8},
    )
    availability_confirmed = BooleanField(
        _l("The nominee can attend at least three meetings a year, including one at the "
           "annual IGF meeting.")
    )
    availability_note = TextAreaField(_l("Anything to add about availability (optional)"), filters=STRIP,
                                      validators=[Length(max=1000)], render_kw={"rows": 2})
    languages = StringField(_l("Working languages"), filters=STRIP, validators=[Length(max=300)])
    links = TextAreaField(_l("Links (optional)"), filters=STRIP, validators=[Length(max=2000)],
                          render_kw={"rows": 3})
    cv = FileField(_l("CV (PDF)"))
    support_letters = MultipleFileField(_l("Letters of support (optional, PDF)"))
    data_consent = BooleanField(_l("I consent to the processing of the personal data given here for this call."))
    no_remuneration_declared = BooleanField(
        _l("I understand that membership carries no honorarium, fee or other remuneration, "
           "and has no relation to financial contributions to the work of the IGF.")
    )

    # A new nomination's one-time token, set when the form is shown: the same form sent twice
    # makes one nomination (the view ignores a value that is not such a token).
    creation_token = HiddenField()

    save_draft = SubmitField(_l("Save draft"))
    submit_nomination = SubmitField(_l("Submit nomination"))
    request_consent = SubmitField(_l("Save and ask the nominee to consent"))
    give_consent = SubmitField(_l("I consent: submit the nomination"))

    def configure(self, *, required_level: str, group_name: str,
                  countries: list[tuple[str, str]]) -> None:
        """Ask in the group's own terms, and offer the countries of the reference list."""
        self.position_level.choices = [("", _l("Choose…"))] + position_level_choices(required_level)
        self.position_level.description = position_level_note(required_level)
        self.eligibility_declared.label.text = eligibility_declaration(required_level, group_name)
        placeholder = [("", _l("Choose a country…"))]
        self.nationality.choices = placeholder + countries
        self.residence.choices = placeholder + countries

    @property
    def is_final(self) -> bool:
        """True when the person submits, consents or asks for consent (not a draft save)."""
        return bool(self.submit_nomination.data or self.give_consent.data or self.request_consent.data)

    @property
    def is_third_party(self) -> bool:
        """True when the form describes a nomination by someone else than the nominee."""
        return self.nomination_kind.data == THIRD_PARTY

    def validate_nominator_kind(self, field: SelectField) -> None:
        """A third party says on whose behalf it nominates."""
        if self.is_third_party and not field.data:
            raise ValidationError(_l("Choose who is making the nomination."))

    def validate_links(self, field: TextAreaField) -> None:
        """One web address per line, http or https, at most five."""
        lines = link_lines(field.data)
        if len(lines) > MAX_LINKS:
            raise ValidationError(ngettext("Give at most %(num)d link, one per line.", "Give at most %(num)d links, one per line.",
                                           MAX_LINKS))
        for line in lines:
            parts = urlsplit(line)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(_("“%(line)s” is not a web address; start it with https://.", line=line))


def link_lines(text: str | None) -> list[str]:
    """The non-empty lines of the links field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SignInLinkForm(BaseForm):
    """Ask for a one-time sign-in link by e-mail."""

    email = EmailField(
        _l("E-mail"), filters=STRIP,
        validators=[InputRequired(_l("Enter your e-mail address.")), Email(EMAIL_MESSAGE), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    next = HiddenField()


class ConfirmForm(BaseForm):
    """A confirmation that carries only its CSRF token (using a sign-in link)."""


class WithdrawForm(BaseForm):
    """Withdraw a nomination, or decline one made by someone else, with an optional reason."""

    reason = TextAreaField(_l("Reason (optional, shown to the Secretariat)"), filters=STRIP,
                           validators=[Length(max=1000)], render_kw={"rows": 3})
