"""Seeded synthetic problems (never real people) for tests, benchmarks and demos.

- ``leadership_panel``: the IGF Leadership Panel shape (10 seats, 5 groups x 2,
  5 UN regions at least 1 and at most 3, gender balance as a soft rule, one
  seat per country, one government seat per region).
- ``larger_body``: the same rule families for 40 seats.
- ``citizens_assembly``: sortition-style quotas on many categories, equal scores.
"""

from __future__ import annotations

import random

from .problem import Candidate, Problem, Rule

GROUPS = ("government", "private sector", "technical community", "civil society", "at-large")
REGIONS = ("African States", "Asia-Pacific States", "Eastern European States", "GRULAC", "WEOG")
_COUNTRIES_PER_REGION = (54, 53, 23, 33, 29)  # the UN regional groups' sizes, roughly
GENDERS = ("woman", "man", "non-binary")


def _country_codes() -> list[tuple[str, str]]:
    codes = []
    for region, count in zip(REGIONS, _COUNTRIES_PER_REGION):
        codes += [(region, f"{region[:2].upper()}{index:02d}") for index in range(count)]
    return codes


def _nominees(count: int, rng: random.Random) -> list[Candidate]:
    countries = _country_codes()
    nominees = []
    for index in range(count):
        region, country = rng.choice(countries)
        gender = rng.choices(GENDERS, weights=(47, 50, 3))[0]
        attributes = {"group": rng.choice(GROUPS), "region": region, "gender": gender, "country": country}
        nominees.append(Candidate(f"n{index}", round(rng.uniform(40, 100), 1), attributes))
    return nominees


def _balance_rules(per_group: int, region_min: int, region_max: int, women: int, per_country: int) -> tuple[Rule, ...]:
    return (
        Rule("group", "*", min=per_group, max=per_group),
        Rule("region", "*", min=region_min, max=region_max),
        Rule("gender", "woman", min=women, penalty=30),
        Rule("country", "*", max=per_country),
        Rule("region", "*", max=1, where={"group": ("government",)}),
    )


def leadership_panel(candidates: int = 300, seed: int = 0, **options: object) -> Problem:
    """A Leadership Panel call: 10 seats from ``candidates`` synthetic nominees."""
    rng = random.Random(seed)
    rules = _balance_rules(per_group=2, region_min=1, region_max=3, women=5, per_country=1)
    return Problem(seats=10, candidates=tuple(_nominees(candidates, rng)), rules=rules, **options)  # type: ignore[arg-type]


def larger_body(candidates: int = 1000, seed: int = 0, **options: object) -> Problem:
    """A 40-seat body with the same rule families (8 per group, 6 to 10 per region)."""
    rng = random.Random(seed)
    rules = _balance_rules(per_group=8, region_min=6, region_max=10, women=20, per_country=1)
    rules = rules[:4] + (Rule("region", "*", max=2, where={"group": ("government",)}),)
    return Problem(seats=40, candidates=tuple(_nominees(candidates, rng)), rules=rules, **options)  # type: ignore[arg-type]


# Categories of a citizens' assembly, values deliberately in several languages and scripts.
_ASSEMBLY_CATEGORIES: dict[str, tuple[str, ...]] = {
    "gender": ("female", "male", "non-binary"),
    "age": ("16-24", "25-34", "35-44", "45-54", "55-64", "65+"),
    "région": ("Île-de-France", "Bretagne", "Occitanie", "Grand Est", "Hauts-de-France", "Normandie"),
    "education": ("primary", "secondary", "tertiary", "none"),
    "urbanité": ("urbain", "périurbain", "rural"),
    "ethnicity": ("white", "black", "asian", "mixed", "other"),
    "attitude": ("very concerned", "fairly concerned", "not concerned", "don't know"),
    "housing": ("owner", "renter", "social housing"),
    "disability": ("yes", "no"),
    "語": ("日本語", "English", "Español", "العربية"),
}


def citizens_assembly(
    seats: int = 50, candidates: int = 500, seed: int = 0, slack: int = 1, pins: int = 0, **options: object
) -> Problem:
    """A feasible sortition-style problem: min/max per value of ten categories, around a hidden panel.

    The quotas are set to a hidden random panel's counts plus or minus ``slack``,
    so the problem is feasible by construction; ``pins`` members of that panel
    are pinned. Equal scores (0) leave every choice to the rules and the
    deterministic tie-break.
    """
    rng = random.Random(seed)
    people = []
    for index in range(candidates):
        attributes = {name: rng.choices(values, weights=range(len(values) + 1, 1, -1))[0]
                      for name, values in _ASSEMBLY_CATEGORIES.items()}  # fmt: skip
        people.append(Candidate(f"p{index:04d}", 0.0, attributes))
    hidden_panel = rng.sample(people, seats)
    rules = []
    for name, values in _ASSEMBLY_CATEGORIES.items():
        for value in values:
            count = sum(1 for person in hidden_panel if person.attributes[name] == value)
            rules.append(Rule(name, value, min=max(0, count - slack), max=count + slack))
    pinned = tuple(person.id for person in hidden_panel[:pins])
    return Problem(seats=seats, candidates=tuple(people), rules=tuple(rules), pinned=pinned, **options)  # type: ignore[arg-type]
