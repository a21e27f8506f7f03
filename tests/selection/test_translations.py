"""The catalogs of the six UN languages: up to date with the code, compiled, complete; and the
templates of the translated areas show no text outside gettext."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from selection.models.translations import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "selection" / "translations"
# Wave 1 of issue 14 wrapped these; the staff areas (review, secretariat, decision, admin,
# staff) follow in wave 2, and join this list then.
# Every folder of templates/ (and the two pages at its root): no visible text outside gettext.
WRAPPED = ["base.html", "error.html", "_macros", "public", "nominee", "auth", "mail", "review", "secretariat",
           "decision", "contributions", "bodies", "admin", "staff"]
VISIBLE_ATTRIBUTE = re.compile(r'\b(?:title|aria-label|alt|placeholder)="([^"{]*)"')


def catalog(language: str):
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=language)


def extracted_ids() -> set[str]:
    """The msgids the code and templates hold now, as ``pybabel extract -F babel.cfg`` finds them."""
    method_map = [("selection/**.py", "python"), ("forms/**.py", "python"),
                  ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None, "N_": None,
                "pgettext": ((1, "c"), 2), "lazy_ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, keywords=keywords, options_map={}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_template_holds_every_message_of_the_code() -> None:
    with open(CATALOGS / "messages.pot", "rb") as pot:
        template = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(pot) if message.id}
    missing = extracted_ids() - template
    assert not missing, f"run pybabel extract and update (selection/translations/README.md): {sorted(missing)[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_holds_every_message_of_the_template(language: str) -> None:
    with open(CATALOGS / "messages.pot", "rb") as pot:
        template = {message.id for message in read_po(pot) if message.id}
    assert template <= {message.id for message in catalog(language) if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_po(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    shipped = (CATALOGS / language / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert shipped == compiled.getvalue(), "run pybabel compile -d selection/translations"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message(language: str) -> None:
    """A translation that drops or renames ``%(name)s`` would fail at run time: Babel's checks."""
    problems = [(message.id, [str(error) for error in errors]) for message, errors in catalog(language).check()]
    assert not problems, problems[:5]


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_every_message_is_translated(language: str) -> None:
    """Every message of the code has a translation (not fuzzy, every plural form) in each language."""
    untranslated = [message.id for message in catalog(language)
                    if message.id and (not message.string or message.fuzzy
                                       or (isinstance(message.string, tuple) and not all(message.string)))]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}, e.g. {untranslated[:5]}"


def wrapped_templates() -> list[Path]:
    templates = ROOT / "templates"
    found = []
    for area in WRAPPED:
        path = templates / area
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return found


def text_outside_gettext(source: str, html: bool) -> list[str]:
    """Words of the template's literal text (and visible attributes) that no gettext call holds:
    trans blocks, expressions, tags and comments are blanked out, HTML tags stripped, and
    whatever words remain were written for people to read."""
    text = re.sub(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", "\0", source, flags=re.S)
    text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", "\0", text, flags=re.S)
    words = []
    if html:
        words += [value for value in VISIBLE_ATTRIBUTE.findall(text) if re.search(r"[A-Za-z]{2,}", value)]
        text = re.sub(r"<script\b.*?</script>|<!--.*?-->|<[^>]*>|&[a-z]+;|&#\d+;", " ", text, flags=re.S)
    words += re.findall(r"[A-Za-z][A-Za-z'’-]+(?:[ \t]+[A-Za-z][A-Za-z'’-]+)*", text)
    return words


@pytest.mark.parametrize("path", wrapped_templates(), ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_wrapped_templates_show_no_text_outside_gettext(path: Path) -> None:
    words = text_outside_gettext(path.read_text(encoding="utf-8"), html=path.suffix == ".html")
    assert not words, f"wrap in {{% trans %}} or _(): {words}"


def test_the_check_finds_text_outside_gettext() -> None:
    assert text_outside_gettext('<p title="Open me">Hello {{ name }}</p>', html=True) == ["Open me", "Hello"]
    assert text_outside_gettext("<p>{% trans %}Hello{% endtrans %} {{ _('you') }}</p>", html=True) == []
