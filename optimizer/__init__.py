"""Slate optimizer: proposes diverse slates of candidates under seat rules (OR-Tools CP-SAT).

Imports nothing of the project: only ortools and the standard library.
See README.md in this folder for the JSON contract.
"""

from .absence import Absence, absence_text, absence_to_json, explain_absence
from .prices import price_text, price_texts
from .problem import ANY_VALUE, Candidate, Problem, Rule
from .result import (
    Conflict,
    PartFact,
    Result,
    Robustness,
    RulePrice,
    RulePrices,
    Slate,
    SlateShare,
    SolveStatus,
    Violation,
    load_problem,
    problem_from_json,
    result_to_json,
    violation_to_json,
)
from .robustness import SampleProgress, analyse_robustness, indistinguishable, member_share_text, robustness_text
from .rules import describe_rule
from .solver import Progress, ProgressCallback, solve, solve_json
from .stored import result_from_json
from .validate import validate

__all__ = [
    "ANY_VALUE",
    "Absence",
    "Robustness",
    "RulePrice",
    "RulePrices",
    "SampleProgress",
    "SlateShare",
    "absence_text",
    "absence_to_json",
    "analyse_robustness",
    "explain_absence",
    "indistinguishable",
    "member_share_text",
    "price_text",
    "price_texts",
    "result_from_json",
    "robustness_text",
    "Candidate",
    "Conflict",
    "PartFact",
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
