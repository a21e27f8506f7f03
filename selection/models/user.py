"""Users (staff and nominees), their roles, and API tokens."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from selection.extensions import db
from selection.models.enums import STAFF_ROLES, Role

DEFAULT_HASH_METHOD = "scrypt"
_DUMMY_HASHES: dict[str, str] = {}
from selection.models.types import UTCDateTime, enum_type, utcnow


class User(UserMixin, db.Model):
    """Anyone who signs in: staff with a password, nominees with a one-time link."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Two-factor sign-in (TOTP): the shared secret once confirmed, and the last time step
    # used, so that a code is accepted once only.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int] = mapped_column(default=0, server_default="0")
    # The interface language the person chose (one of the six), or None: the browser's.
    language: Mapped[str | None] = mapped_column(String(8))

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:  # Flask-Login: a deactivated user cannot sign in
        return self.active

    @property
    def roles(self) -> frozenset[Role]:
        """Every role the user holds."""
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        """True when the user holds at least one of ``roles``."""
        return bool(self.roles.intersection(roles))

    @property
    def two_factor_enabled(self) -> bool:
        """True once the user has confirmed an authenticator app."""
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    @property
    def is_staff(self) -> bool:
        """True for any role other than nominee."""
        return bool(self.roles & STAFF_ROLES)

    def grant(self, role: Role) -> None:
        """Add a role if the user does not hold it yet."""
        if role not in self.roles:
            self.role_rows.append(UserRole(role=role))

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password.

        The hash method is the app's ``PASSWORD_HASH_METHOD`` (scrypt by default; the test
        configuration uses a cheap one so fixtures do not spend the suite's time hashing).
        """
        method = DEFAULT_HASH_METHOD
        if has_app_context():
            method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_HASH_METHOD)
        self.password_hash = generate_password_hash(password, method=method)

    @staticmethod
    def spend_password_check(password: str) -> None:
        """Take as long as checking a real password, for an account that does not exist, so
        the time of an answer does not tell whether an address has an account."""
        method = DEFAULT_HASH_METHOD
        if has_app_context():
            method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_HASH_METHOD)
        if method not in _DUMMY_HASHES:
            _DUMMY_HASHES[method] = generate_password_hash(secrets.token_hex(16), method=method)
        check_password_hash(_DUMMY_HASHES[method], password)

    def check_password(self, password: str) -> bool:
        """True when ``password`` matches; always False for users without one."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(db.Model):
    """One role held by one user."""

    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))

    user: Mapped[User] = relationship(back_populates="role_rows")


class ApiToken(db.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")

    @staticmethod
    def digest_of(token: str) -> str:
        """The stored form of a token: tokens are long and random, so a plain hash suffices."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()
