"""The Secretariat's review tools, one blueprint (``review``) in modules by concern: the call
dashboard, the nomination list with its exports and bulk decisions, the nomination review
page and what its forms do, reviewers' and recommenders' pages, and the outcome notices."""
from __future__ import annotations

from selection.views.review import (  # noqa: F401  (each registers its routes on ``bp``)
    bulk,
    dashboard,
    exports,
    nomination,
    nomination_actions,
    nomination_list,
    notices,
    shortlists,
)
from selection.views.review.blueprint import REVIEW_ROLES, STAFF, bp

__all__ = ["REVIEW_ROLES", "STAFF", "bp"]
