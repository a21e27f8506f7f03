"""What each rule costs: the best score without the rule minus the best score with it.

A rule's price is asked of the run's engine with that rule switched off (all
its parts' bounds widened), the tie-broken objective and slate 1 as the hint;
the answer is the best slate without the rule, so the members who would
change are exact and the same for any number of workers. The seat quotas
(rules marked ``quota``) are priced together, and so are all the other rules
("all balance rules": the best slate under the quotas alone). Pins and
exclusions stay; earlier slates play no part (prices are about slate 1).

The engine's pool must hold the candidates the presolve keeps for every
variation: ``price_pools`` adds, per distinct presolve situation, the pool of
the problem without those rules (the presolve is only valid for the rules it
was given: without "one per country", a second nominee of a country may win).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .engine import Engine, Question
from .presolve import Presolver, presolve_key
from .problem import Candidate, Problem, Rule
from .result import RulePrice, RulePrices
from .rules import RulePart, describe_rule
from .scoring import Scoring
from .solidity import slate_score

_PRICE_TIME_S = 2.0  # per rule


def price_variants(problem: Problem) -> list[tuple[str, frozenset[int]]]:
    """The rule sets to lift: each rule alone, then "quotas" and "all_rules" (when they differ)."""
    count = len(problem.rules)
    quotas = frozenset(i for i, rule in enumerate(problem.rules) if rule.quota)
    variants = [(str(i), frozenset({i})) for i in range(count)]
    if quotas:
        variants.append(("quotas", quotas))
    if count:
        variants.append(("all_rules", frozenset(range(count)) - quotas))
    return variants


@dataclass(frozen=True)
class _Variant:
    """What the presolve reads of a problem; a variation is not re-validated (20,000 candidates per rule)."""

    seats: int
    candidates: tuple[Candidate, ...]
    rules: tuple[Rule, ...]
    pinned: tuple[str, ...]
    excluded: tuple[str, ...]


def price_pools(problem: Problem, scoring: Scoring, extra_pins: Iterable[str] = (), base: bool = False) -> list[Candidate]:
    """Every candidate that the best slate of some price variation could hold (one pool per presolve situation).

    ``extra_pins`` are pinned in every variation; ``base`` adds the variation with no rule lifted.
    """
    pins = tuple(extra_pins)
    pool: dict[str, Candidate] = {}
    seen: set[object] = set()
    variants = [("", frozenset())] if base else []
    ranked = sorted(problem.candidates, key=scoring.rank_key)
    cache: dict[object, object] = {}
    for _, lifted in variants + price_variants(problem):
        rules: tuple[Rule, ...] = tuple(r for i, r in enumerate(problem.rules) if i not in lifted)
        key = presolve_key(rules)
        if key in seen:
            continue
        seen.add(key)
        variant = _Variant(problem.seats, problem.candidates, rules, problem.pinned + pins, problem.excluded)
        for candidate in Presolver(variant, scoring, ranked, cache).pool():  # type: ignore[arg-type]
            pool.setdefault(candidate.id, candidate)
    return list(pool.values())


def rule_prices(
    problem: Problem, parts: Sequence[RulePart], engine: Engine, slate: Sequence[str], deadline: float
) -> RulePrices:
    """The price of every rule, of the quotas and of all the other rules, against ``slate`` (slate 1)."""
    merit, penalty = slate_score(problem, parts, slate)
    score = merit - penalty
    prices: dict[str, RulePrice | None] = {}
    for name, lifted in price_variants(problem):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            prices[name] = None
            continue
        outcome = engine.ask(Question(rules_off=lifted, hint=slate), min(remaining, _PRICE_TIME_S))
        if outcome.members is None:
            prices[name] = None
            continue
        other_merit, other_penalty = slate_score(problem, _kept_parts(parts, lifted), outcome.members)
        prices[name] = _price(score, other_merit - other_penalty, slate, outcome.members, outcome.proven)
    rules = tuple(prices.get(str(i)) for i in range(len(problem.rules)))
    return RulePrices(rules, prices.get("quotas"), prices.get("all_rules"))


def _kept_parts(parts: Sequence[RulePart], lifted: Collection[int]) -> list[RulePart]:
    return [part for part in parts if part.rule_index not in lifted]


def _price(score: float, without: float, slate: Sequence[str], other: Sequence[str], proven: bool) -> RulePrice:
    delta = round(without - score, 9)
    relative = round(delta / abs(score), 9) if score else None
    joins = tuple(sorted(set(other) - set(slate)))
    leaves = tuple(m for m in slate if m not in set(other))
    return RulePrice(delta, relative, joins, leaves, proven)


def _members(count: int) -> str:
    return f"{count} member" if count == 1 else f"{count} members"


def _points(delta: float) -> str:
    return f"{delta:.3g} merit point" if delta == 1 else f"{delta:.4g} merit points"


def price_text(label: str, price: RulePrice | None) -> str:
    """One sentence for the app: 'At least 4 women: costs 1.8 merit points (0.2%), changes 1 member.'

    ``label`` names the rule (``describe_rule(rule)``, or "The seat quotas", "All balance rules together").
    """
    name = label[:1].upper() + label[1:]
    if price is None or price.delta_score is None:
        return f"{name}: its price was not computed before the time limit."
    if price.delta_score <= 1e-9:
        return f"{name}: costs nothing."
    share = f" ({price.relative * 100:.2g}%)" if price.relative is not None else ""
    changes = len(price.leaves)
    change = f", changes {_members(changes)}" if changes else ""
    return f"{name}: costs {_points(price.delta_score)}{share}{change}."


def price_texts(problem: Problem, prices: RulePrices) -> list[str]:
    """The sentences for every rule, then the quotas and all balance rules together."""
    texts = [price_text(describe_rule(rule), price) for rule, price in zip(problem.rules, prices.rules)]
    if any(rule.quota for rule in problem.rules):
        texts.append(price_text("the seat quotas", prices.quotas))
    if problem.rules:
        texts.append(price_text("all balance rules together", prices.all_rules))
    return texts
