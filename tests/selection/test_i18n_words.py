"""Sentences in the page's language name a stakeholder group in that language, and counts agree
with their noun (``ngettext``) instead of a plural written for every number."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale

from selection.extensions import db
from selection.models import Call
from selection.workflow.bodies.calendar import YearCheck
from selection.workflow.call_templates import build_call
from selection.workflow.calls import configuration_problems
from tests.selection.factories import NOMINATE, call_by_slug, last_mail_to, sign_in_by_link
from tests.selection.factories import post_nomination as post_form
from tests.selection.test_i18n import switch

OPENS = datetime(2027, 1, 4, tzinfo=timezone.utc)
CLOSES = datetime(2027, 2, 15, 23, 59, tzinfo=timezone.utc)


def panel() -> Call:
    return build_call("leadership-panel", "lp-words", "IGF Leadership Panel", OPENS, CLOSES)


def test_a_template_names_its_groups_in_the_six_languages_as_the_glossary_does(app: Flask) -> None:
    with app.app_context():
        groups = {group.code: group for group in panel().groups}
        assert groups["private_sector"].text_in("name", "fr").text == "Secteur privé"
        assert groups["government"].text_in("name", "ar").text == "الحكومات"
        assert groups["at_large"].text_in("name", "ru").text == "Члены, выступающие в личном качестве"
        assert groups["civil_society"].text_in("name", "en").text == "Civil society"


def test_a_groups_local_name_follows_the_language_being_written(app: Flask) -> None:
    with app.app_context():
        group = next(g for g in panel().groups if g.code == "technical_community")
        assert group.local_name == "Technical community"
        with force_locale("zh_Hans"):
            assert group.local_name == "技术界"
        with force_locale("es"):
            assert group.local_name == "Comunidad técnica"


def test_the_eligibility_declaration_names_the_group_in_the_page_language(
        app: Flask, client: FlaskClient, panel_call: str) -> None:

    switch(client, "fr")
    sign_in_by_link(app, client, "awa@example.org")
    page = client.get(f"/calls/{panel_call}/nominate/private_sector").get_data(as_text=True)
    assert "groupe de parties prenantes secteur privé" in page
    assert "groupe de parties prenantes private sector" not in page


def test_a_french_receipt_names_the_group_in_french(app: Flask, client: FlaskClient, panel_call: str) -> None:

    switch(client, "fr")
    sign_in_by_link(app, client, "awa@example.org")
    assert post_form(client, NOMINATE.format(slug=panel_call), name="Awa Diop").status_code == 302
    with app.app_context():
        receipt = last_mail_to("awa@example.org").body_text
        assert "Gouvernements" in receipt and "Government" not in receipt


def test_a_closed_group_is_refused_in_the_page_language(app: Flask, client: FlaskClient, panel_call: str) -> None:

    with app.app_context():
        call = call_by_slug(panel_call)
        next(g for g in call.groups if g.code == "civil_society").open_for_nominations = False
        db.session.commit()
    sign_in_by_link(app, client, "awa@example.org")
    switch(client, "es", f"/calls/{panel_call}")
    refused = client.get(f"/calls/{panel_call}/nominate/civil_society")
    assert refused.status_code == 403
    assert "Sociedad civil" in refused.get_data(as_text=True) and "Civil society" not in refused.get_data(as_text=True)


def test_one_seat_and_one_meeting_read_in_the_singular(app: Flask) -> None:
    with app.app_context():
        call = panel()
        call.seats = 11
        for group in call.groups:
            group.seats = 0
        call.groups[0].seats = 1
        assert configuration_problems(call)["seats"] == "the stakeholder groups have 1 seat together, but the body has 11"
        assert YearCheck(2027, [], 1, []).gaps == ["0 of at least 1 meeting."]
        assert YearCheck(2027, [], 3, []).gaps == ["0 of at least 3 meetings."]


def test_a_one_minute_link_says_one_minute(app: Flask, client: FlaskClient) -> None:
    app.config["SIGN_IN_LINK_MINUTES"] = 1
    assert "signs you in once, within 1 minute." in client.get("/my/sign-in").get_data(as_text=True)
