"""What the Arabic and Chinese nomination journeys showed (tests/browser/journeys/
test_nomination_languages.py): a required question says so on the form, file sizes and dated
times are written in the page's language, and the visitor's own time is introduced in it."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.i18n import file_size, list_separator, long_date
from selection.models import Call, Question, QuestionKind
from tests.selection.factories import NOMINATE


def test_a_required_question_is_marked_required_on_the_form_before_anything_is_posted(
        app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:  # noqa: F811
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        db.session.add(Question(call=call, position=0, label="Vision for the Panel", kind=QuestionKind.LONG_TEXT,
                                required=True))
        db.session.add(Question(call=call, position=1, label="Anything else?", kind=QuestionKind.TEXT))
        db.session.commit()
    page = client.get(NOMINATE.format(slug=panel_call)).get_data(as_text=True)
    hints = re.findall(r'data-question-key="\d+".*?class="hint"[^>]*>([^<]*)<', page, re.S)
    assert [hint.strip() for hint in hints] == ["Required.", "Optional."]


def test_file_sizes_are_written_in_the_page_language(app: Flask) -> None:
    expected = {"en": ("45 Bytes", "5.0 MiB"), "ar": ("45 بايت", "5 م.ب"), "zh": ("45 B", "5 MB"),
                "fr": ("45\u202fo", "5\u202fMo"), "ru": ("45 Б", "5 МБ")}
    for language, (small, large) in expected.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            assert (file_size(45), file_size(5 * 1024 * 1024, binary=True)) == (small, large)


def test_a_dated_time_is_joined_as_the_language_joins_them(app: Flask) -> None:
    moment = datetime(2027, 1, 13, 9, 5, tzinfo=timezone.utc)
    expected = {"en": "13 January 2027, 09:05 UTC", "ar": "13 يناير 2027، 09:05 UTC", "zh": "2027年1月13日 09:05 UTC"}
    for language, text in expected.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            assert long_date(moment, with_time=True) == text


def test_the_visitors_own_time_is_introduced_in_the_page_language(client: FlaskClient) -> None:
    english = client.get("/").get_data(as_text=True)
    assert 'data-your-time="your time: %(time)s"' in english
    arabic = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    words = re.search(r'data-your-time="([^"]*)"', arabic).group(1)
    assert "%(time)s" in words


def test_a_list_is_separated_as_the_language_separates_one(app: Flask) -> None:
    expected = {"en": ", ", "ar": " و", "zh": "、"}
    for language, separator in expected.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            assert list_separator() == separator


def test_open_calls_on_my_nominations_are_one_sentence_each(client: FlaskClient, panel_call: str,
                                                            nominee: str) -> None:  # noqa: F811
    page = client.get("/my").get_data(as_text=True)
    assert re.search(r'#nominate-heading" dir="auto">[^<]+</a>, closes <time', page)
