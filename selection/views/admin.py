"""Administration: calls (created from templates, edited section by section, opened and closed,
deadlines extended) and staff users. Administrators only."""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import Form

from selection.forms.admin import (
    BLANK_ROWS,
    ActionForm,
    CallDetailsForm,
    EditUserForm,
    ExtendCallForm,
    ExtendNominationForm,
    GroupsForm,
    NewCallForm,
    PrivacyForm,
    QuestionForm,
    ReviewSettingsForm,
    RulesForm,
    StaffUserForm,
    as_utc_input,
    to_utc,
)
from selection.forms.questions import QuestionSpec, condition_note, question_answers, with_questions
from selection.forms import BaseForm
from selection.call_templates import TEMPLATES
from selection.extensions import db
from selection.models import (
    EX_OFFICIO_KINDS,
    RULE_ATTRIBUTES,
    STAFF_ROLES,
    ApiToken,
    AuditEvent,
    Call,
    Nomination,
    Question,
    QuestionKind,
    RequiredLevel,
    Role,
    User,
)
from selection.models.call import RECOMMENDATION_LEVELS
from selection.views.sessions import session_limits
from selection.workflow.sessions import end_sessions_of, open_sessions
from selection.views.loading import call_or_404
from selection.views.permissions import roles_required
from selection.workflow import call_config
from selection.workflow.call_config import ConfirmationRequired
from selection.workflow.calls import (
    close_call,
    configuration_problems,
    create_call,
    extend_call_deadline,
    extend_nomination_deadline,
    open_call,
)
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.users import (
    create_user,
    issue_api_token,
    revoke_api_token,
    set_active,
    staff_users,
    update_user,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.app_template_global("condition_note")(condition_note)

SECTIONS = [
    ("admin.call_overview", "Status"),
    ("admin.call_details", "Details"),
    ("admin.call_groups", "Groups"),
    ("admin.call_questions", "Questions"),
    ("admin.call_rules", "Rules"),
    ("admin.call_review", "Review settings"),
    ("admin.call_privacy", "Privacy"),
    ("admin.call_deadlines", "Deadlines"),
]
PROBLEM_KEY = re.compile(r"^(\w+)(?:\[(\d+)\](?:\.(\w+))?)?$")


@bp.before_request
@roles_required(Role.ADMIN)
def _administrators_only() -> None:
    """Every page here is for administrators: others get 403, strangers the sign-in page."""


@bp.context_processor
def _call_sections() -> dict[str, Any]:
    """Every page of a call links to each section of it, the overview included."""
    return {"sections": SECTIONS}


# --- calls ---------------------------------------------------------------------------------

@bp.get("/calls")
def calls() -> str:
    """Every call, drafts too, with its status and what stops it from opening."""
    all_calls = db.session.execute(select(Call).order_by(Call.opens_at.desc())).scalars().all()
    return render_template("admin/calls.html", calls=[(call, configuration_problems(call)) for call in all_calls])


@bp.route("/calls/new", methods=["GET", "POST"])
def new_call() -> Response | tuple[str, int]:
    """Create a draft call from a template or from scratch."""
    form = NewCallForm()
    form.template.choices = [(key, template.label) for key, template in TEMPLATES.items()]
    if form.validate_on_submit():
        try:
            call = create_call(form.template.data, form.slug.data, form.title.data, current_user)
        except InvalidConfiguration as exc:
            db.session.rollback()
            attach_problems(form, exc.problems)
        else:
            db.session.commit()
            flash(f"Created the draft call “{call.title}”. Check each section, then open it.", "success")
            return redirect(url_for("admin.call_overview", slug=call.slug))
    return render_template("admin/new_call.html", form=form, templates=TEMPLATES), _status(form)


@bp.get("/calls/<slug>")
def call_overview(slug: str) -> str:
    """The call's status, what stops it from opening, its sections and its audit trail."""
    call = call_or_404(slug)
    events = db.session.execute(
        select(AuditEvent).where(AuditEvent.object_type == "call", AuditEvent.object_id == call.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(30)
    ).scalars().all()
    return render_template("admin/call_overview.html", call=call, problems=configuration_problems(call),
                           events=events, action_form=ActionForm())


@bp.post("/calls/<slug>/open")
def call_open(slug: str) -> Response:
    """Open a draft call, or reopen a closed one; refused with the reasons when it cannot work."""
    return _status_change(slug, lambda call: open_call(call, current_user), "Opened")


@bp.post("/calls/<slug>/close")
def call_close(slug: str) -> Response:
    """Close an open call: no more nominations or edits."""
    return _status_change(slug, lambda call: close_call(call, current_user), "Closed")


def _status_change(slug: str, operation: Callable[[Call], None], verb: str) -> Response:
    call = call_or_404(slug)
    return _button_action(lambda: operation(call), f"{verb} “{call.title}”.",
                          url_for("admin.call_overview", slug=slug), refused="The call cannot open: ")


def _button_action(operation: Callable[[], Any], done: str, back_to: str, refused: str = "Refused: ") -> Response:
    """A button's POST: check its CSRF token, run one operation, commit, and go back with a message."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        operation()
    except InvalidConfiguration as exc:
        db.session.rollback()
        flash(refused + "; ".join(exc.problems.values()) + ".", "error")
    except WorkflowError as exc:
        db.session.rollback()
        flash(f"Refused: {exc}.", "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(back_to)


@bp.route("/calls/<slug>/details", methods=["GET", "POST"])
def call_details(slug: str) -> Response | tuple[str, int]:
    """Title, body, description, seats, term, opening and closing times, term limit, ex officio seats."""
    call = call_or_404(slug)
    form = CallDetailsForm(data=None if request.method == "POST" else {
        "title": call.title, "body": call.body, "description": call.description, "seats": call.seats,
        "term_start": call.term_start, "term_end": call.term_end, "opens_at": as_utc_input(call.opens_at),
        "closes_at": as_utc_input(call.closes_at), "time_zone": "UTC",
        "max_consecutive_terms": call.max_consecutive_terms, "ex_officio_seats": list(call.ex_officio_seats or []),
    })
    form.ex_officio_seats.choices = list(EX_OFFICIO_KINDS.items())

    def save(confirmed: bool) -> None:
        values = {name: form[name].data for name in call_config.DETAIL_FIELDS}
        values["title"], values["body"] = values["title"].strip(), values["body"].strip()
        values["opens_at"] = to_utc(form.opens_at.data, form.time_zone.data)
        values["closes_at"] = to_utc(form.closes_at.data, form.time_zone.data)
        call_config.update_details(call, values, current_user, confirmed=confirmed)

    return _section(call, form, "admin/call_details.html", save)


@bp.route("/calls/<slug>/groups", methods=["GET", "POST"])
def call_groups(slug: str) -> Response | tuple[str, int]:
    """The stakeholder groups: name, seats, eligibility wording, required level, open or not."""
    call = call_or_404(slug)
    rows = [{"id": str(g.id), "code": g.code, "name": g.name, "seats": g.seats, "eligibility": g.eligibility,
             "required_level": g.required_level.value, "open_for_nominations": g.open_for_nominations}
            for g in call.groups]
    form = _row_form(GroupsForm, "groups", rows, {"required_level": "none", "open_for_nominations": True})
    for entry in form.groups:
        entry.form.required_level.choices = RequiredLevel.choices()

    def save(confirmed: bool) -> None:
        values = [
            {"row": index, "id": int(row.id.data) if (row.id.data or "").isdigit() else None,
             "code": (row.code.data or "").strip(), "name": (row.name.data or "").strip(), "seats": row.seats.data,
             "eligibility": (row.eligibility.data or "").strip(),
             "required_level": RequiredLevel(row.required_level.data),
             "open_for_nominations": row.open_for_nominations.data, "remove": row.remove.data}
            for index, row in _filled_rows(form.groups)
        ]
        call_config.replace_groups(call, values, current_user, confirmed=confirmed)

    return _section(call, form, "admin/call_groups.html", save,
                    nomination_counts=call_config.group_nomination_counts(call))


@bp.route("/calls/<slug>/rules", methods=["GET", "POST"])
def call_rules(slug: str) -> Response | tuple[str, int]:
    """The balance rules the selection must respect."""
    call = call_or_404(slug)
    rows = [{"attribute": r.attribute, "value": r.value, "min_seats": r.min_seats, "max_seats": r.max_seats,
             "hard": "hard" if r.hard else "soft", "penalty": r.penalty,
             "where_attribute": r.where_attribute or "", "where_value": r.where_value or ""} for r in call.rules]
    form = _row_form(RulesForm, "rules", rows, {"value": "*"})
    attributes = list(RULE_ATTRIBUTES.items())
    for entry in form.rules:
        entry.form.attribute.choices = [("", "—")] + attributes
        entry.form.where_attribute.choices = [("", "the whole body")] + attributes

    def save(confirmed: bool) -> None:
        values = [
            {"row": index, "attribute": row.attribute.data, "value": (row.value.data or "*").strip(),
             "min_seats": row.min_seats.data, "max_seats": row.max_seats.data, "hard": row.hard.data == "hard",
             "penalty": row.penalty.data, "where_attribute": row.where_attribute.data or None,
             "where_value": (row.where_value.data or "").strip() or None}
            for index, row in _filled_rows(form.rules) if not row.remove.data
        ]
        call_config.replace_rules(call, values, current_user, confirmed=confirmed)

    return _section(call, form, "admin/call_rules.html", save)


@bp.route("/calls/<slug>/questions", methods=["GET", "POST"])
def call_questions(slug: str) -> Response | tuple[str, int]:
    """The custom questions of the nomination form, and a form to add one."""
    call = call_or_404(slug)
    form = _question_form(call, None)
    return _section(call, form, "admin/call_questions.html",
                    lambda _confirmed: call_config.add_question(call, _question_values(form), current_user),
                    action_form=ActionForm(), saved="Question added.")


@bp.route("/calls/<slug>/questions/<int:question_id>", methods=["GET", "POST"])
def call_question(slug: str, question_id: int) -> Response | tuple[str, int]:
    """Edit one custom question."""
    call = call_or_404(slug)
    question = _question(call, question_id)
    form = _question_form(call, question)
    return _section(call, form, "admin/call_question.html",
                    lambda _confirmed: call_config.update_question(question, _question_values(form), current_user),
                    question=question, saved="Question saved.",
                    next_url=url_for("admin.call_questions", slug=slug))


@bp.post("/calls/<slug>/questions/<int:question_id>/delete")
def delete_question(slug: str, question_id: int) -> Response:
    """Remove a custom question."""
    call = call_or_404(slug)
    question = _question(call, question_id)
    return _question_action(slug, lambda: call_config.delete_question(question, current_user), "Question removed.")


@bp.post("/calls/<slug>/questions/<int:question_id>/move/<direction>")
def move_question(slug: str, question_id: int, direction: str) -> Response:
    """Move a custom question up or down the form."""
    call = call_or_404(slug)
    question = _question(call, question_id)
    offsets = {"up": -1, "down": 1}
    if direction not in offsets:
        abort(404)
    return _question_action(slug, lambda: call_config.move_question(question, offsets[direction], current_user),
                            "Question moved.")


def _question_action(slug: str, operation: Callable[[], None], done: str) -> Response:
    return _button_action(operation, done, url_for("admin.call_questions", slug=slug))


@bp.route("/calls/<slug>/questions/preview", methods=["GET", "POST"])
def preview_questions(slug: str) -> tuple[str, int]:
    """The questions as the nominees of one group see them, with their validation."""
    call = call_or_404(slug)
    group = next((g for g in call.groups if str(g.id) == request.args.get("group")), call.groups[0] if call.groups else None)
    specs = [QuestionSpec(**q.spec_fields()) for q in call.questions_for(group)] if group else []
    form = with_questions(BaseForm, specs)()
    answers = question_answers(form, specs) if form.validate_on_submit() else None
    status = 400 if form.is_submitted() and answers is None else 200
    return render_template("admin/call_preview.html", call=call, group=group, form=form, answers=answers,
                           specs={spec.key: spec for spec in specs},
                           problems=configuration_problems(call)), status


@bp.route("/calls/<slug>/review", methods=["GET", "POST"])
def call_review(slug: str) -> Response | tuple[str, int]:
    """The review rubric, the recommending bodies and the merit-score formula."""
    call = call_or_404(slug)
    formula = call.merit_settings
    points = formula.get("recommendation_points", {})
    rows = [{"name": c.name, "description": c.description, "weight": c.weight, "scale_min": c.scale_min,
             "scale_max": c.scale_max} for c in call.rubric_criteria]
    form = _row_form(ReviewSettingsForm, "criteria", rows, {"scale_min": 1, "scale_max": 5}, {
        "bodies": "\n".join(body.name for body in call.recommending_bodies),
        "review_weight": formula.get("review_weight"), "recommendation_weight": formula.get("recommendation_weight"),
        **{f"points_{level}": points.get(level) for level in RECOMMENDATION_LEVELS},
    })

    def save(_confirmed: bool) -> None:
        criteria = [
            {"row": index, "name": (row.name.data or "").strip(), "description": (row.description.data or "").strip(),
             "weight": row.weight.data, "scale_min": row.scale_min.data, "scale_max": row.scale_max.data}
            for index, row in _filled_rows(form.criteria) if not row.remove.data
        ]
        new_formula = {
            "review_weight": form.review_weight.data, "recommendation_weight": form.recommendation_weight.data,
            "recommendation_points": {level: form[f"points_{level}"].data for level in RECOMMENDATION_LEVELS},
        }
        call_config.update_review_settings(call, criteria, (form.bodies.data or "").splitlines(), new_formula,
                                           current_user)

    return _section(call, form, "admin/call_review.html", save)


@bp.route("/calls/<slug>/privacy", methods=["GET", "POST"])
def call_privacy(slug: str) -> Response | tuple[str, int]:
    """The privacy notice nominees consent to, and the retention period."""
    call = call_or_404(slug)
    form = PrivacyForm(data=None if request.method == "POST" else {
        "privacy_notice": call.privacy_notice, "retention_months": call.retention_months})
    return _section(call, form, "admin/call_privacy.html", lambda _confirmed: call_config.update_privacy(
        call, {"privacy_notice": (form.privacy_notice.data or "").strip(),
               "retention_months": form.retention_months.data}, current_user))


@bp.route("/calls/<slug>/deadlines", methods=["GET", "POST"])
def call_deadlines(slug: str) -> Response | tuple[str, int]:
    """Extend the deadline of the whole call or of one nomination, with a reason."""
    call = call_or_404(slug)
    is_post = request.method == "POST"
    which = request.form.get("which") if is_post else None
    call_form = ExtendCallForm(formdata=None if which != "call" else request.form, data={"time_zone": "UTC"})
    nomination_form = ExtendNominationForm(formdata=None if which != "nomination" else request.form,
                                           data={"time_zone": "UTC"})
    nominations = db.session.execute(
        select(Nomination).where(Nomination.call_id == call.id).order_by(Nomination.id)
    ).scalars().all()
    nomination_form.nomination_id.choices = [
        (n.id, f"{n.nominee.name} · {n.group.name} · {n.status.label}") for n in nominations]
    form = call_form if which == "call" else nomination_form

    def save(_confirmed: bool) -> None:
        closes_at = to_utc(form.closes_at.data, form.time_zone.data)
        if form is call_form:
            extend_call_deadline(call, closes_at, form.reason.data, current_user)
        else:
            nomination = db.session.get(Nomination, form.nomination_id.data)
            extend_nomination_deadline(call, nomination, closes_at, form.reason.data, current_user)

    return _section(call, form, "admin/call_deadlines.html", save, call_form=call_form,
                    nomination_form=nomination_form, saved="Deadline extended.",
                    nominations_by_id={n.id: n for n in nominations})


def _section(call: Call, form: Form, template: str, save: Callable[[bool], Any], *, saved: str = "Saved.",
             next_url: str | None = None, **context: Any) -> Response | tuple[str, int]:
    """Validate a section's form, apply it through one operation, commit, redirect; or show why not.

    A change to seats or rules of an opened call comes back with the list of changes and a
    button that posts the same form again with ``confirm=yes``.
    """
    confirmation = None
    if form.validate_on_submit():
        try:
            save(request.form.get("confirm") == "yes")
        except ConfirmationRequired as exc:
            db.session.rollback()
            confirmation = exc.changes
        except InvalidConfiguration as exc:
            db.session.rollback()
            attach_problems(form, exc.problems)
        except WorkflowError as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            flash(saved, "success")
            return redirect(next_url or request.url)
    status = 200 if confirmation or not form.is_submitted() else 400
    return render_template(template, call=call, form=form, confirmation=confirmation,
                           problems=configuration_problems(call), **context), status


def attach_problems(form: Form, problems: dict[str, str]) -> None:
    """Show each problem next to its field (``seats``, ``groups[1].seats``), else above the form."""
    for key, reason in problems.items():
        field = _field_for_problem(form, key)
        message = reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]


def _field_for_problem(form: Form, key: str) -> Any:
    match = PROBLEM_KEY.match(key)
    if not match or match.group(1) not in form:
        return None
    name, index, sub = match.groups()
    field = form[name]
    if index is None:
        return field
    entries = getattr(field, "entries", [])
    if int(index) >= len(entries) or sub is None or sub not in entries[int(index)].form:
        return None
    return entries[int(index)].form[sub]


def _row_form(form_class: type[BaseForm], list_name: str, rows: list[dict[str, Any]],
              blank: dict[str, Any], extra: dict[str, Any] | None = None) -> Any:
    """A row-editor form: the stored rows and a few blank ones on GET, the posted rows on POST."""
    if request.method == "POST":
        return form_class()
    return form_class(data={list_name: rows + [dict(blank) for _ in range(BLANK_ROWS)], **(extra or {})})


def _filled_rows(field_list: Any) -> list[tuple[int, Any]]:
    """The (index, row form) pairs of a row editor that are not left blank."""
    return [(index, entry.form) for index, entry in enumerate(field_list.entries) if not entry.form.is_blank()]


def _question_form(call: Call, question: Question | None) -> QuestionForm:
    """The question form with its choices: the call's groups, the kinds, and earlier answers."""
    data = None
    if question is not None and request.method != "POST":
        data = {"group_id": str(question.group_id or ""), "label": question.label, "help_text": question.help_text,
                "kind": question.kind.value, "choices": "\n".join(question.choices or []),
                "required": question.required,
                "show_when": f"{question.show_if_question_id}:{question.show_if_value}"
                if question.show_if_question_id else ""}
    form = QuestionForm(data=data)
    form.group_id.choices = [("", "Every stakeholder group")] + [(str(g.id), g.name) for g in call.groups]
    form.kind.choices = QuestionKind.choices()
    earlier = [q for q in call.questions if q.kind in (QuestionKind.CHOICE, QuestionKind.YES_NO)
               and (question is None or q.position < question.position)]
    form.show_when.choices = [("", "Always")] + [
        (f"{q.id}:{value}", f"“{q.label}” is “{value.capitalize() if q.kind == QuestionKind.YES_NO else value}”")
        for q in earlier for value in q.answer_values]
    return form


def _question_values(form: QuestionForm) -> dict[str, Any]:
    condition_id, _, condition_value = (form.show_when.data or "").partition(":")
    return {
        "group_id": int(form.group_id.data) if form.group_id.data else None,
        "label": form.label.data, "help_text": form.help_text.data, "kind": form.kind.data,
        "required": form.required.data, "choices": (form.choices.data or "").splitlines(),
        "show_if_question_id": int(condition_id) if condition_id else None, "show_if_value": condition_value or None,
    }



def _question(call: Call, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.call_id != call.id:
        abort(404)
    return question


def _status(form: Form) -> int:
    return 400 if form.is_submitted() else 200


# --- staff users ---------------------------------------------------------------------------

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]


@bp.get("/users")
def users() -> str:
    """Every staff user with roles, state and tokens."""
    return render_template("admin/users.html", users=staff_users())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> Response | tuple[str, int]:
    """Create a staff user; a generated password is shown once."""
    form = StaffUserForm()
    form.roles.choices = STAFF_ROLE_CHOICES
    if form.validate_on_submit():
        password = form.password.data or secrets.token_urlsafe(12)
        try:
            user = create_user(form.email.data, [Role(value) for value in form.roles.data], current_user,
                               name=(form.name.data or "").strip(),
                               organization=(form.organization.data or "").strip(),
                               password=password)
        except WorkflowError as exc:
            db.session.rollback()
            form.email.errors = [*form.email.errors, str(exc)[:1].upper() + str(exc)[1:] + "."]
        else:
            db.session.commit()
            if form.password.data:
                flash(f"Created {user.email}.", "success")
                return redirect(url_for("admin.edit_user", user_id=user.id))
            return _no_store(render_template("admin/secret_once.html", user=user, secret=password,
                                             what="password")), 200
    return render_template("admin/new_user.html", form=form), _status(form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int) -> Response | tuple[str, int]:
    """A staff user's name, organization and roles, state, and API tokens."""
    user = db.get_or_404(User, user_id)
    form = EditUserForm(data=None if request.method == "POST" else {
        "name": user.name, "organization": user.organization, "roles": [r.value for r in user.roles]})
    form.roles.choices = STAFF_ROLE_CHOICES + [(Role.NOMINEE.value, Role.NOMINEE.label)]
    if form.validate_on_submit():
        try:
            update_user(user, current_user, name=form.name.data or "", organization=form.organization.data or "",
                        roles=[Role(value) for value in form.roles.data])
        except WorkflowError as exc:
            db.session.rollback()
            form.roles.errors = [*form.roles.errors, str(exc)[:1].upper() + str(exc)[1:] + "."]
        else:
            db.session.commit()
            flash(f"Saved {user.email}.", "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    tokens = db.session.execute(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
    ).scalars().all()
    return render_template("admin/edit_user.html", user=user, form=form, tokens=tokens,
                           sessions=open_sessions(user, session_limits()), action_form=ActionForm()), _status(form)


@bp.post("/users/<int:user_id>/deactivate")
def deactivate_user(user_id: int) -> Response:
    """Deactivate a user: no more sign-in or API use; their reviews and records stay."""
    return _user_action(user_id, lambda user: set_active(user, False, current_user), "Deactivated")


@bp.post("/users/<int:user_id>/end-sessions")
def end_user_sessions(user_id: int) -> Response:
    """Sign a user out everywhere: every open session ends at once."""
    return _user_action(user_id, lambda user: end_sessions_of(user, current_user, "administrator"),
                        "Ended every session of")


@bp.post("/users/<int:user_id>/reactivate")
def reactivate_user(user_id: int) -> Response:
    """Let a deactivated user sign in again."""
    return _user_action(user_id, lambda user: set_active(user, True, current_user), "Reactivated")


@bp.post("/users/<int:user_id>/tokens/<int:token_id>/revoke")
def revoke_token(user_id: int, token_id: int) -> Response:
    """Revoke one of a user's API tokens."""
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != user_id:
        abort(404)
    return _user_action(user_id, lambda _user: revoke_api_token(token, current_user), "Revoked a token of")


@bp.post("/users/<int:user_id>/tokens")
def issue_token(user_id: int) -> Response | tuple[Response, int]:
    """Issue an API token and show it once; only its digest is kept."""
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        token = issue_api_token(user, current_user)
    except WorkflowError as exc:
        db.session.rollback()
        flash(f"Refused: {exc}.", "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    db.session.commit()
    return _no_store(render_template("admin/secret_once.html", user=user, secret=token, what="token")), 200


def _user_action(user_id: int, operation: Callable[[User], None], verb: str) -> Response:
    user = db.get_or_404(User, user_id)
    return _button_action(lambda: operation(user), f"{verb} {user.email}.",
                          url_for("admin.edit_user", user_id=user.id))


def _no_store(html: str) -> Response:
    """A page showing a secret: never cached."""
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
