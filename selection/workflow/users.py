"""Operations on user accounts: creation, roles and API tokens."""
from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import ApiToken, Role, User
from selection.workflow import audit
from selection.workflow.errors import WorkflowError


def find_user(email: str) -> User | None:
    """The user with this e-mail address, compared without regard to case."""
    return db.session.execute(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).scalar_one_or_none()


def normalise_email(email: str) -> str:
    """A checked, normalised e-mail address, or a WorkflowError saying what is wrong."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise WorkflowError(f"“{email}” is not an e-mail address: {exc}") from exc


def create_user(
    email: str,
    roles: list[Role],
    actor: User | None,
    *,
    name: str = "",
    organization: str = "",
    password: str | None = None,
) -> User:
    """Create a user holding ``roles``; a password is set only when one is given."""
    address = normalise_email(email)
    if find_user(address):
        raise WorkflowError(f"a user with the e-mail address {address} already exists")
    if not roles:
        raise WorkflowError("a user needs at least one role")
    user = User(email=address, name=name, organization=organization)
    for role in roles:
        user.grant(role)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, user, "created", roles=sorted(role.value for role in roles))
    return user


def issue_api_token(user: User, actor: User | None) -> str:
    """Issue a new API token for a staff user and return it; only its digest is kept."""
    if not user.is_staff:
        raise WorkflowError(f"{user.email} is not a staff user; only staff may use the API")
    if not user.active:
        raise WorkflowError(f"{user.email} is deactivated")
    token = "sel_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, digest=ApiToken.digest_of(token)))
    db.session.flush()
    audit.record(actor, user, "api_token_issued")
    return token
