"""A reviewer's "My assignments" comes a page at a time, in the order of work (to do, drafts,
submitted), sorted and sliced by the database."""
from __future__ import annotations

import pytest
from selection.extensions import db
from selection.models import User
from selection.workflow import my_work
from selection.workflow import review as ops
from tests.selection.factories import call_by_slug, rubric_scores, submitted
from tests.selection.views.test_review_views import SLUG, sign_in, world  # noqa: F401

ORDER = ["Amina Diallo", "Later Person", "Draft Person", "Done Person"]  # to do (oldest first), draft, submitted


@pytest.fixture
def assigned(app, world):  # noqa: F811
    """Besides the world's assignment: one to do, one draft, one submitted, for the reviewer."""
    with app.app_context():
        call = call_by_slug(SLUG)
        sec, reviewer = db.session.get(User, world["secretariat"]), db.session.get(User, world["reviewer"])
        for name, state in (("Draft Person", "draft"), ("Later Person", None), ("Done Person", "submitted")):
            n = submitted(call, name, group=3)
            ops.screen(n, sec, eligible=True)
            ops.assign_reviewer(n, reviewer, sec)
            if state:
                ops.save_review(n, reviewer, rubric_scores(call, 3), "", submit=state == "submitted")
        db.session.commit()


def _names(page: str) -> list[str]:
    return [name for name in ORDER if name in page]


def test_assignments_come_a_page_at_a_time_in_the_order_of_work(app, client, auth, assigned,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(my_work, "ASSIGNMENTS_PER_PAGE", 2)
    sign_in(auth, "reviewer")
    first = client.get("/review/my-assignments").get_data(as_text=True)
    assert _names(first) == ORDER[:2] and "Page 1 of 2" in first and "?page=2" in first
    second = client.get("/review/my-assignments?page=2").get_data(as_text=True)
    assert _names(second) == ORDER[2:] and "Page 2 of 2" in second and "?page=1" in second
    for beyond in ("9", "99999999999999999999", "two", "-1"):  # clamped to the last page, or the first
        page = client.get(f"/review/my-assignments?page={beyond}")
        assert page.status_code == 200
        assert _names(page.get_data(as_text=True)) in (ORDER[:2], ORDER[2:])


def test_one_page_shows_everything_without_page_links(app, client, auth, assigned) -> None:
    sign_in(auth, "reviewer")
    page = client.get("/review/my-assignments").get_data(as_text=True)
    assert _names(page) == ORDER and "Page 1 of" not in page


def test_a_reviewer_sees_only_their_own_assignments(app, client, auth, assigned) -> None:
    sign_in(auth, "other_reviewer")
    page = client.get("/review/my-assignments").get_data(as_text=True)
    assert not set(_names(page)) & set(ORDER[1:])
