"""The public pages: home and the call page."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import Call, CallStatus


def test_home_lists_the_open_call(client: FlaskClient, panel_call: str) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "Open now" in html
    assert f'href="/calls/{panel_call}"' in html
    assert "IGF Leadership Panel 2027–2028" in html


def test_home_without_calls_says_so(client: FlaskClient) -> None:
    assert "No call is taking nominations" in client.get("/").get_data(as_text=True)


def test_call_page_shows_groups_seats_and_eligibility(client: FlaskClient, panel_call: str) -> None:
    response = client.get(f"/calls/{panel_call}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for name in ("Government", "Private sector", "Technical community", "Civil society", "At-large"):
        assert f'<th scope="row">{name}</th>' in html
    assert html.count('<td class="num">2</td>') == 5
    assert "10 seats in all" in html
    assert "Ministerial level or above" in html and "CEO level or deputy" in html
    assert "observer status in the General Assembly" in html
    assert "Between 1 and 3 members from each UN regional group" in html
    assert "At least 4 women" in html
    assert "Within the Government group, at most 1 member from each UN regional group" in html
    assert "How to apply" in html


def test_call_page_shows_the_deadline_in_utc_with_a_machine_readable_time(
    app: Flask, client: FlaskClient, panel_call: str
) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        closes = call.closes_at
    html = client.get(f"/calls/{panel_call}").get_data(as_text=True)
    assert f'<time datetime="{closes.isoformat()}" data-local>' in html
    assert closes.strftime("%-d %B %Y, 23:59 UTC") in html


def test_unknown_call_is_404(client: FlaskClient) -> None:
    response = client.get("/calls/no-such-call")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_draft_call_is_not_public(app: Flask, client: FlaskClient, panel_call: str) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        call.status = CallStatus.DRAFT
        db.session.commit()
    assert client.get(f"/calls/{panel_call}").status_code == 404
    assert panel_call not in client.get("/").get_data(as_text=True)


def test_closed_call_is_listed_among_earlier_calls(app: Flask, client: FlaskClient, panel_call: str) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        call.status = CallStatus.CLOSED
        call.closes_at -= timedelta(days=100)
        db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Earlier calls" in html and "No call is taking nominations" in html
    assert "Nominations closed" in client.get(f"/calls/{panel_call}").get_data(as_text=True)
