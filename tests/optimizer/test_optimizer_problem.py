"""Problems are checked on construction, and the JSON layer names the offending field."""

from __future__ import annotations

import pytest

from optimizer import Candidate, Problem, Rule, SolveStatus, problem_from_json, solve_json

PEOPLE = (
    Candidate("a", 3.0, {"group": "gov", "region": "WEOG"}),
    Candidate("b", 2.0, {"group": "gov", "region": "Africa"}),
    Candidate("c", 1.0, {"group": "civil", "region": "WEOG"}),
)


@pytest.mark.parametrize(
    ("changes", "culprit"),
    [
        ({"seats": -1}, "seats"),
        ({"rules": (Rule("regoin", max=1),)}, "rules[0]: unknown attribute 'regoin'"),
        ({"rules": (Rule("group", max=1, where={"colour": "red"}),)}, "unknown attribute 'colour'"),
        ({"pinned": ("a",), "excluded": ("a",)}, "'a' is in both"),
        ({"seats": 1, "pinned": ("a", "b")}, "2 candidates pinned but only 1 seats"),
        ({"candidates": PEOPLE + (Candidate("a", 1.0, {}),)}, "duplicate id 'a'"),
        ({"pinned": ("zz",)}, "pinned: unknown candidate id 'zz'"),
        ({"slates": 0}, "slates"),
        ({"min_difference": 0}, "min_difference"),
        ({"time_limit_s": 0}, "time_limit_s"),
    ],
)
def test_invalid_problem_names_the_culprit(changes: dict, culprit: str) -> None:
    fields = {"seats": 2, "candidates": PEOPLE, **changes}
    with pytest.raises(ValueError, match=culprit.replace("[", r"\[").replace("]", r"\]")):
        Problem(**fields)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"min": -1}, "min must be a non-negative integer"),
        ({}, "needs a min or a max"),
        ({"min": 3, "max": 2}, "min 3 is greater than max 2"),
        ({"max": 1, "penalty": 0}, "penalty must be a positive number"),
    ],
)
def test_invalid_rule(rule: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rule("group", **rule)


def test_candidate_score_must_be_finite() -> None:
    with pytest.raises(ValueError, match="candidate 'x': score"):
        Candidate("x", float("nan"))


def _json_problem(**changes: object) -> dict:
    data = {
        "seats": 1,
        "candidates": [{"id": "a", "score": 1, "attributes": {"group": "gov", "age": 30}}],
        "rules": [{"attribute": "group", "value": "gov", "min": 1, "soft": {"penalty": 5}, "label": "Gov seat"}],
    }
    data.update(changes)
    return data


def test_json_problem_round_trip() -> None:
    problem = problem_from_json(_json_problem(slates=2, min_difference=1, time_limit_s=3, explain=False))
    assert problem.candidates[0].attributes == {"group": "gov", "age": "30"}  # numbers compared as text
    assert problem.rules[0] == Rule("group", "gov", min=1, penalty=5, label="Gov seat")
    assert (problem.slates, problem.time_limit_s, problem.explain) == (2, 3, False)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"seats": "ten"}, "seats"),
        ({"candidates": {}}, "candidates"),
        ({"rules": [{"attribute": "group", "value": "gov", "minimum": 1}]}, "rules[0].minimum"),
        ({"rules": [{"attribute": "group", "min": 1, "soft": 5}]}, "rules[0].soft"),
        ({"rules": [{"attribute": "group", "min": "2"}]}, "rules[0]: min"),
        ({"candidates": [{"score": 1}]}, "candidates[0]: missing 'id'"),
        ({"colour": 1}, "colour"),
    ],
)
def test_json_errors_name_the_field(changes: dict, field: str) -> None:
    with pytest.raises(ValueError, match=field.replace("[", r"\[").replace("]", r"\]")):
        problem_from_json(_json_problem(**changes))
    answer = solve_json(_json_problem(**changes))
    assert answer["status"] == SolveStatus.INVALID.value and field.split(":")[0] in answer["error"]
