"""Slate optimizer: proposes diverse slates of candidates under seat rules (OR-Tools CP-SAT).

Imports nothing of the project: only ortools and the standard library.
See README.md in this folder for the JSON contract.
"""

from .problem import ANY_VALUE, Candidate, Problem, Rule
from .result import (
    Conflict,
    Result,
    Slate,
    SolveStatus,
    Violation,
    load_problem,
    problem_from_json,
    result_to_json,
    violation_to_json,
)
from .rules import describe_rule
from .solver import Progress, ProgressCallback, solve, solve_json
from .validate import validate

__all__ = [
    "ANY_VALUE",
    "Candidate",
    "Conflict",
    "Problem",
    "Progress",
    "ProgressCallback",
    "Result",
    "Rule",
    "Slate",
    "SolveStatus",
    "Violation",
    "describe_rule",
    "load_problem",
    "problem_from_json",
    "result_to_json",
    "solve",
    "solve_json",
    "validate",
    "violation_to_json",
]
