"""Administration, one blueprint (``admin``, administrators only) in modules by concern:
calls and their sections, a call's custom questions, and staff users."""
from __future__ import annotations

from selection.views.admin import calls, languages, questions, users  # noqa: F401  (each registers its routes on ``bp``)
from selection.views.admin.blueprint import bp

__all__ = ["bp"]
