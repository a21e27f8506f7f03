"""Internal comments on a nomination: between the Secretariat and its reviewers, never shown
to the nominee."""
from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select

from selection.extensions import db
from selection.models import InternalComment, Nomination, User
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.review.access import NotPermitted, may_see_review_work


def add_internal_comment(nomination: Nomination, author: User, body: str) -> InternalComment:
    """A staff-only note on a nomination: by the Secretariat or a reviewer who may review it."""
    if not may_see_review_work(author, nomination):
        raise NotPermitted(gettext("Only the Secretariat and the nomination's reviewers can comment."))
    body = body.strip()
    if not body:
        raise WorkflowError(gettext("Write the comment first."))
    comment = InternalComment(nomination=nomination, author=author, body=body)
    db.session.add(comment)
    audit.record(author, nomination, "internal_comment", length=len(body))
    db.session.flush()
    return comment


def comments_on(nomination: Nomination) -> list[InternalComment]:
    """The nomination's internal comments, oldest first."""
    return list(db.session.execute(select(InternalComment).where(InternalComment.nomination_id == nomination.id)
                                   .order_by(InternalComment.id)).scalars())
