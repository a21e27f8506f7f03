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
from selection.models.types import utcnow
from selection.models.user import ApiToken, User, UserRole

__all__ = [
    "ApiToken", "AuditEvent", "AuditLogIsAppendOnly", "BalanceRule", "Call", "CallStatus",
    "EVERY_VALUE", "Gender", "Nomination", "NominationStatus", "Nominee", "RULE_ATTRIBUTES",
    "RequiredLevel", "Role", "STAFF_ROLES", "StakeholderGroup", "User", "UserRole", "utcnow",
]
