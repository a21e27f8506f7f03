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

from selection.forms import BaseForm


class ScreeningForm(BaseForm):
    """Eligible, or ineligible with a reason from the list and particulars."""

    decision = RadioField("Eligibility", choices=[("eligible", "Eligible: start the review"),
                                                  ("ineligible", "Ineligible: leaves the pool, stays on record")],
                          validators=[InputRequired("Choose eligible or ineligible.")])
    reason = SelectField("Reason (when ineligible)", validators=[Optional()])
    note = TextAreaField("Particulars", validators=[Length(max=2000)],
                         description="E.g. “not at ministerial level”. Shown to the nominee in the ineligible notice.")

    def validate_reason(self, field: SelectField) -> None:
        """An ineligible decision needs a reason."""
        if self.decision.data == "ineligible" and not field.data:
            raise ValueError("Choose the reason the nomination is ineligible.")


class AssignForm(BaseForm):
    """Assign one reviewer."""

    reviewer = SelectField("Reviewer", coerce=int, validators=[InputRequired("Choose a reviewer.")])


class BalancedAssignmentForm(BaseForm):
    """Balanced automatic assignment over the call."""

    per_nomination = IntegerField("Reviewers per nomination", default=2,
                                  validators=[InputRequired("Say how many reviewers each nomination gets."),
                                              NumberRange(1, 10, "Between 1 and 10 reviewers per nomination.")])


class ConflictForm(BaseForm):
    """A declared conflict of interest; staff choose the reviewer, a reviewer declares their own."""

    reviewer = SelectField("Reviewer", coerce=int, validators=[Optional()])
    kind = RadioField("Kind of conflict", validators=[InputRequired("Choose the kind of conflict.")])
    details = TextAreaField("Details", validators=[Length(max=2000)],
                            description="Required for “Other”. Declaring recuses the reviewer from this nomination.")


class CommentForm(BaseForm):
    """An internal comment, for staff only."""

    body = TextAreaField("Internal comment", validators=[DataRequired("Write the comment first."), Length(max=5000)],
                         description="Seen by the Secretariat and the nomination's reviewers; never by nominees.")


class ShortlistForm(BaseForm):
    """Shortlist one nomination, or not."""

    decision = RadioField("Decision", choices=[("shortlist", "Shortlist"), ("not_shortlist", "Do not shortlist")],
                          validators=[InputRequired("Choose a decision.")])
    note = StringField("Note for the record", validators=[Length(max=500)])


class BulkActionForm(BaseForm):
    """Act on the nominations ticked in the list: screen, shortlist or not, or assign a reviewer."""

    action = SelectField("With the ticked nominations", choices=[
        ("eligible", "Screen as eligible…"), ("ineligible", "Screen as ineligible…"),
        ("shortlist", "Shortlist…"), ("not_shortlist", "Do not shortlist…"), ("assign", "Assign the reviewer below")])
    reason = SelectField("Reason (when ineligible)", validators=[Optional()])
    reviewer = SelectField("Reviewer (for assigning)", coerce=int, validators=[Optional()])

    def validate_action(self, field: SelectField) -> None:
        """Screening as ineligible needs a reason; assigning needs the reviewer.

        (Checked here: the Optional fields' own validators stop before an inline check.)
        """
        if field.data == "ineligible" and not self.reason.data:
            raise ValidationError("Choose the reason the nominations are ineligible.")
        if field.data == "assign" and not self.reviewer.data:
            raise ValidationError("Choose the reviewer to assign.")


class BulkConfirmForm(BaseForm):
    """The confirmation of a previewed bulk decision (screening or shortlisting)."""

    decision = HiddenField()
    reason = HiddenField()
    token = HiddenField()
    ids = HiddenField()
    note = StringField("Note for the record", validators=[Length(max=500)])


class RecommendationForm(BaseForm):
    """A recommending body's recommendation on a shortlisted nomination."""

    body = SelectField("Recommending body", coerce=int, validators=[InputRequired("Choose the body.")])
    level = RadioField("Recommendation", validators=[InputRequired("Choose a recommendation.")])
    note = TextAreaField("Note", validators=[Length(max=2000)])


class NoticeTemplateForm(BaseForm):
    """One outcome notice's wording."""

    subject = StringField("Subject", validators=[DataRequired("Write the subject."), Length(max=300)])
    body = TextAreaField("Text", validators=[DataRequired("Write the text.")], render_kw={"rows": 9})
    save = SubmitField("Save template")


class ReleaseForm(BaseForm):
    """Release held notices of one outcome, or all."""

    outcome = HiddenField()


class ActionForm(BaseForm):
    """A button that posts nothing but its CSRF token."""


class BodyMemberForm(BaseForm):
    """Let a recommender account speak for a recommending body."""

    body = SelectField("Recommending body", coerce=int, validators=[InputRequired("Choose the body.")])
    user = SelectField("Recommender account", coerce=int, validators=[InputRequired("Choose the account.")])


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
        overall_comment = TextAreaField("Overall comment", validators=[Length(max=5000)])
        save_draft = SubmitField("Save draft")
        submit_review = SubmitField("Submit review")
        revise_review = SubmitField("Revise review")

    for criterion in criteria:
        setattr(ReviewForm, f"score_{criterion.id}", RadioField(
            criterion.name, coerce=int, validators=[Optional()], validate_choice=False,
            choices=[(value, str(value)) for value in range(criterion.scale_min, criterion.scale_max + 1)],
            description=f"{criterion.description} (weight {criterion.weight:g}; "
                        f"{criterion.scale_min} lowest, {criterion.scale_max} highest)"))
        setattr(ReviewForm, f"comment_{criterion.id}", TextAreaField(
            f"Comment on {criterion.name}", validators=[Length(max=3000)], render_kw={"rows": 2}))
    return ReviewForm
