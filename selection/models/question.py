"""Custom questions of a call's nomination form, per stakeholder group or for every group."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.extensions import db
from selection.models.enums import QuestionKind
from selection.models.translations import Translatable
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
    # {language: {"label": ..., "help_text": ...}}; choices keep their stored values, only
    # their labels are translated ("choices": [...] in the same order).
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

    def choice_labels(self, language: str) -> list[tuple[str, str]]:
        """(stored value, label in ``language``) of each choice; untranslated ones keep their value."""
        given = (self.translations or {}).get(language, {}).get("choices") or []
        return [(value, given[i] if i < len(given) and given[i] else value) for i, value in enumerate(self.choices)]

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

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.label!r}>"
