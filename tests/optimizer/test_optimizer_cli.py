"""The command line, the JSON contract, the validator and the time limit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from optimizer import SolveStatus, solve, solve_json, validate
from optimizer.__main__ import main
from optimizer.samples import citizens_assembly

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = {
    "seats": 2,
    "candidates": [
        {"id": "n17", "score": 82.5, "attributes": {"group": "government", "region": "African States", "country": "KE"}},
        {"id": "n3", "score": 90, "attributes": {"group": "government", "region": "WEOG", "country": "FR"}},
        {"id": "n8", "score": 70, "attributes": {"group": "civil society", "region": "WEOG", "country": "FR"}},
        {"id": "n9", "score": 60, "attributes": {"group": "civil society", "region": "GRULAC", "country": "BR"}},
    ],
    "rules": [
        {"attribute": "group", "value": "government", "min": 1, "max": 1},
        {"attribute": "country", "value": "*", "max": 1},
    ],
    "slates": 2,
    "min_difference": 1,
    "time_limit_s": 5,
}


@pytest.fixture
def problem_file(tmp_path: Path) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    return path


def test_solve_prints_the_result_json(problem_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(problem_file), "--workers", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "optimal"
    assert [s["members"] for s in result["slates"]] == [["n17", "n8"], ["n3", "n9"]]
    first = result["slates"][0]
    assert (first["rank"], first["score"], first["penalty"], first["proven_optimal"]) == (1, 152.5, 0, True)
    assert first["replacement_cost"] == {"n17": 2.5, "n8": 2.5}  # without either, n3 + n9 = 150 is best
    assert first["binding_rules"] == [0, 1] and result["bound"] == 152.5
    # slate 2 must differ from slate 1: without n3 the best is n17 + n9; without n9 nothing is left
    assert result["slates"][1]["replacement_cost"] == {"n3": 7.5, "n9": None}


def test_solve_overrides(problem_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(problem_file), "--slates", "1", "--time-limit", "2", "--no-explain"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["slates"]) == 1 and result["slates"][0]["replacement_cost"] == {}


def test_validate_lists_violations(problem_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(problem_file), "--members", "n3,n8"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert not report["valid"]
    assert [(v["kind"], v.get("rule"), v.get("value")) for v in report["violations"]] == [("rule", 1, "FR")]
    assert main(["validate", str(problem_file), "--members", "n3,n9"]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({**EXAMPLE, "rules": [{"attribute": "regoin", "max": 1}]}), "rules[0]: unknown attribute 'regoin'"),
        (json.dumps({**EXAMPLE, "seats": -2}), "seats must be a non-negative integer"),
    ],
)
def test_bad_file_is_one_line_and_exit_2(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "optimizer", "solve", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and message in run.stderr and "Traceback" not in run.stderr


def test_missing_file_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/nonexistent/problem.json", "--members", "a"]) == 2
    assert "error: /nonexistent/problem.json" in capsys.readouterr().err


def test_validator_reports_every_kind_of_violation() -> None:
    from optimizer import problem_from_json

    problem = problem_from_json({**EXAMPLE, "pinned": ["n9"], "excluded": ["n8"]})
    kinds = sorted(v.kind for v in validate(problem, ["n8", "n8", "zz"]))
    assert kinds == ["duplicate", "excluded", "pinned", "rule", "seats", "unknown"]


def test_time_limit_returns_what_it_has() -> None:
    problem = citizens_assembly(80, 800, seed=4, slack=0, slates=3, explain=False, time_limit_s=0.3)
    result = solve(problem)
    assert result.status in (SolveStatus.FEASIBLE, SolveStatus.UNKNOWN, SolveStatus.OPTIMAL)
    for slate in result.slates:
        assert not [v for v in validate(problem, slate.members) if v.hard]
    if result.status is SolveStatus.FEASIBLE:
        assert result.bound is not None and result.bound >= result.slates[0].score
    assert result.wall_time_s < 5


def test_solve_json_reports_invalid() -> None:
    answer = solve_json({**EXAMPLE, "pinned": ["nobody"]})
    assert answer["status"] == "invalid" and answer["error"] == "pinned: unknown candidate id 'nobody'"
