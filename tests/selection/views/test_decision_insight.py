"""The decision workspace's insight: what each rule costs, "why not this nominee?", robustness to
the reviewers' disagreement; slate runs along their transitions table; the stored result read
in one place."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from selection.extensions import db
from selection.models import Nomination, Role, SlateRun, SlateRunStatus
from selection.slates import MeritInput, SlateOptions, candidate_id, score_samples, stored_result
from selection.slates.stored import parsed_result, summary_of
from selection.workflow.errors import ForbiddenTransition
from selection.workflow.slate_runs import merit_inputs, move_run, problem_for
from tests.selection.factories import csrf_token_from, shortlisted_call, staff, submitted_review, wait_for_runs
from tests.selection.views.test_decision_views import DM, SLUG, _propose, _setup

# Three reviewers who disagree: per nomination, every criterion at these scores (1-5).
DISAGREEING = (1, 3, 5)


def _reviewed(nominations: list[Nomination], count: int = 6) -> None:
    """The first ``count`` nominations get three disagreeing reviews each."""
    reviewers = [staff(f"reviewer{i}@un.example.org", Role.REVIEWER) for i in range(len(DISAGREEING))]
    for nomination in nominations[:count]:
        for reviewer, score in zip(reviewers, DISAGREEING):
            submitted_review(nomination, reviewer, score)
    db.session.flush()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ------------------------------------------------------------------------------ problem

def test_the_seat_quotas_are_marked_and_merit_comes_from_the_workflow(app_ctx):
    call, nominations = shortlisted_call()
    problem = problem_for(call, SlateOptions(), [], [])
    quotas = [rule for rule in problem["rules"] if rule.get("quota")]
    assert [rule["attribute"] for rule in quotas] == ["group"] * len(call.groups)
    assert not any(rule.get("quota") for rule in problem["rules"] if rule["attribute"] != "group")
    assert "robustness" not in problem and not any("score_samples" in c for c in problem["candidates"])
    inputs = merit_inputs(call)
    assert inputs[nominations[0].id].merit == 100 and inputs[nominations[0].id].recommendation_levels


def test_score_samples_resample_the_reviewers_with_the_calls_formula(app_ctx):
    call, nominations = shortlisted_call()
    _reviewed(nominations, count=1)
    options = SlateOptions(slates=1, robustness=200)
    problem = problem_for(call, options, [], [])
    assert problem["robustness"] == 200 and "seed" in problem
    first = next(c for c in problem["candidates"] if c["id"] == candidate_id(nominations[0].id))
    samples = first["score_samples"]
    # Reviews of 0, 50 and 100 points, mixed 70/30 with the recommendation's 100 points.
    assert len(samples) == 50 and len(set(samples)) > 3
    assert min(samples) >= 30 and max(samples) <= 100
    assert problem_for(call, options, [], []) == problem  # seeded: the same reviews give the same samples
    unreviewed = next(c for c in problem["candidates"] if c["id"] == candidate_id(nominations[1].id))
    assert "score_samples" not in unreviewed  # nothing to resample


def test_one_review_cannot_disagree():
    import random

    assert score_samples(MeritInput(80.0, (80.0,), ()), {"review_weight": 1}, random.Random(1)) == []


# ------------------------------------------------------------------------------ stored result, transitions

def test_a_stored_result_is_read_in_one_place():
    assert parsed_result(None) is None
    broken = parsed_result({"status": "optimal", "slates": [{"members": []}]})
    assert broken.status.value == "invalid" and "cannot be read" in broken.error
    summary = summary_of({"status": "optimal", "slates": [{"rank": 1, "members": ["n1"], "score": 7.5}], "bound": 8})
    assert (summary.slates_found, summary.best_score, summary.bound, summary.status) == (1, 7.5, 8, "optimal")


def test_a_run_moves_only_along_its_transitions(app_ctx):
    call, _ = shortlisted_call()
    run = SlateRun(call=call, problem={"seats": 0, "candidates": []}, options={}, status=SlateRunStatus.QUEUED)
    db.session.add(run)
    db.session.flush()
    move_run(run, SlateRunStatus.RUNNING)
    assert run.started_at is not None
    move_run(run, SlateRunStatus.DONE)
    assert run.finished_at is not None
    with pytest.raises(ForbiddenTransition):
        move_run(run, SlateRunStatus.RUNNING)
    assert run.status == SlateRunStatus.DONE


# ------------------------------------------------------------------------------ pages

def test_the_comparison_and_the_report_show_what_each_rule_costs(app, client, auth, make_user):
    _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    page = _text(client.get(f"/decide/runs/{run_id}").get_data(as_text=True))
    assert "What each rule costs" in page
    assert "Government: exactly 2 seats: costs" in page
    assert re.search(r"The seat quotas: costs (nothing|[\d.]+ merit points?)", page)
    assert re.search(r"All balance rules together: costs (nothing|[\d.]+ merit points? \([\d.]+%\))", page)
    report = _text(client.get(f"/decide/runs/{run_id}/report").get_data(as_text=True))
    assert "What each rule costs" in report and "All balance rules together: costs" in report
    book = load_workbook(io.BytesIO(client.get(f"/decide/runs/{run_id}/slates.xlsx").data))
    assert any(str(row[0]).startswith("Rule price: All balance rules together")
               for row in book["Run"].iter_rows(values_only=True))
    with app.app_context():
        run = db.session.get(SlateRun, run_id)
        prices = stored_result(run).rule_prices
        assert prices is not None and len(prices.rules) == len(run.problem["rules"])


def test_why_not_names_the_best_slate_with_the_nominee_and_offers_to_pin(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    assert "Shortlisted, on no slate" in page
    links = re.findall(rf'href="/decide/runs/{run_id}/why-not/(\d+)"', page)
    with app.app_context():
        on_slates = {int(m[1:]) for s in db.session.get(SlateRun, run_id).result["slates"] for m in s["members"]}
        names = {i: db.session.get(Nomination, i).nominee.name for i in ids}
    assert links and set(map(int, links)) == set(ids) - on_slates
    nominee = int(links[0])
    why = client.get(f"/decide/runs/{run_id}/why-not/{nominee}")
    assert why.status_code == 200
    text = _text(why.get_data(as_text=True))
    assert f"Why is {names[nominee]} on no slate?" in text
    assert "The best slate with" in text or "No slate that keeps the hard rules" in text
    if "would replace" in text:
        assert any(f"would replace {names[i]}" in text for i in on_slates)
    assert not re.search(r"\bn\d+\b", text)  # people named, never optimizer ids
    assert "Pin and propose again" in text
    form = why.get_data(as_text=True)
    response = client.post(f"/decide/runs/{run_id}/choose", data={
        "csrf_token": csrf_token_from(form), "nomination_id": nominee, "choice": "pin"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(SlateRun, run_id + 1).pinned == [nominee]


def test_why_not_refuses_strangers_and_unknown_nominees(app, client, auth, make_user):
    ids = _setup(app, make_user)
    make_user("sec@un.example.org", Role.SECRETARIAT)
    auth.sign_in(DM)
    run_id = _propose(client, app, slates=1)
    assert client.get(f"/decide/runs/{run_id}/why-not/999999").status_code == 404
    auth.sign_out()
    auth.sign_in("sec@un.example.org")
    assert client.get(f"/decide/runs/{run_id}/why-not/{ids[2]}").status_code == 403


def test_a_robustness_run_shows_each_members_share_and_the_sentence(app, client, auth, make_user):
    _setup(app, make_user)
    with app.app_context():
        nominations = db.session.execute(select(Nomination).order_by(Nomination.id)).scalars().all()
        _reviewed(list(nominations), count=15)
        db.session.commit()
    auth.sign_in(DM)
    workspace = client.get(f"/decide/calls/{SLUG}").get_data(as_text=True)
    assert 'name="robustness"' in workspace and "checked" not in workspace.split('name="robustness"')[1][:40]
    run_id = _propose(client, app, slates=2, robustness="y")
    with app.app_context():
        run = db.session.get(SlateRun, run_id)
        robustness = stored_result(run).robustness
        assert run.options["robustness"] == 200 and robustness is not None and robustness.samples > 0
        # The job wrote the resamples' progress as it went: all of them solved.
        assert run.resamples_total == robustness.samples and run.resamples_done == run.resamples_total
    progress = client.get(f"/decide/runs/{run_id}/progress.json").json
    assert progress["resamples_done"] == progress["resamples_total"] == robustness.samples
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    text = _text(page)
    assert "Robustness to the reviewers' disagreement:" in text
    assert "Robustness tested on 200 resamples of the reviews." in text
    assert re.search(r"(Slate \d is the best of the proposed slates in \d+% of the resamples|"
                     r"the reviews cannot separate them)", text)
    assert page.count("<meter") == 2 * 10
    assert re.search(r"In the best slate in \d+% of resamples", text)
    assert "% of resamples" in _text(client.get(f"/decide/runs/{run_id}/report").get_data(as_text=True))
    matrix = client.get(f"/decide/runs/{run_id}?view=matrix").get_data(as_text=True)
    assert "<meter" in matrix and "Robustness to the reviewers" in _text(matrix)


def test_the_api_gives_the_rule_prices_and_the_robustness(app, client, make_user):
    from tests.selection.api.test_api import bearer, token_for

    with app.app_context():
        _, nominations = shortlisted_call(SLUG)
        _reviewed(nominations, count=15)
        db.session.commit()
    token = token_for(app, make_user, "dm@un.example.org", Role.DECISION_MAKER)
    started = client.post(f"/api/v1/calls/{SLUG}/slate-runs", headers=bearer(token),
                          json={"slates": 2, "min_difference": 2, "time_limit_s": 10, "robustness": 50})
    assert started.status_code == 200 and started.json["rule_prices"] == []
    wait_for_runs(app)
    run = client.get(f"/api/v1/slate-runs/{started.json['id']}", headers=bearer(token)).json
    assert run["options"]["robustness"] == 50 and "resamples" in run["robustness"]
    assert run["rule_prices"][-1].startswith("All balance rules together: costs")
    assert all(0 <= m["robustness_share"] <= 1 for m in run["slates"][0]["members"])
    refused = client.post(f"/api/v1/calls/{SLUG}/slate-runs", headers=bearer(token), json={"robustness": 5000})
    assert refused.status_code == 400 and "must be a number between 0 and 1000" in refused.get_json()["error"]["message"]
