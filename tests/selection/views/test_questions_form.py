"""Custom questions in the forms nominees see: shown and required only when their condition holds."""
from __future__ import annotations

import io
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict

from selection.forms import BaseForm
from selection.forms.nomination import NominationForm
from selection.forms.questions import QuestionSpec, applicable, condition_note, question_answers, with_questions
from selection.extensions import db
from selection.models import Role
from selection.workflow import call_config
from tests.conftest import sign_in_directly
from tests.selection.factories import call_by_slug, post_form

OFFICE = QuestionSpec(key="1", label="Do you hold public office?", kind="yes_no", required=True)
WHICH = QuestionSpec(key="2", label="Which office?", kind="text", required=True, show_if=("1", "yes"))
SINCE = QuestionSpec(key="3", label="Since when?", kind="choice", choices=("< 1 year", "1 year or more"),
                     show_if=("2", "Minister"))
LETTER = QuestionSpec(key="4", label="Letter of support", kind="file", required=True, show_if=("1", "no"))
SPECS = [OFFICE, WHICH, SINCE, LETTER]


def question(label: str, **values) -> dict:
    """The values of a required text question for ``call_config.add_question``."""
    return {"group_id": None, "label": label, "help_text": "", "kind": "text", "required": True,
            "choices": [], "show_if_question_id": None, "show_if_value": None, **values}


def bound(app: Flask, form_class: type, data: dict, files: dict | None = None):
    """A form bound to posted ``data`` (CSRF off: only the questions are under test here)."""
    formdata = MultiDict({**data, **(files or {})})
    with app.test_request_context(method="POST", data=formdata):
        form = with_questions(form_class, SPECS)(meta={"csrf": False})
        form.validate()
        return form, question_answers(form, SPECS)


def test_applicable_follows_chains_of_conditions() -> None:
    assert applicable(SPECS, {}) == [OFFICE]
    assert applicable(SPECS, {"1": "yes", "2": "Minister"}) == [OFFICE, WHICH, SINCE]
    assert applicable(SPECS, {"1": "no", "2": "Minister"}) == [OFFICE, LETTER]
    assert condition_note(WHICH, SPECS) == "Answer only if “Do you hold public office?” is “Yes”."
    assert condition_note(OFFICE, SPECS) == ""


def test_a_conditional_question_is_required_only_when_its_condition_holds(app: Flask) -> None:
    form, _ = bound(app, BaseForm, {"question_1": "yes"})
    assert form.errors == {"question_2": ["Answer this question."]}
    form, answers = bound(app, BaseForm, {"question_1": "yes", "question_2": "Minister", "question_3": "1 year or more"})
    assert form.errors == {}
    assert answers == {"1": "yes", "2": "Minister", "3": "1 year or more"}


def test_an_answer_to_a_question_that_does_not_apply_is_ignored(app: Flask) -> None:
    upload = FileStorage(io.BytesIO(b"%PDF-1.4"), filename="letter.pdf", content_type="application/pdf")
    form, answers = bound(app, BaseForm, {"question_1": "no", "question_2": "Minister", "question_3": "bogus"},
                          {"question_4": upload})
    assert form.errors == {}
    assert set(answers) == {"1", "4"} and answers["4"].filename == "letter.pdf"


def test_required_file_and_invalid_choice(app: Flask) -> None:
    form, _ = bound(app, BaseForm, {"question_1": "no"})
    assert form.errors == {"question_4": ["Attach a file to answer this question."]}
    form, _ = bound(app, BaseForm, {"question_1": "maybe"})
    assert form.errors == {"question_1": ["Choose one of the options given."]}
    form, _ = bound(app, BaseForm, {})
    assert form.errors == {"question_1": ["Choose an answer to this question."]}


def test_the_nomination_form_checks_questions_only_when_they_apply(app: Flask) -> None:
    form, _ = bound(app, NominationForm, {"question_1": "no"})
    assert form.errors["question_4"] == ["Attach a file to answer this question."]
    assert "question_2" not in form.errors
    form, _ = bound(app, NominationForm, {"question_1": "yes"})
    assert form.errors["question_2"] == ["Answer this question."] and "question_4" not in form.errors


def test_the_nominee_page_shows_a_conditional_question_with_its_condition(
    app: Flask, client: FlaskClient, make_user, panel_call: str
) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        office = call_config.add_question(call, question("Do you hold public office?", kind="yes_no"), None)
        call_config.add_question(call, question("Which office?", group_id=call.groups[0].id,
                                                show_if_question_id=office.id, show_if_value="yes"), None)
        db.session.commit()
        office_key = office.key
    user_id = make_user("nominee@example.net", Role.NOMINEE)
    sign_in_directly(client, user_id)
    html = client.get(f"/calls/{panel_call}/nominate/government").get_data(as_text=True)
    assert "Which office?" in html
    assert f'data-show-if-key="{office_key}" data-show-if-value="yes"' in html
    assert "Answer only if “Do you hold public office?” is “Yes”." in html
    assert "questions.js" in html
    other_group = client.get(f"/calls/{panel_call}/nominate/civil_society").get_data(as_text=True)
    assert "Do you hold public office?" in other_group and "Which office?" not in other_group


def test_the_admin_preview_validates_like_the_nomination_form(
    app: Flask, client: FlaskClient, make_user, auth, panel_call: str
) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        office = call_config.add_question(call, question("Do you hold public office?", kind="yes_no"), None)
        which = call_config.add_question(call, question("Which office?", show_if_question_id=office.id,
                                                        show_if_value="yes"), None)
        db.session.commit()
        keys = office.key, which.key
    make_user("admin@example.org", Role.ADMIN)
    auth.sign_in("admin@example.org")
    url = f"/admin/calls/{panel_call}/questions/preview"
    refused = post_form(client, url, {f"question_{keys[0]}": "yes"})
    assert refused.status_code == 400 and "Answer this question." in refused.get_data(as_text=True)
    accepted = post_form(client, url, {f"question_{keys[0]}": "no", f"question_{keys[1]}": "ignored"})
    html = accepted.get_data(as_text=True)
    assert accepted.status_code == 200 and "These answers would be accepted" in html
    assert "ignored" not in html.split("These answers would be accepted")[1].split("</div>")[0]
