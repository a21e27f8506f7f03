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
    CONTRIBUTIONS = ("contributions", "Contributions officer")
    NOMINEE = ("nominee", "Nominee")


STAFF_ROLES = frozenset(Role) - {Role.NOMINEE}


class ErasureStatus(LabelledEnum):
    """Life of a nominee's request to erase the data held about them."""

    PENDING = ("pending", "Waiting for the Secretariat")
    CONFIRMED = ("confirmed", "Erased")
    DECLINED = ("declined", "Declined")


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


class QuestionKind(LabelledEnum):
    """The kind of answer a custom question of a call's nomination form asks for."""

    TEXT = ("text", "Short text")
    LONG_TEXT = ("long_text", "Long text")
    CHOICE = ("choice", "Choice of options")
    YES_NO = ("yes_no", "Yes or no")
    FILE = ("file", "File upload")


class NominatorKind(LabelledEnum):
    """Who put a nominee forward when it was not the nominee themself."""

    ORGANIZATION = ("organization", "An organization")
    MISSION = ("mission", "A Member State's Permanent Mission")
    COMMITTEE = ("committee", "A stakeholder group's nomination committee")


class ConsentState(LabelledEnum):
    """The nominee's own consent to a nomination made by someone else."""

    NOT_REQUESTED = ("not_requested", "Not requested yet")
    PENDING = ("pending", "Waiting for the nominee")
    GIVEN = ("given", "Given")
    DECLINED = ("declined", "Declined")


class OutboxStatus(LabelledEnum):
    """Life of an outgoing e-mail in the outbox."""

    PENDING = ("pending", "Pending")
    SENT = ("sent", "Sent")
    FAILED = ("failed", "Failed")
    HELD = ("held", "Held")


class FilePurpose(LabelledEnum):
    """What an uploaded file is for."""

    CV = ("cv", "CV")
    SUPPORT_LETTER = ("support_letter", "Letter of support")
    ANSWER = ("answer", "Answer to a question")


# The position levels each group's required level admits, in that group's own terms
# (stored in ``Nomination.position_level``).
POSITION_LEVELS: dict[str, list[tuple[str, str]]] = {
    RequiredLevel.MINISTERIAL.value: [
        ("head_of_state_or_government", "Head of State or Government"),
        ("minister", "Minister, or a position of ministerial rank"),
        ("igo_executive_head", "Executive head of a regional intergovernmental organization "
                               "with observer status in the General Assembly"),
    ],
    RequiredLevel.CEO_OR_DEPUTY.value: [
        ("chief_executive", "Chief executive (CEO, executive director, president, secretary-general)"),
        ("deputy_chief_executive", "Deputy to the chief executive"),
    ],
    RequiredLevel.NONE.value: [
        ("current_senior_leader", "Holds a senior leadership position"),
        ("former_senior_leader", "Formerly held a senior leadership position"),
        ("distinguished_expert", "Distinguished scholar, author or expert"),
        ("public_figure", "Prominent public figure"),
    ],
}
