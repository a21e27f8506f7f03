"""Enumerations shared by models, the workflow and forms (pure Python, no database)."""
from __future__ import annotations

import enum

from flask_babel import gettext, lazy_gettext

from selection.data import N_

__all__ = ["N_", "LabelledEnum"]  # N_ is re-exported: the other enum modules mark their labels with it


class LabelledEnum(str, enum.Enum):
    """A string enum whose members carry a human label for pages and forms.

    The label is written in English (marked with ``N_`` for ``pybabel extract``) and shown in
    the page's language: ``label`` translates it at each use, so a member defined at import
    time still follows the language of the request. Outside a request it is the English text.
    """

    english_label: str

    def __new__(cls, value: str, label: str) -> "LabelledEnum":
        member = str.__new__(cls, value)
        member._value_ = value
        member.english_label = label
        return member

    @property
    def label(self) -> str:
        """The label in the page's language (English outside a request)."""
        return gettext(self.english_label)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs for a select field; the labels are lazy, so a form class built at
        import time still shows them in the language of each request."""
        return [(member.value, lazy_gettext(member.english_label)) for member in cls]


class CallStatus(LabelledEnum):
    """Life of a call for nominations."""

    DRAFT = ("draft", N_("Draft"))
    OPEN = ("open", N_("Open for nominations"))
    CLOSED = ("closed", N_("Closed"))
    DECIDED = ("decided", N_("Decided"))


class NominationStatus(LabelledEnum):
    """Life of a nomination; moves only along ``selection.workflow.states.TRANSITIONS``."""

    DRAFT = ("draft", N_("Draft"))
    SUBMITTED = ("submitted", N_("Submitted"))
    WITHDRAWN = ("withdrawn", N_("Withdrawn"))
    INELIGIBLE = ("ineligible", N_("Ineligible"))
    UNDER_REVIEW = ("under_review", N_("Under review"))
    SHORTLISTED = ("shortlisted", N_("Shortlisted"))
    NOT_SHORTLISTED = ("not_shortlisted", N_("Not shortlisted"))
    APPOINTED = ("appointed", N_("Appointed"))
    NOT_APPOINTED = ("not_appointed", N_("Not appointed"))


class Role(LabelledEnum):
    """What a user may do; a user may hold several roles."""

    ADMIN = ("admin", N_("Administrator"))
    SECRETARIAT = ("secretariat", N_("Secretariat"))
    REVIEWER = ("reviewer", N_("Reviewer"))
    RECOMMENDER = ("recommender", N_("Recommending body"))
    DECISION_MAKER = ("decision_maker", N_("Decision-maker"))
    CONTRIBUTIONS = ("contributions", N_("Contributions officer"))
    NOMINEE = ("nominee", N_("Nominee"))


STAFF_ROLES = frozenset(Role) - {Role.NOMINEE}


class ErasureStatus(LabelledEnum):
    """Life of a nominee's request to erase the data held about them."""

    PENDING = ("pending", N_("Waiting for the Secretariat"))
    CONFIRMED = ("confirmed", N_("Erased"))
    DECLINED = ("declined", N_("Declined"))


class RequiredLevel(LabelledEnum):
    """The seniority a stakeholder group asks of its nominees."""

    MINISTERIAL = ("ministerial", N_("Ministerial level or above"))
    CEO_OR_DEPUTY = ("ceo_or_deputy", N_("CEO level or deputy"))
    NONE = ("none", N_("No required level"))


class Gender(LabelledEnum):
    """Gender as the person states it."""

    WOMAN = ("woman", N_("Woman"))
    MAN = ("man", N_("Man"))
    ANOTHER = ("another", N_("Another identity"))
    UNDISCLOSED = ("undisclosed", N_("Prefer not to say"))


class QuestionKind(LabelledEnum):
    """The kind of answer a custom question of a call's nomination form asks for."""

    TEXT = ("text", N_("Short text"))
    LONG_TEXT = ("long_text", N_("Long text"))
    CHOICE = ("choice", N_("Choice of options"))
    YES_NO = ("yes_no", N_("Yes or no"))
    FILE = ("file", N_("File upload"))


class NominatorKind(LabelledEnum):
    """Who put a nominee forward when it was not the nominee themself."""

    ORGANIZATION = ("organization", N_("An organization"))
    MISSION = ("mission", N_("A Member State's Permanent Mission"))
    COMMITTEE = ("committee", N_("A stakeholder group's nomination committee"))


class ConsentState(LabelledEnum):
    """The nominee's own consent to a nomination made by someone else."""

    NOT_REQUESTED = ("not_requested", N_("Not requested yet"))
    PENDING = ("pending", N_("Waiting for the nominee"))
    GIVEN = ("given", N_("Given"))
    DECLINED = ("declined", N_("Declined"))


class OutboxStatus(LabelledEnum):
    """Life of an outgoing e-mail in the outbox."""

    PENDING = ("pending", N_("Pending"))
    SENT = ("sent", N_("Sent"))
    FAILED = ("failed", N_("Failed"))
    HELD = ("held", N_("Held"))


class FilePurpose(LabelledEnum):
    """What an uploaded file is for."""

    CV = ("cv", N_("CV"))
    SUPPORT_LETTER = ("support_letter", N_("Letter of support"))
    ANSWER = ("answer", N_("Answer to a question"))


# The position levels each group's required level admits, in that group's own terms
# (stored in ``Nomination.position_level``). The labels are English marked with ``N_``:
# ``position_level_choices`` and ``position_level_label`` give them in the page's language.
# They stay short, to fit a phone's select; ``POSITION_LEVEL_NOTES`` says what they cover.
POSITION_LEVELS: dict[str, list[tuple[str, str]]] = {
    RequiredLevel.MINISTERIAL.value: [
        ("head_of_state_or_government", N_("Head of State or Government")),
        ("minister", N_("Minister, or a position of ministerial rank")),
        ("igo_executive_head", N_("Executive head of a regional intergovernmental organization")),
    ],
    RequiredLevel.CEO_OR_DEPUTY.value: [
        ("chief_executive", N_("Chief executive")),
        ("deputy_chief_executive", N_("Deputy to the chief executive")),
    ],
    RequiredLevel.NONE.value: [
        ("current_senior_leader", N_("Holds a senior leadership position")),
        ("former_senior_leader", N_("Formerly held a senior leadership position")),
        ("distinguished_expert", N_("Distinguished scholar, author or expert")),
        ("public_figure", N_("Prominent public figure")),
    ],
}
POSITION_LEVEL_NOTES: dict[str, str] = {
    RequiredLevel.MINISTERIAL.value: N_("A regional intergovernmental organization counts when it has "
                                        "observer status in the General Assembly."),
    RequiredLevel.CEO_OR_DEPUTY.value: N_("A chief executive is the organization's CEO, executive director, "
                                          "president or secretary-general."),
}


def position_level_choices(required_level: str) -> list[tuple[str, str]]:
    """(key, label) of the position levels a required level admits; the labels are lazy, so a
    form shows them in the language of each request."""
    return [(key, lazy_gettext(label)) for key, label in POSITION_LEVELS.get(required_level, [])]


def position_level_label(key: str | None) -> str:
    """A stored position level in words, in the page's language (the key itself if unknown)."""
    labels = {k: label for levels in POSITION_LEVELS.values() for k, label in levels}
    return gettext(labels[key]) if key in labels else (key or "")


def position_level_note(required_level: str) -> str:
    """What the position levels of a required level cover, in the page's language ('' if nothing)."""
    note = POSITION_LEVEL_NOTES.get(required_level)
    return gettext(note) if note else ""
