"""A body's renewal rules as ordinary rules on ordinary attributes of the optimizer.

For a call that renews a body, each candidate gets two facts: ``consecutive_terms`` (how many
terms in a row they have served up to the new term, "0" for none) and ``newcomer`` ("yes" for a
person who was never a member of the body). The call's limit on consecutive terms and the body's
share of seats for people new to it then become rules on these facts, so slates respect them and
the infeasibility explanation names them like any other rule.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from selection.extensions import db
from selection.models import Body, BodyPerson, Call, Membership, Nomination, Nominee
from selection.models.body_enums import PersonCategory

CONSECUTIVE_TERMS = "consecutive_terms"
NEWCOMER = "newcomer"


def _earlier_calls(call: Call) -> list[int]:
    """The ids of the body's calls whose terms began before this one's, latest first."""
    return list(db.session.scalars(
        select(Call.id).where(Call.body_id == call.body_id, Call.term_start < call.term_start)
        .order_by(Call.term_start.desc())
    ))


def _terms_served(call: Call, emails: set[str]) -> dict[str, set[int]]:
    """For each address, the earlier calls of the body in which its owner was appointed."""
    rows = db.session.execute(
        select(func.lower(Nominee.email), Membership.call_id)
        .join(Nomination, Membership.nomination_id == Nomination.id)
        .join(Nominee, Nomination.nominee_id == Nominee.id)
        .join(Call, Membership.call_id == Call.id)
        .where(Call.body_id == call.body_id, Call.term_start < call.term_start, func.lower(Nominee.email).in_(emails))
    )
    served: dict[str, set[int]] = defaultdict(set)
    for email, call_id in rows:
        served[email].add(call_id)
    return served


def _recorded_members(call: Call, emails: set[str]) -> set[str]:
    """Addresses of people the body records as members (also those not appointed through a call),
    except through this call itself: filling a vacancy, its members count as they did when chosen."""
    this_call = select(Membership.id).where(Membership.call_id == call.id)
    return set(db.session.scalars(
        select(func.lower(BodyPerson.email)).where(
            BodyPerson.body_id == call.body_id, BodyPerson.category == PersonCategory.MEMBER,
            func.lower(BodyPerson.email).in_(emails),
            BodyPerson.membership_id.is_(None) | BodyPerson.membership_id.not_in(this_call),
        )
    ))


def renewal_facts(call: Call, people: Sequence[tuple[int, str]]) -> dict[int, dict[str, str]]:
    """Per nomination id (of ``people``: nomination id and the nominee's e-mail), its
    ``consecutive_terms`` and ``newcomer`` facts; empty for a call that renews no body (three
    statements, whatever the number of nominations)."""
    if call.body_id is None or not people:
        return {}
    emails = {address.lower() for _, address in people}
    earlier, served, recorded = _earlier_calls(call), _terms_served(call, emails), _recorded_members(call, emails)
    facts = {}
    for nomination_id, address in people:
        email = address.lower()
        streak = 0
        for call_id in earlier:
            if call_id not in served[email]:
                break
            streak += 1
        if streak == 0 and email in recorded:
            streak = 1  # a sitting member recorded on the body, appointed outside the product
        known = bool(served[email]) or email in recorded
        facts[nomination_id] = {CONSECUTIVE_TERMS: str(streak), NEWCOMER: "no" if known else "yes"}
    return facts


def renewal_rules(call: Call, body: Body | None, candidates: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The call's term limit and the body's share of new members as optimizer rules (JSON)."""
    if body is None:
        return []
    rules: list[dict[str, Any]] = []
    limit = call.max_consecutive_terms
    if limit:
        served = {c["attributes"].get(CONSECUTIVE_TERMS) for c in candidates} - {None}
        for value in sorted(v for v in served if int(v) >= limit):
            rules.append({
                "attribute": CONSECUTIVE_TERMS, "value": value, "max": 0,
                "label": f"at most {limit} consecutive terms (not again after {value} in a row)",
            })
    share = body.setting("min_share_new_members")
    if share:
        needed = math.ceil(call.group_seats * float(share) - 1e-9)
        rules.append({
            "attribute": NEWCOMER, "value": "yes", "min": needed,
            "label": f"people new to {body.name}: at least {needed} of {call.group_seats} seats",
        })
    return rules
