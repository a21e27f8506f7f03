"""Plural forms of user-visible text: Flask-Babel's ``ngettext``.

Callers keep importing ``ngettext`` from here; it translates with the current request's
catalog (Arabic and Russian have several plural forms) and fills in ``%(num)d`` and named
variables. Outside a request (the CLI, workers) it falls back to English.
"""
from __future__ import annotations

from flask_babel import ngettext

__all__ = ["ngettext"]
