"""The review list's page built in SQL shows the same rows, in the same order, as the list
built by loading the whole call (``candidate_rows``), for every filter, search and sort."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from selection.demo import seed, seed_scale_calls
from selection.demo.review_call import REVIEW_CALL_SLUG
from selection.extensions import db
from selection.models import Call, Nomination, NominationStatus, Nominee, User
from selection.workflow.review_list import NominationFilter, candidate_rows, load_review_data, paginate
from selection.workflow.review_page import candidate_page


@pytest.fixture
def seeded(app: Flask) -> Iterator[None]:
    """The demo and a call of 40 nominations, with duplicates of one person and a draft."""
    with app.app_context():
        seed()
        [call] = seed_scale_calls([40])
        nominations = db.session.execute(select(Nomination).where(Nomination.call_id == call.id)
                                         .order_by(Nomination.id)).scalars().all()
        # Same e-mail as the first; same name and nationality as the second: one candidate each.
        nominations[5].nominee.email = nominations[0].nominee.email.upper()
        nominations[9].nominee.name = nominations[1].nominee.name.upper()
        nominations[9].nominee.nationality = nominations[1].nominee.nationality
        nominations[12].nominee.organization = "Ümlaut Fundação"
        nominations[13].status = NominationStatus.DRAFT
        db.session.commit()
        yield


FILTERS = [
    {}, {"sort": "merit", "order": "desc"}, {"sort": "merit"}, {"sort": "score", "order": "desc"},
    {"sort": "group"}, {"sort": "region", "order": "desc"}, {"sort": "status"}, {"sort": "submitted", "order": "desc"},
    {"status": "shortlisted"}, {"status": "under_review", "sort": "merit", "order": "desc", "page": "2"},
    {"q": "institute"}, {"q": "UMLAUT fundacao"}, {"q": "lucia"}, {"q": "100%"}, {"q": "abara_"},
    {"group": "civil_society"}, {"region": "GRULAC"}, {"gender": "woman"}, {"gender": "nonsense"},
    {"score_min": "60"}, {"score_max": "40", "sort": "score"}, {"has_conflicts": "yes"}, {"has_conflicts": "no"},
    {"page": "99"}, {"page": "2", "sort": "name", "order": "desc"},
]


def test_the_page_is_the_one_the_whole_call_gives(app: Flask, seeded: None) -> None:
    with app.app_context():
        reviewers = db.session.execute(select(User.id)).scalars().all()
        calls = db.session.execute(select(Call).where(Call.slug.in_(["scale-40", REVIEW_CALL_SLUG]))).scalars().all()
        assert len(calls) == 2
        for call, args in ((call, args) for call in calls for args in [*FILTERS, *({"reviewer": str(r)} for r in reviewers)]):
            f = NominationFilter.from_args(args)
            expected = paginate(candidate_rows(load_review_data(call), f), f.page, per_page=7)
            got = candidate_page(call, f, per_page=7)
            assert (got.number, got.pages, got.total) == (expected.number, expected.pages, expected.total), args
            assert [[d.nomination.id for d in row.items] for row in got.rows] == \
                [[d.nomination.id for d in row.items] for row in expected.rows], args
            assert [[(d.candidate, d.merit, d.scores.mean) for d in row.items] for row in got.rows] == \
                [[(d.candidate, d.merit, d.scores.mean) for d in row.items] for row in expected.rows], args


def test_search_column_follows_name_and_organization() -> None:
    nominee = Nominee(name="Ana", organization="", email="ana@example.org", nationality="br", residence="br")
    assert nominee.search_text == "ana "
    nominee.name = "  José   ÅBERG "
    nominee.organization = "Ministère"
    assert nominee.search_text == "jose aberg ministere"
