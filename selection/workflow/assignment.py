"""Balanced automatic assignment of reviewers to nominations (a pure function).

Each nomination gets ``per_nomination`` reviewers in all (assignments it already has count),
no reviewer is given more than the ceiling of the fair share (all assignments / reviewers),
and nobody is given a nomination they declared a conflict with. The assignment is found as a
maximum flow (nominations -> reviewers -> sink, with each reviewer's remaining capacity), so
whenever a complete assignment within the cap exists it is found; when none exists, the
plan says why, nomination by nomination or overall.
"""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from selection.plurals import ngettext

N = TypeVar("N", bound=Hashable)
R = TypeVar("R", bound=Hashable)


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
    conflicts: set[tuple[N, R]] | frozenset[tuple[N, R]] = frozenset(),
    existing: Mapping[N, set[R]] | None = None,
    existing_load: Mapping[R, int] | None = None,
    label: Mapping[N, str] | None = None,
) -> AssignmentPlan[N, R]:
    """Plan the new assignments; ``existing_load`` counts assignments outside ``nominations``.

    Impossible cases are explained rather than half-hidden: a nomination with fewer reviewers
    free of conflict than it needs, or more reviews needed than the cap allows in all.
    """
    existing = existing or {}
    existing_load = dict(existing_load or {})
    label = label or {}
    if per_nomination < 1:
        return AssignmentPlan([], 0, ["Ask for at least one reviewer per nomination."])
    if not reviewers:
        return AssignmentPlan([], 0, ["There are no reviewers to assign: give someone the reviewer role first."])
    load = {r: existing_load.get(r, 0) + sum(1 for n in nominations if r in existing.get(n, set()))
            for r in reviewers}
    need = {n: max(0, per_nomination - len(existing.get(n, set()) & set(reviewers))) for n in nominations}
    total = sum(load.values()) + sum(need.values())
    cap = math.ceil(total / len(reviewers))
    problems = _shortfalls(nominations, reviewers, per_nomination, conflicts, label)
    flow = _max_flow(nominations, reviewers, need, conflicts, existing,
                     {r: max(0, cap - load[r]) for r in reviewers})
    pairs = [(n, r) for n in nominations for r in reviewers if (n, r) in flow]
    missing = sum(need.values()) - len(pairs)
    if missing and not problems:
        problems.append(
            ngettext("%(num)d review could not be placed", "%(num)d reviews could not be placed", missing)
            + ngettext(" with at most %(num)d nomination per reviewer", " with at most %(num)d nominations per reviewer",
                       cap)
            + " without a declared conflict; add reviewers or ask for fewer per nomination."
        )
    return AssignmentPlan(pairs, cap, problems)


def _shortfalls(nominations: Sequence[N], reviewers: Sequence[R], per_nomination: int,
                conflicts: set[tuple[N, R]] | frozenset[tuple[N, R]], label: Mapping[N, str]) -> list[str]:
    problems = []
    if per_nomination > len(reviewers):
        problems.append(ngettext("%(num)d reviewer per nomination was asked for",
                                 "%(num)d reviewers per nomination were asked for", per_nomination)
                        + ngettext(", but there is only %(num)d reviewer.", ", but there are only %(num)d reviewers.",
                                   len(reviewers)))
        return problems
    for n in nominations:
        free = sum(1 for r in reviewers if (n, r) not in conflicts)
        if free < per_nomination:
            problems.append(f"{label.get(n, n)}: " + ngettext(
                "only %(num)d reviewer without a declared conflict", "only %(num)d reviewers without a declared conflict",
                free) + f", {per_nomination} needed.")
    return problems


def _max_flow(nominations: Sequence[N], reviewers: Sequence[R], need: Mapping[N, int],
              conflicts: set[tuple[N, R]] | frozenset[tuple[N, R]], existing: Mapping[N, set[R]],
              capacity: Mapping[R, int]) -> set[tuple[N, R]]:
    """Edmonds-Karp on source -> nomination (need) -> reviewer (1) -> sink (capacity)."""
    source, sink = ("source",), ("sink",)
    residual: dict[Hashable, dict[Hashable, int]] = {source: {}, sink: {}}

    def edge(a: Hashable, b: Hashable, c: int) -> None:
        residual.setdefault(a, {})[b] = residual.setdefault(a, {}).get(b, 0) + c
        residual.setdefault(b, {}).setdefault(a, 0)

    for index, n in enumerate(nominations):
        edge(source, ("n", n), need[n])
        # Rotating the reviewers' order per nomination spreads the pairs, so that the same two
        # reviewers do not end up reading every nomination together.
        shift = index % len(reviewers)
        for r in [*reviewers[shift:], *reviewers[:shift]]:
            if (n, r) not in conflicts and r not in existing.get(n, set()):
                edge(("n", n), ("r", r), 1)
    for r in reviewers:
        edge(("r", r), sink, capacity[r])
    while True:
        parent: dict[Hashable, Hashable] = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt, c in residual[node].items():
                if c > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            break
        node = sink
        while node != source:  # every augmenting path carries one unit here
            prev = parent[node]
            residual[prev][node] -= 1
            residual[node][prev] += 1
            node = prev
    return {(n, r) for n in nominations for r in reviewers
            if (n, r) not in conflicts and r not in existing.get(n, set())
            and residual[("r", r)].get(("n", n), 0) > 0}
