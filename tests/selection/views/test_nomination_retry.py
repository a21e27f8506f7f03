"""The new-nomination form carries a one-time token: the same form sent again (its first answer
lost on the way) lands on the nomination it created; a second form for the same group is refused."""
from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.selection.factories import NOMINATE, counts, csrf_token_from, form_fields


def filled(html: str, **fields: str) -> dict[str, str]:
    token = re.search(r'name="creation_token"[^>]*value="([^"]+)"', html)
    assert token, "the new-nomination form has no one-time token"
    return {**form_fields(**fields), "csrf_token": csrf_token_from(html), "creation_token": token.group(1),
            "save_draft": "x"}


def test_the_same_form_sent_twice_makes_one_draft(app: Flask, client: FlaskClient, panel_call: str,
                                                  nominee: str) -> None:
    path = NOMINATE.format(slug=panel_call)
    data = filled(client.get(path).get_data(as_text=True))
    first = client.post(path, data=data)
    again = client.post(path, data=data)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"] and counts(app)[0] == 1


def test_a_second_form_for_the_same_group_is_refused_with_a_clear_message(app: Flask, client: FlaskClient,
                                                                           panel_call: str, nominee: str) -> None:
    path = NOMINATE.format(slug=panel_call)
    assert client.post(path, data=filled(client.get(path).get_data(as_text=True))).status_code == 302
    second = client.post(path, data=filled(client.get(path).get_data(as_text=True), biography="Another text."))
    assert second.status_code == 400 and "You started this nomination already" in second.get_data(as_text=True)
    assert counts(app)[0] == 1


def test_a_token_that_is_not_one_is_ignored(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    path = NOMINATE.format(slug=panel_call)
    data = {**filled(client.get(path).get_data(as_text=True)), "creation_token": "x" * 5000}
    assert client.post(path, data=data).status_code == 302 and counts(app)[0] == 1
