"""Calls: created from templates, edited section by section (details, groups, rules, review
settings, privacy), opened and closed, deadlines extended."""
from __future__ import annotations

from collections.abc import Callable

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from selection.workflow.call_templates import TEMPLATES
from selection.extensions import db
from selection.forms.admin import (
    ActionForm,
    CallDetailsForm,
    ExtendCallForm,
    ExtendNominationForm,
    GroupsForm,
    NewCallForm,
    PrivacyForm,
    ReviewSettingsForm,
    RulesForm,
    as_utc_input,
    to_utc,
)
from selection.numbers import parse_id
from selection.models import EX_OFFICIO_KINDS, RULE_ATTRIBUTES, Call, RequiredLevel
from selection.models.call import RECOMMENDATION_LEVELS
from selection.slates.problem import rule_in_page_words
from selection.views.admin.blueprint import (
    bp,
    button_action,
    filled_rows,
    row_form,
    section,
    show_on_form,
)
from selection.views.loading import call_or_404
from selection.views.operations import form_status, run_operation
from selection.workflow.call_nominations import (
    extended_nominations,
    nomination_count,
    nomination_numbered,
    nomination_to_extend,
)
from selection.workflow import call_config
from selection.workflow.calls import (
    close_call,
    configuration_problems,
    create_call,
    extend_call_deadline,
    extend_nomination_deadline,
    open_call,
)
from selection.workflow.errors import WorkflowError
from selection.workflow.history import events_of


@bp.get("/calls")
def calls() -> str:
    """Every call, drafts too, with its status and what stops it from opening."""
    all_calls = db.session.execute(select(Call).order_by(Call.opens_at.desc())).scalars().all()
    return render_template("admin/calls.html", calls=[(call, configuration_problems(call)) for call in all_calls])


@bp.route("/calls/new", methods=["GET", "POST"])
def new_call() -> ResponseReturnValue:
    """Create a draft call from a template or from scratch."""
    form = NewCallForm()
    form.template.choices = [(key, _(template.label)) for key, template in TEMPLATES.items()]

    def page(error: WorkflowError | None = None) -> ResponseReturnValue:
        if error is not None:
            show_on_form(form, error)
        return render_template("admin/new_call.html", form=form, templates=TEMPLATES), form_status(form)

    if not form.validate_on_submit():
        return page()
    return run_operation(
        lambda: create_call(form.template.data, form.slug.data, form.title.data, current_user),
        lambda call: url_for("admin.call_overview", slug=call.slug),
        lambda call: _("Created the draft call “%(title)s”. Check each section, then open it.", title=call.title),
        show_refusal=page)


@bp.get("/calls/<slug>")
def call_overview(slug: str) -> str:
    """The call's status, what stops it from opening, its sections and its audit trail."""
    call = call_or_404(slug)
    return render_template("admin/call_overview.html", call=call, problems=configuration_problems(call),
                           nomination_count=nomination_count(call),
                           events=events_of("call", call.id, newest_first=True, limit=30),
                           action_form=ActionForm())


@bp.post("/calls/<slug>/open")
def call_open(slug: str) -> ResponseReturnValue:
    """Open a draft call, or reopen a closed one; refused with the reasons when it cannot work."""
    return _status_change(slug, lambda call: open_call(call, current_user), lambda call: _("Opened “%(title)s”.", title=call.title))


@bp.post("/calls/<slug>/close")
def call_close(slug: str) -> ResponseReturnValue:
    """Close an open call: no more nominations or edits."""
    return _status_change(slug, lambda call: close_call(call, current_user), lambda call: _("Closed “%(title)s”.", title=call.title))


def _status_change(slug: str, operation: Callable[[Call], None], done: Callable[[Call], str]) -> ResponseReturnValue:
    call = call_or_404(slug)
    return button_action(lambda: operation(call), done(call), url_for("admin.call_overview", slug=slug),
                         refused=_("The call cannot open: %(problems)s."))


@bp.route("/calls/<slug>/details", methods=["GET", "POST"])
def call_details(slug: str) -> ResponseReturnValue:
    """Title, body, description, seats, term, opening and closing times, term limit, ex officio seats."""
    call = call_or_404(slug)
    form = CallDetailsForm(data=None if request.method == "POST" else {
        "title": call.title, "body": call.body, "description": call.description, "seats": call.seats,
        "term_start": call.term_start, "term_end": call.term_end, "opens_at": as_utc_input(call.opens_at),
        "closes_at": as_utc_input(call.closes_at), "time_zone": "UTC",
        "max_consecutive_terms": call.max_consecutive_terms, "ex_officio_seats": list(call.ex_officio_seats or []),
    })
    form.ex_officio_seats.choices = [(kind, _(label)) for kind, label in EX_OFFICIO_KINDS.items()]

    def save(confirmed: bool) -> None:
        values = {name: form[name].data for name in call_config.DETAIL_FIELDS}
        values["title"], values["body"] = values["title"].strip(), values["body"].strip()
        values["opens_at"] = to_utc(form.opens_at.data, form.time_zone.data)
        values["closes_at"] = to_utc(form.closes_at.data, form.time_zone.data)
        call_config.update_details(call, values, current_user, confirmed=confirmed)

    return section(call, form, "admin/call_details.html", save)


@bp.route("/calls/<slug>/groups", methods=["GET", "POST"])
def call_groups(slug: str) -> ResponseReturnValue:
    """The stakeholder groups: name, seats, eligibility wording, required level, open or not."""
    call = call_or_404(slug)
    rows = [{"id": str(g.id), "code": g.code, "name": g.name, "seats": g.seats, "eligibility": g.eligibility,
             "required_level": g.required_level.value, "open_for_nominations": g.open_for_nominations}
            for g in call.groups]
    form = row_form(GroupsForm, "groups", rows, {"required_level": "none", "open_for_nominations": True})
    for entry in form.groups:
        entry.form.required_level.choices = RequiredLevel.choices()

    def save(confirmed: bool) -> None:
        values = [
            {"row": index, "id": parse_id(row.id.data),
             "code": (row.code.data or "").strip(), "name": (row.name.data or "").strip(), "seats": row.seats.data,
             "eligibility": (row.eligibility.data or "").strip(),
             "required_level": RequiredLevel(row.required_level.data),
             "open_for_nominations": row.open_for_nominations.data, "remove": row.remove.data}
            for index, row in filled_rows(form.groups)
        ]
        call_config.replace_groups(call, values, current_user, confirmed=confirmed)

    return section(call, form, "admin/call_groups.html", save,
                   nomination_counts=call_config.group_nomination_counts(call))


@bp.route("/calls/<slug>/rules", methods=["GET", "POST"])
def call_rules(slug: str) -> ResponseReturnValue:
    """The balance rules the selection must respect."""
    call = call_or_404(slug)
    rows = [{"attribute": r.attribute, "value": r.value, "min_seats": r.min_seats, "max_seats": r.max_seats,
             "hard": "hard" if r.hard else "soft", "penalty": r.penalty,
             "where_attribute": r.where_attribute or "", "where_value": r.where_value or ""} for r in call.rules]
    form = row_form(RulesForm, "rules", rows, {"value": "*"})
    attributes = [(attribute, _(words)) for attribute, words in RULE_ATTRIBUTES.items()]
    for entry in form.rules:
        entry.form.attribute.choices = [("", "—")] + attributes
        entry.form.where_attribute.choices = [("", _("the whole body"))] + attributes

    def save(confirmed: bool) -> None:
        values = [
            {"row": index, "attribute": row.attribute.data, "value": (row.value.data or "*").strip(),
             "min_seats": row.min_seats.data, "max_seats": row.max_seats.data, "hard": row.hard.data == "hard",
             "penalty": row.penalty.data, "where_attribute": row.where_attribute.data or None,
             "where_value": (row.where_value.data or "").strip() or None}
            for index, row in filled_rows(form.rules) if not row.remove.data
        ]
        call_config.replace_rules(call, values, current_user, confirmed=confirmed)

    return section(call, form, "admin/call_rules.html", save, rule_words=rule_in_page_words)


@bp.route("/calls/<slug>/review", methods=["GET", "POST"])
def call_review(slug: str) -> ResponseReturnValue:
    """The review rubric, the recommending bodies and the merit-score formula."""
    call = call_or_404(slug)
    formula = call.merit_settings
    points = formula.get("recommendation_points", {})
    rows = [{"name": c.name, "description": c.description, "weight": c.weight, "scale_min": c.scale_min,
             "scale_max": c.scale_max} for c in call.rubric_criteria]
    form = row_form(ReviewSettingsForm, "criteria", rows, {"scale_min": 1, "scale_max": 5}, {
        "bodies": "\n".join(body.name for body in call.recommending_bodies),
        "review_weight": formula.get("review_weight"), "recommendation_weight": formula.get("recommendation_weight"),
        **{f"points_{level}": points.get(level) for level in RECOMMENDATION_LEVELS},
    })

    def save(_confirmed: bool) -> None:
        criteria = [
            {"row": index, "name": (row.name.data or "").strip(), "description": (row.description.data or "").strip(),
             "weight": row.weight.data, "scale_min": row.scale_min.data, "scale_max": row.scale_max.data}
            for index, row in filled_rows(form.criteria) if not row.remove.data
        ]
        new_formula = {
            "review_weight": form.review_weight.data, "recommendation_weight": form.recommendation_weight.data,
            "recommendation_points": {level: form[f"points_{level}"].data for level in RECOMMENDATION_LEVELS},
        }
        call_config.update_review_settings(call, criteria, (form.bodies.data or "").splitlines(), new_formula,
                                           current_user)

    return section(call, form, "admin/call_review.html", save)


@bp.route("/calls/<slug>/privacy", methods=["GET", "POST"])
def call_privacy(slug: str) -> ResponseReturnValue:
    """The privacy notice nominees consent to, and the retention period."""
    call = call_or_404(slug)
    form = PrivacyForm(data=None if request.method == "POST" else {
        "privacy_notice": call.privacy_notice, "retention_months": call.retention_months})
    return section(call, form, "admin/call_privacy.html", lambda _confirmed: call_config.update_privacy(
        call, {"privacy_notice": (form.privacy_notice.data or "").strip(),
               "retention_months": form.retention_months.data}, current_user))


@bp.route("/calls/<slug>/deadlines", methods=["GET", "POST"])
def call_deadlines(slug: str) -> ResponseReturnValue:
    """Extend the deadline of the whole call or of one nomination (by its number, or the one
    named by ``?nomination=``), with a reason."""
    call = call_or_404(slug)
    is_post = request.method == "POST"
    which = request.form.get("which") if is_post else None
    call_form = ExtendCallForm(formdata=None if which != "call" else request.form, data={"time_zone": "UTC"})
    nomination_form = ExtendNominationForm(formdata=None if which != "nomination" else request.form, data={
        "time_zone": "UTC", "nomination_id": parse_id(request.args.get("nomination", ""))})
    form = call_form if which == "call" else nomination_form

    def save(_confirmed: bool) -> None:
        closes_at = to_utc(form.closes_at.data, form.time_zone.data)
        if form is call_form:
            extend_call_deadline(call, closes_at, form.reason.data, current_user)
        else:
            nomination = nomination_to_extend(call, form.nomination_id.data)
            extend_nomination_deadline(call, nomination, closes_at, form.reason.data, current_user)

    return section(call, form, "admin/call_deadlines.html", save, call_form=call_form,
                   nomination_form=nomination_form, saved=_("Deadline extended."),
                   has_nominations=nomination_count(call) > 0,
                   chosen=nomination_numbered(call, nomination_form.nomination_id.data),
                   nominations_by_id=extended_nominations(call))
