"""Each rule family alone, on tiny feasible and infeasible problems; rule texts; binding rules."""

from __future__ import annotations

import pytest

from optimizer import Candidate, Problem, Rule, SolveStatus, describe_rule, solve

POOL = (
    Candidate("gov-weog", 9.0, {"group": "gov", "region": "WEOG", "gender": "man", "country": "FR"}),
    Candidate("gov-weog-2", 8.0, {"group": "gov", "region": "WEOG", "gender": "woman", "country": "DE"}),
    Candidate("gov-africa", 4.0, {"group": "gov", "region": "Africa", "gender": "man", "country": "KE"}),
    Candidate("civ-africa", 7.0, {"group": "civil", "region": "Africa", "gender": "woman", "country": "KE"}),
    Candidate("civ-asia", 6.0, {"group": "civil", "region": "Asia", "gender": "man", "country": "IN"}),
    Candidate("civ-weog", 5.0, {"group": "civil", "region": "WEOG", "gender": "woman", "country": "FR"}),
)


def _solve(seats: int, *rules: Rule, **options: object) -> tuple[SolveStatus, set[str]]:
    result = solve(Problem(seats=seats, candidates=POOL, rules=rules, workers=1, **options))  # type: ignore[arg-type]
    return result.status, set(result.slates[0].members) if result.slates else set()


def test_no_rules_takes_the_best() -> None:
    assert _solve(2) == (SolveStatus.OPTIMAL, {"gov-weog", "gov-weog-2"})


def test_exact_quota() -> None:
    status, members = _solve(3, Rule("group", "gov", min=1, max=1))
    assert status is SolveStatus.OPTIMAL and members == {"gov-weog", "civ-africa", "civ-asia"}
    assert _solve(3, Rule("group", "gov", min=4, max=4))[0] is SolveStatus.INFEASIBLE


def test_every_value() -> None:
    status, members = _solve(3, Rule("region", "*", min=1))
    assert status is SolveStatus.OPTIMAL and members == {"gov-weog", "civ-africa", "civ-asia"}
    assert _solve(2, Rule("region", "*", min=1))[0] is SolveStatus.INFEASIBLE  # three regions, two seats


def test_max_per_country() -> None:
    status, members = _solve(3, Rule("country", "*", max=1))
    assert status is SolveStatus.OPTIMAL and members == {"gov-weog", "gov-weog-2", "civ-africa"}
    assert _solve(5, Rule("country", "*", max=1))[0] is SolveStatus.INFEASIBLE  # four countries


def test_where_filter() -> None:
    rule = Rule("region", "*", max=1, where={"group": "gov"})
    status, members = _solve(2, rule)
    assert status is SolveStatus.OPTIMAL and members == {"gov-weog", "civ-africa"}
    assert _solve(3, rule, Rule("group", "gov", min=3))[0] is SolveStatus.INFEASIBLE


def test_where_filter_with_several_values() -> None:
    rule = Rule("gender", "woman", min=2, where={"region": ["Africa", "Asia"]})
    assert _solve(3, rule)[0] is SolveStatus.INFEASIBLE  # one woman in Africa or Asia
    status, members = _solve(3, Rule("gender", "woman", min=1, where={"region": ["Africa", "Asia"]}))
    assert "civ-africa" in members


def test_soft_rule_trades_score_against_penalty() -> None:
    cheap = Rule("gender", "woman", min=2, penalty=0.5)
    assert _solve(2, cheap)[1] == {"gov-weog", "gov-weog-2"}  # one woman: pays 0.5 rather than lose 1.0
    dear = Rule("group", "civil", min=2, penalty=100)
    result = solve(Problem(seats=2, candidates=POOL, rules=(dear,), workers=1))
    assert set(result.slates[0].members) == {"civ-africa", "civ-asia"}
    impossible = Rule("group", "nobody", min=1, penalty=3)
    result = solve(Problem(seats=1, candidates=POOL, rules=(impossible,), workers=1))
    assert result.status is SolveStatus.OPTIMAL and result.slates[0].penalty == 3.0
    assert result.slates[0].score == 6.0


def test_pinned_and_excluded() -> None:
    status, members = _solve(2, pinned=("civ-weog",), excluded=("gov-weog",))
    assert status is SolveStatus.OPTIMAL and members == {"civ-weog", "gov-weog-2"}
    assert _solve(1, Rule("group", "gov", min=1), pinned=("civ-asia",))[0] is SolveStatus.INFEASIBLE


def test_seats_beyond_the_pool() -> None:
    result = solve(Problem(seats=6, candidates=POOL, excluded=("civ-asia",), workers=1))
    assert result.status is SolveStatus.INFEASIBLE
    assert [(c.seats, c.excluded) for c in result.conflicts] == [(None, "civ-asia"), (6, None)]
    assert [c.relaxation for c in result.conflicts] == [{"excluded": False}, {"seats": 5}]


def test_conflict_names_rules_values_and_relaxations() -> None:
    rules = (Rule("group", "gov", min=3, max=3), Rule("region", "*", max=1, where={"group": "gov"}))
    result = solve(Problem(seats=3, candidates=POOL, rules=rules, workers=1))
    assert result.status is SolveStatus.INFEASIBLE
    by_rule = {c.rule: c for c in result.conflicts}
    assert by_rule[0].relaxation == {"min": 2}
    assert by_rule[1].relaxation == {"max": 2}
    assert "WEOG: 2 available" in by_rule[1].text
    assert "exactly 3 seats" in result.explanation


def test_relaxation_none_when_other_conflicts_remain() -> None:
    rules = (Rule("group", "gov", min=4), Rule("group", "civil", min=4))
    result = solve(Problem(seats=6, candidates=POOL, rules=rules, workers=1))
    assert result.status is SolveStatus.INFEASIBLE
    assert len(result.conflicts) == 1 and result.conflicts[0].relaxation is None


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Rule("group", "government", min=2, max=2), "group = government: exactly 2 seats"),
        (Rule("region", min=1, max=3), "each region: at least 1 and at most 3 seats"),
        (Rule("country", max=1), "at most 1 seat per country"),
        (Rule("region", max=1, where={"group": "government"}), "within group = government, at most 1 seat per region"),
        (Rule("gender", "woman", min=4, penalty=30), "gender = woman: at least 4 seats (soft: 30 per seat of violation)"),
        (Rule("region", "WEOG", max=1, label="Western European and other States"), "Western European and other States"),
    ],
)
def test_rule_texts(rule: Rule, text: str) -> None:
    assert describe_rule(rule) == text


def test_binding_rules() -> None:
    rules = (Rule("group", "gov", min=1, max=1), Rule("region", "*", max=3), Rule("gender", "woman", min=0, max=3))
    result = solve(Problem(seats=3, candidates=POOL, rules=rules, workers=1))
    assert result.slates[0].binding_rules == (0,)
