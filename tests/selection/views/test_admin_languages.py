"""An administrator gives a call's texts in other languages: the page lists what is missing,
the form saves a language's texts (audited), the public page then shows them."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from selection.models import Role
from tests.conftest import csrf_token_from
from tests.selection.factories import audit_events, call_by_slug, post_form


def blank_call(app: Flask, slug: str = "lp-i18n") -> str:
    """A call with texts in English only: the demo's, its translations removed."""
    from selection.demo import leadership_panel_call
    from selection.extensions import db
    from selection.models import utcnow

    with app.app_context():
        call = leadership_panel_call(slug, utcnow())
        call.translations = {}
        db.session.commit()
    return slug


def test_the_page_lists_what_is_missing_per_language(app: Flask, admin: FlaskClient) -> None:
    slug = blank_call(app)
    page = admin.get(f"/admin/calls/{slug}/languages").get_data(as_text=True)
    assert "Texts not given yet, per language" in page and 'lang="ar">العربية</th>' in page
    assert "Title; Description" in page and "Complete" not in page
    assert f'href="/admin/calls/{slug}/languages"' in admin.get(f"/admin/calls/{slug}").get_data(as_text=True)


def test_texts_given_in_french_are_saved_audited_and_shown_to_french_visitors(app: Flask, admin: FlaskClient,
                                                                               client: FlaskClient) -> None:
    slug = blank_call(app)
    url = f"/admin/calls/{slug}/languages?language=fr"
    response = post_form(admin, url, {"language": "fr", "call-title": "  Groupe de haut niveau : appel  ",
                                      "call-description": "Une description."})
    assert response.status_code == 302
    with app.app_context():
        call = call_by_slug(slug)
        assert call.text_in("title", "fr").text == "Groupe de haut niveau : appel"
        assert call.missing_languages("title") == ["ar", "zh", "ru", "es"]
    (event,) = audit_events(app, "call_texts_translated")
    assert event.details["language"] == "fr" and event.details["changes"]["call-title"]["old"] == ""
    public = client.get(f"/calls/{slug}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<h1 lang="fr" dir="auto">Groupe de haut niveau : appel</h1>' in public


def test_the_original_language_and_unknown_ones_are_refused_and_nothing_changes(app: Flask, admin: FlaskClient) -> None:
    slug = blank_call(app)
    token = csrf_token_from(admin.get(f"/admin/calls/{slug}/languages").get_data(as_text=True))
    for language in ("en", "de"):
        response = admin.post(f"/admin/calls/{slug}/languages", data={"language": language, "call-title": "X",
                                                                       "csrf_token": token})
        assert response.status_code == 404
    assert admin.post(f"/admin/calls/{slug}/languages?language=fr", data={"call-title": "X"}).status_code == 400
    with app.app_context():
        assert call_by_slug(slug).translations == {}


def test_only_administrators_reach_the_page(app: Flask, client: FlaskClient, make_user, auth) -> None:
    slug = blank_call(app)
    make_user("reviewer@example.org", Role.REVIEWER)
    auth.sign_in("reviewer@example.org")
    assert client.get(f"/admin/calls/{slug}/languages").status_code == 403
