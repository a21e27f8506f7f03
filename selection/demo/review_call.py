"""The demo's second, closed call: the IGF Leadership Panel 2025–2026 in the middle of review.

Forty synthetic nominations, eight per stakeholder group over the five UN regional groups;
screened (two ineligible, one withdrawn, two still awaiting screening), each eligible one
reviewed by two of four reviewers assigned by the balanced assignment, one declared
conflict, five shortlisted per group across regions and genders (enough for the slate
optimizer to have a real choice), recommendations from the IGF Secretariat and the Office of
the Envoy on Technology, and the outcome notices held in the outbox, waiting for release.
Everything is made through the workflow, so the audit log tells the story. Invented people only.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from selection.workflow.call_templates import build_call
from selection.data import countries
from selection.demo.pdf import minimal_pdf
from selection.extensions import db
from selection.models import (
    Call,
    CallStatus,
    ConflictKind,
    Gender,
    IneligibilityReason,
    Nomination,
    NominationStatus,
    Nominee,
    RecommendationLevel,
    Role,
    User,
)
from selection.models.enums import POSITION_LEVELS, FilePurpose
from selection.services.uploads import store_pdf
from selection.workflow import audit
from selection.workflow import review as review_ops
from selection.workflow.review import CriterionEntry
from selection.workflow.nominations import withdraw
from selection.workflow.users import create_user, find_user

REVIEW_CALL_SLUG = "igf-leadership-panel-2025-2026"
PER_GROUP = 8
SHORTLIST_PER_GROUP = 5
CLOSED_AT = datetime(2024, 9, 30, 23, 59, tzinfo=timezone.utc)
CONFLICTED_INDEX = 2 * PER_GROUP + 1  # a technical community nominee; reviewer3 works there too

EXTRA_REVIEWERS = [
    ("reviewer2@demo.example.org", "Sione Takeda-Varga", "UN Department of Economic and Social Affairs"),
    ("reviewer3@demo.example.org", "Nadia Oyelaran-Kraft", "Baobab Digital Rights Foundation"),
    ("reviewer4@demo.example.org", "Mateus Lindgren-Osei", "IGF Secretariat"),
]
ENVOY_BODY = "Office of the Envoy on Technology"
SECRETARIAT_BODY = "IGF Secretariat"

GIVEN = {Gender.WOMAN: ["Aisha", "Beatriz", "Chen Yu", "Dalia", "Elif", "Freya", "Grace", "Hana"],
         Gender.MAN: ["Amadou", "Bruno", "Carlos", "Dmitri", "Emeka", "Farhan", "Goran", "Hiroshi"]}
FAMILY = {"AFR": ["Adeyemi", "Banda", "Cissé", "Dlamini"], "APG": ["Aziz", "Bui", "Chandra", "Dorji"],
          "EEG": ["Arsenault-Ilić", "Balogh", "Cernat", "Dvořák"],
          "GRULAC": ["Acosta", "Barros", "Cárdenas", "Duarte"], "WEOG": ["Aalto", "Bianchi", "Clarke", "Dufour"]}
ORGANIZATION = {
    "government": "Ministry of Digital Affairs of {country}", "private_sector": "{name} Telecom Group",
    "technical_community": "{name} Internet Registry", "civil_society": "{name} Internet Society Chapter",
    "at_large": "Institute for Digital Futures, {country}",
}
TITLE = {"government": "Minister of Digital Affairs", "private_sector": "Chief Executive Officer",
         "technical_community": "Executive Director", "civil_society": "Deputy Executive Director",
         "at_large": "Professor of Internet Policy"}
# The eighth nomination of each group: what happened to it.
LAST_OF_GROUP = {
    "government": ("ineligible", IneligibilityReason.LEVEL, "A director-general, not at ministerial level."),
    "private_sector": ("withdrawn", None, "The nominee took up a new position."),
    "technical_community": ("submitted", None, ""),
    "civil_society": ("submitted", None, ""),
    "at_large": ("ineligible", IneligibilityReason.GROUP, "Currently serves in a Government."),
}


def seed_review_call(secretariat: User, reviewer: User, recommender: User, password_for) -> list[User]:
    """Create the closed call in review unless it exists; returns the extra reviewer accounts."""
    extra = [_ensure_user(email, name, organization, password_for(email))
             for email, name, organization in EXTRA_REVIEWERS]
    if db.session.execute(select(Call.id).where(Call.slug == REVIEW_CALL_SLUG)).first():
        return extra
    call = _closed_call()
    rng = random.Random(2025)
    nominations = _nominations(call, rng)
    positions = {n.id: index % PER_GROUP for index, n in enumerate(nominations)}
    reviewers = [reviewer, *extra]
    _screen(nominations, positions, secretariat)
    # The demo reviewer once worked with one nominee's organization and declares it.
    conflicted = nominations[CONFLICTED_INDEX]
    review_ops.declare_conflict(conflicted, reviewer, reviewer, kind=ConflictKind.SAME_ORGANIZATION,
                                details=f"Until 2024 I worked at {conflicted.nominee.organization}.")
    review_ops.apply_balanced_assignment(call, 2, secretariat, reviewers)
    _review(call, nominations, positions, reviewers, rng)
    _shortlist(nominations, positions, secretariat)
    _recommend(call, secretariat, recommender)
    db.session.flush()
    return extra


def _ensure_user(email: str, name: str, organization: str, password: str) -> User:
    user = find_user(email)
    if user is None:
        user = create_user(email, [Role.REVIEWER], None, name=name, organization=organization, password=password)
    return user


def _closed_call() -> Call:
    call = build_call("leadership-panel", REVIEW_CALL_SLUG, "IGF Leadership Panel 2025–2026: call for nominations",
                      CLOSED_AT - timedelta(days=60), CLOSED_AT)
    db.session.add(call)
    db.session.flush()
    call.status = CallStatus.CLOSED  # it ran before the engine existed: recorded as imported, closed
    audit.record(None, call, "imported", to_state=CallStatus.CLOSED.value, note="demo call, already closed")
    return call


def _nominations(call: Call, rng: random.Random) -> list[Nomination]:
    by_region: dict[str, list[str]] = {}
    for country in countries().values():
        if country.regional_group:
            by_region.setdefault(country.regional_group, []).append(country.iso2)
    regions = sorted(by_region)
    made = []
    used_countries: set[str] = set()
    for g, group in enumerate(call.groups):
        for i in range(PER_GROUP):
            region = regions[(g + i) % len(regions)]
            gender = Gender.WOMAN if (g + i) % 2 == 0 else Gender.MAN
            iso2 = rng.choice([c for c in by_region[region] if c not in used_countries] or by_region[region])
            used_countries.add(iso2)
            made.append(_nomination(call, group, g * PER_GROUP + i, region, iso2, gender, rng))
    return made


def _nomination(call: Call, group, index: int, region: str, iso2: str, gender: Gender, rng: random.Random) -> Nomination:
    name = f"{GIVEN[gender][index % 8]} {FAMILY[region][(index // 8) % 4]}"
    country = countries()[iso2].name
    organization = ORGANIZATION[group.code].format(country=country, name=FAMILY[region][index % 4])
    if index == CONFLICTED_INDEX:
        organization = "Baobab Digital Rights Foundation"  # reviewer3 works there: a suggested conflict
    email = f"lp2025-nominee{index + 1:02d}@nominees.example.net"
    user = find_user(email) or create_user(email, [Role.NOMINEE], None, name=name, organization=organization)
    nominee = Nominee(user=user, name=name, email=email, title=TITLE[group.code], organization=organization,
                      nationality=iso2, residence=iso2, gender=gender)
    levels = POSITION_LEVELS[group.required_level.value]
    submitted_at = CLOSED_AT - timedelta(days=30 - index % 25, hours=index)
    nomination = Nomination(
        call=call, group=group, nominee=nominee, status=NominationStatus.SUBMITTED,
        statement=f"I would bring {group.name.lower()} perspectives on meaningful connectivity and the "
                  "IGF's role after WSIS+20 to the Panel's strategic advice.",
        position_level=levels[index % len(levels)][0], eligibility_declared=True,
        biography=f"{name} is {TITLE[group.code]} at {organization}. (Synthetic demo nominee: an invented person.)",
        availability_confirmed=True, languages=rng.choice(["English, French", "English, Spanish", "Arabic, English"]),
        data_consent=True, no_remuneration_declared=True, created_at=submitted_at, updated_at=submitted_at,
        submitted_at=submitted_at,
    )
    db.session.add(nomination)
    db.session.flush()
    audit.record(user, nomination, "status", from_state="draft", to_state="submitted")
    nomination.cv = store_pdf(minimal_pdf([f"Curriculum vitae: {group.name} nominee {index + 1}",
                                           "Synthetic data for the demo; no real person."]), "cv.pdf",
                              FilePurpose.CV, user)
    nomination.cv.nomination = nomination
    return nomination


def _screen(nominations: list[Nomination], positions: dict[int, int], secretariat: User) -> None:
    """The last nomination of each group meets its fate (``LAST_OF_GROUP``); the others are eligible."""
    for n in nominations:
        if positions[n.id] < PER_GROUP - 1:
            review_ops.screen(n, secretariat, eligible=True)
            continue
        fate, reason, note = LAST_OF_GROUP[n.group.code]
        if fate == "ineligible":
            review_ops.screen(n, secretariat, eligible=False, reason=reason, note=note)
        elif fate == "withdrawn":
            withdraw(n, n.nominee.user, reason=note)


def _review(call: Call, nominations: list[Nomination], positions: dict[int, int], reviewers: list[User],
            rng: random.Random) -> None:
    """Reviewers score the stronger nominations (earlier in their group) higher; a couple stay drafts."""
    for n in nominations:
        for reviewer in reviewers:
            if not review_ops.may_review(reviewer, n):
                continue
            base = 5 - positions[n.id] // 2
            entries = {c.id: CriterionEntry(max(1, min(5, base + rng.choice([-1, 0, 0, 1]))),
                                            rng.choice(["", "Clear record of senior engagement.",
                                                        "Strong regional networks.", "Little IGF involvement so far."]))
                       for c in call.rubric_criteria}
            draft = positions[n.id] == 6 and reviewer is reviewers[-1]
            review_ops.save_review(n, reviewer, entries, "" if draft else "Reviewed against the rubric.",
                                   submit=not draft)


def _shortlist(nominations: list[Nomination], positions: dict[int, int], secretariat: User) -> None:
    chosen = [n for n in nominations if positions[n.id] < SHORTLIST_PER_GROUP]
    preview = review_ops.preview_shortlist(chosen, shortlisted=True)
    review_ops.apply_shortlist(chosen, True, secretariat, preview.token, note="Demo shortlist")
    for n in nominations:
        if positions[n.id] == SHORTLIST_PER_GROUP:
            review_ops.shortlist(n, secretariat, shortlisted=False)


def _recommend(call: Call, secretariat: User, recommender: User) -> None:
    bodies = {body.name: body for body in call.recommending_bodies}
    if recommender.has_role(Role.RECOMMENDER):
        review_ops.add_body_member(bodies[ENVOY_BODY], recommender, secretariat)
    levels = list(RecommendationLevel)
    shortlisted = [n for n in call.nominations if n.status == NominationStatus.SHORTLISTED]
    for k, n in enumerate(shortlisted):
        review_ops.record_recommendation(n, bodies[SECRETARIAT_BODY], secretariat, level=levels[k % 3],
                                         note="Recommended on the review panel's advice." if k % 3 == 0 else "")
        if k % 4 != 3:  # a few are left for the Envoy's office to record in the demo
            review_ops.record_recommendation(n, bodies[ENVOY_BODY], recommender, level=levels[(k + 1) % 4])
