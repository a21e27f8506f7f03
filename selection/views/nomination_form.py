"""The nomination form behind the nominee's "nominate" and "edit" pages: built per group
with the call's questions, validated in one round (the form's checks, the uploads and what
submission still needs, all shown at once), then saved and acted on through the workflow."""
from __future__ import annotations

import functools
import re
import secrets
from dataclasses import replace
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from selection.data import countries
from selection.i18n import N_, country_choices, current_language, page_language, regional_group_name
from selection.forms.nomination import SELF, THIRD_PARTY, NominationForm, link_lines
from selection.forms.questions import QuestionSpec, question_answers, with_questions
from selection.models import (
    Call,
    Gender,
    Nomination,
    NominatorKind,
    StakeholderGroup,
)
from selection.services.uploads import UploadRefused, read_pdf
from selection.views.operations import run_operation
from selection.workflow import nominations as ops
from selection.workflow import permissions
from selection.workflow.applications import (
    Action,
    ApplicationFiles,
    Quotas,
    Saved,
    Upload,
    answer_required,
    application_problems,
    save_application,
)
from selection.workflow.errors import WorkflowError
from selection.workflow.states import is_draft, must_stay_complete

CREATION_TOKEN_BYTES = 24
CREATION_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # token_urlsafe(24): 32 characters
FINAL_BUTTONS = {"submit_nomination": Action.SUBMIT, "request_consent": Action.REQUEST_CONSENT,
                 "give_consent": Action.GIVE_CONSENT}
MESSAGES = {
    Action.SUBMIT: N_("The nomination is submitted. A receipt is on its way to %(email)s."),
    Action.REQUEST_CONSENT: N_("Saved. %(email)s has been invited to consent; the nomination is submitted "
                               "when the nominee consents."),
    Action.GIVE_CONSENT: N_("Thank you for consenting: the nomination is submitted. A receipt is on its way."),
}


def posted_action() -> Action:
    """The action of the button pressed (a plain save when none of the final ones)."""
    return next((action for name, action in FINAL_BUTTONS.items() if name in request.form), Action.SAVE)


def nomination_form(call: Call, group: StakeholderGroup, nomination: Nomination | None) -> NominationForm:
    """The nomination form of a group with the call's questions, prefilled from ``nomination``;
    which questions it requires is the workflow's rule (``answer_required``)."""
    action = posted_action()
    specs = [replace(spec, required=answer_required(spec.required, spec.kind == "file", spec.key,
                                                    action, nomination), marked_required=spec.required)
             for spec in question_specs(call, group)]
    form_class = with_questions(NominationForm, specs)
    form = form_class(data=_form_data(nomination) if nomination else None)
    form.configure(required_level=group.required_level.value, group_name=group.local_name,
                   countries=_country_choices())
    return form


def handle_form(form: NominationForm, call: Call, group: StakeholderGroup,
                nomination: Nomination | None) -> ResponseReturnValue:
    """Validate, save and act in one workflow operation, commit and redirect; or show the errors."""
    if form.is_submitted() and not form.is_third_party:
        # A self-nomination is by the signed-in person, whose address the link proved.
        form.email.data = nomination.nominee.email if nomination else current_user.email
    if not form.is_submitted():
        return _render_form(form, call, group, nomination, 200)
    action = posted_action()
    if action == Action.GIVE_CONSENT and not (nomination and permissions.is_nominee(current_user, nomination)):
        abort(403)  # only the nominee consents
    # Every problem in one round: the form's own checks, the uploads and what the workflow
    # still misses; nothing is stored until all are fixed.
    form.validate()
    files = _checked_uploads(form)
    details = _details_from(form, nomination)
    _show_problems(form, application_problems(details, action, nomination, new_cv=files.cv is not None,
                                              third_party=form.is_third_party))
    if _has_errors(form):
        return _render_form(form, call, group, nomination, 400)

    def refused(error: WorkflowError) -> ResponseReturnValue:
        if isinstance(error, ops.DeadlinePassed):
            abort(410, str(error))
        if isinstance(error, ops.IncompleteNomination):
            _show_problems(form, error.problems)
        else:
            form.form_errors.append(str(error))
        return _render_form(form, call, group, nomination, 400)

    def next_page(saved: Saved) -> str:
        if is_draft(saved.nomination.status) and not action.is_final:
            return url_for("nominee.edit", nomination_id=saved.nomination.id)
        return url_for("nominee.show", nomination_id=saved.nomination.id)

    token = None if nomination else _creation_token(form)
    return run_operation(lambda: save_application(call, group, current_user, details, files, action,
                                                  nomination=nomination, quotas=person_quotas(),
                                                  language=page_language(), creation_token=token),
                         next_page, _message, show_refusal=refused)


def new_creation_token() -> str:
    """A fresh one-time token for a new nomination's form."""
    return secrets.token_urlsafe(CREATION_TOKEN_BYTES)


def _creation_token(form: NominationForm) -> str | None:
    """The form's one-time token when it is one this app could have made (else None: the form
    then makes a nomination as if it had none)."""
    value = form.creation_token.data
    return value if isinstance(value, str) and CREATION_TOKEN.fullmatch(value) else None


def person_quotas() -> Quotas:
    """What one person may store, as configured."""
    config = current_app.config
    return Quotas(config["NOMINATIONS_PER_PERSON_PER_CALL"], config["UPLOAD_BYTES_PER_PERSON"])


def _message(saved: Saved) -> str:
    """What to tell the person about what was done."""
    if saved.performed in MESSAGES:
        return _(MESSAGES[saved.performed], email=saved.nomination.nominee.email)
    if must_stay_complete(saved.nomination.status):
        return _("Your changes are saved; the nomination stays submitted.")
    return _("Draft saved. You can come back to it until the deadline.")


def _details_from(form: NominationForm, nomination: Nomination | None) -> ops.NominationDetails:
    """The workflow's view of the form's data."""
    answers = {key: value for key, value in question_answers(form, form.question_specs).items()
               if not isinstance(value, FileStorage)}
    previous = (nomination.answers or {}) if nomination else {}
    for key in answers:
        if answers[key] is None and previous.get(key):
            answers[key] = previous[key]  # a file answered before and not replaced now
    return ops.NominationDetails(
        name=form.name.data, title=form.title.data, organization=form.organization.data,
        email=form.email.data, nationality=form.nationality.data or "", residence=form.residence.data or "",
        gender=_member_or_none(Gender, form.gender.data),
        position_level=form.position_level.data or "",
        eligibility_declared=form.eligibility_declared.data,
        biography=form.biography.data or "", motivation=form.motivation.data or "",
        availability_confirmed=form.availability_confirmed.data,
        availability_note=form.availability_note.data or "", languages=form.languages.data or "",
        links=link_lines(form.links.data), answers=answers,
        **_nominees_declarations(form, nomination), **_nominator_details(form, nomination),
    )


def _nominees_declarations(form: NominationForm, nomination: Nomination | None) -> dict[str, bool]:
    """The first-person declarations: once the nominee is asked to consent, the nominee's only."""
    if _declarations_elsewhere(nomination):
        return {name: getattr(nomination, name) for name in ops.NOMINEES_OWN_DECLARATIONS}
    return {name: bool(form[name].data) for name in ops.NOMINEES_OWN_DECLARATIONS}


def _declarations_elsewhere(nomination: Nomination | None) -> bool:
    """True when the signed-in nominator edits a nomination whose declarations are the nominee's."""
    return not permissions.may_give_own_declarations(current_user, nomination)


def _nominator_details(form: NominationForm, nomination: Nomination | None) -> dict[str, Any]:
    """Who nominated: from the form when the nominator fills it in; the nominee cannot change it."""
    if not form.is_third_party:
        return {"nominator_kind": None, "nominator_name": "", "nominator_organization": "",
                "nominator_email": ""}
    if not permissions.may_change_nominator(current_user, nomination):
        return {name: getattr(nomination, name) for name in
                ("nominator_kind", "nominator_name", "nominator_organization", "nominator_email")}
    return {
        "nominator_kind": _member_or_none(NominatorKind, form.nominator_kind.data),
        "nominator_name": form.nominator_name.data,
        "nominator_organization": form.nominator_organization.data,
        "nominator_email": form.nominator_email.data or current_user.email,
    }


def _checked_uploads(form: NominationForm) -> ApplicationFiles:
    """Read and check every uploaded file; a refused one gets its message next to its field."""
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    files = ApplicationFiles()

    def read(upload: FileStorage, errors: list[str], prefix: str = "") -> Upload | None:
        try:
            return Upload(read_pdf(upload.stream, limit), upload.filename or "")
        except UploadRefused as exc:
            errors.append(f"{prefix}{exc}")
            return None

    if _is_upload(form.cv.data):
        files.cv = read(form.cv.data, form.cv.errors)
    for letter in form.support_letters.data or []:
        if _is_upload(letter) and (checked := read(letter, form.support_letters.errors, f"{letter.filename}: ")):
            files.letters.append(checked)
    for key, value in question_answers(form, form.question_specs).items():
        if _is_upload(value) and (checked := read(value, form[f"question_{key}"].errors)):
            files.answers[key] = checked
    return files


def _member_or_none(enum: type[Any], value: str | None) -> Any:
    """The enum member of a posted value; None when empty or unknown (the form says why)."""
    try:
        return enum(value) if value else None
    except ValueError:
        return None


def _show_problems(form: NominationForm, problems: dict[str, str]) -> None:
    """Put the workflow's messages next to their fields (or at the top, for the rest); a field
    the form refused already keeps its one message."""
    for name, message in problems.items():
        field = getattr(form, name, None)
        if field is not None and not field.errors:
            field.errors = [message]
        elif field is None:
            form.form_errors.append(message)


def _has_errors(form: NominationForm) -> bool:
    return bool(form.form_errors) or any(field.errors for field in form)


def _render_form(form: NominationForm, call: Call, group: StakeholderGroup,
                 nomination: Nomination | None, status: int) -> tuple[str, int]:
    return render_template(
        "nominee/form.html", form=form, call=call, group=group, nomination=nomination,
        deadline=call.deadline_for(nomination), is_nominee=bool(nomination) and permissions.is_nominee(current_user, nomination),
        declarations_elsewhere=_declarations_elsewhere(nomination),
        regions=_regions(current_language()),
    ), status


def _form_data(nomination: Nomination) -> dict[str, Any]:
    """A nomination as form data, to prefill the edit form."""
    details = ops.NominationDetails.of(nomination)
    data: dict[str, Any] = {name: getattr(details, name) for name in details.__dataclass_fields__}
    data.update(
        nomination_kind=THIRD_PARTY if nomination.is_third_party else SELF,
        nominator_kind=nomination.nominator_kind.value if nomination.nominator_kind else "",
        gender=nomination.nominee.gender.value if nomination.nominee.gender else "",
        links="\n".join(nomination.links or []),
    )
    for key, value in (nomination.answers or {}).items():
        data[f"question_{key}"] = value
    return data


def question_specs(call: Call, group: StakeholderGroup) -> list[QuestionSpec]:
    """The questions a group's nominees are asked, as the form sees them, worded in the page's
    language where the administrator gave it (choices keep their stored values)."""
    language = current_language()
    return [QuestionSpec(**question.spec_fields_in(language)) for question in call.questions_for(group)]


def _country_choices() -> list[tuple[str, str]]:
    """The countries named and sorted in the page's language, each with its UN regional group."""
    return _country_choices_in(current_language())


# Per language, once per process: naming, sorting and translating some 200 countries and their
# regional groups on every form shown was the largest part of a nominee's flow under load.
@functools.cache
def _country_choices_in(_language: str) -> list[tuple[str, str]]:
    every = countries()
    return [(code, f"{name} ({regional_group_name(every[code].regional_group)})" if every[code].regional_group else name)
            for code, name in country_choices()]


@functools.cache
def _regions(_language: str) -> dict[str, str]:
    """Each country's UN regional group, named in ``_language`` (the page's: the key of the cache)."""
    return {iso2: regional_group_name(c.regional_group) for iso2, c in countries().items()}


def _is_upload(value: Any) -> bool:
    return isinstance(value, FileStorage) and bool(value.filename)
