"""The slate comparison as a matrix: one row per nominee found in any slate, one column per
slate, rows grouped by stakeholder group, the rows that differ between slates marked.

Built from a ``RunView`` (already loaded in batches), so it costs no query of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from selection.models import Call
from selection.slates.presentation import Member, RunView


@dataclass(frozen=True)
class MatrixRow:
    """A nominee and, per slate in rank order, whether the slate holds them."""

    member: Member
    in_slates: tuple[bool, ...]

    @property
    def differs(self) -> bool:
        """True when some slates hold the nominee and others do not."""
        return not all(self.in_slates)

    @property
    def slate_count(self) -> int:
        """In how many slates the nominee is."""
        return sum(self.in_slates)


@dataclass(frozen=True)
class MatrixGroup:
    """The rows of one stakeholder group, and its seats."""

    name: str
    seats: int
    rows: tuple[MatrixRow, ...]


def slate_matrix(call: Call, view: RunView) -> tuple[MatrixGroup, ...]:
    """Group by group (the call's order), the nominees of any slate: those in most slates first,
    then by merit and name. Groups without any such nominee are left out."""
    members: dict[int, Member] = {}
    holders: dict[int, set[int]] = {}
    for slate in view.slates:
        for member in slate.members:
            members.setdefault(member.nomination_id, member)
            holders.setdefault(member.nomination_id, set()).add(slate.rank)
    ranks = [slate.rank for slate in view.slates]
    groups = []
    for group in call.groups:
        rows = [MatrixRow(member, tuple(rank in holders[nid] for rank in ranks))
                for nid, member in members.items() if member.group_code == group.code]
        rows.sort(key=lambda row: (-row.slate_count, -row.member.score, row.member.name))
        if rows:
            groups.append(MatrixGroup(group.name, group.seats, tuple(rows)))
    return tuple(groups)
