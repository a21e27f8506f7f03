"""Operations on user accounts: creation, roles, deactivation and API tokens."""
from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import STAFF_ROLES, ApiToken, Role, User, UserRole, utcnow
from selection.workflow import audit
from selection.workflow.errors import WorkflowError
from selection.workflow.sessions import end_sessions_of


def find_user(email: str) -> User | None:
    """The user with this e-mail address, compared without regard to case."""
    return db.session.execute(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).scalar_one_or_none()


def authenticate(email: str, password: str) -> User | None:
    """The active account with this e-mail address and password, or None; takes the same
    time whether the account exists or not."""
    user = find_user(email)
    if user is None or not user.password_hash:
        User.spend_password_check(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def normalise_email(email: str) -> str:
    """A checked, normalised e-mail address, or a WorkflowError saying what is wrong."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise WorkflowError(_("“%(email)s” is not an e-mail address: %(reason)s", email=email, reason=exc)) from exc


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
        raise WorkflowError(_("a user with the e-mail address %(email)s already exists", email=address))
    if not roles:
        raise WorkflowError(_("a user needs at least one role"))
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
        raise WorkflowError(_("%(email)s is not a staff user; only staff may use the API", email=user.email))
    if not user.active:
        raise WorkflowError(_("%(email)s is deactivated", email=user.email))
    token = "sel_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, digest=ApiToken.digest_of(token)))
    db.session.flush()
    audit.record(actor, user, "api_token_issued")
    return token


def update_user(
    user: User, actor: User | None, *, name: str, organization: str, roles: list[Role]
) -> None:
    """Change a user's name, organization and roles; an administrator cannot drop their own admin role."""
    if not roles:
        raise WorkflowError(_("a user needs at least one role"))
    if actor is not None and user.id == actor.id and Role.ADMIN in user.roles and Role.ADMIN not in roles:
        raise WorkflowError(_("you cannot remove your own administrator role; ask another administrator"))
    old_roles = sorted(role.value for role in user.roles)
    user.name = name.strip()
    user.organization = organization.strip()
    user.role_rows = [row for row in user.role_rows if row.role in roles]
    for role in roles:
        user.grant(role)
    new_roles = sorted(role.value for role in roles)
    db.session.flush()
    if old_roles != new_roles:
        audit.record(actor, user, "roles_changed", old=old_roles, new=new_roles)


def set_active(user: User, active: bool, actor: User | None) -> None:
    """Deactivate a user (they can no longer sign in or use their tokens; their work stays) or
    reactivate them."""
    if user.active == active:
        raise WorkflowError(_("%(email)s is already active", email=user.email) if active
                            else _("%(email)s is already deactivated", email=user.email))
    if not active and actor is not None and user.id == actor.id:
        raise WorkflowError(_("you cannot deactivate your own account"))
    user.active = active
    audit.record(actor, user, "reactivated" if active else "deactivated",
                 from_state="inactive" if active else "active", to_state="active" if active else "inactive")
    if not active:
        end_sessions_of(user, actor, "deactivated")
    db.session.flush()


def revoke_api_token(token: ApiToken, actor: User | None) -> None:
    """Revoke an API token: it stops working at once and stays listed as revoked."""
    if token.revoked_at is not None:
        raise WorkflowError(_("this token is already revoked"))
    token.revoked_at = utcnow()
    audit.record(actor, token.user, "api_token_revoked", token_id=token.id)
    db.session.flush()


def staff_users() -> list[User]:
    """Every staff user (active or not), by e-mail address."""
    return list(db.session.execute(
        select(User).join(UserRole).where(UserRole.role.in_(STAFF_ROLES)).distinct().order_by(User.email)
    ).scalars())


def api_tokens_of(user: User) -> list[ApiToken]:
    """The user's API tokens, newest first, revoked ones included."""
    return list(db.session.execute(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
    ).scalars())
