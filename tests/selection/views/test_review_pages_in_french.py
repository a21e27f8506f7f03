"""Review and Secretariat pages shown in French carry no English left by the code: the regional
group and gender of a candidate, the gender filter and the merit and aggregation formulas."""
from __future__ import annotations

import html

from selection.extensions import db
from selection.models import BalanceRule, Call
from sqlalchemy import select

import pytest

from tests.selection.views.test_review_views import SLUG, sign_in, world  # noqa: F401  (fixture)

FRENCH = {"Accept-Language": "fr"}


def french_page(client, url: str) -> str:
    """The page at ``url`` in French, its entities decoded."""
    response = client.get(url, headers=FRENCH)
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("who", ["secretariat", "recommender"])
def test_the_shortlist_names_the_regional_group_in_french(app, client, auth, world, who) -> None:  # noqa: F811
    sign_in(auth, who)
    page = french_page(client, f"/review/calls/{SLUG}/shortlist")
    assert "États d'Afrique · Femme" in page
    assert "African States" not in page


def test_the_secretariat_list_names_the_regional_group_in_french(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    page = french_page(client, f"/secretariat/calls/{SLUG}/nominations")
    assert "(États d'Afrique)" in page
    assert "African States" not in page


def test_the_review_lists_gender_filter_is_in_french(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    page = french_page(client, f"/review/calls/{SLUG}/nominations")
    for word in ("Femme", "Homme", "Préfère ne pas répondre"):
        assert f">{word}</option>" in page
    for word in ("Woman", "Man", "Prefer not to say"):
        assert f">{word}</option>" not in page


def test_the_merit_and_aggregation_formulas_are_in_french(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    listing = french_page(client, f"/review/calls/{SLUG}/nominations")
    assert "Mérite (0–100) = 0.7 × note d’évaluation moyenne (0–100)" in listing
    assert "recommande vivement 100" in listing
    assert "Chaque évaluation\u00a0: moyenne pondérée des critères" in listing
    assert "mean review score" not in listing and "weighted mean of the criteria" not in listing
    nomination = french_page(client, f"/review/nominations/{world['listed']}")
    assert "Mérite (0–100)" in nomination and "Chaque évaluation\u00a0:" in nomination
    assert "mean review score" not in nomination


def test_the_formulas_stay_english_in_english(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    page = html.unescape(client.get(f"/review/calls/{SLUG}/nominations", headers={"Accept-Language": "en"})
                         .get_data(as_text=True))
    assert "Merit (0–100) = 0.7 × mean review score (0–100)" in page
    assert ">Woman</option>" in page


def test_a_rule_the_pool_cannot_meet_is_said_in_french(app, client, auth, world) -> None:  # noqa: F811
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == SLUG)).scalar_one()
        call.rules.append(BalanceRule(attribute="country", value="KE", min_seats=5))
        db.session.commit()
    sign_in(auth, "secretariat")
    page = french_page(client, f"/review/calls/{SLUG}")
    assert "exige 5 sièges pour nationalité\u00a0: Kenya\u00a0; les candidatures encore en lice n’en comptent que 1." in page
    assert "the pool has" not in page and "needs 5" not in page
