"""WTForms forms, one module per audience. Forms never touch the database: views inject choices."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField
from wtforms.validators import StopValidation
from wtforms.widgets import HiddenInput, TextArea

# Line breaks and tabs belong in text typed over several lines, nowhere else.
MULTILINE_WHITESPACE = frozenset("\t\n\r")


def unwanted_characters(text: str, *, multiline: bool) -> list[str]:
    """The control characters of ``text`` that have no place in it (NUL, escape, form feed...,
    and line breaks or tabs on one line), as code points such as "U+0000", each once."""
    found: list[str] = []
    for character in text:
        if unicodedata.category(character) == "Cc" and not (multiline and character in MULTILINE_WHITESPACE):
            code = f"U+{ord(character):04X}"
            if code not in found:
                found.append(code)
    return found


def control_character_message(codes: list[str]) -> str:
    """What to tell the person who typed (or pasted) ``codes``."""
    names = ", ".join(codes)
    return (f"Remove the control character{'s' if len(codes) > 1 else ''} ({names}) from this text: "
            "it cannot be stored. Type the text again or paste it as plain text.")


class Sent:
    """The field must be part of what was sent (even empty): a post that leaves it out is refused,
    never saved as if it were blank."""

    def __call__(self, form: Any, field: Field) -> None:
        if not field.raw_data:
            raise StopValidation(f"“{field.label.text}” was missing from the form sent. Reload the page and "
                                 "send the form again.")


class BaseForm(FlaskForm):
    """Every form of the app: CSRF-protected through Flask-WTF; text with control characters where
    they have no place (a NUL byte anywhere, a line break on one line) is refused next to its field."""

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields' own checks, then the control characters of every text field."""
        valid = super().validate(extra_validators)
        return _refuse_control_characters(self) and valid


def _refuse_control_characters(form: Any) -> bool:
    clean = True
    for field in _leaf_fields(form):
        values = field.data if isinstance(field.data, list) else [field.data]
        codes = [code for value in values if isinstance(value, str)
                 for code in unwanted_characters(value, multiline=isinstance(field.widget, TextArea))]
        if codes:
            clean = False
            message = control_character_message(list(dict.fromkeys(codes)))
            field.errors = [*field.errors, message]
            if isinstance(field.widget, HiddenInput):
                form.form_errors.append(message)  # a hidden field shows no message of its own
    return clean


def _leaf_fields(form: Any) -> Iterator[Field]:
    """Every field of ``form``, those of its sub-forms and lists included."""
    for field in form:
        if isinstance(field, FormField):
            yield from _leaf_fields(field.form)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                yield from (_leaf_fields(entry.form) if isinstance(entry, FormField) else [entry])
        else:
            yield field
