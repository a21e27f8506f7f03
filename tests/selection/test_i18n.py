"""The page's language: the switch (session, profile), Accept-Language, English last; its
direction; localised dates and country names; names isolated; a call's texts per language."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import select
from flask import Flask
from flask.testing import FlaskClient

from selection.demo.languages import OPEN_CALL_TEXTS
from selection.extensions import db
from selection.i18n import LANGUAGE_NAMES, country_choices, country_name_in, isolate, long_date
from selection.models import Gender, Nomination, Nominee, Role, User
from selection.models.translations import LANGUAGES
from selection.workflow.users import create_user
from tests.conftest import csrf_token_from, sign_in_directly
from tests.selection.factories import last_mail_to, call_by_slug


def html_tag(client: FlaskClient, path: str = "/", **headers: str) -> str:
    page = client.get(path, headers=headers).get_data(as_text=True)
    return re.search(r"<html[^>]*>", page).group(0)


def switch(client: FlaskClient, language: str, next_path: str = "/"):
    token = csrf_token_from(client.get(next_path).get_data(as_text=True))
    return client.post("/language", data={"language": language, "next": next_path, "csrf_token": token})


def test_english_when_nothing_says_otherwise(client: FlaskClient) -> None:
    assert html_tag(client) == '<html lang="en" dir="ltr">'
    assert html_tag(client, **{"Accept-Language": "de, ja"}) == '<html lang="en" dir="ltr">'


def test_the_browser_language_is_used_and_arabic_is_right_to_left(client: FlaskClient) -> None:
    assert html_tag(client, **{"Accept-Language": "ar-EG, en;q=0.5"}) == '<html lang="ar" dir="rtl">'
    assert html_tag(client, **{"Accept-Language": "de, ru;q=0.8"}) == '<html lang="ru" dir="ltr">'


def test_every_page_offers_the_six_languages_each_named_in_itself(client: FlaskClient) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    for code, name in LANGUAGE_NAMES.items():
        assert f'value="{code}" lang="{code}"' in page and f">{name}</button>" in page
    assert [*LANGUAGE_NAMES.values()] == ["العربية", "中文", "English", "Français", "Русский", "Español"]


def test_the_switch_keeps_the_page_and_outranks_the_browser(client: FlaskClient) -> None:
    response = switch(client, "fr", "/sign-in?next=%2Fmy")
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in?next=%2Fmy"
    assert html_tag(client, **{"Accept-Language": "es"}) == '<html lang="fr" dir="ltr">'


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_the_switch_never_leaves_the_site(client: FlaskClient, target: str) -> None:
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post("/language", data={"language": "es", "next": target, "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_refused_and_nothing_changes(client: FlaskClient) -> None:
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post("/language", data={"language": "de", "next": "/", "csrf_token": token}).status_code == 400
    assert html_tag(client) == '<html lang="en" dir="ltr">'


def test_a_signed_in_person_keeps_the_language_in_their_profile(app: Flask, client: FlaskClient, make_user) -> None:
    user_id = make_user("reviewer@example.org", Role.REVIEWER)
    sign_in_directly(client, user_id)
    switch(client, "zh")
    with app.app_context():
        assert db.session.get(User, user_id).language == "zh"
    sign_in_directly(client, user_id)  # a new session: the profile still says Chinese
    assert html_tag(client, **{"Accept-Language": "fr"}) == '<html lang="zh" dir="ltr">'


def test_dates_follow_the_language(app: Flask) -> None:
    moment = datetime(2027, 1, 13, 9, 5, tzinfo=timezone.utc)
    expected = {"en": "13 January 2027", "fr": "13 janvier 2027", "ru": "13 января 2027\u202fг.", "es": "13 de enero de 2027"}
    for language, text in expected.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            assert long_date(moment) == text
    with app.test_request_context():
        assert long_date(moment, with_time=True) == "13 January 2027, 09:05 UTC"


def test_country_names_are_in_the_page_language_and_sorted_in_it(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert country_name_in("DE") == "Allemagne"
        names = [name for _code, name in country_choices()]
        # French collation: accents do not send Égypte after Zimbabwe.
        assert names.index("Égypte") < names.index("Équateur") < names.index("Zimbabwe")
    assert country_name_in("CN", "ar") == "الصين" and country_name_in("RU", "zh") == "俄罗斯"


def test_a_name_in_another_script_is_isolated() -> None:
    assert isolate("Nokuthula بن علي") == "<bdi>Nokuthula بن علي</bdi>"
    assert isolate("<b>x</b>") == "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"


def test_a_nominees_name_is_isolated_in_the_headings_of_their_pages(app: Flask, client: FlaskClient, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        user = create_user("n@example.org", [Role.NOMINEE], None, name="Nokuthula بن علي")
        nominee = Nominee(name="Nokuthula بن علي", email="n@example.org", nationality="EG", residence="EG",
                          gender=Gender.WOMAN, user=user)
        db.session.add(nominee)
        db.session.flush()
        nomination = Nomination(call=call, group=call.groups[0], nominee=nominee)
        db.session.add(nomination)
        db.session.commit()
        nomination_id, user_id = nomination.id, user.id
    sign_in_directly(client, user_id)
    page = client.get(f"/nominations/{nomination_id}").get_data(as_text=True)
    assert '<h1 dir="auto">Nokuthula بن علي</h1>' in page
    assert "<bdi>Nokuthula بن علي</bdi>" in client.get("/my").get_data(as_text=True)


def test_the_demo_call_carries_its_title_and_description_in_the_six_languages(app: Flask, client: FlaskClient, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        assert set(OPEN_CALL_TEXTS) | {call.language} == set(LANGUAGES)
        assert call.missing_languages("title") == [] and call.missing_languages("description") == []
    page = client.get(f"/calls/{panel_call}", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert OPEN_CALL_TEXTS["ru"]["title"] in page and "fallback-note" not in page


def test_a_text_missing_in_the_page_language_falls_back_with_a_note(app: Flask, client: FlaskClient, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        call.set_text("title", "fr", "")
        call.set_text("description", "fr", "")
        db.session.commit()
        english = call.title
    page = client.get(f"/calls/{panel_call}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert f'<h1 lang="en" dir="auto">{english}</h1>' in page
    assert "fallback-note" in page and "(English)" in page


def test_a_nomination_written_in_french_records_it_and_its_receipt_is_in_french(
        app: Flask, client: FlaskClient, panel_call: str) -> None:
    from tests.selection.factories import NOMINATE, post_nomination, sign_in_by_link

    switch(client, "fr")
    sign_in_by_link(app, client, "awa@example.org")
    submitted = post_nomination(client, NOMINATE.format(slug=panel_call), name="عائشة Diop")
    assert submitted.status_code == 302
    assert "La candidature est soumise." in client.get(submitted.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        nomination = db.session.execute(select(Nomination).order_by(Nomination.id.desc())).scalars().first()
        assert nomination.language == "fr"
        receipt = last_mail_to("awa@example.org")
        assert receipt.subject.startswith("Accusé de réception : candidature de عائشة Diop")
        assert "Afrique du Sud (États d'Afrique)" in receipt.body_text
        assert "Numéro de la candidature" in receipt.body_text


def test_a_french_page_reads_in_french(client: FlaskClient, panel_call: str) -> None:
    page = client.get(f"/calls/{panel_call}", headers={"Accept-Language": "fr-CH"}).get_data(as_text=True)
    assert "Sièges par groupe de parties prenantes" in page and "Comment présenter une candidature" in page
    assert "États d'Afrique (AFR)" in page


def test_a_translatable_text_falls_back_to_the_original_and_refuses_other_languages(app: Flask, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        call.language = "es"
        call.set_text("privacy_notice", "fr", "Avis.")
        assert call.text_in("privacy_notice", "fr").text == "Avis." and not call.text_in("privacy_notice", "fr").is_fallback
        call.set_text("privacy_notice", "ru", "")  # the demo's call gives it in Russian: not this one
        original = call.text_in("privacy_notice", "ru")
        assert original.language == "es" and original.requested == "ru" and original.is_fallback is bool(call.privacy_notice)
        call.set_text("title", "es", "Título original")  # the original language writes the column
        assert call.title == "Título original"
        call.set_text("privacy_notice", "fr", "")
        assert "fr" not in (call.translations or {}) or "privacy_notice" not in call.translations["fr"]
        with pytest.raises(ValueError):
            call.set_text("title", "de", "Titel")
        with pytest.raises(ValueError):
            call.set_text("slug", "fr", "x")
        db.session.rollback()
