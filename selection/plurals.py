"""Plural forms of user-visible text: Flask-Babel's ``ngettext`` (and ``gettext`` beside it).

Callers keep importing ``ngettext`` from here; it translates with the current request's
catalog (Arabic and Russian have several plural forms) and fills in ``%(num)d`` and named
variables. Outside a request (the CLI, workers) it falls back to English. Layers that must not
import Flask themselves (the slate adapter) take ``gettext`` from here too.
"""
from __future__ import annotations

from flask_babel import gettext, ngettext

__all__ = ["gettext", "ngettext"]
