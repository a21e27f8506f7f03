"""The adapter between the app and the optimizer, by concern:

- ``problem``: rows -> optimizer problem (merit comes in as ``MeritInput``; the options);
- ``stored``: a run's stored problem and result, parsed in one place (``optimizer.result_from_json``);
- ``presentation``: result -> what pages show (slates, balance, conflicts), with ``words``
  (optimizer codes in the call's words), ``matrix`` (who is in which slate) and ``insight``
  (what each rule costs, why a nominee is on no slate);
- ``validation``: the rules a hand-made slate breaks.

It imports models and the optimizer, never the workflow (the workflow gathers merit and
recommendations and passes them in).
"""
from selection.slates.insight import AbsenceView, PriceRow, Unslated, absence_view, is_candidate
from selection.slates.matrix import MatrixGroup, MatrixRow, slate_matrix
from selection.slates.presentation import BalanceRow, ConflictView, Member, RunView, SlateView, balance_rows, run_view
from selection.slates.problem import (
    DEFAULT_MIN_DIFFERENCE,
    DEFAULT_SLATES,
    DEFAULT_TIME_LIMIT_S,
    MAX_SLATES,
    MAX_TIME_LIMIT_S,
    ROBUSTNESS_RESAMPLES,
    MeritInput,
    SlateOptions,
    attributes_of,
    build_problem,
    candidate_id,
    facts_of,
    nomination_id_of,
    nominations_by_candidate,
    score_samples,
    shortlist_of,
    solve_problem,
)
from selection.slates.stored import (
    conflict_relaxation, outcome_of, slate_members, stored_problem, stored_result, summary_of,
)
from selection.slates.validation import problem_violation_texts, violation_texts
from selection.slates.words import (
    available_for,
    codes_in_words,
    relaxation_in_words,
    relaxed_rules_of,
    subject_of,
)

__all__ = [
    "DEFAULT_MIN_DIFFERENCE", "DEFAULT_SLATES", "DEFAULT_TIME_LIMIT_S", "MAX_SLATES", "MAX_TIME_LIMIT_S",
    "ROBUSTNESS_RESAMPLES", "AbsenceView", "BalanceRow", "ConflictView", "MatrixGroup", "MatrixRow", "Member",
    "MeritInput", "PriceRow", "RunView", "SlateOptions", "SlateView", "Unslated", "absence_view", "attributes_of",
    "available_for", "balance_rows", "build_problem", "candidate_id", "codes_in_words", "conflict_relaxation",
    "facts_of",
    "is_candidate", "nomination_id_of", "nominations_by_candidate", "outcome_of", "problem_violation_texts",
    "relaxation_in_words", "relaxed_rules_of",
    "run_view", "score_samples", "shortlist_of", "slate_matrix", "slate_members", "solve_problem", "stored_problem",
    "stored_result", "subject_of", "summary_of", "violation_texts",
]
