"""Balanced automatic assignment of reviewers to nominations (a pure function).

Each nomination gets ``per_nomination`` reviewers in all (assignments it already has count),
no reviewer is given more than the ceiling of the fair share (all assignments / reviewers),
and nobody is given a nomination they declared a conflict with. The assignment is a maximum
flow of minimum cost, solved by OR-Tools (nominations -> reviewer's share of an area ->
reviewer -> sink, with each reviewer's remaining capacity), so whenever a complete assignment
within the cap exists it is found. Among the complete ones, the cost prefers reviewers whose
declared expertise covers the nomination's area (its stakeholder group, say) and spreads
each area's nominations evenly over the reviewers. When none exists, the plan says why:
by area ("3 nominations of Civil society have fewer than 3 eligible reviewers after
conflicts"), nomination by nomination, or overall.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np
from flask_babel import gettext
from ortools.graph.python import min_cost_flow

from selection.plurals import ngettext

N = TypeVar("N", bound=Hashable)
R = TypeVar("R", bound=Hashable)
Pairs = set[tuple[N, R]] | frozenset[tuple[N, R]]
LISTED = 5  # nominations named in a shortage message before "and N more"


@dataclass(frozen=True)
class AssignmentPlan(Generic[N, R]):
    """New (nomination, reviewer) pairs to add, the load cap used, and why anything is missing."""

    pairs: list[tuple[N, R]]
    cap: int
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every nomination reaches its number of reviewers."""
        return not self.problems


def balanced_assignment(
    nominations: Sequence[N],
    reviewers: Sequence[R],
    per_nomination: int,
    *,
    conflicts: Pairs = frozenset(),
    existing: Mapping[N, set[R]] | None = None,
    existing_load: Mapping[R, int] | None = None,
    label: Mapping[N, str] | None = None,
    area: Mapping[N, str] | None = None,
    expertise: Mapping[R, set[str]] | None = None,
) -> AssignmentPlan[N, R]:
    """Plan the new assignments; ``existing_load`` counts assignments outside ``nominations``.

    ``area`` names each nomination's area (e.g. its stakeholder group) and ``expertise`` the
    areas each reviewer knows; both optional. Impossible cases are explained rather than
    half-hidden: nominations with fewer reviewers free of conflict than they need (grouped by
    area when areas are given), or more reviews needed than the cap allows in all.
    """
    existing = existing or {}
    existing_load = dict(existing_load or {})
    if per_nomination < 1:
        return AssignmentPlan([], 0, [gettext("Ask for at least one reviewer per nomination.")])
    if not reviewers:
        return AssignmentPlan([], 0, [gettext("There are no reviewers to assign: give someone the reviewer role first.")])
    pool = set(reviewers)
    load = Counter({r: existing_load.get(r, 0) for r in reviewers})
    for n in nominations:
        load.update(existing.get(n, set()) & pool)
    need = {n: max(0, per_nomination - len(existing.get(n, set()) & pool)) for n in nominations}
    cap = math.ceil((sum(load.values()) + sum(need.values())) / len(reviewers))
    problems = _shortfalls(nominations, reviewers, per_nomination, conflicts, label or {}, area)
    network = _Network(nominations, reviewers, need, area or {}, expertise or {})
    pairs = network.solve(conflicts, existing, {r: max(0, cap - load[r]) for r in reviewers})
    missing = sum(need.values()) - len(pairs)
    if missing and not problems:
        problems.append(
            ngettext("%(num)d review could not be placed", "%(num)d reviews could not be placed", missing)
            + ngettext(" with at most %(num)d nomination per reviewer", " with at most %(num)d nominations per reviewer",
                       cap)
            + " without a declared conflict; add reviewers or ask for fewer per nomination."
        )
    return AssignmentPlan(pairs, cap, problems)


def _shortfalls(nominations: Sequence[N], reviewers: Sequence[R], per_nomination: int, conflicts: Pairs,
                label: Mapping[N, str], area: Mapping[N, str] | None) -> list[str]:
    if per_nomination > len(reviewers):
        return [ngettext("%(num)d reviewer per nomination was asked for",
                         "%(num)d reviewers per nomination were asked for", per_nomination)
                + ngettext(", but there is only %(num)d reviewer.", ", but there are only %(num)d reviewers.",
                           len(reviewers))]
    short = [n for n in nominations if sum(1 for r in reviewers if (n, r) not in conflicts) < per_nomination]
    if area is None:
        return [ngettext("%(name)s: only %(num)d reviewer without a declared conflict, %(needed)s needed.",
                         "%(name)s: only %(num)d reviewers without a declared conflict, %(needed)s needed.",
                         free, name=label.get(n, n), needed=per_nomination)
            for n in short for free in [sum(1 for r in reviewers if (n, r) not in conflicts)]]
    by_area: dict[str, list[N]] = defaultdict(list)
    for n in short:
        by_area[area.get(n, "no area")].append(n)
    return [_area_shortage(name, items, per_nomination, label) for name, items in by_area.items()]


def _area_shortage(name: str, items: list[N], per_nomination: int, label: Mapping[N, str]) -> str:
    listed = ", ".join(str(label.get(n, n)) for n in items[:LISTED])
    if len(items) > LISTED:
        listed += " " + ngettext("and %(num)d more", "and %(num)d more", len(items) - LISTED)
    return ngettext(
        "%(num)d nomination of %(area)s has fewer than %(needed)d eligible reviewers after conflicts (%(listed)s).",
        "%(num)d nominations of %(area)s have fewer than %(needed)d eligible reviewers after conflicts (%(listed)s).",
        len(items), area=name, needed=per_nomination, listed=listed)


class _Network(Generic[N, R]):
    """The flow network: source -> nomination (its need) -> (reviewer, area) (1 per pair) ->
    reviewer (the area's fair share cheaply, more at a price) -> sink (remaining capacity)."""

    SHARE_PENALTY = 1_000  # per review beyond a reviewer's fair share of an area
    NOT_EXPERT = 100  # per review by a reviewer outside the nomination's area, when it has experts

    def __init__(self, nominations: Sequence[N], reviewers: Sequence[R], need: Mapping[N, int],
                 area: Mapping[N, str], expertise: Mapping[R, set[str]]) -> None:
        self.nominations, self.reviewers, self.need = nominations, reviewers, need
        self.area = {n: area.get(n, "") for n in nominations}
        self.expertise = expertise
        self.areas = sorted(set(self.area.values()))
        self.experts = {a: {r for r in reviewers if a in expertise.get(r, set())} for a in self.areas}

    def solve(self, conflicts: Pairs, existing: Mapping[N, set[R]], capacity: Mapping[R, int]) -> list[tuple[N, R]]:
        """The new pairs of a maximum flow of minimum cost (arcs built as arrays: 5,000 x 40
        pairs are 200,000 arcs)."""
        total = sum(self.need.values())
        if total == 0:
            return []
        n_count, r_count, a_count = len(self.nominations), len(self.reviewers), len(self.areas)
        source, sink, first_nom, first_rev = 0, 1, 2, 2 + n_count
        first_share = first_rev + r_count  # node of (reviewer j, area k): first_share + k * r_count + j
        need = np.array([self.need[n] for n in self.nominations], dtype=np.int64)
        allowed, cost = self._pair_costs(conflicts, existing)
        rows, cols = np.nonzero(allowed)
        area_of = np.array([self.areas.index(self.area[n]) for n in self.nominations], dtype=np.int64)
        share_index = np.arange(a_count * r_count)
        share_area, share_reviewer = share_index // r_count, share_index % r_count
        reviews = np.bincount(area_of, weights=need, minlength=a_count).astype(np.int64)
        fair = np.array([self._fair_share(self.areas[k], self.reviewers[j], int(reviews[k]))
                         for k, j in zip(share_area, share_reviewer)], dtype=np.int64)
        parts = [  # (tails, heads, capacities, costs) of each kind of arc
            (np.full(n_count, source), first_nom + np.arange(n_count), need, np.zeros(n_count, np.int64)),
            (first_nom + rows, first_share + area_of[rows] * r_count + cols, np.ones(len(rows), np.int64),
             cost[rows, cols]),
            (first_share + share_index, first_rev + share_reviewer, fair, np.zeros(len(fair), np.int64)),
            (first_share + share_index, first_rev + share_reviewer, np.full(len(fair), total),
             np.full(len(fair), self.SHARE_PENALTY * r_count)),
            (first_rev + np.arange(r_count), np.full(r_count, sink),
             np.array([capacity[r] for r in self.reviewers], dtype=np.int64), np.zeros(r_count, np.int64)),
        ]
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(*(np.concatenate(column).astype(np.int64) for column in zip(*parts)))
        flow.set_node_supply(source, total)
        flow.set_node_supply(sink, -total)
        if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:
            return []
        used = flow.flows(np.arange(n_count, n_count + len(rows))) > 0
        return [(self.nominations[i], self.reviewers[j]) for i, j in zip(rows[used], cols[used])]

    def _pair_costs(self, conflicts: Pairs, existing: Mapping[N, set[R]]) -> tuple[np.ndarray, np.ndarray]:
        """Which (nomination, reviewer) pairs may be added, and their costs: seeded noise per
        pair (so that the same reviewers do not always read together), and a price on reviewers
        outside the nomination's area when the area has experts."""
        n_index = {n: i for i, n in enumerate(self.nominations)}
        r_index = {r: j for j, r in enumerate(self.reviewers)}
        allowed = np.ones((len(self.nominations), len(self.reviewers)), dtype=bool)
        for n, r in conflicts:
            if n in n_index and r in r_index:
                allowed[n_index[n], r_index[r]] = False
        for n, assigned in existing.items():
            for r in assigned:
                if n in n_index and r in r_index:
                    allowed[n_index[n], r_index[r]] = False
        # Seeded: the same call plans the same way every time.
        cost = np.random.default_rng(0).integers(0, len(self.reviewers), size=allowed.shape, dtype=np.int64)
        expert = np.array([[a in self.expertise.get(r, set()) for a in self.areas] for r in self.reviewers])
        has_experts = expert.any(axis=0)
        area_of = np.array([self.areas.index(self.area[n]) for n in self.nominations], dtype=np.int64)
        outsider = has_experts[area_of][:, None] & ~expert[:, area_of].T
        return allowed, cost + outsider * (self.NOT_EXPERT * len(self.reviewers))

    def _fair_share(self, a: str, r: R, reviews: int) -> int:
        """The ``reviews`` of area ``a`` a reviewer takes before the price rises: an even split
        over the area's experts (none for others), or over everyone when it has no experts."""
        experts = self.experts[a]
        if experts and r not in experts:
            return 0
        return math.ceil(reviews / len(experts or self.reviewers))
