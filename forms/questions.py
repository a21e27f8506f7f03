"""A call's custom questions as WTForms fields (pure WTForms: the view passes the specs in).

A view turns each ``selection.models.Question`` into a ``QuestionSpec`` with
``QuestionSpec(**question.spec_fields())`` and builds the form nominees see with
``with_questions(NominationForm, specs)``. A question may apply only when an earlier answer has
a given value (``show_if``): it is then required only when that holds, and an answer given
while it does not hold is ignored. Rendered fields carry ``data-show-if-key`` and
``data-show-if-value`` for ``static/questions.js``, which hides the questions that do not
apply; without JavaScript every question shows with its note "Answer only if …".
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import Field, Form, RadioField, StringField, TextAreaField
from wtforms.validators import StopValidation

KINDS = ("text", "long_text", "choice", "yes_no", "file")
YES_NO_CHOICES = (("yes", _l("Yes")), ("no", _l("No")))
TEXT_LIMITS = {"text": 500, "long_text": 10_000}


@dataclass(frozen=True)
class QuestionSpec:
    """One custom question as a form sees it; ``show_if`` = (earlier question's key, value).

    ``choice_labels`` word the ``choices`` (the stored values) in the page's language, in the
    same order (none: the values themselves); ``fallback_language`` names the language of a
    text shown untranslated, for the note that says so ('' when all is in the page's language).
    """

    key: str
    label: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    help_text: str = ""
    show_if: tuple[str, str] | None = None
    choice_labels: tuple[str, ...] = ()
    fallback_language: str = ""
    # Required at submission even while a draft may leave it empty: the hint says "Required."
    marked_required: bool = False

    @property
    def labelled_choices(self) -> list[tuple[str, str]]:
        """(stored value, label shown) of each choice."""
        labels = self.choice_labels if len(self.choice_labels) == len(self.choices) else self.choices
        return list(zip(self.choices, labels))

    def shown_answer(self, value: Any) -> Any:
        """A stored answer as the page words it: a choice's or yes/no's label, else itself."""
        if self.kind == "yes_no":
            return dict(YES_NO_CHOICES).get(value, value)
        if self.kind == "choice":
            return dict(self.labelled_choices).get(value, value)
        return value

    @property
    def field_name(self) -> str:
        """The name of the question's form field."""
        return f"question_{self.key}"

    @property
    def accepted_values(self) -> tuple[str, ...]:
        """The answers a choice or yes/no question accepts; empty for free answers."""
        if self.kind == "yes_no":
            return tuple(value for value, _label in YES_NO_CHOICES)
        if self.kind == "choice":
            return self.choices
        return ()


def condition_note(spec: QuestionSpec, specs: Sequence[QuestionSpec]) -> str:
    """'Answer only if “Do you hold public office?” is “Yes”.', or '' for unconditional ones."""
    if spec.show_if is None:
        return ""
    key, value = spec.show_if
    earlier = next((other for other in specs if other.key == key), None)
    label = earlier.label if earlier else _("an earlier question")
    shown_value = earlier.shown_answer(value) if earlier else value
    return _("Answer only if “%(question)s” is “%(answer)s”.", question=label, answer=shown_value)


def applicable(specs: Sequence[QuestionSpec], answers: Mapping[str, Any]) -> list[QuestionSpec]:
    """The questions that apply given ``answers``: unconditional ones, and conditional ones whose
    earlier question applies and was answered with the condition's value."""
    applying: dict[str, QuestionSpec] = {}
    for spec in specs:
        if spec.show_if is None:
            applying[spec.key] = spec
            continue
        key, value = spec.show_if
        if key in applying and _as_text(answers.get(key)) == value:
            applying[spec.key] = spec
    return list(applying.values())


def with_questions(form_class: type[Form], specs: Iterable[QuestionSpec]) -> type[Form]:
    """A subclass of ``form_class`` with one field ``question_<key>`` per spec, in order."""
    specs = tuple(specs)
    attributes: dict[str, Any] = {"question_specs": specs}
    for spec in specs:
        attributes[spec.field_name] = _field_for(spec, specs)
    return type(f"{form_class.__name__}WithQuestions", (form_class,), attributes)


def question_answers(form: Form, specs: Sequence[QuestionSpec]) -> dict[str, Any]:
    """Answers keyed by ``spec.key`` for the questions that apply (None when left empty).

    Text answers are stripped strings, choice and yes/no answers their value, and a file
    answer the uploaded ``FileStorage`` (the view stores it).
    """
    raw = _raw_answers(form, specs)
    return {spec.key: raw.get(spec.key) for spec in applicable(specs, raw)}


def question_fields(form: Form) -> list[Field]:
    """The bound question fields of a form built by ``with_questions``, in order."""
    return [form[spec.field_name] for spec in getattr(form, "question_specs", ())]


def _raw_answers(form: Form, specs: Sequence[QuestionSpec]) -> dict[str, Any]:
    """Every question field's answer, applying or not; empty answers are None."""
    answers: dict[str, Any] = {}
    for spec in specs:
        data = form[spec.field_name].data
        if spec.kind == "file":
            answers[spec.key] = data if _is_upload(data) else None
        else:
            text = _as_text(data)
            answers[spec.key] = text or None
    return answers


def _field_for(spec: QuestionSpec, specs: tuple[QuestionSpec, ...]) -> Any:
    """The unbound field of one question, with its conditional validation and data attributes."""
    render_kw: dict[str, str] = {}
    if spec.show_if is not None:
        render_kw = {"data-show-if-key": spec.show_if[0], "data-show-if-value": spec.show_if[1]}
    options: dict[str, Any] = {
        "validators": [AnswerRule(spec, specs)],
        "description": spec.help_text,
        "render_kw": render_kw,
    }
    if spec.kind == "long_text":
        return TextAreaField(spec.label, **options)
    if spec.kind == "choice":
        return RadioField(spec.label, choices=spec.labelled_choices, validate_choice=False, **options)
    if spec.kind == "yes_no":
        return RadioField(spec.label, choices=list(YES_NO_CHOICES), validate_choice=False, **options)
    if spec.kind == "file":
        return FileField(spec.label, **options)
    return StringField(spec.label, **options)


class AnswerRule:
    """Validates one question: required only when it applies; ignored when it does not."""

    def __init__(self, spec: QuestionSpec, specs: tuple[QuestionSpec, ...]):
        self.spec = spec
        self.specs = specs
        self.field_flags = {"required": False}

    def __call__(self, form: Form, field: Field) -> None:
        if self.spec not in applicable(self.specs, _raw_answers(form, self.specs)):
            field.errors[:] = []
            raise StopValidation()
        answer = field.data if self.spec.kind == "file" else _as_text(field.data)
        if not (_is_upload(answer) if self.spec.kind == "file" else answer):
            if self.spec.required:
                raise StopValidation(_missing_message(self.spec))
            field.errors[:] = []
            raise StopValidation()
        self._check_value(answer)

    def _check_value(self, answer: Any) -> None:
        accepted = self.spec.accepted_values
        if accepted and answer not in accepted:
            raise StopValidation(_("Choose one of the options given."))
        limit = TEXT_LIMITS.get(self.spec.kind)
        if limit and len(answer) > limit:
            raise StopValidation(ngettext("Keep the answer under %(num)d character (it has %(length)d).",
                                           "Keep the answer under %(num)d characters (it has %(length)d).",
                                           limit, length=len(answer)))


def _missing_message(spec: QuestionSpec) -> str:
    if spec.kind == "file":
        return _("Attach a file to answer this question.")
    if spec.kind in ("choice", "yes_no"):
        return _("Choose an answer to this question.")
    return _("Answer this question.")


def _as_text(value: Any) -> str:
    if value is None or isinstance(value, FileStorage):
        return ""
    return str(value).strip()


def _is_upload(value: Any) -> bool:
    return isinstance(value, FileStorage) and bool(value.filename)
