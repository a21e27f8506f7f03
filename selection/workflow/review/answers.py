"""The answers a nomination gave to its call's questions, as its reviewers read them."""
from __future__ import annotations

from typing import Any

from selection.models import Nomination, QuestionKind, StoredFile
from selection.numbers import parse_id


def answers_with_files(nomination: Nomination) -> list[tuple[str, Any, StoredFile | None]]:
    """(question, answer, file) for each answer given; a file question's answer (a stored file's
    id) comes with its stored file, so that whoever may read the nomination's files can open it."""
    questions = {q.key: q for q in nomination.call.questions}
    files = {f.id: f for f in nomination.files}
    rows = []
    for key, value in (nomination.answers or {}).items():
        question = questions.get(key)
        file_id = parse_id(str(value)) if question is not None and question.kind == QuestionKind.FILE else None
        rows.append((question.label if question else key, value, files.get(file_id) if file_id else None))
    return rows
