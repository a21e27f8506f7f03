"""The six official UN languages: which one a page is in, the switch, and localised formats.

The language of a page is, in order: the one chosen with the switch (kept in the session),
the signed-in person's profile, the browser's ``Accept-Language``, English.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Callable

from babel import Locale
from babel.units import format_unit
from flask import Blueprint, Flask, abort, has_request_context, redirect, request, session
from flask_babel import Babel, force_locale, format_date, format_decimal, format_time, get_locale, gettext
from jinja2.filters import do_filesizeformat
from flask_login import current_user
from markupsafe import Markup

from selection.data import N_, REGIONAL_GROUPS, countries
from selection.extensions import db, login_manager
from selection.models.translations import DEFAULT_LANGUAGE, LANGUAGES, LocalizedText, current_language

# Each language named in itself, as the switch shows it.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español",
}
RIGHT_TO_LEFT = frozenset({"ar"})
# English dates as UN documents write them ("31 January 2027"), not the US order.
FORMAT_LOCALE = {"en": "en_GB", "zh": "zh_Hans", "ar": "ar", "fr": "fr", "ru": "ru", "es": "es"}
SESSION_KEY = "language"

babel = Babel()
bp = Blueprint("i18n", __name__)


def init_app(app: Flask) -> None:
    """Wire Flask-Babel (catalogs in selection/translations), the switch and the filters."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.localize_callback = gettext
    app.register_blueprint(bp)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.filters["bdi"] = isolate
    app.jinja_env.filters["filesizeformat"] = file_size
    app.jinja_env.filters["in_language"] = in_page_language
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["list_separator"] = list_separator
    app.context_processor(lambda: {"page_language": page_language(), "page_direction": page_direction()})


def choose_language(choices: list[str | None]) -> str:
    """The first of ``choices`` that is one of the six languages, else English."""
    return next((choice for choice in choices if choice in LANGUAGES), DEFAULT_LANGUAGE)


def select_locale() -> str:
    """Flask-Babel's locale of the request (a CLDR locale such as en_GB for English)."""
    return FORMAT_LOCALE[page_language()]


def page_language() -> str:
    """The language code of the current page: session, profile, Accept-Language, English."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    profile = getattr(current_user, "language", None) if current_user and current_user.is_authenticated else None
    return choose_language([session.get(SESSION_KEY), profile, browser_language()])


def browser_language() -> str | None:
    """The browser's most wanted language among the six, by primary subtag ("ar-EG" is Arabic,
    even when English is accepted too, at a lower quality)."""
    for value, _quality in request.accept_languages:  # best first
        primary = value.replace("_", "-").split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return None


def page_direction() -> str:
    """``rtl`` for Arabic, else ``ltr``."""
    return "rtl" if page_language() in RIGHT_TO_LEFT else "ltr"


@bp.post("/language")
def switch_language() -> Any:
    """Keep the chosen language in the session (and the profile), back to the same page."""
    language = request.form.get("language", "")
    if language not in LANGUAGES:
        abort(400)
    session[SESSION_KEY] = language
    if current_user.is_authenticated:
        current_user.language = language
        db.session.commit()
    return redirect(_same_site(request.form.get("next", "")))


def _same_site(target: str) -> str:
    """``target`` if it is a path on this site, else the home page (no open redirect)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def isolate(text: Any) -> Markup:
    """Text a person typed (a name, an organization), isolated so that its script keeps its
    own direction inside a sentence in another: "<bdi>بن علي</bdi>"."""
    return Markup("<bdi>%s</bdi>") % ("" if text is None else text)


def long_date(moment: date | datetime | None, with_time: bool = False) -> str:
    """A date in the page's language ("13 janvier 2027"); with its UTC time when asked."""
    if moment is None:
        return ""
    text = format_date(moment, "long")
    if with_time and isinstance(moment, datetime):
        # The language's own joint ("13 January 2027, 09:05", "2027年1月13日 09:05", Arabic's comma).
        joint = str((get_locale() or Locale.parse(FORMAT_LOCALE[DEFAULT_LANGUAGE])).datetime_formats["medium"])
        text = joint.replace("{1}", text).replace("{0}", format_time(moment, "HH:mm")) + " UTC"
    return text


def list_separator() -> str:
    """What separates the items of a list in the page's language: ", " in English, " و" in
    Arabic, "、" in Chinese (CLDR's middle list pattern)."""
    locale = get_locale() or Locale.parse(FORMAT_LOCALE[DEFAULT_LANGUAGE])
    return str(locale.list_patterns["standard"]["middle"]).replace("{0}", "").replace("{1}", "")


# CLDR's units of digital size, each a thousand times the last (the decimal prefixes Jinja uses).
SIZE_UNITS = ("digital-byte", "digital-kilobyte", "digital-megabyte", "digital-gigabyte")


def file_size(size: float, binary: bool = False) -> str:
    """Jinja's ``filesizeformat`` in the page's language: Jinja's own in English ("45 Bytes",
    "5.0 MiB"), else CLDR's units with the language's digits and words ("45 بايت", "5 兆字节")."""
    if current_language() == DEFAULT_LANGUAGE:
        return do_filesizeformat(size, binary)
    base, value, unit = (1024 if binary else 1000), float(size), 0
    while value >= base and unit < len(SIZE_UNITS) - 1:
        value, unit = value / base, unit + 1
    locale = get_locale() or Locale.parse(FORMAT_LOCALE[DEFAULT_LANGUAGE])
    return format_unit(round(value, 1) if unit else int(value), SIZE_UNITS[unit], length="short", locale=locale)


def country_name_in(iso2: str | None, language: str | None = None) -> str:
    """A country's name in ``language`` (the page's by default): CLDR's, or in English the list's."""
    code = (iso2 or "").upper()
    country = countries().get(code)
    english = country.name if country else (iso2 or "")
    language = language or current_language()
    if language == DEFAULT_LANGUAGE:
        return english  # the UN's own English short names ("Russian Federation"), not CLDR's
    return Locale.parse(FORMAT_LOCALE.get(language, language)).territories.get(code) or english


def language_name(code: str | None) -> str:
    """A language's name in the page's language ("French", or "français" on a French page)."""
    if not code:
        return ""
    return Locale.parse(code).get_display_name(FORMAT_LOCALE.get(current_language(), "en")) or code


def regional_group_name(code: str | None) -> str:
    """The UN regional group's official name in the page's language (docs/glossary.md)."""
    return gettext(REGIONAL_GROUPS[code]) if code in REGIONAL_GROUPS else gettext("No UN regional group")


def collation_key(language: str) -> Callable[[str], Any]:
    """A sort key for names in ``language``: ICU's collator when PyICU is installed, else
    accents folded and case ignored (good enough for the Latin and Cyrillic scripts; Arabic
    and Chinese then sort by code point, which keeps each script together)."""
    try:
        import icu  # type: ignore[import-not-found]

        collator = icu.Collator.createInstance(icu.Locale(FORMAT_LOCALE.get(language, language)))
        return collator.getSortKey
    except ImportError:
        def folded(text: str) -> tuple[str, str]:
            decomposed = unicodedata.normalize("NFKD", text)
            base = "".join(char for char in decomposed if not unicodedata.combining(char))
            return base.casefold(), text
        return folded


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name) of every country, named and sorted in the page's language."""
    language = language or current_language()
    named = [(code, country_name_in(code, language)) for code in countries()]
    key = collation_key(language)
    return sorted(named, key=lambda pair: key(pair[1]))


def in_page_language(model: Any, field: str) -> LocalizedText:
    """A call's (group's, question's) ``field`` in the page's language, or its original."""
    return model.text_in(field, current_language())


@contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Write in ``language`` (one of the six, else English) whatever the page's language is:
    an e-mail goes out in its recipient's language."""
    with force_locale(FORMAT_LOCALE.get(language or DEFAULT_LANGUAGE, FORMAT_LOCALE[DEFAULT_LANGUAGE])):
        yield
