"""A call's custom questions: added, edited, removed, reordered, and previewed as the
nominees of one group see them."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from selection.extensions import db
from selection.forms import BaseForm
from selection.forms.admin import ActionForm, QuestionForm
from selection.forms.questions import QuestionSpec, question_answers, with_questions
from selection.models import Call, Question, QuestionKind
from selection.views.admin.blueprint import bp, button_action, section
from selection.views.loading import call_or_404
from selection.workflow import call_config
from selection.workflow.calls import configuration_problems


@bp.route("/calls/<slug>/questions", methods=["GET", "POST"])
def call_questions(slug: str) -> ResponseReturnValue:
    """The custom questions of the nomination form, and a form to add one."""
    call = call_or_404(slug)
    form = _question_form(call, None)
    return section(call, form, "admin/call_questions.html",
                   lambda _confirmed: call_config.add_question(call, _question_values(form), current_user),
                   action_form=ActionForm(), saved=_("Question added."))


@bp.route("/calls/<slug>/questions/<int:question_id>", methods=["GET", "POST"])
def call_question(slug: str, question_id: int) -> ResponseReturnValue:
    """Edit one custom question."""
    call = call_or_404(slug)
    question = _question(call, question_id)
    form = _question_form(call, question)
    return section(call, form, "admin/call_question.html",
                   lambda _confirmed: call_config.update_question(question, _question_values(form), current_user),
                   question=question, saved=_("Question saved."),
                   next_url=url_for("admin.call_questions", slug=slug))


@bp.post("/calls/<slug>/questions/<int:question_id>/delete")
def delete_question(slug: str, question_id: int) -> ResponseReturnValue:
    """Remove a custom question."""
    call = call_or_404(slug)
    question = _question(call, question_id)
    return _question_action(slug, lambda: call_config.delete_question(question, current_user), _("Question removed."))


@bp.post("/calls/<slug>/questions/<int:question_id>/move/<direction>")
def move_question(slug: str, question_id: int, direction: str) -> ResponseReturnValue:
    """Move a custom question up or down the form."""
    call = call_or_404(slug)
    question = _question(call, question_id)
    offsets = {"up": -1, "down": 1}
    if direction not in offsets:
        abort(404)
    return _question_action(slug, lambda: call_config.move_question(question, offsets[direction], current_user),
                            _("Question moved."))


def _question_action(slug: str, operation: Callable[[], None], done: str) -> ResponseReturnValue:
    return button_action(operation, done, url_for("admin.call_questions", slug=slug))


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
    form.group_id.choices = [("", _("Every stakeholder group"))] + [(str(g.id), g.name) for g in call.groups]
    form.kind.choices = QuestionKind.choices()
    earlier = [q for q in call.questions if q.kind in (QuestionKind.CHOICE, QuestionKind.YES_NO)
               and (question is None or q.position < question.position)]
    form.show_when.choices = [("", _("Always"))] + [
        (f"{q.id}:{value}", _("“%(question)s” is “%(answer)s”", question=q.label, answer=_answer_words(q, value)))
        for q in earlier for value in q.answer_values]
    return form


def _question_values(form: QuestionForm) -> dict[str, Any]:
    condition_id, _colon, condition_value = (form.show_when.data or "").partition(":")
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


def _answer_words(question: Question, value: str) -> str:
    """An answer as the condition list shows it: "Yes"/"No" translated, a choice as typed."""
    return {"yes": _("Yes"), "no": _("No")}[value] if question.kind == QuestionKind.YES_NO else value
