"""Numbers that people and programs send, read in one place (pure functions).

``str.isdigit()`` accepts characters ``int()`` refuses ("²"), and ``int()`` accepts numbers no
database column holds: everything that turns sent text or JSON into a number goes through here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MAX_DATABASE_ID = 2**31 - 1  # PostgreSQL's INTEGER, the type of every id
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")


def parse_int(text: str | None, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """The integer written in ASCII digits in ``text`` (spaces around allowed), if it lies within
    ``minimum``..``maximum``; None for anything else (empty, "²", "1e3", 400 digits)."""
    if text is None:
        return None
    cleaned = str(text).strip()
    if not _INTEGER.fullmatch(cleaned):
        return None
    value = int(cleaned)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return None
    return value


def parse_id(text: str | None) -> int | None:
    """A database id (1 to 2**31 - 1) written in ``text``; None for anything else."""
    return parse_int(text, minimum=1, maximum=MAX_DATABASE_ID)


def parse_ids(texts: Iterable[str]) -> list[int] | None:
    """Every id of ``texts`` (blanks skipped), or None when any of them is not an id."""
    ids = [parse_id(text) for text in texts if text.strip()]
    return None if any(i is None for i in ids) else [i for i in ids if i is not None]


def is_json_int(value: Any, *, minimum: int | None = None, maximum: int | None = None) -> bool:
    """True for a JSON integer (never a boolean) within ``minimum``..``maximum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)


def is_json_id(value: Any) -> bool:
    """True for a JSON integer that can be a database id."""
    return is_json_int(value, minimum=1, maximum=MAX_DATABASE_ID)


def is_json_number(value: Any, *, minimum: float, maximum: float) -> bool:
    """True for a JSON number (never a boolean, NaN or infinite) within ``minimum``..``maximum``;
    an integer too large for a float is simply out of range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return minimum <= value <= maximum  # int comparisons are exact; NaN compares False
