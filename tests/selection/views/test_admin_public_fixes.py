"""Administration and public call pages as issue 10 found them: an empty section navigation on
the call overview, "Open for nominations" before the opening time, a one-year term shown as
"2028–2028", rules with penalties on the public page, and a time-zone list full of aliases."""
from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient

from selection.extensions import db
from selection.forms.admin import canonical_time_zones, time_zone_choices
from selection.models import BalanceRule, utcnow
from selection.models.rule_words import rule_in_plain_words
from tests.selection.factories import call_by_slug

SECTION_PATHS = ["", "/details", "/groups", "/questions", "/rules", "/review", "/privacy", "/deadlines"]


def test_the_call_overview_links_to_every_section(admin: FlaskClient, panel_call: str) -> None:
    page = admin.get(f"/admin/calls/{panel_call}").get_data(as_text=True)
    nav = page.split('aria-label="Sections of the call"')[1].split("</nav>")[0]
    for path in SECTION_PATHS:
        assert f'href="/admin/calls/{panel_call}{path}"' in nav, path
    assert 'aria-current="page">Status<' in nav


def _opens_in_a_week(app: Flask, slug: str) -> None:
    with app.app_context():
        call = call_by_slug(slug)
        call.opens_at = utcnow() + timedelta(days=7)
        db.session.commit()


def test_a_call_opening_later_says_when_it_opens(app: Flask, admin: FlaskClient, panel_call: str) -> None:
    _opens_in_a_week(app, panel_call)
    day = f"{utcnow() + timedelta(days=7):%-d %B %Y}"
    for url in ("/", f"/calls/{panel_call}", "/admin/calls", f"/admin/calls/{panel_call}"):
        page = admin.get(url).get_data(as_text=True)
        assert f"Opens on {day}" in page, url
        assert "Open for nominations" not in page, url
    groups = admin.get(f"/calls/{panel_call}").get_data(as_text=True).split('id="groups-heading"')[1]
    assert groups.count("Not open yet") == 5 and ">Closed<" not in groups.split("</table>")[0]


def test_an_open_call_still_says_open(admin: FlaskClient, panel_call: str) -> None:
    assert "Open for nominations" in admin.get(f"/calls/{panel_call}").get_data(as_text=True)


def test_the_term_reads_as_years(app: Flask, client: FlaskClient, panel_call: str) -> None:
    assert "term 2027–2028" in client.get("/").get_data(as_text=True)
    with app.app_context():
        call = call_by_slug(panel_call)
        call.term_start, call.term_end = date(2028, 1, 1), date(2028, 12, 31)
        db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "2028–2028" not in page and "term 2028<" in page


def test_public_rules_are_in_plain_words(app: Flask, client: FlaskClient, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        women = next(r for r in call.rules if r.attribute == "gender" and r.value == "woman")
        women.hard, women.penalty = False, 5.0
        minimum = women.min_seats
        db.session.commit()
    page = client.get(f"/calls/{panel_call}").get_data(as_text=True)
    section = page.split('id="balance-heading"')[1].split("</section>")[0]
    assert "penalty" not in section and "soft" not in section
    assert f"At least {minimum} women (a preference, not a strict requirement)" in section
    assert "member from each UN regional group" in section or "members from each UN regional group" in section


def test_rule_wording_covers_groups_filters_and_limits(app: Flask, panel_call: str) -> None:
    with app.app_context():
        call = call_by_slug(panel_call)
        government = call.groups[0]
        cases = {
            BalanceRule(attribute="region", value="*", max_seats=1, where_attribute="group",
                        where_value=government.code): f"Within the {government.name} group, at most 1 member "
                                                      "from each UN regional group",
            BalanceRule(attribute="gender", value="man", min_seats=1, max_seats=1): "Exactly 1 man",
            BalanceRule(attribute="region", value="AFR", min_seats=1, max_seats=3):
                "Between 1 and 3 members from the African States",
            BalanceRule(attribute="country", value="*", max_seats=2, hard=False, penalty=5.0):
                "At most 2 members of each nationality (a preference, not a strict requirement)",
            BalanceRule(attribute="country", value="KE", max_seats=0): "No members of Kenya nationality",
        }
        for rule, words in cases.items():
            assert rule_in_plain_words(rule, call) == words


def test_time_zones_are_current_names_grouped_by_region() -> None:
    zones = canonical_time_zones()
    assert "Europe/Kyiv" in zones and "Asia/Kolkata" in zones and "America/New_York" in zones
    for alias in ("US/Pacific", "Etc/GMT+3", "Asia/Calcutta", "Europe/Kiev", "GB", "EST5EDT", "America/Buenos_Aires"):
        assert alias not in zones, alias
    groups = time_zone_choices()
    assert list(groups)[0] == "UTC" and {"Africa", "America", "Asia", "Europe", "Pacific"} <= set(groups)
    assert ("America/New_York", "New York") in groups["America"]


def test_the_details_page_groups_time_zones_with_a_search(admin: FlaskClient, panel_call: str) -> None:
    page = admin.get(f"/admin/calls/{panel_call}/details").get_data(as_text=True)
    assert '<optgroup label="Africa">' in page and '<optgroup label="Europe">' in page
    assert 'data-zone-search' in page and "time-zone-search.js" in page
    assert "US/Pacific" not in page
