"""The hand-made slate editor does not grow with the shortlist: the chosen members on top, one
page of the other shortlisted candidates below, filtered, searched and paged in SQL by buttons
of the same form, so that browsing keeps what was entered and records nothing."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    Decision,
    Nomination,
    NominationStatus,
    NominationSummary,
    Nominee,
    Role,
)
from tests.selection.factories import csrf_token_from, submitted
from tests.selection.views.test_decision_views import DM, SLUG, _setup

URL = f"/decide/calls/{SLUG}/decision"


@pytest.fixture(autouse=True)
def five_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five candidates a page, so that the fifteen shortlisted take three pages."""
    monkeypatch.setattr("selection.workflow.slate_editor.PER_PAGE", 5)


def _ticked(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="members" value="(\d+)" id="member-\d+" checked', html)]


def _offered(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="members" value="(\d+)" id="member-\d+">', html)]


def _by_merit(app: Flask, ids: list[int]) -> list[int]:
    """``ids`` as the pool sorts them: merit highest first, then name, then id."""
    with app.app_context():
        rows = db.session.execute(
            select(Nomination.id).join(Nominee).outerjoin(NominationSummary)
            .where(Nomination.id.in_(ids))
            .order_by(func.coalesce(NominationSummary.merit, 0).desc(), Nominee.identity_name, Nomination.id)).scalars()
        return list(rows)


def _statuses(app: Flask, ids: list[int]) -> set[NominationStatus]:
    with app.app_context():
        return set(db.session.execute(select(Nomination.status).where(Nomination.id.in_(ids))).scalars())


def _decisions(app: Flask) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(Decision)).scalar_one()


def _form(client: FlaskClient, **fields: object) -> dict[str, object]:
    token = csrf_token_from(client.get(URL).get_data(as_text=True))
    return {"csrf_token": token, "decided_on": "2025-05-02", "rationale": "", "pool_page": "1", **fields}


def test_the_pool_shows_one_page_by_merit_and_the_pager_shows_the_next(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    first = client.get(URL).get_data(as_text=True)
    ordered = _by_merit(app, ids)
    assert _ticked(first) == [] and _offered(first) == ordered[:5]
    assert "Page 1 of 3" in first and "Nobody is chosen yet" in first
    assert "15 of the other candidates match." in first
    second = client.post(URL, data=_form(client, browse="page-2"))
    html = second.get_data(as_text=True)
    assert second.status_code == 200 and _offered(html) == ordered[5:10] and "Page 2 of 3" in html
    assert 'name="pool_page" type="hidden" value="2"' in html
    # A page past the end shows the last; a page that is no number stays where it was.
    assert _offered(client.post(URL, data=_form(client, browse="page-99")).get_data(as_text=True)) == ordered[10:]
    assert _offered(client.post(URL, data=_form(client, browse="page-²", pool_page="2"))
                    .get_data(as_text=True)) == ordered[5:10]


def test_browsing_keeps_the_ticked_members_the_date_and_the_texts_and_records_nothing(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    ordered = _by_merit(app, ids)
    chosen = [ordered[0], ordered[7]]  # one from page 1, one ticked on page 2
    response = client.post(URL, data=_form(client, members=chosen, browse="page-2", decided_on="2025-04-30",
                                           rationale="Balanced and strong.", hard_rule_justification="Draft."))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sorted(_ticked(html)) == sorted(chosen)
    assert "Chosen: <span data-chosen-count>2</span> of 10 seats" in html
    # The chosen are no longer among the others; page 2 of the 13 others follows.
    others = [i for i in ordered if i not in chosen]
    assert _offered(html) == others[5:10] and "13 of the other candidates match." in html
    assert "Balanced and strong.</textarea>" in html and "Draft.</textarea>" in html
    assert 'value="2025-04-30"' in html
    assert 'class="errors"' not in html and 'class="form-errors"' not in html  # browsing validates nothing
    assert _decisions(app) == 0 and _statuses(app, ids) == {NominationStatus.SHORTLISTED}
    # Unticking a member takes them off.
    again = client.post(URL, data=_form(client, members=[ordered[7]], browse="filter", rationale="x"))
    assert _ticked(again.get_data(as_text=True)) == [ordered[7]]


def test_the_pool_is_filtered_by_group_and_searched_without_regard_to_case_or_accents(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    with app.app_context():
        groups = dict(db.session.execute(select(Nomination.id, Nomination.group_id).where(Nomination.id.in_(ids))).all())
        names = dict(db.session.execute(select(Nomination.id, Nominee.name).join(Nominee)
                                        .where(Nomination.id.in_(ids))).all())
    group = groups[ids[3]]
    in_group = [i for i in _by_merit(app, ids) if groups[i] == group]
    filtered = client.post(URL, data=_form(client, browse="filter", pool_group=str(group), pool_page="3"))
    html = filtered.get_data(as_text=True)
    assert filtered.status_code == 200 and _offered(html) == in_group and len(in_group) == 3
    assert f'<option selected value="{group}">' in html
    searched = client.post(URL, data=_form(client, browse="filter", pool_q="  NOMINÉE 04 ")).get_data(as_text=True)
    assert _offered(searched) == [ids[4]] and names[ids[4]] == "Nominee 04 PL"
    assert 'value="  NOMINÉE 04 "' in searched
    by_organization = client.post(URL, data=_form(client, browse="filter", pool_q="baobab rights", pool_sort="name"))
    assert _offered(by_organization.get_data(as_text=True)) == ids[:5]  # sorted by name: Nominee 00...04
    nobody = client.post(URL, data=_form(client, browse="filter", pool_q="zzz\x00")).get_data(as_text=True)
    assert _offered(nobody) == [] and "No other shortlisted candidate matches." in nobody


def test_a_forged_member_is_refused_with_a_message_and_nothing_is_recorded(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    with app.app_context():
        from selection.models import Call

        call = db.session.execute(select(Call).where(Call.slug == SLUG)).scalar_one()
        not_shortlisted = submitted(call, "Nominee Under Review", status=NominationStatus.UNDER_REVIEW).id
        db.session.commit()
    for forged in (not_shortlisted, 10**6, 2**40):
        data = _form(client, members=[*ids[:9], forged], rationale="By hand.", hard_rule_justification="Our choice.")
        refused = client.post(URL, data=data)
        html = refused.get_data(as_text=True)
        assert refused.status_code == 400
        assert f"Nomination {forged} is not a shortlisted candidate of this call" in html
        assert sorted(_ticked(html)) == sorted(ids[:9])  # the real ones stay chosen
        assert _decisions(app) == 0 and _statuses(app, ids) == {NominationStatus.SHORTLISTED}


def test_other_staff_get_403_when_browsing_and_nothing_changes(app, client, auth, make_user):
    ids = _setup(app, make_user)
    make_user("sec@un.example.org", Role.SECRETARIAT)
    auth.sign_in("sec@un.example.org")
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"csrf_token": token, "members": ids[:2], "browse": "page-2"}).status_code == 403
    assert _decisions(app) == 0 and _statuses(app, ids) == {NominationStatus.SHORTLISTED}


def test_the_editor_says_each_candidates_gender_in_the_pages_language(app, client, auth, make_user):
    _setup(app, make_user)
    auth.sign_in(DM)
    french = client.get(URL, headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert " · Femme · " in french or " · Homme · " in french
    assert " · Woman · " not in french and " · Man · " not in french
    # The live rule check's headings, drawn by decision.js, come from the page in its language.
    assert 'data-breaks="Enfreint des règles impératives\u00a0:"' in french
    assert 'data-meets="Respecte toutes les règles impératives."' in french
