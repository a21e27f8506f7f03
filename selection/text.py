"""Text that people typed, made safe for the places it travels to (pure functions)."""
from __future__ import annotations

import unicodedata


def is_control(character: str) -> bool:
    """True for control, format and unassigned characters (CR, LF, NUL, tabs, bidi overrides...)."""
    return unicodedata.category(character)[0] == "C"


def single_line(text: str) -> str:
    """The text on one line: control characters become spaces and runs of spaces collapse,
    so a typed name can neither break nor inject a mail header or a download's file name."""
    return " ".join("".join(" " if is_control(ch) else ch for ch in text).split())
