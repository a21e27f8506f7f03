"""What nominees and nominators use: nominate per stakeholder group, save a draft, submit,
edit until the deadline, withdraw, consent to a third party's nomination, sign in with a
one-time link, and follow "my nominations" with status and history."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required, login_user
from sqlalchemy import or_, select
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from selection.forms.nomination import (
    SELF,
    THIRD_PARTY,
    ConfirmForm,
    NominationForm,
    SignInLinkForm,
    WithdrawForm,
    link_lines,
)
from selection.forms.questions import QuestionSpec, condition_note, question_answers, with_questions
from selection import mail
from selection.data import countries
from selection.extensions import db
from selection.models import (
    AuditEvent,
    Call,
    CallStatus,
    ConsentState,
    FilePurpose,
    Gender,
    Nomination,
    NominationStatus,
    Nominee,
    NominatorKind,
    StakeholderGroup,
    StoredFile,
    User,
    utcnow,
)
from selection.models.enums import POSITION_LEVELS
from selection.models.sign_in_link import CONSENT, SignInLink
from selection.uploads import UploadRefused, path_of, read_pdf, store_pdf
from selection.views.loading import call_or_404
from selection.views.auth import _safe_next
from selection.workflow import access
from selection.workflow import nominations as ops
from selection.workflow.errors import WorkflowError

bp = Blueprint("nominee", __name__)
bp.add_app_template_global(condition_note)

FINAL_BUTTONS = ("submit_nomination", "request_consent", "give_consent")
DEFAULT_PRIVACY_NOTICE = (
    "The Secretariat processes the personal data given in a nomination only to run this call: "
    "to check eligibility, review the nomination, prepare the selection and contact the people "
    "concerned. The data are seen by the Secretariat, the reviewers and the decision-makers of "
    "this call, and by no one else.\n\n"
    "Nominations are kept for {months} months after the call is decided, then deleted, except "
    "for the names and roles of the appointed members, which are public.\n\n"
    "You may ask the Secretariat to see, correct or delete the data about you, and withdraw a "
    "nomination at any time before the decision."
)


# ---------------------------------------------------------------------------- pages

@bp.route("/calls/<slug>/nominate/<group_code>", methods=["GET", "POST"])
def nominate(slug: str, group_code: str) -> Response | tuple[str, int] | str:
    """A new nomination for one stakeholder group of an open call."""
    call = call_or_404(slug, public=True)
    group = _group_of(call, group_code)
    if not group.open_for_nominations:
        abort(403, f"The {group.name} group is not taking nominations in this call.")
    if not call.accepts_nominations(utcnow()):
        return render_template("nominee/closed.html", call=call, group=group,
                               not_yet_open=utcnow() < call.opens_at), 410
    if not current_user.is_authenticated:
        flash("Sign in with your e-mail address to start a nomination: we send you a link.", "info")
        return redirect(url_for("nominee.sign_in", next=request.path))
    if current_user.is_staff:
        abort(403, "Staff accounts cannot make nominations; use a personal address instead.")
    form = _nomination_form(call, group, None)
    if not form.is_submitted():
        form.name.data = current_user.name
        form.email.data = current_user.email
        form.nominator_email.data = current_user.email
        form.nominator_name.data = current_user.name
        if request.args.get("for") == THIRD_PARTY:
            form.nomination_kind.data = THIRD_PARTY
    return _handle_form(form, call, group, None)


@bp.route("/nominations/<int:nomination_id>/edit", methods=["GET", "POST"])
@login_required
def edit(nomination_id: int) -> Response | tuple[str, int] | str:
    """Edit a draft or submitted nomination until its deadline (410 after it)."""
    nomination = _nomination_for_change(nomination_id)
    if not ops.is_editable(nomination, utcnow()):
        return _no_longer_editable(nomination)
    form = _nomination_form(nomination.call, nomination.group, nomination)
    form.nomination_kind.data = THIRD_PARTY if nomination.is_third_party else SELF
    return _handle_form(form, nomination.call, nomination.group, nomination)


@bp.get("/nominations/<int:nomination_id>")
@login_required
def show(nomination_id: int) -> str:
    """One nomination: its details, files, answers, status and history."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if not ops.may_view(current_user, nomination):
        abort(403)
    return render_template(
        "nominee/nomination.html",
        nomination=nomination,
        answers=_answers_for_display(nomination),
        history=_history(nomination),
        level_label=_level_label(nomination),
        editable=ops.is_editable(nomination, utcnow()),
        may_change=ops.may_change(current_user, nomination),
        is_nominee=ops.is_nominee(current_user, nomination),
        deadline=ops.deadline_of(nomination),
    )


@bp.route("/nominations/<int:nomination_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(nomination_id: int) -> Response | tuple[str, int] | str:
    """Withdraw a nomination after one confirmation; the people concerned are told."""
    nomination = _nomination_for_change(nomination_id)
    return _confirm_withdrawal(nomination, declining=False)


@bp.route("/nominations/<int:nomination_id>/decline", methods=["GET", "POST"])
@login_required
def decline(nomination_id: int) -> Response | tuple[str, int] | str:
    """The nominee declines a nomination made by someone else; the nominator is told."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if not ops.is_nominee(current_user, nomination):
        abort(403)
    return _confirm_withdrawal(nomination, declining=True)


def _confirm_withdrawal(nomination: Nomination, *, declining: bool) -> Response | tuple[str, int] | str:
    """Ask once; on confirmation withdraw (or decline), mail the notices, commit, redirect."""
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_template("nominee/withdraw.html", nomination=nomination, form=form,
                               declining=declining), 400 if form.is_submitted() else 200
    reason = form.reason.data or ""
    try:
        if declining:
            ops.decline_consent(nomination, current_user, reason=reason)
        else:
            ops.withdraw(nomination, current_user, reason=reason)
    except WorkflowError as exc:
        db.session.rollback()
        abort(409, str(exc))
    if declining:
        mail.enqueue(nomination.nominator_email, f"Nomination declined by {nomination.nominee.name}",
                     "declined", related=nomination, nomination=nomination, reason=reason)
    else:
        for recipient in _people_to_tell(nomination):
            mail.enqueue(recipient, f"Nomination withdrawn: {nomination.nominee.name}", "withdrawn",
                         related=nomination, nomination=nomination, reason=reason, by=current_user)
    db.session.commit()
    if declining:
        flash("You declined the nomination; the nominator has been told.", "success")
        return redirect(url_for("nominee.my_nominations"))
    flash("The nomination is withdrawn. It stays on record; a notice has been sent.", "success")
    return redirect(url_for("nominee.show", nomination_id=nomination.id))


@bp.post("/nominations/<int:nomination_id>/invite")
@login_required
def invite_again(nomination_id: int) -> Response:
    """The nominator sends the invitation to consent once more (a fresh link)."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if not ops.is_nominator(current_user, nomination):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")
    if nomination.consent_state != ConsentState.PENDING:
        abort(409, "This nomination is not waiting for the nominee's consent.")
    try:
        _invite_nominee(nomination)
    except access.TooManyLinks as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("nominee.show", nomination_id=nomination.id))
    db.session.commit()
    flash(f"The invitation was sent again to {nomination.nominee.email}.", "success")
    return redirect(url_for("nominee.show", nomination_id=nomination.id))


@bp.get("/my")
@login_required
def my_nominations() -> str:
    """The nominations the signed-in person made or is the nominee of, with their history."""
    nominations = db.session.execute(
        select(Nomination).join(Nomination.nominee).where(or_(
            Nominee.user_id == current_user.id,
            (Nomination.nominator_id == current_user.id) & Nomination.nominator_kind.is_not(None),
        )).order_by(Nomination.created_at.desc())
    ).scalars().all()
    open_calls = db.session.execute(
        select(Call).where(Call.status == CallStatus.OPEN).order_by(Call.closes_at)
    ).scalars().all()
    return render_template(
        "nominee/my.html", nominations=nominations, open_calls=open_calls,
        histories={n.id: _history(n) for n in nominations},
        editable={n.id: ops.is_editable(n, utcnow()) for n in nominations},
    )


@bp.route("/my/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int] | str:
    """Ask for a one-time sign-in link; the same answer whether or not an account exists."""
    form = SignInLinkForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("nominee/sign_in.html", form=form), 400 if form.is_submitted() else 200
    address = form.email.data
    try:
        token = access.issue_link(address, lifetime=timedelta(minutes=_config("SIGN_IN_LINK_MINUTES")),
                                  limit_per_hour=_config("SIGN_IN_LINKS_PER_HOUR"),
                                  next_path=_safe_next(form.next.data) or "")
    except access.TooManyLinks as exc:
        db.session.rollback()
        form.email.errors.append(str(exc))
        return render_template("nominee/sign_in.html", form=form), 429
    except access.StaffMustUsePassword:
        db.session.rollback()
        mail.enqueue(address, "Sign in with your staff password", "staff_use_password")
    except WorkflowError as exc:
        db.session.rollback()
        form.email.errors.append(str(exc))
        return render_template("nominee/sign_in.html", form=form), 400
    else:
        mail.enqueue(address, "Your sign-in link", "sign_in_link",
                     link=url_for("nominee.use_link", token=token, _external=True),
                     minutes=_config("SIGN_IN_LINK_MINUTES"))
    db.session.commit()
    return render_template("nominee/link_sent.html", email=address,
                           minutes=_config("SIGN_IN_LINK_MINUTES"))


@bp.route("/my/sign-in/<token>", methods=["GET", "POST"])
def use_link(token: str) -> Response | tuple[str, int] | str:
    """A one-time link: confirm with one button (mail scanners that follow links use nothing)."""
    link = access.find_link(token)
    try:
        access.check_usable(link, utcnow())
    except access.LinkNotValid as exc:
        return render_template("nominee/sign_in.html", form=SignInLinkForm(), problem=str(exc)), 410
    assert link is not None
    if current_user.is_authenticated and current_user.email.lower() != link.email.lower():
        abort(403, f"This link was sent to another address. You are signed in as "
                   f"{current_user.email}: sign out first to use it.")
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("nominee/use_link.html", link=link, form=form), 400 if form.is_submitted() else 200
    try:
        user = access.redeem(link, utcnow())
    except WorkflowError as exc:
        db.session.rollback()
        return render_template("nominee/sign_in.html", form=SignInLinkForm(), problem=str(exc)), 410
    db.session.commit()
    login_user(user)
    flash(f"Signed in as {user.email}.", "success")
    return redirect(_link_target(link))


@bp.get("/files/<int:file_id>")
def download(file_id: int) -> Response:
    """A stored file, for its owner, the people of its nomination and the Secretariat only."""
    stored = db.get_or_404(StoredFile, file_id)
    if not ops.may_read_file(current_user if current_user.is_authenticated else None, stored):
        abort(403)
    response = send_file(path_of(stored), mimetype=stored.content_type, as_attachment=True,
                         download_name=stored.original_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/calls/<slug>/privacy")
def privacy(slug: str) -> str:
    """The call's privacy notice, linked from the consent checkbox."""
    call = call_or_404(slug, public=True)
    text = call.privacy_notice or DEFAULT_PRIVACY_NOTICE.format(months=call.retention_months or 24)
    return render_template("nominee/privacy.html", call=call, text=text,
                           is_default=not call.privacy_notice)


# ---------------------------------------------------------------------------- the form

def _nomination_form(call: Call, group: StakeholderGroup, nomination: Nomination | None) -> NominationForm:
    """The nomination form of a group with the call's questions, prefilled from ``nomination``.

    A save as draft asks no question as required; file questions already answered need no
    new upload.
    """
    final = any(name in request.form for name in FINAL_BUTTONS) or (
        nomination is not None and nomination.status == NominationStatus.SUBMITTED)
    answered = (nomination.answers or {}) if nomination else {}
    specs = [
        replace(spec, required=spec.required and final and not (spec.kind == "file" and answered.get(spec.key)))
        for spec in _question_specs(call, group)
    ]
    form_class = with_questions(NominationForm, specs)
    form = form_class(data=_form_data(nomination) if nomination else None)
    form.configure(required_level=group.required_level.value, group_name=group.name,
                   countries=_country_choices())
    return form


def _handle_form(form: NominationForm, call: Call, group: StakeholderGroup,
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
        _send_receipt(nomination)
        return "The nomination is submitted. A receipt is on its way to " + nomination.nominee.email + "."
    if form.request_consent.data:
        ops.request_consent(nomination, current_user, now)
        _invite_nominee(nomination)
        return (f"Saved. {nomination.nominee.email} has been invited to consent; the nomination "
                "is submitted when the nominee consents.")
    if form.give_consent.data:
        ops.give_consent(nomination, current_user, now)
        _send_receipt(nomination)
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
    limit = _config("MAX_UPLOAD_BYTES")
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


def _question_specs(call: Call, group: StakeholderGroup) -> list[QuestionSpec]:
    return [QuestionSpec(**question.spec_fields()) for question in call.questions_for(group)]


def _country_choices() -> list[tuple[str, str]]:
    """The countries by name (accents ignored, so "Côte d'Ivoire" sits among the Cs)."""
    by_name = sorted(countries().values(), key=lambda c: _collation_key(c.name))
    return [(c.iso2, f"{c.name} ({c.regional_group_name})" if c.regional_group else c.name)
            for c in by_name]


def _collation_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


# ---------------------------------------------------------------------------- helpers


def _group_of(call: Call, code: str) -> StakeholderGroup:
    group = next((g for g in call.groups if g.code == code), None)
    if group is None:
        abort(404)
    return group


def _nomination_for_change(nomination_id: int) -> Nomination:
    nomination = db.get_or_404(Nomination, nomination_id)
    if not ops.may_change(current_user, nomination):
        abort(403)
    return nomination


def _no_longer_editable(nomination: Nomination) -> tuple[str, int]:
    return render_template("nominee/closed.html", call=nomination.call, group=nomination.group,
                           nomination=nomination, deadline=ops.deadline_of(nomination)), 410


def _config(name: str) -> Any:
    return current_app.config[name]


def _is_upload(value: Any) -> bool:
    return isinstance(value, FileStorage) and bool(value.filename)


def _link_target(link: SignInLink) -> str:
    if link.purpose == CONSENT and link.nomination_id:
        return url_for("nominee.edit", nomination_id=link.nomination_id)
    return link.next_path or url_for("nominee.my_nominations")


def _level_label(nomination: Nomination) -> str:
    levels = dict(POSITION_LEVELS[nomination.group.required_level.value])
    return levels.get(nomination.position_level, nomination.position_level)


def _people_to_tell(nomination: Nomination) -> list[str]:
    """The nominee and, for a third party's nomination, the nominator (each once)."""
    addresses = [nomination.nominee.email]
    if nomination.is_third_party and nomination.nominator_email:
        addresses.append(nomination.nominator_email)
    return list(dict.fromkeys(address.lower() for address in addresses if address))


def _send_receipt(nomination: Nomination) -> None:
    for recipient in _people_to_tell(nomination):
        mail.enqueue(recipient, f"Receipt: nomination of {nomination.nominee.name} to {nomination.call.body}",
                     "receipt", related=nomination, nomination=nomination,
                     level_label=_level_label(nomination), deadline=ops.deadline_of(nomination),
                     link=url_for("nominee.show", nomination_id=nomination.id, _external=True))


def _invite_nominee(nomination: Nomination) -> None:
    """Mail the nominee a link that signs them in on the nomination, to consent or decline."""
    days = _config("INVITATION_LINK_DAYS")
    token = access.issue_link(nomination.nominee.email, lifetime=timedelta(days=days),
                              limit_per_hour=_config("SIGN_IN_LINKS_PER_HOUR"), purpose=CONSENT,
                              nomination=nomination)
    mail.enqueue(nomination.nominee.email,
                 f"You have been nominated to the {nomination.call.body}: please consent or decline",
                 "invitation", related=nomination, nomination=nomination, days=days,
                 deadline=ops.deadline_of(nomination),
                 link=url_for("nominee.use_link", token=token, _external=True))


def _answers_for_display(nomination: Nomination) -> list[tuple[QuestionSpec, Any]]:
    """Each question asked of the nomination's group with its answer (files as StoredFile)."""
    answers = nomination.answers or {}
    result = []
    for spec in _question_specs(nomination.call, nomination.group):
        value = answers.get(spec.key)
        if spec.kind == "file" and value:
            value = db.session.get(StoredFile, int(value))
        result.append((spec, value))
    return result


EVENT_WORDS = {
    "created": "Draft started",
    "updated": "Details changed",
    "file_attached": "File attached",
    "consent_requested": "Nominee invited to consent",
    "consent_given": "Nominee consented",
    "consent_declined": "Nominee declined",
}


def _history(nomination: Nomination) -> list[dict[str, Any]]:
    """The nomination's audit events in words, oldest first."""
    events = db.session.execute(
        select(AuditEvent).where(AuditEvent.object_type == "nomination",
                                 AuditEvent.object_id == nomination.id).order_by(AuditEvent.id)
    ).scalars().all()
    return [{"at": event.at, "what": _event_words(event), "who": _actor_words(event.actor, nomination)}
            for event in events]


def _event_words(event: AuditEvent) -> str:
    if event.action == "status" and event.to_state:
        words = NominationStatus(event.to_state).label
        reason = (event.details or {}).get("reason")
        return f"{words} ({reason})" if reason else words
    if event.action == "file_attached":
        purpose = FilePurpose((event.details or {}).get("purpose", "cv")).label
        return f"{purpose} attached: {(event.details or {}).get('name', '')}"
    if event.action == "updated":
        changed = (event.details or {}).get("fields", [])
        return f"Details changed: {', '.join(name.replace('_', ' ') for name in changed)}"
    return EVENT_WORDS.get(event.action, event.action.replace("_", " ").capitalize())


def _actor_words(actor: User | None, nomination: Nomination) -> str:
    if actor is None:
        return "the system"
    if current_user.is_authenticated and actor.id == current_user.id:
        return "you"
    if nomination.nominee.user_id == actor.id:
        return "the nominee"
    if nomination.nominator_id == actor.id:
        return "the nominator"
    return "the Secretariat"
