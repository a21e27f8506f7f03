"""Text that people typed, made safe for the places it travels to (pure functions)."""
from __future__ import annotations

import re
import unicodedata


def is_control(character: str) -> bool:
    """True for control, format and unassigned characters (CR, LF, NUL, tabs, bidi overrides...)."""
    return unicodedata.category(character)[0] == "C"


def single_line(text: str) -> str:
    """The text on one line: control characters become spaces and runs of spaces collapse,
    so a typed name can neither break nor inject a mail header or a download's file name."""
    return " ".join("".join(" " if is_control(ch) else ch for ch in text).split())


# XML 1.0, hence an .xlsx file, cannot hold C0 control characters other than tab, LF and CR,
# nor surrogates or U+FFFE/U+FFFF: openpyxl refuses them (IllegalCharacterError).
_NOT_IN_SPREADSHEETS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def spreadsheet_text(text: str) -> str:
    """The text without the characters a spreadsheet cell cannot hold (NUL, bell, escape,
    vertical tab...); tabs and line breaks stay."""
    return _NOT_IN_SPREADSHEETS.sub("", text)
