"""Forms of the Secretariat's review tools. Choices (reviewers, reasons, bodies, levels) are
injected by the views; nothing here touches the database."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from flask_babel import lazy_gettext as _l

from selection.forms import BaseForm


class ScreeningForm(BaseForm):
    """Eligible, or ineligible with a reason from the list and particulars."""

    decision = RadioField(_l("Eligibility"), choices=[("eligible", _l("Eligible: start the review")),
                                                  ("ineligible", _l("Ineligible: leaves the pool, stays on record"))],
                          validators=[InputRequired(_l("Choose eligible or ineligible."))])
    reason = SelectField(_l("Reason (when ineligible)"), validators=[Optional()])
    note = TextAreaField(_l("Particulars"), validators=[Length(max=2000)],
                         description=_l("E.g. “not at ministerial level”. Shown to the nominee in the ineligible notice."))

    def validate_reason(self, field: SelectField) -> None:
        """An ineligible decision needs a reason."""
        if self.decision.data == "ineligible" and not field.data:
            raise ValueError(_l("Choose the reason the nomination is ineligible."))


class AssignForm(BaseForm):
    """Assign one reviewer."""

    reviewer = SelectField(_l("Reviewer"), coerce=int, validators=[InputRequired(_l("Choose a reviewer."))])


class BalancedAssignmentForm(BaseForm):
    """Balanced automatic assignment over the call."""

    per_nomination = IntegerField(_l("Reviewers per nomination"), default=2,
                                  validators=[InputRequired(_l("Say how many reviewers each nomination gets.")),
                                              NumberRange(1, 10, _l("Between 1 and 10 reviewers per nomination."))])


class ConflictForm(BaseForm):
    """A declared conflict of interest; staff choose the reviewer, a reviewer declares their own."""

    reviewer = SelectField(_l("Reviewer"), coerce=int, validators=[Optional()])
    kind = RadioField(_l("Kind of conflict"), validators=[InputRequired(_l("Choose the kind of conflict."))])
    details = TextAreaField(_l("Details"), validators=[Length(max=2000)],
                            description=_l("Required for “Other”. Declaring recuses the reviewer from this nomination."))


class CommentForm(BaseForm):
    """An internal comment, for staff only."""

    body = TextAreaField(_l("Internal comment"), validators=[DataRequired(_l("Write the comment first.")), Length(max=5000)],
                         description=_l("Seen by the Secretariat and the nomination's reviewers; never by nominees."))


class ShortlistForm(BaseForm):
    """Shortlist one nomination, or not."""

    decision = RadioField(_l("Decision"), choices=[("shortlist", _l("Shortlist")), ("not_shortlist", _l("Do not shortlist"))],
                          validators=[InputRequired(_l("Choose a decision."))])
    note = StringField(_l("Note for the record"), validators=[Length(max=500)])


class BulkActionForm(BaseForm):
    """Act on the nominations ticked in the list: screen, shortlist or not, or assign a reviewer."""

    action = SelectField(_l("With the ticked nominations"), choices=[
        ("eligible", _l("Screen as eligible…")), ("ineligible", _l("Screen as ineligible…")),
        ("shortlist", _l("Shortlist…")), ("not_shortlist", _l("Do not shortlist…")), ("assign", _l("Assign the reviewer below"))])
    reason = SelectField(_l("Reason (when ineligible)"), validators=[Optional()])
    reviewer = SelectField(_l("Reviewer (for assigning)"), coerce=int, validators=[Optional()])

    def validate_action(self, field: SelectField) -> None:
        """Screening as ineligible needs a reason; assigning needs the reviewer.

        (Checked here: the Optional fields' own validators stop before an inline check.)
        """
        if field.data == "ineligible" and not self.reason.data:
            raise ValidationError(_l("Choose the reason the nominations are ineligible."))
        if field.data == "assign" and not self.reviewer.data:
            raise ValidationError(_l("Choose the reviewer to assign."))


class BulkConfirmForm(BaseForm):
    """The confirmation of a previewed bulk decision (screening or shortlisting)."""

    decision = HiddenField()
    reason = HiddenField()
    token = HiddenField()
    ids = HiddenField()
    note = StringField(_l("Note for the record"), validators=[Length(max=500)])


class RecommendationForm(BaseForm):
    """A recommending body's recommendation on a shortlisted nomination."""

    body = SelectField(_l("Recommending body"), coerce=int, validators=[InputRequired(_l("Choose the body."))])
    level = RadioField(_l("Recommendation"), validators=[InputRequired(_l("Choose a recommendation."))])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])


class NoticeTemplateForm(BaseForm):
    """One outcome notice's wording."""

    subject = StringField(_l("Subject"), validators=[DataRequired(_l("Write the subject.")), Length(max=300)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(_l("Write the text."))], render_kw={"rows": 9})
    save = SubmitField(_l("Save template"))


class ReleaseForm(BaseForm):
    """Release held notices of one outcome, or all."""

    outcome = HiddenField()


class ActionForm(BaseForm):
    """A button that posts nothing but its CSRF token."""


class BodyMemberForm(BaseForm):
    """Let a recommender account speak for a recommending body."""

    body = SelectField(_l("Recommending body"), coerce=int, validators=[InputRequired(_l("Choose the body."))])
    user = SelectField(_l("Recommender account"), coerce=int, validators=[InputRequired(_l("Choose the account."))])


@dataclass(frozen=True)
class CriterionSpec:
    """A rubric criterion as the review form shows it."""

    id: int
    name: str
    description: str
    scale_min: int
    scale_max: int
    weight: float


def review_form_class(criteria: Sequence[CriterionSpec]) -> type[BaseForm]:
    """A review form with a score (radio buttons over the scale) and a comment per criterion."""

    class ReviewForm(BaseForm):
        overall_comment = TextAreaField(_l("Overall comment"), validators=[Length(max=5000)])
        save_draft = SubmitField(_l("Save draft"))
        submit_review = SubmitField(_l("Submit review"))
        revise_review = SubmitField(_l("Revise review"))

    for criterion in criteria:
        setattr(ReviewForm, f"score_{criterion.id}", RadioField(
            criterion.name, coerce=int, validators=[Optional()], validate_choice=False,
            choices=[(value, str(value)) for value in range(criterion.scale_min, criterion.scale_max + 1)],
            description=_l("%(description)s (weight %(weight)s; %(lowest)s lowest, %(highest)s highest)",
                           description=criterion.description, weight=format(criterion.weight, "g"),
                           lowest=criterion.scale_min, highest=criterion.scale_max)))
        setattr(ReviewForm, f"comment_{criterion.id}", TextAreaField(
            _l("Comment on %(criterion)s", criterion=criterion.name), validators=[Length(max=3000)], render_kw={"rows": 2}))
    return ReviewForm
