"""The adapter: rows -> optimizer problem, result -> what the pages show; donor status never counts."""
from __future__ import annotations

from decimal import Decimal

from selection.extensions import db
from selection.models import DonorContribution, NominationStatus
from selection.slates import (
    SlateOptions,
    candidate_id,
    relaxation_in_words,
    solve_problem,
    violation_texts,
)
from selection.workflow.slate_runs import comparison, problem_for
from tests.selection.factories import FAST, shortlisted_call


def test_problem_holds_the_shortlist_with_merit_quotas_and_rules(app_ctx):
    call, nominations = shortlisted_call()
    nominations[2].status = NominationStatus.WITHDRAWN
    problem = problem_for(call, SlateOptions(), [nominations[0].id], [nominations[1].id])
    ids = [c["id"] for c in problem["candidates"]]
    assert candidate_id(nominations[2].id) not in ids and len(ids) == 14
    first = problem["candidates"][0]
    assert first["score"] == 100  # strongly recommended, no review yet: the recommendation counts alone
    assert first["attributes"] == {"group": "government", "region": "AFR", "gender": "woman", "country": "KE",
                                   "residence": "KE"}
    quotas = [r for r in problem["rules"] if r["attribute"] == "group"]
    assert [(r["value"], r["min"], r["max"]) for r in quotas][0] == ("government", 2, 2) and len(quotas) == 5
    government = [r for r in problem["rules"] if r.get("where")]
    assert government == [{"attribute": "region", "value": "*", "max": 1, "where": {"group": "government"},
                           "label": "within the Government group, each UN regional group: at most 1 seat"}]
    assert (problem["seats"], problem["slates"], problem["min_difference"], problem["time_limit_s"]) == (10, 5, 2, 20.0)
    assert problem["pinned"] == [candidate_id(nominations[0].id)]
    assert problem["excluded"] == [candidate_id(nominations[1].id)]


def test_soft_rules_carry_their_penalty(app_ctx):
    call, _ = shortlisted_call()
    rule = next(r for r in call.rules if r.attribute == "gender" and r.value == "woman")
    rule.hard, rule.penalty = False, 25.0
    problem = problem_for(call, SlateOptions(), [], [])
    women = next(r for r in problem["rules"] if r.get("value") == "woman")
    assert women["soft"] == {"penalty": 25.0} and "soft" in women["label"]


def test_result_grouped_by_stakeholder_group_with_balance_and_differences(app_ctx):
    call, nominations = shortlisted_call()
    problem = problem_for(call, FAST, [], [])
    from selection.models import SlateRun

    run = SlateRun(call=call, problem=problem, options=FAST.to_json(), result=solve_problem(problem))
    view = comparison(run)
    assert view.outcome == "optimal" and len(view.slates) == 3
    best = view.slates[0]
    assert [name for name, _ in best.groups] == ["Government", "Private sector", "Technical community",
                                                 "Civil society", "At-large"]
    assert all(len(members) == 2 for _, members in best.groups)
    member = best.groups[0][1][0]
    assert member.region_name and member.country_name and member.recommendations
    assert all(row.met for row in best.regions) and all(row.met for row in best.genders)
    women = next(row for row in best.genders if row.label == "Women")
    assert women.minimum == 4 and women.count >= 4
    assert best.binding_rules and all(isinstance(text, str) for text in best.binding_rules)
    second = view.slates[1]
    assert len(second.added) >= 2 and len(second.added) == len(second.removed)
    assert any(not m.in_every_slate for m in second.members)


def test_infeasible_rules_are_explained_with_relaxations_in_words(app_ctx):
    call, _ = shortlisted_call()
    women = next(r for r in call.rules if r.attribute == "gender" and r.value == "woman")
    women.min_seats = 9
    problem = problem_for(call, FAST, [], [])
    from selection.models import SlateRun

    view = comparison(SlateRun(call=call, problem=problem, options={}, result=solve_problem(problem)))
    assert view.outcome == "infeasible" and not view.slates
    texts = [c.relaxation_text for c in view.conflicts if c.relaxation_text]
    assert any("require only" in text and "women" in text for text in texts), texts
    # Eight women are shortlisted for nine seats: the shortlist itself is one short.
    assert any("shortlist at least one more nominee for women" in text for text in texts), texts


def test_relaxation_words_name_the_region():
    rule = {"attribute": "region", "value": "WEOG", "max": 3}
    assert relaxation_in_words(rule, {"max": 4}) == "allow up to 4 seats for Western European and other States"
    rule = {"attribute": "region", "value": "APG", "min": 2, "where": {"group": "government"}}
    assert relaxation_in_words(rule, {"min": 1}, available=1) == (
        "require only 1 seat for Asia-Pacific States within the government group "
        "or shortlist at least one more nominee for Asia-Pacific States within the government group")
    assert relaxation_in_words(rule, {"min": 1}, available=5) == (
        "require only 1 seat for Asia-Pacific States within the government group")


def test_relaxed_rule_replaces_the_bounds(app_ctx):
    call, _ = shortlisted_call()
    problem = problem_for(call, SlateOptions(relaxations={"5": {"max": 3}}), [], [])
    assert problem["rules"][5]["max"] == 3 and "relaxed" in problem["rules"][5]["label"]


def test_hand_made_slate_is_validated_with_names(app_ctx):
    call, nominations = shortlisted_call()
    hard, _ = violation_texts(call, [n.id for n in nominations[:10]])
    assert any("Government" in text or "government" in text for text in hard)
    assert not any(f"n{nominations[0].id}" in text for text in hard)


def test_donor_status_changes_no_slate(app_ctx):
    call, nominations = shortlisted_call()
    before_problem = problem_for(call, FAST, [], [])
    before = solve_problem(before_problem)
    for nomination in nominations[5:]:
        db.session.add(DonorContribution(contributor=nomination.nominee.organization, nominee=nomination.nominee,
                                         year=2025, amount=Decimal("250000.00")))
    db.session.flush()
    after_problem = problem_for(call, FAST, [], [])
    assert after_problem == before_problem
    after = solve_problem(after_problem)
    assert [s["members"] for s in after["slates"]] == [s["members"] for s in before["slates"]]
    assert [s["score"] for s in after["slates"]] == [s["score"] for s in before["slates"]]


def test_a_pool_too_small_asks_for_more_nominees(app_ctx):
    call, nominations = shortlisted_call()
    from selection.models import BalanceRule

    call.rules.append(BalanceRule(attribute="region", value="APG", min_seats=4, position=9))
    problem = problem_for(call, FAST, [], [])
    from selection.models import SlateRun

    view = comparison(SlateRun(call=call, problem=problem, options={}, result=solve_problem(problem)))
    texts = [c.relaxation_text for c in view.conflicts if c.relaxation_text]
    assert any("shortlist at least one more nominee for Asia-Pacific States" in t for t in texts), texts
