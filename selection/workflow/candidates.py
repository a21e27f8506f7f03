"""Recognising the same person nominated several times in one call (pure functions).

Two nominations are of the same candidate when they give the same e-mail address, or the
same name and nationality; the relation is transitive, so A~B and B~C put A, B and C together.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from selection.models.names import normalised_email, normalised_name

if TYPE_CHECKING:
    from selection.models import Nomination

T = TypeVar("T")


@dataclass(frozen=True)
class PersonKey(Generic[T]):
    """What identifies the person in one nomination; ``item`` is the nomination itself."""

    item: T
    email: str
    name: str
    nationality: str


def group_candidates(people: Sequence[PersonKey[T]]) -> list[list[T]]:
    """The nominations grouped by candidate, each group in input order, groups by first member."""
    parent = list(range(len(people)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[Hashable, int] = {}
    for index, person in enumerate(people):
        for key in _identity_keys(person):
            if key in first_with:
                parent[root(index)] = root(first_with[key])
            else:
                first_with[key] = index
    groups: dict[int, list[T]] = {}
    for index, person in enumerate(people):
        groups.setdefault(root(index), []).append(person.item)
    return list(groups.values())


def nominations_by_candidate(nominations: Sequence[Nomination]) -> list[list[Nomination]]:
    """Nominations grouped by the person nominated (same e-mail, or same name and nationality)."""
    return group_candidates([PersonKey(n, n.nominee.email, n.nominee.name, n.nominee.nationality)
                             for n in nominations])


def candidate_numbers(nominations: Sequence[Nomination]) -> dict[int, int]:
    """Candidate number (1, 2, ...) of each nomination id; duplicates share one."""
    return {n.id: number for number, group in enumerate(nominations_by_candidate(nominations), 1) for n in group}


def _identity_keys(person: PersonKey[T]) -> Iterable[Hashable]:
    email = normalised_email(person.email)
    if email:
        yield ("email", email)
    name = normalised_name(person.name)
    if name and person.nationality:
        yield ("name", name, person.nationality.upper())
