"""Every table of the engine; importing this package registers them on the metadata."""
from selection.models.audit import AuditEvent, AuditLogIsAppendOnly
from selection.models.call import EVERY_VALUE, RULE_ATTRIBUTES, BalanceRule, Call, StakeholderGroup
from selection.models.enums import (
    STAFF_ROLES,
    CallStatus,
    Gender,
    NominationStatus,
    RequiredLevel,
    Role,
)
from selection.models.nomination import Nomination, Nominee
from selection.models.call import DEFAULT_MERIT_FORMULA, EX_OFFICIO_KINDS, DeadlineExtension
from selection.models.enums import QuestionKind
from selection.models.question import Question
from selection.models.rubric import RecommendingBody, RubricCriterion
from selection.models.enums import ConsentState, FilePurpose, NominatorKind, OutboxStatus
from selection.models.outbox import OutboxMessage
from selection.models.review import (
    ConflictDeclaration, ConflictKind, IneligibilityReason, InternalComment, NoticeOutcome,
    NoticeTemplate, OutcomeNotice, Recommendation, RecommendationLevel, RecommendingBodyMember,
    Review, ReviewAssignment, ReviewScore, ScreeningResult,
)
from selection.models.sign_in_link import SignInLink
from selection.models.summary import NominationSummary
from selection.models.stored_file import StoredFile
from selection.models.types import utcnow
from selection.models.user import ApiToken, User, UserRole
from selection.models.user_session import UserSession
from selection.models.slate import ACTIVE_RUN_STATUSES, SlateRun, SlateRunStatus
from selection.models.decision import Decision
from selection.models.member import HostCountryOverride, Membership
from selection.models.donor import DonorContribution
from selection.models.enums import ErasureStatus
from selection.models.privacy import ErasureRequest
from selection.models.body import Body, BodyPerson, OfficeTerm
from selection.models.meeting import (
    ActionItem, ActionOwner, AgendaItem, Attendance, Invitation, Meeting, MeetingDecision, SummaryNote,
)
from selection.models.election import (
    Ballot, CandidacyStatus, Election, ElectionCandidacy, ElectionStatus, VoteRecord,
)
from selection.models.travel import TravelBudget, TravelRequest, TravelStatus
from selection.models.vacancy import VacancyDecision

__all__ = [
    "ApiToken", "AuditEvent", "AuditLogIsAppendOnly", "BalanceRule", "Call", "CallStatus",
    "EVERY_VALUE", "Gender", "Nomination", "NominationStatus", "Nominee", "RULE_ATTRIBUTES",
    "RequiredLevel", "Role", "STAFF_ROLES", "StakeholderGroup", "User", "UserRole", "UserSession", "utcnow",
    "DEFAULT_MERIT_FORMULA", "DeadlineExtension", "EX_OFFICIO_KINDS", "Question", "QuestionKind",
    "RecommendingBody", "RubricCriterion",
    "ConsentState", "FilePurpose", "NominatorKind", "OutboxMessage", "OutboxStatus", "SignInLink",
    "StoredFile",
    "ConflictDeclaration", "ConflictKind", "IneligibilityReason", "InternalComment", "NoticeOutcome",
    "NominationSummary", "NoticeTemplate", "OutcomeNotice", "Recommendation", "RecommendationLevel",
    "RecommendingBodyMember", "Review", "ReviewAssignment", "ReviewScore", "ScreeningResult",
    "ACTIVE_RUN_STATUSES", "Decision", "DonorContribution", "HostCountryOverride", "Membership", "SlateRun",
    "SlateRunStatus", "ErasureRequest", "ErasureStatus",
    "ActionItem", "ActionOwner", "AgendaItem", "Attendance", "Body", "BodyPerson", "Invitation",
    "Meeting", "MeetingDecision", "OfficeTerm", "SummaryNote",
    "Ballot", "CandidacyStatus", "Election", "ElectionCandidacy", "ElectionStatus", "VoteRecord",
    "TravelBudget", "TravelRequest", "TravelStatus",
    "VacancyDecision",
]
