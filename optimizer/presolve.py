"""Drop candidates that can never be in the slate the solver would return.

Two exchange arguments, both on the tie-broken objective (``Scoring.rank_key``
orders candidates strictly, so "better" means a strictly larger objective).
Candidates of earlier slates (``keep``) are always modelled and never serve as
swap partners: swapping one of them in could shrink the difference from its
slate, while swapping in anyone else cannot.

1. Same signature. Candidates with the same values on every attribute that any
   rule counts or filters on are interchangeable for every rule. A slate holds
   at most ``k`` of a signature, ``k`` = min(seats, the smallest hard max of a
   rule part that counts it). If a slate held a candidate ranked below ``k``
   better ones of its signature, one of those would be outside the slate, and
   swapping them keeps every rule and raises the objective. So only the best
   ``k`` of each signature can be chosen.

2. A "per value" attribute such as country: counted only by hard ``"*"``
   rules with a max >= 1, no min and no filter, and filtered on by no rule.
   Within a coarse signature (all rule attributes but that one), a candidate
   ``c`` can be swapped for a better peer whose value no other member uses. The
   members that could use one of the group's values are all counted by some
   hard max (for country: their region's max, since every candidate of those
   countries is in that region; at worst the seats), call it ``cap``; besides
   ``c`` they use at most ``cap - 1`` values. So once the better peers show
   ``cap`` distinct values other than ``c``'s own, ``c`` is never chosen.

A replacement-cost solve excludes one more candidate, so those pools keep one
more per signature and need one more value (``spare=1``). Pinned candidates
are always kept; excluded ones are dropped.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Collection, Iterable

from .problem import ANY_VALUE, Candidate, Problem, Rule
from .scoring import Scoring


Signature = tuple[str | None, ...]


class Presolver:
    """Ranks the pool once per solve; ``pool`` then gives the candidates worth modelling."""

    def __init__(
        self,
        problem: Problem,
        scoring: Scoring,
        ranked: list[Candidate] | None = None,
        cache: dict[object, object] | None = None,
    ) -> None:
        """``ranked``: the candidates already sorted by ``scoring.rank_key``; ``cache``: signatures and
        per-value structures by attribute list (both shared by rule variations of a problem)."""
        self.problem = problem
        excluded, pinned = set(problem.excluded), set(problem.pinned)
        if ranked is None:
            ranked = sorted(problem.candidates, key=scoring.rank_key)
        ranked = [c for c in ranked if c.id not in excluded and c.id not in pinned]
        attributes = sorted({a for rule in problem.rules for a in rule.referenced_attributes})
        cache = cache if cache is not None else {}
        key = tuple(attributes)
        if key not in cache:
            cache[key] = {c.id: _signature(c, attributes) for c in problem.candidates}
        self.signatures: dict[str, Signature] = cache[key]  # type: ignore[assignment]
        set_aside = tuple(sorted(excluded | pinned))
        if ("reps", key, set_aside) not in cache:  # one candidate per signature (caps read only its attributes)
            cache[("reps", key, set_aside)] = {self.signatures[c.id]: c for c in reversed(ranked)}
        caps = _SignatureCaps(problem)
        self.caps: dict[Signature, int] = {
            signature: caps.cap(signature, candidate)
            for signature, candidate in cache[("reps", key, set_aside)].items()  # type: ignore[attr-defined]
        }
        self.per_value = [
            _PerValue.of(problem, ranked, caps, self.signatures, attributes.index(attribute), cache)  # type: ignore[arg-type]
            for attribute in _per_value_attributes(problem.rules)[:1]  # argument 2 for one such attribute
        ]
        walk_key = self.per_value[0].groups if self.per_value else self.signatures
        if ("walks", id(walk_key), set_aside) not in cache:
            self._build_walks(ranked)
            cache[("walks", id(walk_key), set_aside)] = self.walks
        self.walks = cache[("walks", id(walk_key), set_aside)]  # type: ignore[assignment]

    def _build_walks(self, ranked: list[Candidate]) -> None:
        # Walk each coarse group (or signature) in rank order; the walk can stop early (see _walk_over).
        walk_key = self.per_value[0].groups if self.per_value else self.signatures
        self.walks: dict[Signature, list[Candidate]] = defaultdict(list)
        for candidate in ranked:
            self.walks[walk_key[candidate.id]].append(candidate)

    def reranked(self, ranked: list[Candidate]) -> Presolver:
        """The same presolve for other scores: ``ranked`` is every candidate in the new rank order.

        Signatures, caps and per-value groups do not depend on the scores; only the walks do.
        """
        excluded, pinned = set(self.problem.excluded), set(self.problem.pinned)
        other = copy.copy(self)
        other._build_walks([c for c in ranked if c.id not in excluded and c.id not in pinned])
        return other

    def pool(self, keep: Collection[str] = (), spare: int = 0) -> list[Candidate]:
        """The candidates worth modelling, in the problem's order; ``keep`` (earlier slates) always in."""
        kept_anyway = set(self.problem.pinned) | set(keep)
        chosen = set()
        for walk in self.walks.values():
            chosen.update(self._walk(walk, kept_anyway, spare))
        return [c for c in self.problem.candidates if c.id in chosen or c.id in kept_anyway]

    def _walk(self, walk: list[Candidate], kept_anyway: set[str], spare: int) -> list[str]:
        taken: dict[Signature, int] = defaultdict(int)
        values_above: list[set[str | None]] = [set() for _ in self.per_value]
        chosen = []
        for candidate in walk:
            if candidate.id in kept_anyway:
                continue
            signature = self.signatures[candidate.id]
            wanted = taken[signature] < self.caps[signature] + spare
            taken[signature] += 1
            for per_value, seen in zip(self.per_value, values_above):
                wanted &= per_value.wanted(candidate, seen, spare)
            if wanted:
                chosen.append(candidate.id)
            elif self._walk_over(candidate, taken, values_above, spare):
                break
        return chosen

    def _walk_over(
        self, candidate: Candidate, taken: dict[Signature, int], values_above: list[set[str | None]], spare: int
    ) -> bool:
        """Whether no later candidate of this walk can be kept."""
        if self.per_value:
            first = self.per_value[0]
            return len(values_above[0]) > first.needed[first.groups[candidate.id]] + spare
        signature = self.signatures[candidate.id]
        return taken[signature] >= self.caps[signature] + spare


def _signature(candidate: Candidate, attributes: Iterable[str]) -> Signature:
    return tuple(map(candidate.attributes.get, attributes))


class _SignatureCaps:
    """The hard max rule parts that count a signature, and the seats they leave it."""

    def __init__(self, problem: Problem) -> None:
        self.seats = problem.seats
        self.rules = [(i, r) for i, r in enumerate(problem.rules) if not r.soft and r.max is not None]
        self._parts: dict[Signature, frozenset[tuple[int, str, int]]] = {}
        self._caps: dict[Signature, int] = {}

    def parts(self, signature: Signature, candidate: Candidate) -> frozenset[tuple[int, str, int]]:
        """(rule index, value, max) of every hard max part counting ``candidate`` (same for its signature)."""
        if signature not in self._parts:
            self._parts[signature] = frozenset(
                (index, candidate.attributes[rule.attribute], rule.max)  # type: ignore[misc]
                for index, rule in self.rules
                if rule.attribute in candidate.attributes
                and rule.value in (ANY_VALUE, candidate.attributes[rule.attribute])
                and rule.applies_to(candidate)
            )
        return self._parts[signature]

    def cap(self, signature: Signature, candidate: Candidate) -> int:
        """The most seats the signature can take: the seats or a smaller hard max."""
        if signature not in self._caps:
            self._caps[signature] = self.cap_of(self.parts(signature, candidate))
        return self._caps[signature]

    def cap_of(self, parts: Iterable[tuple[int, str, int]]) -> int:
        """The seats or the smallest max among ``parts``."""
        return min([self.seats] + [maximum for _, _, maximum in parts])


def presolve_key(rules: Iterable[Rule]) -> tuple[object, ...]:
    """What the pool depends on besides the candidates, seats and pins: two rule sets with the same key
    give the same pool (the attributes rules refer to, the hard maxima, the per-value attribute)."""
    rules = tuple(rules)
    attributes = frozenset(a for rule in rules for a in rule.referenced_attributes)
    maxima = frozenset((r.attribute, r.value, r.max, tuple(sorted(r.where.items())))
                       for r in rules if not r.soft and r.max is not None)  # fmt: skip
    return attributes, maxima, tuple(_per_value_attributes(rules)[:1])


def _per_value_attributes(rules: Iterable[Rule]) -> list[str]:
    """Attributes whose only rules are hard 'at most m (>= 1) per value' rules without filters."""
    rules = tuple(rules)
    counted = defaultdict(list)
    filtered = {a for rule in rules for a in rule.where}
    for rule in rules:
        counted[rule.attribute].append(rule)
    return [
        attribute
        for attribute, rules in counted.items()
        if attribute not in filtered
        and all(
            r.value == ANY_VALUE and not r.where and not r.soft and not r.min and r.max is not None and r.max >= 1
            for r in rules
        )
    ]


class _PerValue:
    """Argument 2 for one per-value attribute: coarse groups and how many distinct values each needs."""

    def __init__(self, attribute: str, groups: dict[str, Signature], needed: dict[Signature, int]) -> None:
        self.attribute, self.groups, self.needed = attribute, groups, needed

    @classmethod
    def of(
        cls, problem: Problem, ranked: list[Candidate], caps: _SignatureCaps, signatures: dict[str, Signature],
        position: int, cache: dict[object, object] | None = None,
    ) -> _PerValue:  # fmt: skip
        """Coarse groups of ``ranked`` (signatures without ``position``) and the cap of each group's values.

        ``cache`` keeps what depends only on the signatures and the ranked set (shared by rule variations).
        """
        attribute = sorted({a for rule in problem.rules for a in rule.referenced_attributes})[position]
        key = (id(signatures), position, tuple(sorted({*problem.pinned, *problem.excluded})))
        cache = cache if cache is not None else {}
        if key not in cache:
            cache[key] = cls._structure(problem, ranked, signatures, position, attribute)
        groups, holders, values = cache[key]  # type: ignore[misc]
        shared = {  # value -> the hard max parts that count every candidate holding it
            value: frozenset.intersection(*(caps.parts(s, c) for s, c in by_signature.items()))
            for value, by_signature in holders.items()
        }
        needed = {
            group: caps.cap_of(frozenset.intersection(*(shared[v] for v in group_values)))
            for group, group_values in values.items()
        }
        return cls(attribute, groups, needed)

    @staticmethod
    def _structure(
        problem: Problem, ranked: list[Candidate], signatures: dict[str, Signature], position: int, attribute: str
    ) -> tuple[dict[str, Signature], dict[str | None, dict[Signature, Candidate]], dict[Signature, set[str | None]]]:
        coarse: dict[Signature, Signature] = {}
        for signature in set(signatures.values()):
            coarse[signature] = signature[:position] + signature[position + 1 :]
        groups = {c.id: coarse[signatures[c.id]] for c in ranked}
        holders: dict[str | None, dict[Signature, Candidate]] = defaultdict(dict)  # value -> signatures holding it
        for candidate in problem.candidates:
            holders[candidate.attributes.get(attribute)].setdefault(signatures[candidate.id], candidate)
        values: dict[Signature, set[str | None]] = defaultdict(set)
        for candidate in ranked:
            values[groups[candidate.id]].add(candidate.attributes.get(attribute))
        return groups, holders, values

    def wanted(self, candidate: Candidate, values_above: set[str | None], spare: int) -> bool:
        """Whether the candidate is kept; records its value as seen either way.

        ``values_above`` holds the values of the better candidates of its coarse group.
        """
        own = candidate.attributes.get(self.attribute)
        keep = len(values_above) - (own in values_above) < self.needed[self.groups[candidate.id]] + spare
        values_above.add(own)
        return keep
