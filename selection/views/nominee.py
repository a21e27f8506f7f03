"""What nominees and nominators use: nominate per stakeholder group, save a draft, submit,
edit until the deadline, withdraw, consent to a third party's nomination, sign in with a
one-time link, and follow "my nominations" with status and history."""
from __future__ import annotations

from collections.abc import Callable
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
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from selection.forms.nomination import SELF, THIRD_PARTY, ConfirmForm, SignInLinkForm, WithdrawForm
from selection.forms.questions import QuestionSpec, condition_note
from selection.extensions import db, limiter
from selection.i18n import N_, page_language
from selection.models import (
    Call,
    Nomination,
    StakeholderGroup,
    StoredFile,
    User,
    utcnow,
)
from selection.models.sign_in_link import CONSENT, SignInLink
from selection.numbers import parse_id
from selection.models.translations import LocalizedText
from selection.services.uploads import path_of
from selection.views.loading import call_or_404
from selection.views.auth import safe_next
from selection.views.nomination_form import handle_form, new_creation_token, nomination_form, question_specs
from selection.views.operations import form_status, run_operation
from selection.views.sessions import sign_in_user
from selection.workflow import access, applications, calls, notifications, permissions, visibility
from selection.workflow.applications import Action, save_application, withdraw_application
from selection.workflow import nominations as ops
from selection.workflow.history import histories
from selection.workflow.errors import WorkflowError

bp = Blueprint("nominee", __name__)
bp.add_app_template_global(condition_note)
bp.add_app_template_global(permissions.may_answer_invitation)

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

TOO_MANY_SAVES = ("Too many nomination forms were sent from your address in a short time. Wait a minute, "
                  "then send the form again: what you typed is not saved yet.")
# One count per client address over every nomination form (new and edited).
nomination_saves = limiter.shared_limit(lambda: current_app.config["NOMINATION_SAVES_PER_CLIENT"],
                                        scope="nomination-saves", methods=["POST"], error_message=TOO_MANY_SAVES)


@bp.route("/calls/<slug>/nominate/<group_code>", methods=["GET", "POST"])
@nomination_saves
def nominate(slug: str, group_code: str) -> Response | tuple[str, int] | str:
    """A new nomination for one stakeholder group of an open call."""
    call = call_or_404(slug, public=True)
    group = _group_of(call, group_code)
    if not group.open_for_nominations:
        abort(403, _("The %(group)s group is not taking nominations in this call.", group=group.local_name))
    if not call.accepts_nominations(utcnow()):
        return render_template("nominee/closed.html", call=call, group=group,
                               not_yet_open=utcnow() < call.opens_at), 410
    if not current_user.is_authenticated:
        flash(_("Sign in with your e-mail address to start a nomination: we send you a link."), "info")
        return redirect(url_for("nominee.sign_in", next=request.path))
    if not permissions.may_nominate(current_user):
        abort(403, _("Staff accounts cannot make nominations; use a personal address instead."))
    form = nomination_form(call, group, None)
    if not form.is_submitted():
        form.name.data = current_user.name
        form.email.data = current_user.email
        form.nominator_email.data = current_user.email
        form.nominator_name.data = current_user.name
        if request.args.get("for") == THIRD_PARTY:
            form.nomination_kind.data = THIRD_PARTY
        form.creation_token.data = new_creation_token()
    return handle_form(form, call, group, None)


@bp.route("/nominations/<int:nomination_id>/edit", methods=["GET", "POST"])
@nomination_saves
@login_required
def edit(nomination_id: int) -> Response | tuple[str, int] | str:
    """Edit a draft or submitted nomination until its deadline (410 after it)."""
    nomination = _nomination_for_change(nomination_id)
    if not ops.is_editable(nomination, utcnow()):
        return _no_longer_editable(nomination)
    form = nomination_form(nomination.call, nomination.group, nomination)
    form.nomination_kind.data = THIRD_PARTY if nomination.is_third_party else SELF
    return handle_form(form, nomination.call, nomination.group, nomination)


@bp.get("/nominations/<int:nomination_id>")
@login_required
def show(nomination_id: int) -> str:
    """One nomination: its details, files, answers, status and history."""
    nomination = _nomination_if(nomination_id, permissions.may_view)
    status = visibility.shown_status(current_user, nomination)
    return render_template(
        "nominee/nomination.html",
        nomination=nomination,
        status=status,
        answers=_answers_for_display(nomination),
        history=_histories([nomination])[nomination.id],
        level_label=notifications.level_label(nomination),
        editable=ops.is_editable(nomination, utcnow()),
        may_change=permissions.may_change(current_user, nomination),
        may_withdraw=permissions.may_withdraw(current_user, nomination, status),
        answers_invitation=permissions.may_answer_invitation(current_user, nomination),
        may_invite_again=permissions.may_invite_again(current_user, nomination),
        is_nominee=permissions.is_nominee(current_user, nomination),
        deadline=ops.deadline_of(nomination),
        deadline_passed=utcnow() >= ops.deadline_of(nomination),
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
    nomination = _nomination_if(nomination_id, permissions.is_nominee)
    return _confirm_withdrawal(nomination, declining=True)


def _confirm_withdrawal(nomination: Nomination, *, declining: bool) -> ResponseReturnValue:
    """Ask once; on confirmation withdraw (or decline) in one operation that tells the people
    concerned, commit, redirect; a refusal is a 409."""
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_template("nominee/withdraw.html", nomination=nomination, form=form,
                               declining=declining), form_status(form)
    reason = form.reason.data or ""
    if declining:
        return run_operation(
            lambda: save_application(nomination.call, nomination.group, current_user, None, None, Action.DECLINE,
                                     nomination=nomination, reason=reason),
            url_for("nominee.my_nominations"), _("You declined the nomination; the nominator has been told."),
            show_refusal=_conflict)
    return run_operation(lambda: withdraw_application(nomination, current_user, reason=reason),
                         url_for("nominee.show", nomination_id=nomination.id),
                         _("The nomination is withdrawn. It stays on record; a notice has been sent."),
                         show_refusal=_conflict)


def _conflict(error: WorkflowError) -> ResponseReturnValue:
    """A refused change to a nomination: 409 with the reason."""
    abort(409, str(error))


@bp.post("/nominations/<int:nomination_id>/invite")
@login_required
def invite_again(nomination_id: int) -> ResponseReturnValue:
    """The nominator sends the invitation to consent once more (a fresh link); too many links
    this hour is said on the page, any other refusal is a 409."""
    nomination = _nomination_if(nomination_id, permissions.is_nominator)
    if not ConfirmForm().validate_on_submit():
        abort(400, _("The form expired; reload the page and try again."))
    back = url_for("nominee.show", nomination_id=nomination.id)

    def refused(error: WorkflowError) -> ResponseReturnValue:
        if not isinstance(error, access.TooManyLinks):
            return _conflict(error)
        flash(str(error), "error")
        return redirect(back)

    return run_operation(lambda: applications.invite_again(nomination, current_user), back,
                         _("The invitation was sent again to %(email)s.", email=nomination.nominee.email), show_refusal=refused)


@bp.get("/my")
@login_required
def my_nominations() -> str:
    """The nominations the signed-in person made or is the nominee of, with their history."""
    shown = visibility.nominations_of(current_user)
    nominations = [row.nomination for row in shown]
    return render_template(
        "nominee/my.html", nominations=nominations, open_calls=calls.open_calls(),
        statuses={row.nomination.id: row.status for row in shown}, histories=_histories(nominations),
        editable={n.id: ops.is_editable(n, utcnow()) for n in nominations},
    )


TOO_MANY_LINKS = N_("Too many sign-in links were asked for from here or for this address. "
                  "Use the latest link you received, or try again in an hour.")


def _address_key() -> str:
    return "link-address:" + request.form.get("email", "").strip().lower()


@bp.route("/my/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_LINK_REQUESTS_PER_CLIENT"], methods=["POST"],
               error_message=lambda: _(TOO_MANY_LINKS))
@limiter.limit(lambda: current_app.config["SIGN_IN_LINK_REQUESTS_PER_ADDRESS"], methods=["POST"],
               key_func=_address_key, error_message=lambda: _(TOO_MANY_LINKS))
def sign_in() -> ResponseReturnValue:
    """Ask for a one-time sign-in link; the same answer whether or not an account exists.
    Requests are limited per client address and per e-mail address, staff addresses included."""
    form = SignInLinkForm(next=request.args.get("next", ""))

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is None:
            return render_template("nominee/sign_in.html", form=form), form_status(form)
        form.email.errors.append(str(error))
        status = 429 if isinstance(error, access.TooManyLinks) else 400
        return render_template("nominee/sign_in.html", form=form), status

    if not form.validate_on_submit():
        return page()
    address = form.email.data
    return run_operation(lambda: notifications.sign_in_link(address, safe_next(form.next.data) or ""),
                         url_for("nominee.sign_in"), show_refusal=page,
                         show_result=lambda _sent: render_template("nominee/link_sent.html", email=address,
                                                               minutes=_config("SIGN_IN_LINK_MINUTES")))


@bp.route("/my/sign-in/<token>", methods=["GET", "POST"])
def use_link(token: str) -> Response | tuple[str, int] | str:
    """A one-time link: confirm with one button (mail scanners that follow links use nothing)."""
    link = access.find_link(token)
    problem = access.link_problem(link, utcnow())
    if problem is not None:
        return render_template("nominee/sign_in.html", form=SignInLinkForm(), problem=problem), 410
    assert link is not None
    if current_user.is_authenticated and current_user.email.lower() != link.email.lower():
        abort(403, _("This link was sent to another address. You are signed in as %(email)s: sign out "
                     "first to use it.", email=current_user.email))
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("nominee/use_link.html", link=link, form=form), form_status(form)
    target = _link_target(link)

    def signed_in(user: User) -> Response:
        sign_in_user(user)
        flash(_("Signed in as %(name)s.", name=user.email), "success")
        return redirect(target)

    return run_operation(lambda: access.redeem(link, utcnow()), target, show_result=signed_in,
                         show_refusal=lambda error: (render_template("nominee/sign_in.html", form=SignInLinkForm(),
                                                                     problem=str(error)), 410))


@bp.get("/files/<int:file_id>")
def download(file_id: int) -> Response:
    """A stored file, for its owner, the people of its nomination and the Secretariat only."""
    stored = db.get_or_404(StoredFile, file_id)
    if not permissions.may_read_file(current_user, stored):
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
    text = call.text_in("privacy_notice", page_language())
    if not text:
        text = LocalizedText(DEFAULT_PRIVACY_NOTICE.format(months=call.retention_months or 24), "en", "en")
    return render_template("nominee/privacy.html", call=call, text=text,
                           is_default=not call.privacy_notice)


# ---------------------------------------------------------------------------- helpers


def _group_of(call: Call, code: str) -> StakeholderGroup:
    group = next((g for g in call.groups if g.code == code), None)
    if group is None:
        abort(404)
    return group


def _nomination_for_change(nomination_id: int) -> Nomination:
    return _nomination_if(nomination_id, permissions.may_change)


def _nomination_if(nomination_id: int, may: Callable[[Any, Nomination], bool]) -> Nomination:
    """The nomination (404 when there is none) if the signed-in person ``may`` (else 403)."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if not may(current_user, nomination):
        abort(403)
    return nomination


def _no_longer_editable(nomination: Nomination) -> tuple[str, int]:
    return render_template("nominee/closed.html", call=nomination.call, group=nomination.group,
                           nomination=nomination, status=visibility.shown_status(current_user, nomination),
                           deadline=ops.deadline_of(nomination)), 410


def _config(name: str) -> Any:
    return current_app.config[name]


def _link_target(link: SignInLink) -> str:
    if link.purpose == CONSENT and link.nomination_id:
        return url_for("nominee.edit", nomination_id=link.nomination_id)
    return link.next_path or url_for("nominee.my_nominations")


def _answers_for_display(nomination: Nomination) -> list[tuple[QuestionSpec, Any]]:
    """Each question asked of the nomination's group with its answer (files as StoredFile)."""
    answers = nomination.answers or {}
    result = []
    for spec in question_specs(nomination.call, nomination.group):
        value = answers.get(spec.key)
        if spec.kind == "file" and value:
            file_id = parse_id(str(value))
            value = db.session.get(StoredFile, file_id) if file_id else None
        result.append((spec, value))
    return result


def _histories(nominations: list[Nomination]) -> dict[int, list[dict[str, Any]]]:
    """Each nomination's history as the signed-in person may read it, in words (one query)."""
    return histories(nominations, current_user)
