"""The Secretariat's and reviewers' defects of issue 10: reviewers open the files of their
nominations, refused POSTs never end on a 405, bulk screening, the staff home page, the order
of "My assignments" and plurals on staff pages."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from selection.extensions import db
from selection.models import ConflictKind, FilePurpose, Nomination, User
from selection.uploads import store_pdf
from selection.workflow import review as ops
from tests.selection.factories import PDF
from tests.selection.test_review_views import SLUG, sign_in, state, token, world  # noqa: F401


@pytest.fixture
def files(app, world):  # noqa: F811
    """A CV and a letter of support on the nomination under review, and on the waiting one."""
    found = {}
    with app.app_context():
        for key in ("reviewing", "waiting"):
            n = db.session.get(Nomination, world[key])
            cv = store_pdf(PDF, "cv.pdf", FilePurpose.CV, None)
            letter = store_pdf(PDF, "letter.pdf", FilePurpose.SUPPORT_LETTER, None)
            cv.nomination = letter.nomination = n
            n.cv = cv
            found[key] = (cv.id, letter.id)
        db.session.commit()
    return found


def test_a_reviewer_opens_the_files_of_an_assigned_nomination_only(app, client, auth, world, files) -> None:
    sign_in(auth, "reviewer")
    page = client.get(f"/review/nominations/{world['reviewing']}").get_data(as_text=True)
    for file_id in files["reviewing"]:
        assert f"/files/{file_id}" in page
        assert client.get(f"/files/{file_id}").status_code == 200
    for file_id in files["waiting"]:
        assert client.get(f"/files/{file_id}").status_code == 403
    auth.sign_out()
    sign_in(auth, "other_reviewer")
    for file_id in files["reviewing"]:
        assert client.get(f"/files/{file_id}").status_code == 403


def test_a_recused_reviewer_no_longer_opens_the_files(app, client, auth, world, files) -> None:
    with app.app_context():
        n = db.session.get(Nomination, world["reviewing"])
        reviewer = db.session.get(User, world["reviewer"])
        ops.declare_conflict(n, reviewer, reviewer, kind=ConflictKind.SAME_ORGANIZATION)
        db.session.commit()
    sign_in(auth, "reviewer")
    for file_id in files["reviewing"]:
        assert client.get(f"/files/{file_id}").status_code == 403
