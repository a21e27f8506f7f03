"""Ready-made configurations of a call: the IGF Leadership Panel, the IGF MAG, and blank.

A template builds a draft ``Call`` (not yet added to the session) that the administrator then
edits; ``selection.workflow.calls.create_call`` is the operation that stores and audits it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from selection.data import N_

from selection.models import (
    DEFAULT_MERIT_FORMULA,
    BalanceRule,
    Call,
    CallStatus,
    RecommendingBody,
    RequiredLevel,
    RubricCriterion,
    StakeholderGroup,
)


@dataclass(frozen=True)
class GroupTemplate:
    """A stakeholder group of a template."""

    code: str
    name: str
    seats: int
    level: RequiredLevel
    eligibility: str


@dataclass(frozen=True)
class CriterionTemplate:
    """A rubric criterion of a template, scored 1 to 5."""

    name: str
    description: str
    weight: float


@dataclass(frozen=True)
class CallTemplate:
    """Everything a new call copies from its template."""

    key: str
    label: str
    summary: str
    body: str
    seats: int
    term_years: int
    description: str = ""
    groups: tuple[GroupTemplate, ...] = ()
    rules: tuple[dict[str, Any], ...] = ()
    max_consecutive_terms: int | None = None
    ex_officio: tuple[str, ...] = ()
    rubric: tuple[CriterionTemplate, ...] = ()
    recommending_bodies: tuple[str, ...] = ()
    retention_months: int = 24
    merit_formula: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_MERIT_FORMULA))


LEADERSHIP_PANEL_DESCRIPTION = (
    "The IGF Leadership Panel is a strategic, empowered and multistakeholder body established "
    "by the United Nations Secretary-General to address strategic and urgent issues, and to "
    "highlight Forum discussions and possible follow-up actions, in order to promote greater "
    "impact and dissemination of IGF discussions.\n\n"
    "The Panel provides strategic inputs and advice on the IGF; promotes the IGF and its "
    "outputs; supports high-level and at-large stakeholder engagement and IGF fundraising "
    "efforts; and exchanges IGF outputs with other stakeholders and relevant fora.\n\n"
    "Members serve a two-year term and are expected to attend the Panel's meetings, at least "
    "three a year (first quarter, second quarter and at the annual IGF meeting). The Secretary-"
    "General decides on the membership with due regard for regional and gender balance, "
    "following recommendations from the IGF Secretariat and the Office of the Envoy on "
    "Technology. Membership carries no honorarium, fee or other remuneration, and there is no "
    "relationship between membership and financial contributions to the work of the IGF."
)

MAG_DESCRIPTION = (
    "The Multistakeholder Advisory Group (MAG) advises the Secretary-General on the programme "
    "and schedule of the annual Internet Governance Forum meeting. Its members come from "
    "governments, the private sector, civil society and the technical community, with due "
    "regard for regional, stakeholder and gender balance.\n\n"
    "Members are appointed for a term of one year, renewable for at most three consecutive "
    "terms. They take part in the MAG's open consultations, its monthly virtual meetings and "
    "its working groups, evaluate workshop proposals and help shape the annual meeting's "
    "programme. The current, previous and upcoming host countries of the IGF take part ex "
    "officio. Membership carries no remuneration."
)

# The templates' group names in the other five languages, as docs/glossary.md writes them, so
# that a sentence naming a group (``StakeholderGroup.local_name``) names it in its own language.
GROUP_NAMES: dict[str, dict[str, str]] = {
    "government": {"fr": "Gouvernements", "es": "Gobiernos", "ru": "Правительства", "zh": "政府",
                   "ar": "الحكومات"},
    "private_sector": {"fr": "Secteur privé", "es": "Sector privado", "ru": "Частный сектор", "zh": "私营部门",
                       "ar": "القطاع الخاص"},
    "technical_community": {"fr": "Communauté technique", "es": "Comunidad técnica", "ru": "Техническое сообщество",
                            "zh": "技术界", "ar": "المجتمع التقني"},
    "civil_society": {"fr": "Société civile", "es": "Sociedad civil", "ru": "Гражданское общество", "zh": "民间社会",
                      "ar": "المجتمع المدني"},
    "at_large": {"fr": "Membres siégeant à titre individuel", "es": "Miembros a título individual",
                 "ru": "Члены, выступающие в личном качестве", "zh": "以个人身份任职的成员",
                 "ar": "أعضاء بصفتهم الشخصية"},
}

CEO_LEVEL = "CEO-level (or deputy-level) representatives of the {group}."
LEADERSHIP_PANEL_GROUPS = (
    GroupTemplate("government", "Government", 2, RequiredLevel.MINISTERIAL,
                  "Ministerial-level or above representatives of Governments that are Member "
                  "States of the United Nations, or of regional intergovernmental organizations "
                  "with observer status in the General Assembly."),
    GroupTemplate("private_sector", "Private sector", 2, RequiredLevel.CEO_OR_DEPUTY,
                  CEO_LEVEL.format(group="private sector")),
    GroupTemplate("technical_community", "Technical community", 2, RequiredLevel.CEO_OR_DEPUTY,
                  CEO_LEVEL.format(group="technical community")),
    GroupTemplate("civil_society", "Civil society", 2, RequiredLevel.CEO_OR_DEPUTY,
                  CEO_LEVEL.format(group="civil society")),
    GroupTemplate("at_large", "At-large", 2, RequiredLevel.NONE,
                  "Distinguished or prominent persons who do not fall under the other "
                  "stakeholder groups."),
)

MAG_EXPERIENCE = ("People with experience of Internet governance from the {group}, able to "
                  "take part actively in the MAG's work through the year.")
MAG_GROUPS = (
    GroupTemplate("government", "Government", 16, RequiredLevel.NONE,
                  "Representatives of Governments of United Nations Member States (up to 40 % "
                  "of the MAG), nominated through their Permanent Missions or regional groups."),
    GroupTemplate("civil_society", "Civil society", 8, RequiredLevel.NONE,
                  MAG_EXPERIENCE.format(group="civil society")),
    GroupTemplate("private_sector", "Private sector", 8, RequiredLevel.NONE,
                  MAG_EXPERIENCE.format(group="private sector")),
    GroupTemplate("technical_community", "Technical community", 8, RequiredLevel.NONE,
                  MAG_EXPERIENCE.format(group="technical and academic community")),
)


def _criteria(standing: str, functions: str) -> tuple[CriterionTemplate, ...]:
    """The default rubric: expertise, standing, contribution to the body, engagement with the IGF."""
    return (
        CriterionTemplate("Expertise", "Knowledge of Internet governance and digital policy "
                          "relevant to the body's work.", 0.3),
        CriterionTemplate("Standing", standing, 0.25),
        CriterionTemplate("Contribution to the body's functions", functions, 0.25),
        CriterionTemplate("Engagement with the IGF", "Past and expected engagement with the "
                          "IGF, its intersessional work and national and regional initiatives.", 0.2),
    )


RECOMMENDING_BODIES = ("IGF Secretariat", "Office of the Envoy on Technology", "Other inputs")

TEMPLATES: dict[str, CallTemplate] = {
    "leadership-panel": CallTemplate(
        key="leadership-panel",
        label=N_("IGF Leadership Panel"),
        summary=N_("10 seats, two per stakeholder group (government at ministerial level, others at "
                   "CEO or deputy level, at-large); two-year term; regional and gender balance; "
                   "ex officio seats for the host countries, the MAG Chair and the Envoy on Technology."),
        body="IGF Leadership Panel",
        seats=10,
        term_years=2,
        description=LEADERSHIP_PANEL_DESCRIPTION,
        groups=LEADERSHIP_PANEL_GROUPS,
        rules=(
            {"attribute": "region", "value": "*", "min_seats": 1, "max_seats": 3},
            {"attribute": "gender", "value": "woman", "min_seats": 4},
            {"attribute": "gender", "value": "man", "min_seats": 4},
            {"attribute": "country", "value": "*", "max_seats": 1},
            {"attribute": "region", "value": "*", "max_seats": 1,
             "where_attribute": "group", "where_value": "government"},
        ),
        ex_officio=("host_previous", "host_current", "host_upcoming", "mag_chair", "envoy_technology"),
        rubric=_criteria(
            "Standing at the level the group requires: ministerial or above for governments, "
            "CEO or deputy for the private sector, technical community and civil society.",
            "Ability to give strategic advice, promote the IGF and its outputs, and engage "
            "high-level stakeholders and supporters of the Forum."),
        recommending_bodies=RECOMMENDING_BODIES,
        retention_months=36,
    ),
    "mag": CallTemplate(
        key="mag",
        label=N_("IGF MAG"),
        summary=N_("40 seats: government 16 (40 per cent), civil society, private sector and technical "
                   "community 8 each; one-year terms, at most three consecutive; balance over "
                   "regions, stakeholder groups and gender; ex officio seats for the recent host countries."),
        body="IGF Multistakeholder Advisory Group (MAG)",
        seats=40,
        term_years=1,
        description=MAG_DESCRIPTION,
        groups=MAG_GROUPS,
        rules=(
            {"attribute": "region", "value": "*", "min_seats": 6, "max_seats": 10},
            {"attribute": "gender", "value": "woman", "min_seats": 16},
            {"attribute": "gender", "value": "man", "min_seats": 16},
            {"attribute": "region", "value": "*", "min_seats": 2,
             "where_attribute": "group", "where_value": "government"},
            {"attribute": "country", "value": "*", "max_seats": 2, "hard": False, "penalty": 5.0},
        ),
        max_consecutive_terms=3,
        ex_officio=("host_previous", "host_current", "host_upcoming"),
        rubric=_criteria(
            "Standing and experience in the nominee's stakeholder group and region.",
            "Ability to shape the annual meeting's programme, evaluate proposals and take part "
            "in the MAG's working groups through the year."),
        recommending_bodies=RECOMMENDING_BODIES,
        retention_months=24,
    ),
    "blank": CallTemplate(
        key="blank",
        label=N_("Blank"),
        summary=N_("No groups, seats or rules: configure everything yourself."),
        body="",
        seats=0,
        term_years=1,
    ),
}

PRIVACY_NOTICE = (
    "The {body} call for nominations collects the personal data you give in a nomination: "
    "name, contact details, nationality, country of residence, gender, organization and "
    "position, biography, motivation, CV and the answers to the call's questions.\n\n"
    "The data serve only to assess eligibility, review the nominations and select the members "
    "of the {body}. They are seen by the IGF Secretariat, the reviewers and recommending bodies "
    "of this call and the people who decide on the membership, and by nobody else. Aggregated "
    "figures (for instance, the number of nominations per region) may be published; individual "
    "nominations are not.\n\n"
    "Nominations are kept for {months} months after the call closes, then deleted; the names of "
    "appointed members and the decision remain on record. You may ask to see, correct or "
    "delete your data, or withdraw your nomination, at any time before the decision by writing "
    "to the IGF Secretariat."
)


def default_times(now: datetime) -> tuple[datetime, datetime]:
    """Opening at the next midnight UTC and closing six weeks later at 23:59 UTC."""
    opens = datetime.combine(now.date() + timedelta(days=1), time(0, 0), timezone.utc)
    closes = datetime.combine(opens.date() + timedelta(days=42), time(23, 59), timezone.utc)
    return opens, closes


def build_call(template_key: str, slug: str, title: str, opens_at: datetime, closes_at: datetime) -> Call:
    """A draft call configured as the template says; the term starts on the 1 January after it closes."""
    template = TEMPLATES[template_key]
    term_start = date(closes_at.year + 1, 1, 1)
    call = Call(
        slug=slug,
        title=title,
        body=template.body or title,
        seats=template.seats,
        term_start=term_start,
        term_end=date(term_start.year + template.term_years - 1, 12, 31),
        opens_at=opens_at,
        closes_at=closes_at,
        status=CallStatus.DRAFT,
        description=template.description,
        max_consecutive_terms=template.max_consecutive_terms,
        ex_officio_seats=list(template.ex_officio),
        merit_formula=dict(template.merit_formula),
        retention_months=template.retention_months,
    )
    call.privacy_notice = PRIVACY_NOTICE.format(body=call.body, months=call.retention_months)
    call.groups.extend(
        StakeholderGroup(code=g.code, name=g.name, seats=g.seats, required_level=g.level,
                         eligibility=g.eligibility, position=position,
                         translations={language: {"name": name} for language, name in GROUP_NAMES.get(g.code, {}).items()})
        for position, g in enumerate(template.groups)
    )
    call.rules.extend(BalanceRule(position=position, **rule) for position, rule in enumerate(template.rules))
    call.rubric_criteria.extend(
        RubricCriterion(name=c.name, description=c.description, weight=c.weight,
                        scale_min=1, scale_max=5, position=position)
        for position, c in enumerate(template.rubric)
    )
    call.recommending_bodies.extend(
        RecommendingBody(name=name, position=position)
        for position, name in enumerate(template.recommending_bodies)
    )
    return call
