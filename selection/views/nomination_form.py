"""The nomination form behind the nominee's "nominate" and "edit" pages: built per group
with the call's questions, validated in one round (the form's checks, the uploads and what
submission still needs, all shown at once), then saved and acted on through the workflow."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from selection.data import countries
from selection.extensions import db
from selection.forms.nomination import SELF, THIRD_PARTY, NominationForm, link_lines
from selection.forms.questions import QuestionSpec, question_answers, with_questions
from selection.models import (
    Call,
    FilePurpose,
    Gender,
    Nomination,
    NominationStatus,
    NominatorKind,
    StakeholderGroup,
    utcnow,
)
from selection.uploads import UploadRefused, read_pdf, store_pdf
from selection.views.nominee_mail import invite_nominee, send_receipt
from selection.workflow import nominations as ops
from selection.workflow.errors import WorkflowError

FINAL_BUTTONS = ("submit_nomination", "request_consent", "give_consent")


def nomination_form(call: Call, group: StakeholderGroup, nomination: Nomination | None) -> NominationForm:
    """The nomination form of a group with the call's questions, prefilled from ``nomination``.

    A save as draft asks no question as required; file questions already answered need no
    new upload.
    """
    final = any(name in request.form for name in FINAL_BUTTONS) or (
        nomination is not None and nomination.status == NominationStatus.SUBMITTED)
    answered = (nomination.answers or {}) if nomination else {}
    specs = [
        replace(spec, required=spec.required and final and not (spec.kind == "file" and answered.get(spec.key)))
        for spec in question_specs(call, group)
    ]
    form_class = with_questions(NominationForm, specs)
    form = form_class(data=_form_data(nomination) if nomination else None)
    form.configure(required_level=group.required_level.value, group_name=group.name,
                   countries=_country_choices())
    return form


def handle_form(form: NominationForm, call: Call, group: StakeholderGroup,
                nomination: Nomination | None) -> Response | tuple[str, int] | str:
    """Validate, store, apply the chosen action, mail, commit and redirect; or show the errors."""
    if form.is_submitted() and not form.is_third_party:
        # A self-nomination is by the signed-in person, whose address the link proved.
        form.email.data = nomination.nominee.email if nomination else current_user.email
    if not form.is_submitted():
        return _render_form(form, call, group, nomination, 200)
    if form.give_consent.data and not (nomination and ops.is_nominee(current_user, nomination)):
        abort(403)  # only the nominee consents
    # Every problem in one round: the form's own checks, the uploads and, for a submission,
    # what the workflow still misses; nothing is stored until all are fixed.
    form.validate()
    uploads = _checked_uploads(form)
    details = _details_from(form, nomination)
    has_cv = bool(uploads.get("cv")) or (nomination is not None and nomination.cv is not None)
    must_be_complete = form.is_final or (nomination is not None and nomination.status == NominationStatus.SUBMITTED)
    if must_be_complete:
        problems = ops.submission_problems(
            details, has_cv=has_cv, third_party=form.is_third_party,
            for_consent_request=bool(form.request_consent.data),
        )
        _show_problems(form, problems)
    if _has_errors(form):
        return _render_form(form, call, group, nomination, 400)
    now = utcnow()
    try:
        saved = _save(form, call, group, nomination, details, uploads, now)
        message = _final_action(form, saved, now)
    except ops.DeadlinePassed as exc:
        db.session.rollback()
        abort(410, str(exc))
    except ops.IncompleteNomination as exc:
        db.session.rollback()
        _show_problems(form, exc.problems)
        return _render_form(form, call, group, nomination, 400)
    except WorkflowError as exc:
        db.session.rollback()
        form.form_errors.append(str(exc))
        return _render_form(form, call, group, nomination, 400)
    db.session.commit()
    flash(message, "success")
    if saved.status == NominationStatus.DRAFT and not form.is_final:
        return redirect(url_for("nominee.edit", nomination_id=saved.id))
    return redirect(url_for("nominee.show", nomination_id=saved.id))


def _save(form: NominationForm, call: Call, group: StakeholderGroup, nomination: Nomination | None,
          details: ops.NominationDetails, uploads: dict[str, Any], now: datetime) -> Nomination:
    """Create or update the nomination and attach the uploaded files."""
    answer_files = {key: store_pdf(content, name, FilePurpose.ANSWER, current_user)
                    for key, (content, name) in uploads["answers"].items()}
    details.answers = {**details.answers, **{key: stored.id for key, stored in answer_files.items()}}
    if nomination is None:
        nomination = ops.create_draft(call, group, current_user, details, now)
    else:
        ops.update_details(nomination, current_user, details, now)
    new_files = list(answer_files.values())
    if uploads["cv"]:
        new_files.append(store_pdf(*uploads["cv"], FilePurpose.CV, current_user))
    new_files += [store_pdf(content, name, FilePurpose.SUPPORT_LETTER, current_user)
                  for content, name in uploads["letters"]]
    for stored in new_files:
        ops.attach_file(nomination, current_user, stored, now)
    return nomination


def _final_action(form: NominationForm, nomination: Nomination, now: datetime) -> str:
    """Submit, ask for consent or consent, as the button pressed says; returns the message."""
    if form.submit_nomination.data and nomination.status == NominationStatus.DRAFT:
        ops.submit(nomination, current_user, now)
        send_receipt(nomination)
        return "The nomination is submitted. A receipt is on its way to " + nomination.nominee.email + "."
    if form.request_consent.data:
        ops.request_consent(nomination, current_user, now)
        invite_nominee(nomination)
        return (f"Saved. {nomination.nominee.email} has been invited to consent; the nomination "
                "is submitted when the nominee consents.")
    if form.give_consent.data:
        ops.give_consent(nomination, current_user, now)
        send_receipt(nomination)
        return "Thank you for consenting: the nomination is submitted. A receipt is on its way."
    if nomination.status == NominationStatus.SUBMITTED:
        return "Your changes are saved; the nomination stays submitted."
    return "Draft saved. You can come back to it until the deadline."


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
    return (nomination is not None and ops.declarations_are_the_nominees(nomination)
            and not ops.is_nominee(current_user, nomination))


def _nominator_details(form: NominationForm, nomination: Nomination | None) -> dict[str, Any]:
    """Who nominated: from the form when the nominator fills it in; the nominee cannot change it."""
    if not form.is_third_party:
        return {"nominator_kind": None, "nominator_name": "", "nominator_organization": "",
                "nominator_email": ""}
    if nomination is not None and not ops.is_nominator(current_user, nomination):
        return {name: getattr(nomination, name) for name in
                ("nominator_kind", "nominator_name", "nominator_organization", "nominator_email")}
    return {
        "nominator_kind": _member_or_none(NominatorKind, form.nominator_kind.data),
        "nominator_name": form.nominator_name.data,
        "nominator_organization": form.nominator_organization.data,
        "nominator_email": form.nominator_email.data or current_user.email,
    }


def _checked_uploads(form: NominationForm) -> dict[str, Any]:
    """Read and check every uploaded file; a refused one gets its message next to its field."""
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    uploads: dict[str, Any] = {"cv": None, "answers": {}, "letters": []}
    if _is_upload(form.cv.data):
        try:
            uploads["cv"] = (read_pdf(form.cv.data.stream, limit), form.cv.data.filename)
        except UploadRefused as exc:
            form.cv.errors.append(str(exc))
    for letter in form.support_letters.data or []:
        if _is_upload(letter):
            try:
                uploads["letters"].append((read_pdf(letter.stream, limit), letter.filename))
            except UploadRefused as exc:
                form.support_letters.errors.append(f"{letter.filename}: {exc}")
    for key, value in question_answers(form, form.question_specs).items():
        if isinstance(value, FileStorage) and _is_upload(value):
            field = form[f"question_{key}"]
            try:
                uploads["answers"][key] = (read_pdf(value.stream, limit), value.filename)
            except UploadRefused as exc:
                field.errors.append(str(exc))
    return uploads


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
        deadline=call.deadline_for(nomination), is_nominee=bool(nomination) and ops.is_nominee(current_user, nomination),
        declarations_elsewhere=_declarations_elsewhere(nomination),
        regions={iso2: c.regional_group_name for iso2, c in countries().items()},
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
    """The questions a group's nominees are asked, as the form sees them."""
    return [QuestionSpec(**question.spec_fields()) for question in call.questions_for(group)]


def _country_choices() -> list[tuple[str, str]]:
    """The countries by name (accents ignored, so "Côte d'Ivoire" sits among the Cs)."""
    by_name = sorted(countries().values(), key=lambda c: _collation_key(c.name))
    return [(c.iso2, f"{c.name} ({c.regional_group_name})" if c.regional_group else c.name)
            for c in by_name]


def _collation_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _is_upload(value: Any) -> bool:
    return isinstance(value, FileStorage) and bool(value.filename)
