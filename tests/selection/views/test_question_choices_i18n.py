"""A choice question's options per language: given on the languages page, shown on the nominee's
form in the nominee's language (else in the original, with a note), stored language-independently,
and listed as missing where not given."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import Nomination, Question
from selection.workflow import call_config
from selection.workflow.call_texts import give_texts
from tests.selection.factories import NOMINATE, audit_events, call_by_slug, post_nomination, sign_in_by_link
from tests.selection.factories import post_form as post_admin_form
from tests.selection.test_i18n import switch
from tests.selection.views.test_admin_languages import blank_call
from tests.selection.views.test_questions_form import question

CHOICES = ["Less than five years", "Five years or more"]
FRENCH = ["Moins de cinq ans", "Cinq ans ou plus"]


def choice_question(app: Flask, slug: str) -> int:
    """Add an optional choice question asked of every group of the call; its id."""
    with app.app_context():
        call = call_by_slug(slug)
        added = call_config.add_question(call, question("Years of experience", kind="choice", required=False,
                                                        choices=CHOICES), None)
        db.session.commit()
        return added.id


def give_french(admin: FlaskClient, slug: str, question_id: int, labels: list[str]):
    """Post the French labels of the question's choices on the languages page."""
    texts = {f"question-{question_id}-choice-{index}": label for index, label in enumerate(labels)}
    return post_admin_form(admin, f"/admin/calls/{slug}/languages?language=fr", {"language": "fr", **texts})


def french_given(app: Flask, slug: str, question_id: int, labels: list[str]) -> None:
    """Give the French labels of the question's choices through the workflow."""
    with app.app_context():
        texts = {f"question-{question_id}-choice-{index}": label for index, label in enumerate(labels)}
        give_texts(call_by_slug(slug), "fr", texts, None)
        db.session.commit()


def test_choices_given_in_french_are_saved_audited_and_no_longer_missing(app: Flask, admin: FlaskClient) -> None:
    slug = blank_call(app)
    question_id = choice_question(app, slug)
    page = admin.get(f"/admin/calls/{slug}/languages").get_data(as_text=True)
    assert "option “Less than five years”" in page and "option “Five years or more”" in page
    form = admin.get(f"/admin/calls/{slug}/languages?language=fr").get_data(as_text=True)
    assert f'name="question-{question_id}-choice-1"' in form
    assert give_french(admin, slug, question_id, [FRENCH[0], ""]).status_code == 302
    with app.app_context():
        asked = call_by_slug(slug).questions[-1]
        assert [text.text for text in asked.choice_labels("fr")] == [FRENCH[0], CHOICES[1]]
        assert asked.choices == CHOICES
    (event,) = audit_events(app, "call_texts_translated")
    assert event.details["changes"][f"question-{question_id}-choice-0"] == {"old": "", "new": FRENCH[0]}
    listed = admin.get(f"/admin/calls/{slug}/languages").get_data(as_text=True)
    french_row = listed.split('<th scope="row" lang="fr">')[1].split("</tr>")[0]
    assert "option “Five years or more”" in french_row and "option “Less than five years”" not in french_row


def test_the_french_form_shows_french_choices_and_stores_the_same_answer_as_english(
        app: Flask, client: FlaskClient, panel_call: str) -> None:
    question_id = choice_question(app, panel_call)
    french_given(app, panel_call, question_id, FRENCH)
    switch(client, "fr")
    sign_in_by_link(app, client, "awa@example.org")
    path = NOMINATE.format(slug=panel_call)
    html = client.get(path).get_data(as_text=True)
    assert FRENCH[0] in html and FRENCH[1] in html
    assert f'value="{CHOICES[1]}"' in html and "Less than five years</label>" not in html
    submitted = post_nomination(client, path, **{f"question_{question_id}": CHOICES[1]})
    assert submitted.status_code == 302
    with app.app_context():
        nomination = db.session.execute(select(Nomination).order_by(Nomination.id.desc())).scalars().first()
        assert nomination.language == "fr" and nomination.answers[str(question_id)] == CHOICES[1]
    shown = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
    assert FRENCH[1] in shown


def test_a_choice_not_given_in_the_page_language_is_shown_in_the_original_with_a_note(
        app: Flask, client: FlaskClient, panel_call: str) -> None:
    question_id = choice_question(app, panel_call)
    french_given(app, panel_call, question_id, [FRENCH[0], ""])
    sign_in_by_link(app, client, "awa@example.org")
    switch(client, "fr")
    html = client.get(NOMINATE.format(slug=panel_call)).get_data(as_text=True)
    question_html = html.split(f'data-question-key="{question_id}"')[1].split('class="question')[0]
    assert FRENCH[0] in question_html and CHOICES[1] in question_html
    assert "fallback-note" in question_html and "(English)" in question_html
    switch(client, "en")
    english = client.get(NOMINATE.format(slug=panel_call)).get_data(as_text=True)
    english_question = english.split(f'data-question-key="{question_id}"')[1].split('class="question')[0]
    assert CHOICES[0] in english_question and "fallback-note" not in english_question


def test_a_choice_label_for_an_unknown_choice_or_the_original_language_is_refused(app: Flask, panel_call: str) -> None:
    question_id = choice_question(app, panel_call)
    with app.app_context():
        asked = db.session.get(Question, question_id)
        for choice, language in (("Ten years", "fr"), (CHOICES[0], "en"), (CHOICES[0], "de")):
            with pytest.raises(ValueError):
                asked.set_choice_text(choice, language, "x")
        assert not (asked.translations or {}).get("fr")
