"""Errors raised by workflow operations; their messages are shown to people as they are."""
from __future__ import annotations


class WorkflowError(Exception):
    """An operation refused; ``str(error)`` says why in words."""


class Forbidden(WorkflowError):
    """The acting person may not do this at all: a page or the API answers 403, nothing changed."""


class ForbiddenTransition(WorkflowError):
    """A status change that the transitions table does not allow."""


class InvalidConfiguration(WorkflowError):
    """A call whose configuration cannot work; ``problems`` maps each field to its reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in problems.items()))
