"""The pages of a body at work render in each of the six languages (dates, plurals and the
summary's headings through the catalogs), for the Secretariat, a member and the public."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from selection.demo.panel_body import BODY_SLUG
from selection.extensions import db
from selection.models import Meeting
from selection.models.translations import LANGUAGES
from tests.conftest import sign_in_directly
from tests.selection.bodies.test_body_pages import _published_url, panel  # noqa: F401 (fixture)


def _pages(app: Flask) -> tuple[list[str], list[str]]:
    """The Secretariat's pages and a member's, of the demo's Panel."""
    with app.app_context():
        meetings = db.session.execute(select(Meeting.id)).scalars().all()
    staff = [f"/secretariat/bodies/{BODY_SLUG}", f"/secretariat/bodies/{BODY_SLUG}/calendar",
             f"/secretariat/bodies/{BODY_SLUG}/year", f"/secretariat/bodies/{BODY_SLUG}/meetings/new",
             "/secretariat/bodies", "/secretariat/action-items"]
    staff += [f"/secretariat/meetings/{m}" for m in meetings] + [f"/secretariat/meetings/{m}/travel" for m in meetings]
    return staff, ["/my/panel", "/my-panel/elections"]


def _in(client, language: str) -> None:
    with client.session_transaction() as session:
        session["language"] = language


def test_every_page_of_a_body_renders_in_each_language(app, client, panel) -> None:  # noqa: F811
    staff, member = _pages(app)
    public = [_published_url(app), _published_url(app) + "/print", f"/bodies/{BODY_SLUG}"]
    for language in LANGUAGES:
        for who, paths in ((None, public), (panel["staff"], staff), (panel["member"], member)):
            sign_in_directly(client, who)
            _in(client, language)
            for path in paths:
                response = client.get(path)
                assert response.status_code == 200, (language, path, response.status_code)
                assert f'lang="{language}"' in response.get_data(as_text=True), (language, path)
