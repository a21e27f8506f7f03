"""Rows -> optimizer problem: the call's shortlisted candidates with their merit scores and the
attributes the rules may count (stakeholder group, UN regional group, gender, nationality,
residence) — nothing else. Donor status in particular never reaches it.

Merit is an input (``MeritInput`` per nomination, gathered by the workflow): the adapter does
not read reviews itself. With the robustness option, each candidate also carries
``score_samples``: the merit recomputed after resampling its reviewers with replacement.
"""
from __future__ import annotations

from collections.abc import Callable

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

import optimizer
from selection.extensions import db
from selection.models import BalanceRule, Body, Call, Nomination, NominationStatus, Nominee, StakeholderGroup
from selection.plurals import gettext
from selection.review_scores import merit_score
from selection.slates.labels import rule_words
from selection.slates.renewal import renewal_facts, renewal_rules

DEFAULT_SLATES = 5
DEFAULT_MIN_DIFFERENCE = 2
DEFAULT_TIME_LIMIT_S = 20.0
MAX_SLATES = 20
MAX_TIME_LIMIT_S = 600.0
ROBUSTNESS_RESAMPLES = 200  # the "robustness" checkbox of the propose form
MAX_RESAMPLES = 1000
ROBUSTNESS_SEED = 1  # fixed: the same reviews give the same figures on every run
SAMPLES_PER_CANDIDATE = 50


@dataclass(frozen=True)
class SlateOptions:
    """How many slates, how different they must be, the time budget and the resamples of a run.

    ``relaxations`` maps a problem rule index (as text, JSON keys) to the bounds that replace
    the rule's: the "try the relaxed rule" button of the infeasible page. ``robustness`` is the
    number of resamples of the reviews (0: no robustness analysis).
    """

    slates: int = DEFAULT_SLATES
    min_difference: int = DEFAULT_MIN_DIFFERENCE
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    relaxations: dict[str, dict[str, int]] = field(default_factory=dict)
    robustness: int = 0

    def problems(self) -> list[str]:
        """What is wrong with the options, in words (empty when they are fine)."""
        found = []
        if not 1 <= self.slates <= MAX_SLATES:
            found.append(gettext("Ask for between 1 and %(most)d slates.", most=MAX_SLATES))
        if self.min_difference < 1:
            found.append(gettext("Slates must differ by at least 1 seat."))
        if not 1 <= self.time_limit_s <= MAX_TIME_LIMIT_S:
            most = f"{MAX_TIME_LIMIT_S:g}"
            found.append(gettext("The time limit must be between 1 and %(most)s seconds.", most=most))
        if not 0 <= self.robustness <= MAX_RESAMPLES:
            found.append(gettext("Ask for between 0 and %(most)d resamples.", most=MAX_RESAMPLES))
        return found

    def to_json(self) -> dict[str, Any]:
        """The options as stored on the run."""
        return {"slates": self.slates, "min_difference": self.min_difference,
                "time_limit_s": self.time_limit_s, "relaxations": dict(self.relaxations),
                "robustness": self.robustness}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SlateOptions:
        """Options stored on a run (missing keys take the defaults)."""
        return cls(int(data.get("slates", DEFAULT_SLATES)), int(data.get("min_difference", DEFAULT_MIN_DIFFERENCE)),
                   float(data.get("time_limit_s", DEFAULT_TIME_LIMIT_S)), dict(data.get("relaxations") or {}),
                   int(data.get("robustness") or 0))


@dataclass(frozen=True)
class MeritInput:
    """A nomination's merit and what it is made of: each counting review's score (0-100) and the
    levels of the recommendations received (the inputs of the call's merit formula)."""

    merit: float | None
    review_scores: tuple[float, ...] = ()
    recommendation_levels: tuple[str, ...] = ()


def candidate_id(nomination_id: int) -> str:
    """The optimizer's id of a nomination."""
    return f"n{nomination_id}"


def nomination_id_of(candidate: str) -> int:
    """The nomination id behind an optimizer candidate id."""
    return int(candidate.removeprefix("n"))


def shortlist_of(call: Call) -> list[Nomination]:
    """The call's shortlisted nominations: the only candidates a slate may hold."""
    return list(db.session.execute(
        select(Nomination).where(Nomination.call_id == call.id, Nomination.status == NominationStatus.SHORTLISTED)
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))
        .order_by(Nomination.id)).scalars())


def nominations_by_candidate(problem: dict[str, Any]) -> dict[str, Nomination]:
    """The nominations behind the problem's candidates, with nominee and group (three queries)."""
    ids = [nomination_id_of(c["id"]) for c in problem["candidates"]]
    query = select(Nomination).where(Nomination.id.in_(ids)).options(
        joinedload(Nomination.nominee), joinedload(Nomination.group))
    rows = db.session.execute(query).scalars() if ids else []
    return {candidate_id(n.id): n for n in rows}


def attributes_of(nomination: Nomination) -> dict[str, str]:
    """The facts a balance rule may count: stakeholder group, region, gender, nationality, residence."""
    nominee = nomination.nominee
    return facts_of(nomination.group.code, nominee.region, nominee.gender.value, nominee.nationality,
                    nominee.residence)


def facts_of(group: str, region: str | None, gender: str, country: str, residence: str | None) -> dict[str, str]:
    """``attributes_of`` from the columns themselves (for pages that read columns, not objects)."""
    facts = {"group": group, "region": region, "gender": gender, "country": country, "residence": residence}
    return {name: value for name, value in facts.items() if value}


def score_samples(entry: MeritInput, formula: Mapping[str, Any], rng: random.Random,
                  count: int = SAMPLES_PER_CANDIDATE) -> list[float]:
    """The merit recomputed ``count`` times, each time from the reviewers drawn with replacement
    (as many as there are); empty when fewer than two reviews could disagree."""
    scores = entry.review_scores
    if len(scores) < 2:
        return []
    samples = []
    for _ in range(count):
        drawn = [rng.choice(scores) for _ in scores]
        merit = merit_score(sum(drawn) / len(drawn), entry.recommendation_levels, formula)
        samples.append(round(merit, 3) if merit is not None else 0.0)
    return samples


@dataclass(frozen=True)
class Shortlisted:
    """A candidate as the problem needs it: the nomination, the nominee's e-mail (for the renewal
    facts) and the facts the rules count."""

    id: int
    email: str
    attributes: dict[str, str]


def shortlisted_people(call: Call) -> list[Shortlisted]:
    """``shortlist_of`` as the problem needs it, read as columns in one statement (no objects)."""
    rows = db.session.execute(
        select(Nomination.id, Nominee.email, StakeholderGroup.code, Nominee.region, Nominee.gender,
               Nominee.nationality, Nominee.residence)
        .join(Nominee, Nominee.id == Nomination.nominee_id)
        .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
        .where(Nomination.call_id == call.id, Nomination.status == NominationStatus.SHORTLISTED)
        .order_by(Nomination.id))
    return [Shortlisted(id_, email, facts_of(group, region, gender.value, country, residence))
            for id_, email, group, region, gender, country, residence in rows]


def _candidate_json(person: Shortlisted, entry: MeritInput, formula: Mapping[str, Any],
                    robustness: int) -> dict[str, Any]:
    merit = entry.merit
    data: dict[str, Any] = {"id": candidate_id(person.id), "score": round(merit, 3) if merit is not None else 0,
                            "attributes": dict(person.attributes)}
    if robustness:
        samples = score_samples(entry, formula, random.Random(f"{ROBUSTNESS_SEED}-{person.id}"))
        if samples:
            data["score_samples"] = samples
    return data


def rule_data(rule: BalanceRule) -> dict[str, Any]:
    """A balance rule as the optimiser and ``rule_words`` read it (attribute, value, bounds, filter, penalty)."""
    data: dict[str, Any] = {"attribute": rule.attribute, "value": rule.value}
    if rule.min_seats is not None:
        data["min"] = rule.min_seats
    if rule.max_seats is not None:
        data["max"] = rule.max_seats
    if rule.where_attribute and rule.where_value is not None:
        data["where"] = {rule.where_attribute: rule.where_value}
    if rule.is_soft and rule.penalty:
        data["soft"] = {"penalty": rule.penalty}
    return data


def rule_in_page_words(rule: BalanceRule, call: Call | None = None) -> str:
    """The rule in words in the page's language, e.g. 'Women: at least 4 seats'."""
    return rule_words(call or rule.call, rule_data(rule))


def _rules_json(call: Call) -> list[dict[str, Any]]:
    """The group quotas (exact: min = max = seats, marked ``quota``), then the call's balance rules,
    labelled in words."""
    rules: list[dict[str, Any]] = [
        {"attribute": "group", "value": group.code, "min": group.seats, "max": group.seats, "quota": True,
         "label": f"{group.name}: exactly {group.seats} seat{'s' if group.seats != 1 else ''}"}
        for group in call.groups
    ]
    for rule in call.rules:
        rules.append({**rule_data(rule), "label": rule.describe(call)})
    return rules


def build_problem(call: Call, options: SlateOptions, pinned: list[int], excluded: list[int],
                  merits: Mapping[int, MeritInput] | None = None,
                  nominations: Sequence[Nomination] | None = None) -> dict[str, Any]:
    """The optimizer problem (JSON, as stored on the run) for ``call`` with pins and exclusions.

    The candidates are the call's shortlist, or ``nominations`` when given (filling a vacancy
    after the decision: the sitting members and the nominees not appointed).

    ``merits`` gives each nomination's merit (a nomination without one scores 0: enough to check
    a hand-made slate against the rules). Rules whose attribute no candidate has are left out
    (the optimizer refuses them); a relaxation from ``options`` replaces the bounds of the rule
    it names. With ``options.robustness`` the problem asks for that many resamples.
    """
    merits = merits or {}
    formula = call.merit_settings
    people = (shortlisted_people(call) if nominations is None else
              [Shortlisted(n.id, n.nominee.email, attributes_of(n)) for n in nominations])
    renewal = renewal_facts(call, [(p.id, p.email) for p in people])
    candidates = [_candidate_json(p, merits.get(p.id, MeritInput(None)), formula, options.robustness)
                  for p in people]
    for candidate, person in zip(candidates, people):
        candidate["attributes"].update(renewal.get(person.id, {}))
    present = {name for c in candidates for name in c["attributes"]}
    body = db.session.get(Body, call.body_id) if call.body_id else None
    rules = [rule for rule in _rules_json(call) + renewal_rules(call, body, candidates)
             if rule["attribute"] in present and set(rule.get("where", {})) <= present]
    for index, bounds in options.relaxations.items():
        if 0 <= int(index) < len(rules):
            rules[int(index)] = _relaxed(rules[int(index)], bounds)
    ids = {c["id"] for c in candidates}
    problem = {
        "seats": call.group_seats,
        "candidates": candidates,
        "rules": rules,
        "pinned": [candidate_id(i) for i in pinned if candidate_id(i) in ids],
        "excluded": [candidate_id(i) for i in excluded if candidate_id(i) in ids],
        "slates": options.slates,
        "min_difference": options.min_difference,
        "time_limit_s": options.time_limit_s,
    }
    if options.robustness:
        problem.update(robustness=options.robustness, seed=ROBUSTNESS_SEED)
    return problem


def _relaxed(rule: dict[str, Any], bounds: dict[str, int]) -> dict[str, Any]:
    """The rule with the relaxed bounds; ``relaxed_from`` keeps the bounds it had, for the pages' words."""
    relaxed = dict(rule)
    relaxed["relaxed_from"] = {key: rule[key] for key in ("min", "max") if rule.get(key) is not None}
    for key in ("min", "max"):
        if key in bounds:
            relaxed[key] = int(bounds[key])
    if relaxed.get("min") is not None and relaxed.get("max") is not None and relaxed["min"] > relaxed["max"]:
        relaxed["max"] = relaxed["min"]
    bounds = _bounds_text(relaxed)
    seats = "seat" if bounds.rsplit(" ", 1)[-1] == "1" else "seats"
    relaxed["label"] = f"{rule.get('label', rule['attribute'])} — relaxed to {bounds} {seats}"
    return relaxed


def _bounds_text(rule: dict[str, Any]) -> str:
    low, high = rule.get("min"), rule.get("max")
    if low is not None and low == high:
        return f"exactly {low}"
    if low and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low else f"at most {high}"


def solve_problem(
    problem: dict[str, Any], progress: optimizer.ProgressCallback | None = None,
    sample_progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Run the optimizer on a stored problem; the result JSON (status ``invalid`` names a bad field).

    ``progress`` is called each time one more slate is found; ``sample_progress(done, total)``
    after each resample of a robustness analysis."""
    return optimizer.solve_json(problem, progress, sample_progress)
