"""The figures of a run in sentences of the page's language: what a rule costs, how robust the
slates are to the reviewers' disagreement, what replacing a member costs, and the "why not"
sentences (a rule in the way, a nominee in a member's seat).

The optimizer gives numbers and codes (its own English sentences serve the CLI); these are the
app's words for them.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import optimizer
from selection.models import Call
from selection.plurals import gettext, ngettext
from selection.slates.labels import capitalized, rule_words
from selection.slates.words import other_violation_in_words, violation_in_words


def points(value: float) -> str:
    """Merit points as the pages write them: one decimal."""
    return f"{value:.1f}"


def percent(share: float) -> str:
    """'97%'."""
    return f"{share * 100:.0f}%"


def joined(items: Sequence[str]) -> str:
    """'1', '1 and 2', '1, 2 and 3'."""
    if len(items) == 1:
        return items[0]
    return gettext("%(first)s and %(last)s", first=", ".join(items[:-1]), last=items[-1])


def price_words(label: str, price: optimizer.RulePrice | None) -> str:
    """'At least 4 women: costs 1.8 merit points (0.2%), changes 1 member.'"""
    rule = capitalized(label)
    if price is None or price.delta_score is None:
        return gettext("%(rule)s: its price was not computed before the time limit.", rule=rule)
    if price.delta_score <= 1e-9:
        return gettext("%(rule)s: costs nothing.", rule=rule)
    cost = f"{price.delta_score:.4g}"
    changes = len(price.leaves)
    members = ngettext("%(num)d member", "%(num)d members", changes)
    if price.relative is not None:
        share = f"{price.relative * 100:.2g}%"
        if changes:
            return gettext("%(rule)s: costs %(points)s merit points (%(share)s), changes %(members)s.",
                           rule=rule, points=cost, share=share, members=members)
        return gettext("%(rule)s: costs %(points)s merit points (%(share)s).", rule=rule, points=cost, share=share)
    if changes:
        return gettext("%(rule)s: costs %(points)s merit points, changes %(members)s.",
                       rule=rule, points=cost, members=members)
    return gettext("%(rule)s: costs %(points)s merit points.", rule=rule, points=cost)


def robustness_words(robustness: optimizer.Robustness) -> str:
    """One sentence on whether the reviews separate the proposed slates."""
    if not robustness.samples or not robustness.slates:
        return gettext("No resample was solved.")
    shares = {s.rank: s.best_share for s in robustness.slates}
    group = robustness.indistinguishable
    if group:
        ranks = joined([str(rank) for rank in group])
        if len(group) == 2 and all(0.35 <= shares[rank] <= 0.65 for rank in group):
            return gettext("Slates %(ranks)s are each best in about half of the resamples: "
                           "the reviews cannot separate them.", ranks=ranks)
        return gettext("Slates %(ranks)s are best in %(shares)s of the resamples: the reviews cannot separate them.",
                       ranks=ranks, shares=joined([percent(shares[rank]) for rank in group]))
    leader = max(robustness.slates, key=lambda s: (s.best_share, -s.rank))
    return gettext("Slate %(rank)s is the best of the proposed slates in %(share)s of the resamples.",
                   rank=leader.rank, share=percent(leader.best_share))


def member_share_words(share: float) -> str:
    """'in the best slate in 97% of resamples'."""
    return gettext("in the best slate in %(share)s of resamples", share=percent(share))


def replacement_words(irreplaceable: bool, cost: float | None) -> str:
    """How the slate's score changes when a member is replaced by the best alternative."""
    if irreplaceable:
        return gettext("irreplaceable under the rules")
    if cost is None:
        return gettext("not computed in time")
    if cost >= 0:
        return gettext("score −%(points)s if replaced", points=points(cost))
    return gettext("score +%(points)s if replaced", points=points(-cost))


def blocking_words(call: Call, rule: dict[str, Any], name: str, cost: float | None) -> str:
    """A rule in the way of a nominee, and what lifting it alone would cost slate 1."""
    label = capitalized(rule_words(call, rule))
    if cost is None:
        return gettext("%(rule)s: lifting it alone is not enough.", rule=label)
    if cost <= 1e-9:
        return gettext("%(rule)s: without it, %(name)s would get in at no cost.", rule=label, name=name)
    return gettext("%(rule)s: without it, %(name)s would get in at a cost of %(points)s merit points.",
                   rule=label, name=name, points=points(cost))


def swap_words(call: Call, problem: dict[str, Any], swap: Any, names: Mapping[str, str]) -> str:
    """The nominee directly in a member's seat of slate 1: the score change and the rules it breaks."""
    rules = problem["rules"]
    member = names.get(swap.member, swap.member)
    broken = []
    for violation in swap.violations:
        if violation.kind == "rule" and violation.rule is not None and violation.rule < len(rules):
            broken.append(violation_in_words(rules[violation.rule], violation, call))
        elif violation.kind == "pinned":
            broken.append(gettext("%(name)s is pinned", name=member))
        else:
            broken.append(other_violation_in_words(violation, names, problem["seats"], call))
    if swap.score_change < 0:
        change = gettext("%(points)s merit points less", points=points(-swap.score_change))
    else:
        change = gettext("%(points)s merit points more", points=points(swap.score_change))
    if broken:
        return gettext("In %(name)s's seat (%(change)s): breaks %(rules)s.", name=member, change=change,
                       rules="; ".join(broken))
    if swap.score_change < 0:
        return gettext("In %(name)s's seat (%(change)s): breaks no rule, but slate 1 scores higher.",
                       name=member, change=change)
    return gettext("In %(name)s's seat (%(change)s): breaks no rule.", name=member, change=change)
