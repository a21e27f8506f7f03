"""Running one workflow operation from a view: commit and say so, or roll back and say why;
then redirect (post/redirect/get), so a reload never posts twice nor meets a 405."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash, redirect
from werkzeug.wrappers import Response

from selection.extensions import db
from selection.workflow.errors import WorkflowError

T = TypeVar("T")


def run_operation(operation: Callable[[], T], back: str, success: str | Callable[[T], str],
                  refused: str | None = None) -> Response:
    """Run ``operation``; on success commit, flash ``success`` (text, or made from the result) and
    redirect to ``back``; on a ``WorkflowError`` roll back, flash its message and redirect to
    ``refused`` (default ``back``)."""
    try:
        result = operation()
    except WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(refused or back)
    db.session.commit()
    flash(success(result) if callable(success) else success, "success")
    return redirect(back)
