"""Running one workflow operation from a view, the one way every view does it: commit and say
so, or roll back and say why; then redirect (post/redirect/get), so a reload never posts twice
nor meets a 405, or answer with a page when the form must be shown again."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import abort, flash, redirect
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from selection.extensions import db
from selection.workflow.errors import Forbidden, InvalidConfiguration, WorkflowError

T = TypeVar("T")


def each_reason(error: WorkflowError) -> list[str]:
    """A refusal's reasons one by one: a configuration's problems (without the names of their
    fields), else why."""
    if isinstance(error, InvalidConfiguration):
        return list(error.problems.values())
    return [str(error)]


def run_operation(operation: Callable[[], T], back: str | Callable[[T], str],
                  success: str | Callable[[T], str] | None = None, refused: str | None = None, *,
                  refusal: Callable[[WorkflowError], str | Iterable[str]] = each_reason,
                  show_refusal: Callable[[WorkflowError], ResponseReturnValue] | None = None,
                  show_result: Callable[[T], ResponseReturnValue] | None = None) -> ResponseReturnValue:
    """Run ``operation`` and answer the request.

    On success: commit; answer with ``show_result(result)`` when given, else flash ``success``
    (text, or made from the result; nothing when None) and redirect to ``back`` (an address,
    or made from the result).
    On a ``WorkflowError``: roll back; answer with ``show_refusal(error)`` when given (a form
    shown again with the reason), else flash ``refusal(error)`` (a message, or several: by default
    each reason) and redirect to ``refused`` (default ``back``).
    On ``Forbidden`` (the person may not do this at all): roll back and answer 403.
    """
    if not isinstance(back, str) and refused is None and show_refusal is None:
        raise TypeError("An address made from the result needs refused= or show_refusal= for a refusal.")
    try:
        result = operation()
    except Forbidden:
        db.session.rollback()
        abort(403)
    except WorkflowError as error:
        db.session.rollback()
        if show_refusal is not None:
            return show_refusal(error)
        words = refusal(error)
        for reason in [words] if isinstance(words, str) else words:
            flash(reason, "error")
        return redirect(refused or str(back))
    db.session.commit()
    if show_result is not None:
        return show_result(result)
    if success is not None:
        flash(success(result) if callable(success) else success, "success")
    return redirect(back(result) if callable(back) else back)


def answer_operation(operation: Callable[[], T], answer: Callable[[T], ResponseReturnValue],
                     refused_status: int | Callable[[WorkflowError], int] = 400, *,
                     show_refusal: Callable[[WorkflowError], ResponseReturnValue] | None = None) -> ResponseReturnValue:
    """The API's way to run ``operation``: commit and answer with ``answer(result)``; on a
    ``WorkflowError`` roll back and answer ``show_refusal(error)`` when given, else
    ``refused_status`` (a status, or one chosen after the rollback from the error) with the reason;
    on ``Forbidden``, 403."""

    def refused(error: WorkflowError) -> ResponseReturnValue:
        if show_refusal is not None:
            return show_refusal(error)
        abort(refused_status(error) if callable(refused_status) else refused_status, str(error))

    return run_operation(operation, "", show_result=answer, show_refusal=refused)


def form_status(form: FlaskForm) -> int:
    """400 for a form posted and refused, 200 for one shown fresh."""
    return 400 if form.is_submitted() else 200
