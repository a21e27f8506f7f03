"""Custom questions of a call's nomination form, per stakeholder group or for every group."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import QuestionKind
from selection.models.translations import LANGUAGES, LocalizedText, Translatable
from selection.models.types import enum_type

if TYPE_CHECKING:
    from selection.models.call import Call, StakeholderGroup

YES_NO_VALUES = ("yes", "no")


class Question(Translatable, db.Model):
    """One question nominees answer; shown only when an earlier answer has a given value."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    # None: asked of every stakeholder group of the call.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_group.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(300))
    help_text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind), default=QuestionKind.TEXT)
    required: Mapped[bool] = mapped_column(default=False)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    # {language: {"label": ..., "help_text": ..., "choices": {stored value: label}}}: an answer
    # keeps the choice's stored value (the original wording), whatever language it was given in.
    translations: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    TRANSLATABLE = ("label", "help_text")
    show_if_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL")
    )
    show_if_value: Mapped[str | None] = mapped_column(String(200))

    call: Mapped[Call] = relationship(back_populates="questions")
    group: Mapped[StakeholderGroup | None] = relationship()
    show_if_question: Mapped[Question | None] = relationship(remote_side="Question.id")

    @property
    def original_language(self) -> str:
        """The question is written in its call's language."""
        return self.call.original_language if self.call else "en"

    def choice_text_in(self, choice: str, language: str) -> LocalizedText:
        """The label of ``choice`` (a stored value) in ``language``, else the value itself."""
        original = self.original_language
        if language != original:
            given = ((self.translations or {}).get(language, {}).get("choices") or {}).get(choice)
            if given:
                return LocalizedText(given, language, language)
        return LocalizedText(choice, original, language)

    def choice_labels(self, language: str) -> list[LocalizedText]:
        """The label of each choice in ``language``, in the choices' order."""
        return [self.choice_text_in(choice, language) for choice in self.choices or ()]

    def set_choice_text(self, choice: str, language: str, text: str) -> None:
        """Give the label of ``choice`` in ``language`` (an empty text removes it)."""
        if choice not in (self.choices or ()):
            raise ValueError(f"{choice} is not a choice of this question")
        if language not in LANGUAGES or language == self.original_language:
            raise ValueError(f"{language} is not a language the choices are translated into")
        translations = {lang: dict(texts) for lang, texts in (self.translations or {}).items()}
        labels = dict(translations.setdefault(language, {}).get("choices") or {})
        labels[choice] = text
        labels = {value: label for value, label in labels.items() if label and value in self.choices}
        translations[language]["choices"] = labels
        if not labels:
            del translations[language]["choices"]
        self.translations = {lang: texts for lang, texts in translations.items() if texts}

    @property
    def key(self) -> str:
        """The stable key of the question's answer (``answers[key]``, form field ``question_<key>``)."""
        return str(self.id)

    @property
    def answer_values(self) -> tuple[str, ...]:
        """The answers a choice or yes/no question accepts; empty for the other kinds."""
        if self.kind == QuestionKind.YES_NO:
            return YES_NO_VALUES
        if self.kind == QuestionKind.CHOICE:
            return tuple(self.choices or ())
        return ()

    def spec_fields(self) -> dict[str, Any]:
        """The keyword arguments of ``forms.questions.QuestionSpec`` for this question."""
        condition = None
        if self.show_if_question is not None and self.show_if_value is not None:
            condition = (self.show_if_question.key, self.show_if_value)
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.kind.value,
            "required": bool(self.required),
            "choices": tuple(self.choices or ()),
            "help_text": self.help_text or "",
            "show_if": condition,
        }

    def spec_fields_in(self, language: str) -> dict[str, Any]:
        """``spec_fields`` worded in ``language`` where given: the label, help and choices'
        labels (the choices' stored values unchanged), with the original language named when
        any of them is shown untranslated."""
        texts = [self.text_in("label", language), self.text_in("help_text", language),
                 *self.choice_labels(language)]
        fallback = next((text.language for text in texts if text.is_fallback), "")
        return {**self.spec_fields(), "label": texts[0].text, "help_text": texts[1].text,
                "choice_labels": tuple(text.text for text in texts[2:]), "fallback_language": fallback}

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.label!r}>"
