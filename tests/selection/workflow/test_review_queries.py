"""What review pages read from the workflow now that views hold no rules: who may still be
assigned, which shortlists a user sees, the ticked ids of a list, candidates' numbers, and
one object's audit events."""
from __future__ import annotations

import pytest

from selection.models import ConflictKind, NominationStatus, Role
from selection.workflow import review as ops
from selection.workflow.bulk_review import chosen_nominations, parse_ids
from selection.workflow.candidates import candidate_numbers
from selection.workflow.history import events_of, histories, staff_history
from tests.selection.factories import review_call, staff, submitted

pytestmark = pytest.mark.usefixtures("app_ctx")
S = NominationStatus


@pytest.fixture
def people():
    return {
        "sec": staff("sec@un.example.org", Role.SECRETARIAT),
        "r1": staff("r1@un.example.org", Role.REVIEWER),
        "r2": staff("r2@un.example.org", Role.REVIEWER),
        "r3": staff("r3@un.example.org", Role.REVIEWER),
        "rec": staff("rec@envoy.example.org", Role.RECOMMENDER),
    }


def test_assignable_reviewers_leave_out_the_assigned_and_the_recused(people) -> None:
    call = review_call()
    nomination = submitted(call, "Amina Diallo", status=S.UNDER_REVIEW)
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    ops.declare_conflict(nomination, people["r2"], people["r2"], kind=ConflictKind.OTHER, details="Former colleague")
    assert ops.assignable_reviewers(nomination) == [people["r3"]]
    assert ops.unrecused_reviewers(nomination) == [people["r1"], people["r3"]]
    assert [a.reviewer for a in ops.assignments_to(nomination)] == [people["r1"]]


def test_shortlists_are_shown_to_staff_and_to_the_recommenders_of_a_body_only(people) -> None:
    call = review_call()
    submitted(call, "Amina Diallo", status=S.SHORTLISTED)
    submitted(call, "Bo Chen", status=S.SHORTLISTED)
    submitted(call, "Carla Ruiz", status=S.UNDER_REVIEW)
    review_call("lp-none")  # nobody shortlisted: not listed
    assert ops.shortlists_for(people["sec"]) == [(call, 2)]
    assert ops.shortlists_for(people["rec"]) == []
    ops.add_body_member(call.recommending_bodies[0], people["rec"], people["sec"])
    assert ops.shortlists_for(people["rec"]) == [(call, 2)]
    assert ops.shortlists_for(people["r1"]) == []


def test_ticked_ids_ignore_what_is_not_a_number_and_other_calls() -> None:
    call, other = review_call(), review_call("lp-other")
    mine, theirs = submitted(call, "Amina Diallo"), submitted(other, "Bo Chen")
    ids = parse_ids([str(mine.id), f" {theirs.id} ", "x", "", "-3"])
    assert ids == {mine.id, theirs.id}
    assert chosen_nominations(call, ids) == [mine]
    assert chosen_nominations(call, set()) == []


def test_the_same_person_nominated_twice_is_one_candidate() -> None:
    call = review_call()
    first = submitted(call, "Amina Diallo", email="amina@example.net")
    again = submitted(call, "AMINA DIALLO", email="amina@example.net", group=1)
    other = submitted(call, "Bo Chen")
    assert candidate_numbers([first, again, other]) == {first.id: 1, again.id: 1, other.id: 2}


def test_events_of_one_object_newest_first_and_limited(people) -> None:
    call = review_call()
    nomination = submitted(call, "Amina Diallo")
    ops.screen(nomination, people["sec"], eligible=True)
    ops.assign_reviewer(nomination, people["r1"], people["sec"])
    oldest_first = [e.action for e in events_of("nomination", nomination.id)]
    assert oldest_first[-1] == "reviewer_assigned" and len(oldest_first) >= 2
    assert [e.action for e in events_of("nomination", nomination.id, newest_first=True, limit=1)] == ["reviewer_assigned"]
    assert events_of("nomination", nomination.id + 1000) == []


def test_staff_read_the_whole_history_others_nothing(people) -> None:
    call = review_call()
    nomination = submitted(call, "Amina Diallo")
    ops.screen(nomination, people["sec"], eligible=True)
    lines = staff_history(nomination, people["sec"])
    assert lines and all({"at", "what", "who"} <= set(line) for line in lines)
    assert histories([nomination], people["r1"]) == {nomination.id: []}
