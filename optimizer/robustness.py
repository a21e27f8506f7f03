"""Robust to reviewers' disagreement: the best slate re-solved under resampled scores.

A candidate's merit comes from a few reviews. ``score_samples`` (the merit
recomputed from resampled reviews) or ``score_sd`` (a standard deviation)
say how much it could move. A problem with ``robustness: N`` draws N score
vectors (seeded by ``seed``: the same draws on every run and machine): from
each candidate's ``score_samples`` uniformly, else ``score`` plus a normal
deviation of ``score_sd``, else its ``score``; each draw is rounded to the
objective's 0.001. Each draw is then solved like a problem of its own (one
slate, tie-broken objective, so the answer is unique) and the figures say:

- for each candidate, the share of draws whose best slate holds it;
- for each proposed slate, the share of draws in which it scores highest of
  the proposed slates (``best_share``), and in which it is the best slate of
  all (``optimal_share``).

All draws are solved by one engine: its pool is the union of each draw's
presolved pool (the presolve's signatures and caps do not depend on the
scores, so only its walks are redone per draw); each draw only swaps the
objective, hinted with the previous draw's slate. ``sampled_problem`` builds
a draw as a problem of its own (the tests solve it directly to check).
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from .engine import Engine, Question
from .presolve import Presolver
from .problem import Candidate, Problem
from .result import Robustness, SlateShare
from .rules import rule_parts
from .scoring import scaled, scoring_for
from .solidity import slate_score

SampleProgress = Callable[[int, int], None]
"""Called as ``progress(samples_done, samples_requested)`` after each draw."""

_Z = 1.96  # two-sided 95% for "cannot separate"


def score_draws(problem: Problem) -> list[dict[str, float]]:
    """The ``problem.robustness`` seeded draws of every candidate's score (id -> score)."""
    rng = random.Random(problem.seed)
    draws = []
    for _ in range(problem.robustness):
        draws.append({c.id: round(_draw(c, rng), 3) for c in problem.candidates})
    return draws


def _draw(candidate: Candidate, rng: random.Random) -> float:
    if candidate.score_samples:
        return rng.choice(candidate.score_samples)
    if candidate.score_sd:
        return rng.gauss(candidate.score, candidate.score_sd)
    return candidate.score


def sampled_problem(problem: Problem, draw: dict[str, float]) -> Problem:
    """``problem`` with the drawn scores: one slate, no explanations, no further resampling."""
    candidates = tuple(replace(c, score=draw[c.id]) for c in problem.candidates)
    return problem.with_changes(candidates=candidates, slates=1, explain=False, robustness=0)


def analyse_robustness(
    problem: Problem, slates: Sequence[Sequence[str]], progress: SampleProgress | None = None
) -> Robustness:
    """Re-solve each draw and count how often each candidate and each of ``slates`` comes out best.

    Has its own budget of ``time_limit_s``; draws not reached are left out (``samples`` < ``requested``).
    """
    deadline = time.monotonic() + problem.time_limit_s
    parts = rule_parts(problem)
    draws = score_draws(problem)
    scorings = [scoring_for(problem, parts, draw) for draw in draws]
    base = scoring_for(problem, parts)
    presolver = Presolver(problem, base)
    engine = Engine(problem, parts, base)
    primaries = [{c.id: scaled(draw[c.id]) // scoring.divisor for c in problem.candidates}
                 for draw, scoring in zip(draws, scorings)]  # fmt: skip
    pools: list[set[str]] = []
    for primary, scoring in zip(primaries, scorings):
        ranked = sorted(problem.candidates, key=lambda c: (-primary[c.id], -scoring.weights[c.id], c.id))
        pools.append({c.id for c in presolver.reranked(ranked).pool()})
    pooled = set().union(*pools)
    engine.add_candidates(c for c in problem.candidates if c.id in pooled)
    penalties = [slate_score(problem, parts, slate)[1] for slate in slates]
    in_best: Counter[str] = Counter()
    best_of_proposed: Counter[int] = Counter()
    optimal: Counter[int] = Counter()
    done, hint = 0, ()
    for draw, primary, scoring, pool in zip(draws, primaries, scorings, pools):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        engine.set_scores(primary, scoring)
        outcome = engine.ask(Question(forced_out=pooled - pool, hint=hint), remaining)
        if outcome.members is None or not outcome.proven:
            break
        hint = outcome.members
        in_best.update(outcome.members)
        scores = [sum(draw[m] for m in slate) - penalty for slate, penalty in zip(slates, penalties)]
        if scores:
            best_of_proposed[max(range(len(scores)), key=lambda i: (scores[i], -i))] += 1
        optimal.update(i for i, slate in enumerate(slates) if set(slate) == set(outcome.members))
        done += 1
        if progress is not None:
            progress(done, problem.robustness)
    return _figures(problem, slates, done, in_best, best_of_proposed, optimal)


def _figures(
    problem: Problem, slates: Sequence[Sequence[str]], done: int,
    in_best: Counter[str], best_of_proposed: Counter[int], optimal: Counter[int],
) -> Robustness:  # fmt: skip
    shown = set(in_best) | {m for slate in slates for m in slate}
    members = {m: (in_best[m] / done if done else 0.0) for m in sorted(shown, key=lambda m: (-in_best[m], m))}
    shares = tuple(
        SlateShare(rank + 1, best_of_proposed[rank] / done if done else 0.0, optimal[rank] / done if done else 0.0)
        for rank in range(len(slates))
    )
    group = indistinguishable([best_of_proposed[i] for i in range(len(slates))])
    return Robustness(done, problem.robustness, problem.seed, members, shares, group)


def indistinguishable(best_counts: Sequence[int], z: float = _Z) -> tuple[int, ...]:
    """The ranks (1-based) that the samples cannot separate from the slate most often best; () if none.

    A sign test between the leader and each other slate: among the draws where one
    of the two wins, the leader's lead is within ``z`` standard deviations of an even split.
    """
    if len(best_counts) < 2 or not any(best_counts):
        return ()
    leader = max(range(len(best_counts)), key=lambda i: (best_counts[i], -i))
    top = best_counts[leader]
    group = [i for i, count in enumerate(best_counts) if count and top - count <= z * math.sqrt(top + count)]
    return tuple(i + 1 for i in group) if len(group) > 1 else ()


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def robustness_text(robustness: Robustness) -> str:
    """One sentence on whether the reviews separate the proposed slates."""
    if not robustness.samples or not robustness.slates:
        return "No resample was solved."
    shares = {s.rank: s.best_share for s in robustness.slates}
    group = robustness.indistinguishable
    if group:
        ranks = _join([str(rank) for rank in group])
        if len(group) == 2 and all(0.35 <= shares[rank] <= 0.65 for rank in group):
            return f"Slates {ranks} are each best in about half of the resamples: the reviews cannot separate them."
        percents = _join([_percent(shares[rank]) for rank in group])
        return f"Slates {ranks} are best in {percents} of the resamples: the reviews cannot separate them."
    leader = max(robustness.slates, key=lambda s: (s.best_share, -s.rank))
    return f"Slate {leader.rank} is the best of the proposed slates in {_percent(leader.best_share)} of the resamples."


def member_share_text(share: float) -> str:
    """'in the best slate in 97% of resamples'."""
    return f"in the best slate in {_percent(share)} of resamples"
