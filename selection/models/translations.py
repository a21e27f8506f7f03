"""A call's own texts in several languages: one JSON column of translations per table.

``translations`` holds ``{language: {field: text}}``; the column of the field itself holds the
text in the call's original language (``Call.language``). A text asked for in a language it
was not given in falls back to the original, and says so (``LocalizedText.is_fallback``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import get_locale

# The six official languages of the United Nations, in the order of their English names'
# initials as the UN lists them (Arabic, Chinese, English, French, Russian, Spanish).
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class LocalizedText:
    """A text in ``language``; ``requested`` is the language it was asked for in."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        """True when the text is shown in the original language for want of a translation."""
        return bool(self.text) and self.language != self.requested

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


class Translatable:
    """Mixin of a model whose columns named in ``TRANSLATABLE`` may be given per language."""

    TRANSLATABLE: tuple[str, ...] = ()
    translations: Any  # the JSON column, declared on each model

    @property
    def original_language(self) -> str:
        """The language the model's own columns are written in."""
        return DEFAULT_LANGUAGE

    def text_in(self, field: str, language: str) -> LocalizedText:
        """``field`` in ``language`` if given, else in the original language (marked as such)."""
        original = self.original_language
        if language != original:
            given = (self.translations or {}).get(language, {}).get(field)
            if given:
                return LocalizedText(given, language, language)
        return LocalizedText(getattr(self, field) or "", original, language)

    def set_text(self, field: str, language: str, text: str) -> None:
        """Give ``field`` in ``language``; the original language writes the column itself."""
        if field not in self.TRANSLATABLE:
            raise ValueError(f"{field} cannot be translated")
        if language not in LANGUAGES:
            raise ValueError(f"{language} is not one of the six languages")
        if language == self.original_language:
            setattr(self, field, text)
            return
        # A new dict, so that SQLAlchemy sees the JSON column change.
        translations = {lang: dict(texts) for lang, texts in (self.translations or {}).items()}
        translations.setdefault(language, {})[field] = text
        if not text:
            del translations[language][field]
        self.translations = {lang: texts for lang, texts in translations.items() if texts}

    def missing_languages(self, field: str) -> list[str]:
        """The languages ``field`` has not been given in (none when the original is empty)."""
        if not getattr(self, field):
            return []
        given = {lang for lang, texts in (self.translations or {}).items() if texts.get(field)}
        return [lang for lang in LANGUAGES if lang != self.original_language and lang not in given]


def current_language() -> str:
    """The language being written in: the page's, or the one forced for an e-mail
    (``flask_babel.force_locale``), or English outside a request."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT_LANGUAGE
