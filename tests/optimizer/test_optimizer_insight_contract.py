"""Determinism, the JSON contract of the new fields (result_from_json) and the why-not command line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from optimizer import (
    RulePrice,
    Robustness,
    SlateShare,
    SolveStatus,
    indistinguishable,
    load_problem,
    price_text,
    result_from_json,
    result_to_json,
    robustness_text,
    solve,
    solve_json,
)
from optimizer.__main__ import main
from optimizer.samples import leadership_panel

ROOT = Path(__file__).resolve().parents[2]
PANEL = ROOT / "optimizer" / "examples" / "panel.json"


def _uncertain_panel(workers: int):
    problem = leadership_panel(300, seed=7, slates=3, min_difference=2, workers=workers, robustness=15, time_limit_s=120)
    candidates = tuple(replace(c, score_sd=4.0) for c in problem.candidates)
    return problem.with_changes(candidates=candidates, rules=(replace(problem.rules[0], quota=True),) + problem.rules[1:])


def _figures(problem) -> dict:
    data = result_to_json(solve(problem))
    data.pop("wall_time_s")
    return data


def test_slates_prices_and_robustness_are_the_same_with_1_and_8_workers_and_from_run_to_run() -> None:
    one = _figures(_uncertain_panel(1))
    assert one["status"] == "optimal" and one["rule_prices"]["quotas"] is not None and one["robustness"]["samples"] == 15
    assert _figures(_uncertain_panel(8)) == one
    assert _figures(_uncertain_panel(1)) == one


def test_result_from_json_reads_back_what_result_to_json_wrote() -> None:
    problem = load_problem(str(PANEL)).with_changes(robustness=10)
    problem = problem.with_changes(candidates=tuple(replace(c, score_samples=(c.score - 5, c.score + 5)) for c in problem.candidates))
    data = json.loads(json.dumps(result_to_json(solve(problem))))
    result = result_from_json(data)
    assert result_to_json(result) == data
    assert result.rule_prices.rules[3].leaves == ("n17", "n40")
    infeasible = solve_json(json.loads((ROOT / "optimizer" / "examples" / "panel_infeasible.json").read_text()))
    assert result_to_json(result_from_json(infeasible)) == infeasible
    invalid = solve_json({"seats": -1, "candidates": []})
    assert result_from_json(invalid).status is SolveStatus.INVALID


def test_result_from_json_reads_documents_stored_before_the_new_fields() -> None:
    old = {"status": "optimal", "slates": [{"rank": 1, "members": ["a"], "score": 3, "merit": 3, "penalty": 0,
           "proven_optimal": True, "bound": 3, "binding_rules": [], "soft_violations": [], "replacement_cost": {"a": None}}],
           "bound": 3, "conflicts": [], "wall_time_s": 0.01}  # fmt: skip
    result = result_from_json(old)
    assert result.slates[0].replacement_cost == {"a": None} and result.rule_prices is None and result.robustness is None


@pytest.mark.parametrize("document", [None, [], {"slates": []}, {"status": "done"}, {"status": "optimal", "slates": [{}]}])
def test_result_from_json_names_what_is_wrong(document) -> None:
    with pytest.raises(ValueError, match="result|status"):
        result_from_json(document)


def test_price_sentences() -> None:
    assert price_text("at least 4 women", RulePrice(1.8, 0.0018, ("a",), ("b",))) == (
        "At least 4 women: costs 1.8 merit points (0.18%), changes 1 member.")
    assert price_text("at most 1 seat per country", RulePrice(0.0, 0.0)) == "At most 1 seat per country: costs nothing."
    assert price_text("x", RulePrice(1.0, None, ("a", "c"), ("b", "d"))) == "X: costs 1 merit point, changes 2 members."
    assert "not computed" in price_text("x", None)


def test_indistinguishable_slates() -> None:
    assert indistinguishable([52, 48, 0]) == (1, 2)
    assert indistinguishable([190, 10]) == ()
    assert indistinguishable([80, 70, 50]) == (1, 2)
    assert indistinguishable([5]) == ()
    even = Robustness(100, 100, 0, {}, (SlateShare(1, 0.52, 0.5), SlateShare(2, 0.48, 0.4)), (1, 2))
    assert robustness_text(even) == "Slates 1 and 2 are each best in about half of the resamples: the reviews cannot separate them."
    clear = Robustness(100, 100, 0, {}, (SlateShare(1, 0.97, 0.9), SlateShare(2, 0.03, 0.0)), ())
    assert robustness_text(clear) == "Slate 1 is the best of the proposed slates in 97% of the resamples."


def test_robustness_reports_progress_per_sample_and_is_seeded() -> None:
    problem = load_problem(str(PANEL))
    problem = problem.with_changes(robustness=6, seed=3,
                                   candidates=tuple(replace(c, score_sd=6.0) for c in problem.candidates))  # fmt: skip
    seen: list[tuple[int, int]] = []
    first = solve(problem, sample_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 6) for i in range(1, 7)]
    assert solve(problem).robustness == first.robustness
    assert solve(problem.with_changes(seed=4)).robustness != first.robustness


def test_why_not_prints_sentences_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["why-not", str(PANEL), "--candidate", "n22"]) == 0
    out = capsys.readouterr().out
    assert "n22 is on no slate." in out and "5.5 less than slate 1" in out and "n22 would replace n17." in out
    assert main(["why-not", str(PANEL), "--candidate", "n22", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "possible" and data["cost"] == 5.5 and data["replaces"] == ["n17"]
    assert data["blocking"] == [{"rule": 0, "cost_without": 2}]
    assert main(["why-not", str(PANEL), "--candidate", "n50"]) == 0
    assert "excluded" in capsys.readouterr().out


def test_why_not_unknown_candidate_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["why-not", str(PANEL), "--candidate", "n99"]) == 2
    assert capsys.readouterr().err.strip() == "error: candidate: unknown candidate id 'n99'"


def test_problem_json_rejects_bad_uncertainty_fields() -> None:
    base = {"seats": 1, "candidates": [{"id": "a", "score": 1}]}
    for change, field in ((lambda d: d["candidates"][0].update(score_sd=-1), "score_sd"),
                          (lambda d: d["candidates"][0].update(score_samples="x"), "score_samples"),
                          (lambda d: d.update(robustness=-2), "robustness"),
                          (lambda d: d.update(seed="x"), "seed")):  # fmt: skip
        data = json.loads(json.dumps(base))
        change(data)
        result = solve_json(data)
        assert result["status"] == "invalid" and field in result["error"]


@pytest.mark.parametrize("make", ["panel", "body"])
def test_lp_replacement_costs_equal_the_cp_sat_ones(make: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from optimizer.relaxation import Relaxation
    from optimizer.samples import larger_body

    factory = leadership_panel if make == "panel" else larger_body
    problem = factory(400, seed=11, slates=3, min_difference=2, workers=1, time_limit_s=60)
    answered: list[bool] = []
    original = Relaxation.best_without

    def counting(self, member):  # type: ignore[no-untyped-def]
        answer = original(self, member)
        answered.append(answer[0])
        return answer

    monkeypatch.setattr(Relaxation, "best_without", counting)
    with_lp = solve(problem)
    monkeypatch.setattr(Relaxation, "best_without", lambda self, member: (False, None))
    cp_sat_only = solve(problem)
    assert any(answered)
    assert [s.replacement_cost for s in with_lp.slates] == [s.replacement_cost for s in cp_sat_only.slates]
