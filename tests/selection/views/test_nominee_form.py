"""The nomination form as a nominee meets it: every problem in one round with a summary that
links to the fields, accessible error markup, countries by name, declarations that keep their
state, the right buttons, and an invited nominee addressed as "you"."""
from __future__ import annotations

import re
import unicodedata

from flask import Flask
from flask.testing import FlaskClient

from selection.extensions import db
from selection.models import Nomination
from tests.selection.factories import (
    NOMINATE,
    counts,
    csrf_token_from,
    form_fields,
    last_mail_to,
    link_path_in,
    post_nomination,
    the_nomination,
)

EMPTY = {name: "" for name in form_fields() if name != "nomination_kind"}
EVERY_MISSING = ("name", "title", "organization", "position_level", "eligibility_declared", "nationality",
                 "residence", "gender", "biography", "motivation", "availability_confirmed", "languages",
                 "cv", "data_consent", "no_remuneration_declared")


def checked(html: str, name: str) -> bool:
    """True when the checkbox ``name`` is rendered ticked."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, name
    return "checked" in tag.group(0)


def test_an_empty_form_reports_every_problem_at_once(app: Flask, client: FlaskClient, panel_call: str,
                                                    nominee: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={}, **EMPTY)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    summary = re.search(r'<div class="form-errors"[^>]*id="error-summary".*?</div>', html, re.S).group(0)
    for name in EVERY_MISSING:
        assert f'id="{name}-error"' in html, name
        assert f'href="#{name}"' in summary, name
    assert f"{len(EVERY_MISSING)} things to fix" in summary
    assert counts(app) == (0, 0, 1)


def test_format_and_completeness_problems_show_together(app: Flask, client: FlaskClient, panel_call: str,
                                                      nominee: str) -> None:
    response = post_nomination(client, NOMINATE.format(slug=panel_call), files={}, name="",
                         links="javascript:alert(1)", nationality="XX", biography="")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for name in ("name", "links", "nationality", "biography", "cv"):
        assert f'id="{name}-error"' in html, name
    assert counts(app) == (0, 0, 1)


def test_invalid_fields_are_marked_and_described_by_their_message(client: FlaskClient, panel_call: str,
                                                                  nominee: str) -> None:
    html = post_nomination(client, NOMINATE.format(slug=panel_call), files={}, **EMPTY).get_data(as_text=True)
    for name in ("name", "title", "nationality", "biography", "data_consent"):
        tag = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag, tag
        assert re.search(rf'aria-describedby="[^"]*\b{name}-error\b', tag), tag
    gender = re.search(r'<fieldset[^>]*\bid="gender"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in gender and "gender-error" in gender and 'role="radiogroup"' in gender


def test_the_page_moves_focus_to_the_summary_with_its_own_script(client: FlaskClient, panel_call: str,
                                                                 nominee: str) -> None:
    html = post_nomination(client, NOMINATE.format(slug=panel_call), files={}, **EMPTY).get_data(as_text=True)
    assert 'id="error-summary"' in html and 'tabindex="-1"' in html
    assert "nomination-form.js" in html and not re.search(r"<script>(?!\s*</script>)", html)
    script = client.get("/static/nomination-form.js").get_data(as_text=True)
    assert "error-summary" in script and ".focus(" in script


def test_countries_are_listed_by_name(client: FlaskClient, panel_call: str, nominee: str) -> None:
    html = client.get(NOMINATE.format(slug=panel_call)).get_data(as_text=True)
    for name in ("nationality", "residence"):
        select = re.search(rf'<select[^>]*id="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
        labels = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]*)</option>', select)
        assert len(labels) > 190
        plain = [unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()
                 for label in labels]
        assert plain == sorted(plain), labels[:5]


def test_declarations_keep_their_state_in_a_saved_draft(app: Flask, client: FlaskClient, panel_call: str,
                                                       nominee: str) -> None:
    draft = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={}, biography="")
    assert draft.status_code == 302
    html = client.get(draft.headers["Location"]).get_data(as_text=True)
    for name in ("eligibility_declared", "availability_confirmed", "data_consent", "no_remuneration_declared"):
        assert checked(html, name), name
    unticked = post_nomination(client, draft.headers["Location"], button="save_draft", files={},
                         data_consent=None, no_remuneration_declared=None)
    assert unticked.status_code == 302
    html = client.get(draft.headers["Location"]).get_data(as_text=True)
    assert not checked(html, "data_consent") and not checked(html, "no_remuneration_declared")
    assert checked(html, "availability_confirmed")


def test_a_self_nomination_draft_offers_no_consent_request(app: Flask, client: FlaskClient, panel_call: str,
                                                          nominee: str) -> None:
    draft = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={})
    html = client.get(draft.headers["Location"]).get_data(as_text=True)
    assert 'name="submit_nomination"' in html and 'name="request_consent"' not in html


def test_a_third_party_draft_offers_the_consent_request_only(app: Flask, client: FlaskClient, panel_call: str,
                                                            nominee: str) -> None:
    draft = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={},
                      nomination_kind="third_party", email="amina@example.net", nominator_kind="mission",
                      nominator_name="A. Envoy", nominator_organization="Permanent Mission of Ghana")
    assert draft.status_code == 302
    html = client.get(draft.headers["Location"]).get_data(as_text=True)
    assert 'name="request_consent"' in html and 'name="submit_nomination"' not in html


def test_hints_keep_their_capitals(client: FlaskClient, panel_call: str, nominee: str) -> None:
    html = client.get(f"/calls/{panel_call}/nominate/civil_society").get_data(as_text=True)
    assert "CEO level or deputy" in html
    assert "ceo level" not in html


# ---------------------------------------------------------------- the invited nominee

# What the invited nominee's browser posts: the nominator's part comes back as it was shown.
AS_THE_NOMINEE = dict(nomination_kind=None, email="amina@example.net", name="Amina بن علي", nominator_kind="mission",
                      nominator_name="A. Envoy", nominator_organization="Permanent Mission of Ghana")


def invited_nominee(app: Flask, client: FlaskClient, slug: str, **fields: object) -> tuple[FlaskClient, int]:
    """A third party nominates with every declaration ticked; the nominee follows the invitation."""
    response = post_nomination(client, NOMINATE.format(slug=slug), button="request_consent", files={},
                         nomination_kind="third_party", email="amina@example.net", name="Amina بن علي",
                         nominator_kind="mission", nominator_name="A. Envoy",
                         nominator_organization="Permanent Mission of Ghana", **fields)
    assert response.status_code == 302
    with app.app_context():
        path, nomination_id = link_path_in(last_mail_to("amina@example.net").body_text), the_nomination(app).id
    person = app.test_client()
    confirm = person.get(path)
    person.post(path, data={"csrf_token": csrf_token_from(confirm.get_data(as_text=True))})
    return person, nomination_id


def test_the_consent_page_speaks_to_the_nominee(app: Flask, client: FlaskClient, panel_call: str,
                                               nominee: str) -> None:
    person, nomination_id = invited_nominee(app, client, panel_call)
    html = person.get(f"/nominations/{nomination_id}/edit").get_data(as_text=True)
    assert "You were nominated by" in html and "A. Envoy" in html
    assert "your consent" in html.lower()
    assert "consent: waiting for the nominee" not in html.lower()
    for path in ("/my", f"/nominations/{nomination_id}"):
        page = person.get(path).get_data(as_text=True)
        assert "Waiting for your consent" in page or "Your consent" in page, path
        assert "waiting for the nominee" not in page.lower(), path


def test_the_nominator_is_named_with_its_capitals(app: Flask, client: FlaskClient, panel_call: str,
                                                 nominee: str) -> None:
    _person, nomination_id = invited_nominee(app, client, panel_call)
    html = client.get(f"/nominations/{nomination_id}").get_data(as_text=True)
    assert "(a Member State's Permanent Mission)" in html.replace("&#39;", "'")


def test_the_nominators_declarations_are_not_ticked_for_the_nominee(app: Flask, client: FlaskClient,
                                                                    panel_call: str, nominee: str) -> None:
    person, nomination_id = invited_nominee(app, client, panel_call)
    path = f"/nominations/{nomination_id}/edit"
    html = person.get(path).get_data(as_text=True)
    assert not checked(html, "no_remuneration_declared") and not checked(html, "data_consent")
    saved = post_nomination(person, path, button="save_draft", files={}, **AS_THE_NOMINEE)
    assert saved.status_code == 302, re.findall(r"<ul class=\"errors\"[^>]*>(.*?)</ul>", saved.get_data(as_text=True), re.S)
    html = person.get(path).get_data(as_text=True)
    assert checked(html, "no_remuneration_declared") and checked(html, "data_consent")
    with app.app_context():
        assert db.session.get(Nomination, nomination_id).no_remuneration_declared


def test_the_nominator_does_not_untick_the_nominees_declarations(app: Flask, client: FlaskClient,
                                                               panel_call: str, nominee: str) -> None:
    person, nomination_id = invited_nominee(app, client, panel_call)
    path = f"/nominations/{nomination_id}/edit"
    post_nomination(person, path, button="save_draft", files={}, **AS_THE_NOMINEE)
    changed = post_nomination(client, path, button="save_draft", files={}, nomination_kind="third_party",
                        email="amina@example.net", nominator_kind="mission", nominator_name="A. Envoy",
                        nominator_organization="Permanent Mission of Ghana", data_consent=None,
                        no_remuneration_declared=None, title="Minister of Tests")
    assert changed.status_code == 302
    with app.app_context():
        nomination = db.session.get(Nomination, nomination_id)
        assert nomination.nominee.title == "Minister of Tests"
        assert nomination.no_remuneration_declared and nomination.data_consent
