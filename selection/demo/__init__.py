"""The demo: the IGF Leadership Panel call with synthetic nominations and one staff user per role.

Everything here is invented: no real person's data. Seeding is idempotent.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app
from sqlalchemy import select

from selection.workflow.call_templates import build_call
from selection.data import countries
from selection.demo.pdf import minimal_pdf  # noqa: F401  (part of the demo's API: tests make files with it)
from selection.demo.review_call import EXTRA_REVIEWERS, seed_review_call
from selection.demo.scale import seed_scale
from selection.demo.panel_body import seed_panel_body
from selection.demo.panel_year import seed_panel_year
from selection.extensions import db
from selection.models import (
    Call,
    DonorContribution,
    Gender,
    Nominee,
    Role,
    utcnow,
)
from selection.models.enums import POSITION_LEVELS, FilePurpose
from selection.models.nomination import Nomination
from selection.services.uploads import store_pdf
from selection.workflow import nominations as nomination_ops
from selection.workflow.calls import open_call
from selection.workflow.contributions import ContributionEntry, record_contribution
from selection.demo.languages import translate_open_call
from selection.workflow.users import create_user, find_user

OPEN_CALL_SLUG = "igf-leadership-panel-2027-2028"
DEMO_NOMINATIONS = 80

@dataclass(frozen=True)
class StaffAccount:
    """A demo staff account and its password, printed when the demo starts."""

    email: str
    role: Role
    password: str


STAFF = [
    ("admin@demo.example.org", Role.ADMIN, "Amara Okafor-Lind"),
    ("secretariat@demo.example.org", Role.SECRETARIAT, "Tomasz Ferreira-Ito"),
    ("reviewer@demo.example.org", Role.REVIEWER, "Leilani Haddad"),
    ("recommender@demo.example.org", Role.RECOMMENDER, "Office of the Envoy on Technology (demo)"),
    ("decision-maker@demo.example.org", Role.DECISION_MAKER, "Ingrid Mbeki-Santos"),
    ("contributions@demo.example.org", Role.CONTRIBUTIONS, "Nadia Kowalczyk-Osei"),
]
# Synthetic contributions to the Trust Fund: (donor, amount, currency, years ago, month, purpose).
DEMO_CONTRIBUTIONS = [
    ("Ministry of Digital Affairs of a demo Member State", "150000.00", "USD", 1, 3, "IGF Secretariat operations"),
    ("Demo Internet Registry Foundation", "40000.00", "EUR", 1, 9, "Travel support for members from developing countries"),
    ("Ministry of Digital Affairs of a demo Member State", "175000.00", "USD", 0, 2, "IGF Secretariat operations"),
]


def demo_password(email: str) -> str:
    """A password derived from the instance's secret key: stable per install, never in code."""
    return derive_demo_password(current_app.config["SECRET_KEY"], email)


def derive_demo_password(secret_key: str, email: str) -> str:
    """The demo password of ``email`` under ``secret_key`` (the browser journeys derive the
    passwords of a demo served elsewhere from its instance's secret key)."""
    digest = hmac.new(secret_key.encode(), b"demo-password:" + email.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:16].lower()


def seed() -> list[StaffAccount]:
    """Create what is missing of the demo and return the staff accounts to print."""
    accounts = [_ensure_staff(email, role, name) for email, role, name in STAFF]
    if not _call_exists(OPEN_CALL_SLUG):
        call = leadership_panel_call(OPEN_CALL_SLUG, utcnow())
        _seed_nominations(call, DEMO_NOMINATIONS, random.Random(2027))
    accounts += _seed_review_call()
    _seed_contributions()
    secretariat, now = find_user(STAFF[1][0]), utcnow()
    body = seed_panel_body(secretariat, now)
    if body is not None:
        seed_panel_year(body, secretariat, now)
    db.session.commit()
    return accounts


def _seed_contributions() -> None:
    """A few contributions, recorded by the contributions officer, where no decision-maker sees them."""
    if db.session.execute(select(DonorContribution.id)).first() is not None:
        return
    officer = find_user(STAFF[5][0])
    this_year = utcnow().year
    for donor, amount, currency, years_ago, month, purpose in DEMO_CONTRIBUTIONS:
        received = date(this_year - years_ago, month, 15)
        if received > date.today():
            received = date(this_year - years_ago, 1, 15)
        record_contribution(officer, ContributionEntry(donor, amount, currency, received, purpose))


def seed_scale_calls(sizes: list[int]) -> list[Call]:
    """Add a closed call ``scale-N`` of N synthetic nominations for each size (after ``seed``)."""
    reviewers = [find_user(email) for email in [STAFF[2][0], *(email for email, _n, _o in EXTRA_REVIEWERS)]]
    secretariat = find_user(STAFF[1][0])
    calls = [seed_scale(size, reviewers, secretariat) for size in sizes]
    db.session.commit()
    return calls


def _seed_review_call() -> list[StaffAccount]:
    """The second, closed call in the middle of review; returns its extra reviewer accounts."""
    secretariat, reviewer, recommender = (find_user(email) for email, _r, _n in STAFF[1:4])
    extra = seed_review_call(secretariat, reviewer, recommender, demo_password)
    return [StaffAccount(user.email, Role.REVIEWER, demo_password(user.email)) for user in extra]


def _ensure_staff(email: str, role: Role, name: str) -> StaffAccount:
    password = demo_password(email)
    if find_user(email) is None:
        create_user(email, [role], None, name=name, password=password)
    return StaffAccount(email=email, role=role, password=password)


def _call_exists(slug: str) -> bool:
    return db.session.execute(select(Call.id).where(Call.slug == slug)).first() is not None


def leadership_panel_call(slug: str, now: datetime) -> Call:
    """The open Leadership Panel call for the 2027-2028 term, from the terms of reference's template."""
    opens = datetime.combine(now.date() - timedelta(days=21), time(0, 0), timezone.utc)
    closes = datetime.combine(now.date() + timedelta(days=45), time(23, 59), timezone.utc)
    call = build_call("leadership-panel", slug, "IGF Leadership Panel 2027–2028: call for nominations",
                      opens, closes)
    call.term_start, call.term_end = date(2027, 1, 1), date(2028, 12, 31)
    translate_open_call(call)
    db.session.add(call)
    db.session.flush()
    open_call(call, None, now)
    return call


# Synthetic name parts per UN regional group, mixed at random: no real person is meant.
GIVEN_NAMES = {
    "AFR": {Gender.WOMAN: ["Amina", "Nokuthula", "Wanjiru", "Adaeze", "Fatoumata", "Thandiwe"],
            Gender.MAN: ["Kwame", "Babajide", "Tendai", "Moussa", "Olumide", "Sipho"]},
    "APG": {Gender.WOMAN: ["Mei", "Priya", "Yuki", "Siti", "Leila", "Ngoc Anh", "林 雅"],
            Gender.MAN: ["Arjun", "Haruto", "Farid", "Bayu", "Jun-ho", "Omar", "王 伟"]},
    "EEG": {Gender.WOMAN: ["Ana", "Katarzyna", "Irina", "Milena", "Elena", "Анна"],
            Gender.MAN: ["Andrei", "Tomas", "Marek", "Levan", "Dušan", "Дмитрий"]},
    "GRULAC": {Gender.WOMAN: ["Valentina", "Camila", "Luciana", "Ximena", "Renata", "Joelle"],
               Gender.MAN: ["Mateo", "Joaquín", "Rafael", "Andrés", "Thiago", "Dwayne"]},
    "WEOG": {Gender.WOMAN: ["Sofie", "Claire", "Margot", "Ingrid", "Chiara", "Rebecca"],
             Gender.MAN: ["Lukas", "Pierre", "Henrik", "Matteo", "Daniel", "Olivier"]},
}
FAMILY_NAMES = {
    "AFR": ["Mensah", "Okonkwo", "Diallo", "Kamau", "Ndlovu", "Traoré", "Abebe", "بن علي"],
    "APG": ["Tanaka", "Sharma", "Rahman", "Nguyen", "Kusuma", "Al-Farsi", "Park", "陈"],
    "EEG": ["Kowalska", "Popescu", "Horvat", "Petrov", "Beridze", "Novák", "Иванова"],
    "GRULAC": ["Rodríguez", "Silva", "Mendoza", "Castillo", "Herrera", "Campbell", "Duarte"],
    "WEOG": ["Lindqvist", "Moreau", "Becker", "Rossi", "O'Connell", "Jensen", "Van Dijk"],
}
OTHER_GENDERS = [Gender.ANOTHER, Gender.UNDISCLOSED]

TITLES = {
    "government": ["Minister of Digital Affairs", "Minister of Communications", "Deputy Minister for ICT",
                   "Minister of Science and Technology", "Vice-Minister of Digital Transformation"],
    "private_sector": ["Chief Executive Officer", "Deputy Chief Executive Officer", "President",
                       "Chief Operating Officer"],
    "technical_community": ["Chief Executive Officer", "Executive Director", "Deputy Director General",
                            "President and CEO"],
    "civil_society": ["Executive Director", "Deputy Executive Director", "Secretary-General",
                      "Chief Executive"],
    "at_large": ["Professor of Internet Policy", "Former Head of State (synthetic)", "Author and Scholar",
                 "Former Rapporteur"],
}
ORGANIZATIONS = {
    "government": "Ministry of Digital Affairs of {country}",
    "private_sector": "{word} Networks Ltd.",
    "technical_community": "{word} Network Information Centre",
    "civil_society": "{word} Digital Rights Foundation",
    "at_large": "University of {word}",
}
ORG_WORDS = ["Aurora", "Meridian", "Baobab", "Horizon", "Kestrel", "Lumen", "Tessera", "Cobalt",
             "Sahel", "Andes", "Fjord", "Monsoon", "Harbour", "Savanna", "Cedar", "Coral"]


def _seed_nominations(call: Call, count: int, rng: random.Random) -> None:
    """Submit ``count`` synthetic nominations spread over groups, regions and genders."""
    by_region: dict[str, list[str]] = {}
    for country in countries().values():
        if country.regional_group:
            by_region.setdefault(country.regional_group, []).append(country.iso2)
    regions = sorted(by_region)
    for index in range(count):
        group = call.groups[index % len(call.groups)]
        region = regions[(index // len(call.groups) + index) % len(regions)]
        nominee = _synthetic_nominee(index, group.code, rng.choice(by_region[region]), region, rng)
        nomination = nomination_ops.start_nomination(
            call, group, nominee, nominee.user, statement=_statement(group.name, rng)
        )
        _complete_application(nomination, index, rng)
        nomination_ops.submit(nomination, nominee.user)


def _complete_application(nomination: Nomination, index: int, rng: random.Random) -> None:
    """Fill in what a submission needs, with a synthetic one-page CV."""
    nominee = nomination.nominee
    levels = POSITION_LEVELS[nomination.group.required_level.value]
    nomination.position_level = levels[index % len(levels)][0]
    nomination.biography = (
        f"{nominee.name} is {nominee.title} at {nominee.organization}. (Synthetic demo nominee: "
        "an invented person, for trying the engine out.)"
    )
    nomination.languages = rng.choice(["English, French", "English, Spanish", "Arabic, English",
                                       "English, Russian", "Chinese, English", "English, Portuguese"])
    nomination.eligibility_declared = nomination.availability_confirmed = True
    nomination.data_consent = nomination.no_remuneration_declared = True
    cv = store_pdf(minimal_pdf([f"Curriculum vitae: demo nominee {index + 1}",
                                "Synthetic data for the demo; no real person."]),
                   "cv.pdf", FilePurpose.CV, nominee.user)
    nomination_ops.attach_file(nomination, nominee.user, cv)


def _synthetic_nominee(index: int, group_code: str, iso2: str, region: str, rng: random.Random) -> Nominee:
    gender = OTHER_GENDERS[index % 2] if index % 19 == 7 else (Gender.WOMAN if index % 2 else Gender.MAN)
    given_pool = GIVEN_NAMES[region][gender if gender in (Gender.WOMAN, Gender.MAN) else Gender.WOMAN]
    name = f"{rng.choice(given_pool)} {rng.choice(FAMILY_NAMES[region])}"
    email = f"nominee{index + 1:03d}@nominees.example.net"
    country = countries()[iso2].name
    organization = ORGANIZATIONS[group_code].format(country=country, word=rng.choice(ORG_WORDS))
    user = create_user(email, [Role.NOMINEE], None, name=name, organization=organization)
    nominee = Nominee(
        user=user, name=name, email=email, title=rng.choice(TITLES[group_code]),
        organization=organization, nationality=iso2, residence=iso2, gender=gender,
    )
    db.session.add(nominee)
    return nominee


def _statement(group_name: str, rng: random.Random) -> str:
    focus = rng.choice([
        "meaningful connectivity for the next billion users",
        "trust and security in the digital economy",
        "the IGF's contribution to the Global Digital Compact follow-up",
        "bringing parliamentarians and youth into IGF processes",
        "financing the IGF and broadening its donor base",
        "linking national and regional IGF initiatives to the global Forum",
    ])
    return (
        f"As a member from the {group_name.lower()} stakeholder group I would give strategic "
        f"advice on {focus}, promote the IGF's outputs in high-level fora, and help engage "
        "decision-makers who are not yet part of the Forum."
    )
