"""The administrators' and staff pages render in each of the six languages: a translation that
breaks a placeholder or a template's formatting fails here, not in front of an administrator."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext

from selection.models import Role
from selection.models.translations import LANGUAGES
from tests.conftest import sign_in_directly
from tests.selection.views.test_admin_calls import ADMIN_PAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_admin_page_renders_in_each_language(admin: FlaskClient, panel_call: str,
                                                   language: str) -> None:
    with admin.session_transaction() as session:
        session["language"] = language
    for page in ADMIN_PAGES + ["/admin/calls/{slug}/languages", "/staff"]:
        response = admin.get(page.format(slug=panel_call))
        assert response.status_code == 200, page
        assert f'lang="{language}"' in response.get_data(as_text=True), page


def test_a_role_label_follows_the_page_language(app: Flask, admin: FlaskClient) -> None:
    """An enum's label is translated where it is shown; outside a request it stays English."""
    assert Role.ADMIN.label == "Administrator"
    with app.test_request_context(), force_locale("fr"):
        in_french = gettext("Administrator")
    with admin.session_transaction() as session:
        session["language"] = "fr"
    assert in_french in admin.get("/admin/users").get_data(as_text=True)
