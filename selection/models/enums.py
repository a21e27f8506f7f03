"""Enumerations shared by models, the workflow and forms (pure Python, no database)."""
from __future__ import annotations

import enum


class LabelledEnum(str, enum.Enum):
    """A string enum whose members carry a human label for pages and forms."""

    label: str

    def __new__(cls, value: str, label: str) -> "LabelledEnum":
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs for a select field."""
        return [(member.value, member.label) for member in cls]


class CallStatus(LabelledEnum):
    """Life of a call for nominations."""

    DRAFT = ("draft", "Draft")
    OPEN = ("open", "Open for nominations")
    CLOSED = ("closed", "Closed")
    DECIDED = ("decided", "Decided")


class NominationStatus(LabelledEnum):
    """Life of a nomination; moves only along ``selection.workflow.states.TRANSITIONS``."""

    DRAFT = ("draft", "Draft")
    SUBMITTED = ("submitted", "Submitted")
    WITHDRAWN = ("withdrawn", "Withdrawn")
    INELIGIBLE = ("ineligible", "Ineligible")
    UNDER_REVIEW = ("under_review", "Under review")
    SHORTLISTED = ("shortlisted", "Shortlisted")
    NOT_SHORTLISTED = ("not_shortlisted", "Not shortlisted")
    APPOINTED = ("appointed", "Appointed")
    NOT_APPOINTED = ("not_appointed", "Not appointed")


class Role(LabelledEnum):
    """What a user may do; a user may hold several roles."""

    ADMIN = ("admin", "Administrator")
    SECRETARIAT = ("secretariat", "Secretariat")
    REVIEWER = ("reviewer", "Reviewer")
    RECOMMENDER = ("recommender", "Recommending body")
    DECISION_MAKER = ("decision_maker", "Decision-maker")
    NOMINEE = ("nominee", "Nominee")


STAFF_ROLES = frozenset(Role) - {Role.NOMINEE}


class RequiredLevel(LabelledEnum):
    """The seniority a stakeholder group asks of its nominees."""

    MINISTERIAL = ("ministerial", "Ministerial level or above")
    CEO_OR_DEPUTY = ("ceo_or_deputy", "CEO level or deputy")
    NONE = ("none", "No required level")


class Gender(LabelledEnum):
    """Gender as the person states it."""

    WOMAN = ("woman", "Woman")
    MAN = ("man", "Man")
    ANOTHER = ("another", "Another identity")
    UNDISCLOSED = ("undisclosed", "Prefer not to say")
