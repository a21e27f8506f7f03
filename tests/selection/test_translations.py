"""The catalogs of the six UN languages: up to date with the code, compiled, complete; and the
templates of the translated areas show no text outside gettext."""
from __future__ import annotations

import gettext
import io
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
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
            str(ROOT), method_map, keywords=keywords, options_map={},
            directory_filter=lambda path: not os.path.basename(path).startswith(".")):  # templates/_macros too
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


# The reviewing translator's mechanical checks: what a hurried translation gets wrong without
# any reader noticing until the page is shown in that language.
TRANSLATED = [language for language in LANGUAGES if language != "en"]
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[A-Za-z_]\w*\}")
# An HTML tag; "/calls/<address>" is a path written for people, not a tag.
TAG = re.compile(r"(?<!/)</?[A-Za-z][^<>]*>")
COUNT_NAMES = re.compile(r"^%\((?:num|count|n)\)|^%[^(]*d$")
# A translation may attach to the previous text with its own punctuation instead of a space.
ATTACHING = tuple(",،，;؛；:：.。")


def placeholders(text: str) -> Counter:
    """The placeholders of a message: ``%(name)s``, ``%s`` and ``{name}``; ``%%`` is a literal."""
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def single_number_forms(language: str) -> set[int]:
    """The plural forms that serve exactly one number (Arabic's 0, 1 and 2; Spanish's 1): there
    the number may be said in words instead of its placeholder."""
    chooser = gettext.c2py(get_plural(language).plural_expr)
    numbers: dict[int, list[int]] = {}
    for n in [*range(1001), 10**6, 2 * 10**6, 10**7]:
        numbers.setdefault(chooser(n), []).append(n)
    return {form for form, served in numbers.items() if len(served) == 1}


def placeholder_problems(language: str) -> list[str]:
    """Translations that drop, add or rename a placeholder of their message."""
    exact = single_number_forms(language)
    found = []
    for message in catalog(language):
        if not message.id:
            continue
        if isinstance(message.id, str):
            if set(placeholders(message.id)) != set(placeholders(message.string)) or (
                    "%s" in message.id and placeholders(message.id) != placeholders(message.string)):
                found.append(f"{message.id!r} -> {message.string!r}")
            continue
        wanted = set(placeholders(message.id[0]) | placeholders(message.id[1]))
        for form, text in enumerate(message.string):
            missing, extra = wanted - set(placeholders(text)), set(placeholders(text)) - wanted
            if form in exact:
                missing = {name for name in missing if not COUNT_NAMES.search(name)}
            if missing or extra:
                found.append(f"{message.id[1]!r} form {form} -> {text!r}")
    return found


def translated_pairs(language: str):
    """(English, translation) for every form of every message: a plural form beside the plural msgid."""
    for message in catalog(language):
        if message.id and isinstance(message.id, str):
            yield message.id, message.string
        elif message.id:
            yield from ((message.id[1], text) for text in message.string)


def edge(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def form_problems(language: str) -> list[str]:
    """Tags, edge whitespace and English left untranslated, per translated text."""
    found = []
    for english, text in translated_pairs(language):
        if not text:
            continue
        if Counter(TAG.findall(english)) != Counter(TAG.findall(text)):
            found.append(f"tags: {english!r} -> {text!r}")
        (lead, trail), (lead_t, trail_t) = edge(english), edge(text)
        if trail != trail_t or (lead != lead_t and not (lead and not lead_t and text.startswith(ATTACHING))):
            found.append(f"whitespace at an edge: {english!r} -> {text!r}")
        words = re.findall(r"[A-Za-z]*[a-z][A-Za-z]*", PLACEHOLDER.sub(" ", TAG.sub(" ", english)))
        if text == english and len(words) > 2:
            found.append(f"left in English: {english!r}")
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_exactly_the_placeholders_of_their_message(language: str) -> None:
    """Babel's check lets a translation drop a placeholder; a dropped ``%(num)d`` says "one
    notice" for 21 in Russian. Only a form that serves one number may say it in words."""
    problems = placeholder_problems(language)
    assert not problems, f"{len(problems)}: {problems[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_translations_have_every_form_of_the_language(language: str) -> None:
    expected = get_plural(language).num_plurals
    assert catalog(language).num_plurals == expected
    short = [message.id[0] for message in catalog(language) if message.id and isinstance(message.id, tuple)
             and (len(message.string) != expected or not all(message.string))]
    assert not short, short[:5]


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_tags_and_edges_and_leave_nothing_in_english(language: str) -> None:
    problems = form_problems(language)
    assert not problems, f"{len(problems)}: {problems[:5]}"


GLOSSARY = ROOT / "docs" / "glossary.md"
# The glossary's columns, as its tables head them.
GLOSSARY_COLUMNS = {"Français": "fr", "Español": "es", "Русский": "ru", "中文": "zh", "العربية": "ar"}
# The sections whose English names are messages of their own and must translate verbatim.
VERBATIM_SECTIONS = ("The five United Nations regional groups", "Bodies and offices", "Status names of a nomination")


def glossary_names() -> list[dict[str, str]]:
    """The rows of the glossary's verbatim sections, each {"English": ..., "fr": ..., ...}."""
    rows, section, header = [], "", None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, header = line[3:].strip(), None
        elif not line.startswith("|") or section not in VERBATIM_SECTIONS:
            header = None
        elif header is None:
            header = [cell.strip() for cell in line.strip("|").split("|")]
        elif not set(line) <= set("|- "):
            cells = dict(zip(header, (cell.strip() for cell in line.strip("|").split("|"))))
            rows.append({"English": cells["English"]} | {code: cells[name] for name, code in GLOSSARY_COLUMNS.items()})
    return rows


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_names_of_the_glossary_translate_as_it_says(language: str) -> None:
    """A regional group, a body, an office or a status shown on its own reads as the glossary
    writes it (a capital at the start aside)."""
    messages = catalog(language)
    wrong = [(row["English"], messages[row["English"]].string, row[language]) for row in glossary_names()
             if messages.get(row["English"]) is not None
             and messages[row["English"]].string[:1].lower() + messages[row["English"]].string[1:]
             != row[language][:1].lower() + row[language][1:]]
    assert not wrong, wrong


def test_french_keeps_a_no_break_space_inside_its_punctuation() -> None:
    """« : ; ? ! » never start a line on their own (docs/glossary.md, writing conventions)."""
    loose = [text for _english, text in translated_pairs("fr") if re.search(r" [:;?!»]|« ", text)]
    assert not loose, f"{len(loose)}: {loose[:5]}"


def test_arabic_says_one_and_two_in_words() -> None:
    """Arabic's forms for one and two name the number in the noun ("ترشيحان"), never as a digit
    in brackets beside it ("ترشيحان (2)")."""
    bracketed = [message.string[form] for message in catalog("ar") if message.id and isinstance(message.id, tuple)
                 for form in (1, 2) if re.search(r"\(%\((?:num|count)\)[sd]\)", message.string[form])]
    assert not bracketed, bracketed[:5]


def test_the_checks_find_a_dropped_placeholder_a_lost_tag_and_english() -> None:
    assert placeholders("%(name)s has %(num)d {group} %s, 100%%") == Counter(["%(name)s", "%(num)d", "{group}", "%s"])
    assert single_number_forms("ar") == {0, 1, 2} and single_number_forms("ru") == set()
    assert single_number_forms("es") == {0} and single_number_forms("zh") == set()
    assert TAG.findall("<strong>%(name)s</strong> at /calls/<address>") == ["<strong>", "</strong>"]
    assert edge(" with %(num)d ") == (" ", " ")
    assert {"English": "Under review", "fr": "En cours d'examen", "es": "En examen", "ru": "На рассмотрении",
            "zh": "审查中", "ar": "قيد الاستعراض"} in glossary_names()
