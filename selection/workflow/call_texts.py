"""A call's own texts in the six languages: which are missing, and giving them (audited)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from sqlalchemy import select

from selection.extensions import db
from selection.models import Call, NoticeOutcome, NoticeTemplate, User
from selection.models.translations import LANGUAGES, Translatable
from selection.workflow import audit
from selection.workflow.errors import InvalidConfiguration


@dataclass(frozen=True)
class TextSlot:
    """One translatable text of a call: ``key`` names it in forms ("group-3-eligibility").
    A choice of a choice question is one slot too (``field`` "choices", ``choice`` its value)."""

    key: str
    label: str
    owner: Translatable
    field: str
    multiline: bool
    choice: str | None = None

    @property
    def original(self) -> str:
        """The text in the call's original language."""
        if self.choice is not None:
            return self.choice
        return getattr(self.owner, self.field) or ""

    def text_in(self, language: str) -> str:
        """The text given in ``language`` (the original for the original language), or ''."""
        if self.choice is not None:
            found = self.owner.choice_text_in(self.choice, language)  # type: ignore[attr-defined]
        else:
            found = self.owner.text_in(self.field, language)
        return found.text if found.language == language else ""

    def give(self, language: str, text: str) -> None:
        """Give the text in ``language`` (not the original one); '' removes the translation."""
        if self.choice is not None:
            self.owner.set_choice_text(self.choice, language, text)  # type: ignore[attr-defined]
        else:
            self.owner.set_text(self.field, language, text)


def text_slots(call: Call) -> list[TextSlot]:
    """Every text of the call that may be given per language, in the order of its pages."""
    slots = [TextSlot("call-title", _("Title"), call, "title", False),
             TextSlot("call-description", _("Description"), call, "description", True),
             TextSlot("call-privacy_notice", _("Privacy notice"), call, "privacy_notice", True),
             TextSlot("call-body", _("Name of the body"), call, "body", False)]
    for group in call.groups:
        slots += [TextSlot(f"group-{group.id}-name", _("%(group)s: name", group=group.name), group, "name", False),
                  TextSlot(f"group-{group.id}-eligibility", _("%(group)s: who is eligible", group=group.name), group, "eligibility", True)]
    for question in call.questions:
        slots += [TextSlot(f"question-{question.id}-label", _("Question %(num)d: text", num=question.position + 1), question, "label", False),
                  TextSlot(f"question-{question.id}-help_text", _("Question %(num)d: help", num=question.position + 1), question, "help_text", True)]
        slots += [TextSlot(f"question-{question.id}-choice-{index}",
                           _("Question %(num)d: option “%(option)s”", num=question.position + 1, option=choice),
                           question, "choices", False, choice)
                  for index, choice in enumerate(question.choices or ())]
    return [slot for slot in slots if slot.original]


def notice_slots(call: Call) -> list[TextSlot]:
    """The call's own wording of its outcome notices (given on the notices page, where the
    placeholders are checked), subject and text of each outcome that has one."""
    rows = db.session.execute(select(NoticeTemplate).where(NoticeTemplate.call_id == call.id)
                              .order_by(NoticeTemplate.id)).scalars()
    by_outcome = {row.outcome: row for row in rows}
    slots = []
    for outcome in NoticeOutcome:
        if outcome in by_outcome:
            row = by_outcome[outcome]
            slots += [TextSlot(f"notice-{outcome.value}-subject", _("Notice “%(outcome)s”: subject", outcome=outcome.label), row, "subject", False),
                      TextSlot(f"notice-{outcome.value}-body", _("Notice “%(outcome)s”: text", outcome=outcome.label), row, "body", True)]
    return [slot for slot in slots if slot.original]


def missing_by_language(call: Call) -> dict[str, list[TextSlot]]:
    """For each language other than the original, the texts not given in it (the notice
    templates among them)."""
    slots = text_slots(call) + notice_slots(call)
    return {language: [slot for slot in slots if not slot.text_in(language)]
            for language in LANGUAGES if language != call.original_language}


def give_texts(call: Call, language: str, texts: dict[str, str], actor: User | None) -> None:
    """Give the call's texts in ``language`` (an empty text removes a translation); audited
    with the old and new values. The original language is edited on the call's own pages."""
    if language not in LANGUAGES:
        raise InvalidConfiguration({"language": _("Choose one of the six official languages.")})
    if language == call.original_language:
        raise InvalidConfiguration({"language": _("Texts in the call's original language are edited on its own pages.")})
    changes: dict[str, Any] = {}
    for slot in text_slots(call):
        if slot.key not in texts:
            continue
        old, new = slot.text_in(language), texts[slot.key].strip()
        if old != new:
            slot.give(language, new)
            changes[slot.key] = {"old": old, "new": new}
    if changes:
        audit.record(actor, call, "call_texts_translated", language=language, changes=changes)
