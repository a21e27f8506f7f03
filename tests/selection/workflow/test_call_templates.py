"""Call templates: the Leadership Panel, the MAG and blank, each with its groups, seats and rules."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from selection.models import CallStatus, RequiredLevel
from selection.workflow.calls import configuration_problems, create_call
from selection.workflow.errors import InvalidConfiguration
from tests.selection.factories import call_by_slug

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)


def test_leadership_panel_template(app_ctx) -> None:
    call = create_call("leadership-panel", "lp", "Leadership Panel", None, now=NOW)
    assert call.status == CallStatus.DRAFT and call.seats == 10
    assert [(g.code, g.seats, g.required_level) for g in call.groups] == [
        ("government", 2, RequiredLevel.MINISTERIAL),
        ("private_sector", 2, RequiredLevel.CEO_OR_DEPUTY),
        ("technical_community", 2, RequiredLevel.CEO_OR_DEPUTY),
        ("civil_society", 2, RequiredLevel.CEO_OR_DEPUTY),
        ("at_large", 2, RequiredLevel.NONE),
    ]
    rules = [rule.describe() for rule in call.rules]
    assert "each UN regional group: at least 1 and at most 3 seats" in rules
    assert "women: at least 4 seats" in rules and "men: at least 4 seats" in rules
    assert "within the Government group, each UN regional group: at most 1 seat" in rules
    assert (call.term_end.year - call.term_start.year + 1) == 2
    assert call.ex_officio_seats == ["host_previous", "host_current", "host_upcoming", "mag_chair", "envoy_technology"]
    assert [c.name for c in call.rubric_criteria] == [
        "Expertise", "Standing", "Contribution to the body's functions", "Engagement with the IGF"]
    assert sum(c.weight for c in call.rubric_criteria) == pytest.approx(1)
    assert [b.name for b in call.recommending_bodies] == [
        "IGF Secretariat", "Office of the Envoy on Technology", "Other inputs"]
    assert "IGF Leadership Panel" in call.privacy_notice and "36 months" in call.privacy_notice
    assert configuration_problems(call) == {}


def test_mag_template(app_ctx) -> None:
    call = create_call("mag", "mag", "MAG 2027", None, now=NOW)
    seats = {g.code: g.seats for g in call.groups}
    assert call.seats == 40 and seats == {"government": 16, "civil_society": 8, "private_sector": 8,
                                          "technical_community": 8}
    assert seats["government"] / call.seats == pytest.approx(0.4)
    assert call.max_consecutive_terms == 3
    assert call.term_start == date(NOW.year + 1, 1, 1) and call.term_end == date(NOW.year + 1, 12, 31)
    attributes = {(r.attribute, r.where_attribute) for r in call.rules}
    assert {("region", None), ("gender", None), ("region", "group")} <= attributes
    assert call.ex_officio_seats == ["host_previous", "host_current", "host_upcoming"]
    assert configuration_problems(call) == {}


def test_blank_template_asks_for_everything(app_ctx) -> None:
    call = create_call("blank", "bpf", "Best Practice Forum facilitators", None, now=NOW)
    assert call.groups == [] and call.rules == [] and call.body == "Best Practice Forum facilitators"
    assert configuration_problems(call) == {"seats": "the body needs at least one seat"}


def test_times_default_to_the_next_midnight_and_six_weeks(app_ctx) -> None:
    call = create_call("mag", "mag", "MAG", None, now=NOW)
    assert call.opens_at == datetime(2026, 5, 5, 0, 0, tzinfo=timezone.utc)
    assert call.closes_at == datetime(2026, 6, 16, 23, 59, tzinfo=timezone.utc)


@pytest.mark.parametrize(("template", "slug", "title", "field"), [
    ("emperor", "ok", "Title", "template"),
    ("mag", "Not A Slug", "Title", "slug"),
    ("mag", "ok", "  ", "title"),
])
def test_creation_refuses_bad_input_naming_the_field(app_ctx, template: str, slug: str, title: str, field: str) -> None:
    with pytest.raises(InvalidConfiguration) as refused:
        create_call(template, slug, title, None, now=NOW)
    assert field in refused.value.problems


def test_the_demo_call_comes_from_the_template(app_ctx, panel_call: str) -> None:
    call = call_by_slug(panel_call)
    assert call.status == CallStatus.OPEN and call.term_start == date(2027, 1, 1)
    assert len(call.rubric_criteria) == 4 and len(call.recommending_bodies) == 3
