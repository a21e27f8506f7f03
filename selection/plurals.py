"""Plural forms of user-visible text.

``ngettext`` has Flask-Babel's signature and formatting (``%(num)d`` and named variables), so
the translation pass can replace this module's function with Flask-Babel's without touching
a caller; templates call the same name, as Jinja's i18n extension would provide it.
"""
from __future__ import annotations

from typing import Any


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """``singular`` when ``num`` is 1, else ``plural``; ``%(num)d`` and ``%(name)s`` filled in."""
    text = singular if num == 1 else plural
    return text % {**variables, "num": num}
