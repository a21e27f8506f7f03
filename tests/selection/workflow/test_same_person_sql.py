"""The same person nominated several times, found in SQL from a few nominations (what the API's
``candidate`` reads): the groups must be those of the pure ``group_candidates``."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from selection.extensions import db
from selection.models import Nomination, NominationStatus
from selection.workflow.candidates import PersonKey, group_candidates
from selection.workflow.duplicates import oldest_of_same_person
from tests.selection.factories import review_call, submitted

# (name, e-mail, nationality): a~c by e-mail and c~b by name and nationality put a, b and c
# together although a and b share nothing, and b comes before c; d, e and f are alone.
PEOPLE = [("Pat Lee", "p@example.org", "US"), ("Patricia  Lée", "q@example.org", "CA"),
          ("patricia lee", "P@Example.org", "CA"), ("Pat Lee", "r@example.org", "GB"),
          ("", "", ""), ("", "", "")]


@pytest.fixture
def nominations(app_ctx: None) -> list[Nomination]:
    """The people above in one call, the fifth a draft; and the first again in another call."""
    call = review_call()
    rows = [submitted(call, name or "Unnamed", email=email, nationality=nationality,
                      status=NominationStatus.DRAFT if index == 4 else NominationStatus.SUBMITTED)
            for index, (name, email, nationality) in enumerate(PEOPLE)]
    for row, (name, email, _nationality) in zip(rows, PEOPLE):
        row.nominee.name, row.nominee.email = name, email  # empty fields stay empty: they never match
    submitted(review_call("other-call"), "Pat Lee", email="p@example.org", nationality="US")
    db.session.flush()
    return rows


def test_each_nomination_gets_the_oldest_nomination_of_its_person(nominations: list[Nomination]) -> None:
    a, b, c, d, e, f = (n.id for n in nominations)
    assert oldest_of_same_person([a, b, c, d, e, f]) == {a: a, b: a, c: a, d: d, e: e, f: f}


def test_it_agrees_with_the_pure_grouping(nominations: list[Nomination]) -> None:
    groups = group_candidates([PersonKey(n.id, n.nominee.email, n.nominee.name, n.nominee.nationality)
                               for n in nominations])
    oldest = oldest_of_same_person([n.id for n in nominations])
    assert {n_id: group[0] for group in groups for n_id in group} == oldest


def test_one_nomination_alone_finds_its_person_in_one_statement(app: object, nominations: list[Nomination]) -> None:
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert oldest_of_same_person([nominations[1].id]) == {nominations[1].id: nominations[0].id}
    assert len(statements) == 1


def test_people_are_never_matched_across_calls(nominations: list[Nomination]) -> None:
    elsewhere = db.session.execute(select(Nomination.id).order_by(Nomination.id.desc()).limit(1)).scalar_one()
    assert oldest_of_same_person([elsewhere]) == {elsewhere: elsewhere}
    assert oldest_of_same_person([]) == {}
