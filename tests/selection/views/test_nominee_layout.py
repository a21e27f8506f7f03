"""Layout of the public and nominee pages: the header leads a signed-out nominee to "My
nominations" and its sign-in; wide tables sit in a scroll box; texts start without blank lines."""
from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.selection.factories import sign_in_by_link


def header_of(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def test_a_signed_out_visitor_finds_my_nominations_on_every_page(client: FlaskClient, panel_call: str) -> None:
    for path in ("/", f"/calls/{panel_call}", f"/calls/{panel_call}/privacy", "/my/sign-in", "/sign-in",
                 "/no-such-page"):
        header = header_of(client.get(path).get_data(as_text=True))
        assert re.search(r'<a href="/my/sign-in"[^>]*>My nominations</a>', header), path
        assert re.search(r'<a href="/sign-in"[^>]*>Staff sign-in</a>', header), path


def test_the_link_leads_to_the_email_sign_in_and_then_to_my_nominations(app: Flask, client: FlaskClient) -> None:
    page = client.get("/my/sign-in").get_data(as_text=True)
    assert 'type="email"' in page and "link" in page.lower()
    sign_in_by_link(app, client, "someone@example.org")
    header = header_of(client.get("/").get_data(as_text=True))
    assert re.search(r'<a href="/my"[^>]*>My nominations</a>', header)
    assert 'href="/my/sign-in"' not in header and "Staff sign-in" not in header


def test_wide_tables_scroll_in_their_own_box(app: Flask, client: FlaskClient, panel_call: str) -> None:
    html = client.get(f"/calls/{panel_call}").get_data(as_text=True)
    assert re.search(r'<div class="table-scroll"[^>]*tabindex="0"[^>]*>\s*<table', html)
    sign_in_by_link(app, client, "someone@example.org")
    assert '<div class="table-scroll"' not in client.get("/my").get_data(as_text=True)  # no nominations, no table


def test_call_and_privacy_texts_start_without_blank_lines(client: FlaskClient, panel_call: str) -> None:
    for path in (f"/calls/{panel_call}", f"/calls/{panel_call}/privacy"):
        # The text's own language and direction sit on the box (issue 14); its first paragraph follows at once.
        assert re.search(r'<div class="prose"[^>]*><p>', client.get(path).get_data(as_text=True)), path
