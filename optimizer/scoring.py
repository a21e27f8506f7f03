"""Integer objective for CP-SAT: scaled scores and penalties, and the deterministic tie-break.

Scores and penalties are floats; CP-SAT needs integers, so both are multiplied
by ``SCORE_SCALE`` (1000: three decimals are kept) and rounded, then divided by
their greatest common divisor to keep the numbers small.

Ties: every candidate gets a fixed pseudo-random weight in ``[1, 2**bits]``
derived from the SHA-256 of its id. The solved objective is
``primary * tie_span + sum of the members' weights`` where ``tie_span`` exceeds
the weights of any slate, so the tie-break can never change which primary
score is optimal; among slates of equal score it picks the one with the
largest weight sum, which is unique unless two slates' weight sums collide
exactly. A unique optimum is what makes the answer the same for any number of
workers.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from .problem import Candidate, Problem
from .rules import RulePart

SCORE_SCALE = 1000
_MAX_TIE_BITS = 30
_OBJECTIVE_BITS = 52  # keep |objective| exactly representable as a double (CP-SAT's LP uses doubles)


def scaled(value: float) -> int:
    """A score or penalty as an integer number of thousandths."""
    return round(value * SCORE_SCALE)


@functools.lru_cache(maxsize=1 << 16)
def _digest(candidate_id: str) -> int:
    return int.from_bytes(hashlib.sha256(candidate_id.encode("utf-8")).digest()[:8], "big")


def tie_weight(candidate_id: str, bits: int) -> int:
    """The fixed tie-break weight of a candidate, in ``[1, 2**bits]``."""
    return 1 + _digest(candidate_id) % (1 << bits)


@dataclass(frozen=True)
class Scoring:
    """How candidates' scores and rule penalties become integer objective coefficients."""

    divisor: int
    tie_bits: int
    tie_span: int
    weights: Mapping[str, int] = field(compare=False, repr=False)  # candidate id -> tie-break weight

    def primary(self, candidate: Candidate) -> int:
        """The candidate's score in objective units (without the tie-break)."""
        return scaled(candidate.score) // self.divisor

    def penalty(self, part: RulePart) -> int:
        """A soft part's penalty per seat of violation, in objective units."""
        return scaled(part.penalty or 0.0) // self.divisor

    def weight(self, candidate: Candidate) -> int:
        """The candidate's tie-break weight."""
        return self.weights[candidate.id]

    def combined(self, candidate: Candidate) -> int:
        """The candidate's coefficient in the tie-broken objective."""
        return self.primary(candidate) * self.tie_span + self.weight(candidate)

    def rank_key(self, candidate: Candidate) -> tuple[int, int, str]:
        """Sort key putting the candidate the objective prefers first."""
        return (-(scaled(candidate.score) // self.divisor), -self.weights[candidate.id], candidate.id)

    def to_score(self, primary_units: float) -> float:
        """Objective units back to score units."""
        return primary_units * self.divisor / SCORE_SCALE


def scoring_for(problem: Problem, parts: tuple[RulePart, ...], scores: Mapping[str, float] | None = None) -> Scoring:
    """The scoring of ``problem``: common divisor, tie-break width and span.

    ``scores`` (id -> score) replaces the candidates' scores (a resample), as if they carried them.
    """
    own = [c.score for c in problem.candidates] if scores is None else [scores[c.id] for c in problem.candidates]
    values = [scaled(score) for score in own] + [scaled(p.penalty) for p in parts if p.penalty]
    divisor = math.gcd(*values) or 1
    seats = max(1, problem.seats)
    top = max((abs(v) // divisor for v in values), default=1) or 1
    penalty_seats = sum(1 for p in parts if p.penalty) * seats
    magnitude = top * (seats + penalty_seats) + 1
    bits = _OBJECTIVE_BITS - magnitude.bit_length() - seats.bit_length() - 1
    bits = max(1, min(_MAX_TIE_BITS, bits))
    weights = {c.id: tie_weight(c.id, bits) for c in problem.candidates}
    return Scoring(divisor=divisor, tie_bits=bits, tie_span=seats * (1 << bits) + 1, weights=weights)
