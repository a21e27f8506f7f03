"""The answers a nomination gave to its call's questions, as its reviewers read them."""
from __future__ import annotations

from typing import Any

from selection.models import Nomination, QuestionKind, StoredFile


def answers_with_files(nomination: Nomination) -> list[tuple[str, Any, StoredFile | None]]:
    """(question, answer, file) for each answer given; a file question's answer (a stored file's
    id) comes with its stored file, so that whoever may read the nomination's files can open it."""
    questions = {q.key: q for q in nomination.call.questions}
    files = {f.id: f for f in nomination.files}
    rows = []
    for key, value in (nomination.answers or {}).items():
        question = questions.get(key)
        is_file = question is not None and question.kind == QuestionKind.FILE and str(value).isdigit()
        rows.append((question.label if question else key, value, files.get(int(value)) if is_file else None))
    return rows
