"""Configuration: defaults here, then the environment (SELECTION_*), then test overrides."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


class ConfigurationError(RuntimeError):
    """The app cannot start with the configuration it was given; the message says why."""


class Config:
    """Defaults for every deployment; override any of them with SELECTION_<NAME>."""

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE: bool | None = None  # None: secure unless debugging or testing
    SESSION_IDLE_MINUTES = 120  # staff
    NOMINEE_SESSION_IDLE_MINUTES = 480  # a nominee may spend an afternoon on a form
    SESSION_LIFETIME_HOURS = 12
    WTF_CSRF_TIME_LIMIT = None  # a nominee may take hours over a form
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    DEMO_PORT = 5000
    # Reverse proxies in front of the app that set X-Forwarded-For and X-Forwarded-Proto (nginx:
    # 1). 0: none, and those headers are never trusted (a client could forge its address).
    TRUSTED_PROXIES = 0

    # Outgoing mail. Without MAIL_SERVER, mails go to <instance>/mail/ and the console.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False  # STARTTLS on a plain connection
    MAIL_USE_SSL = False  # implicit TLS (usually port 465)
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER = "IGF nominations <nominations@localhost>"
    MAIL_TIMEOUT_SECONDS = 10
    MAIL_MAX_ATTEMPTS = 8
    MAIL_RETRY_SECONDS = 60  # first wait after a failure; doubles each time
    MAIL_SEND_AFTER_REQUEST = True

    # Nominees sign in with one-time links; uploads are PDF only.
    SIGN_IN_LINK_MINUTES = 30
    INVITATION_LINK_DAYS = 14
    SIGN_IN_LINKS_PER_HOUR = 5
    MAX_UPLOAD_BYTES = 5 * 1024 * 1024

    # Slate solves: a thread pool in the app process ("thread"), or RQ workers over Redis ("rq").
    SLATE_QUEUE = "thread"
    SLATE_THREADS = 2
    REDIS_URL = "redis://127.0.0.1:6379/0"
    # Exports of calls with more nominations than this run on the same queue, with a progress page.
    EXPORT_BACKGROUND_OVER = 2000

    PASSWORD_HASH_METHOD = "scrypt"
    # Two-factor sign-in (TOTP): any staff member may turn it on; these roles must.
    TWO_FACTOR_REQUIRED_ROLES: list[str] = []  # e.g. ["admin", "decision_maker"]
    TWO_FACTOR_ISSUER = "IGF nominations"
    TWO_FACTOR_FAILURES = "5 per 5 minutes; 20 per hour"

    # Abuse limits (Flask-Limiter syntax). Failed passwords count per client address and per
    # account; sign-in link requests per client address and per e-mail address.
    RATELIMIT_STORAGE_URI = "memory://"
    # Said explicitly: Flask-Limiter keeps an unset value from the last app it served, so one app
    # (a test) that turns limits off would leave them off for the next.
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    PASSWORD_FAILURES_PER_CLIENT = "5 per minute; 20 per hour"
    PASSWORD_FAILURES_PER_ACCOUNT = "10 per hour"
    SIGN_IN_LINK_REQUESTS_PER_CLIENT = "30 per hour"
    SIGN_IN_LINK_REQUESTS_PER_ADDRESS = "5 per hour"
    # Nomination forms saved per client address, and what one person may store.
    NOMINATION_SAVES_PER_CLIENT = "30 per minute; 300 per hour"
    NOMINATIONS_PER_PERSON_PER_CALL = 20  # drafts included
    UPLOAD_BYTES_PER_PERSON = 50 * 1024 * 1024


class TestConfig:
    """What the test suite changes on top of the defaults (the instance path and database
    are given per test)."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    # One round instead of scrypt: fixtures hash many passwords, none of which protects anything.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"

    @classmethod
    def settings(cls, **overrides: object) -> dict[str, object]:
        """These settings as a dict for ``create_app``, with ``overrides`` on top."""
        own = {name: value for name, value in vars(cls).items() if name.isupper()}
        return {**own, **overrides}


def ensure_instance_folder(path: str) -> None:
    """Create the instance folder if missing and fail clearly if it cannot be written."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"The instance folder {folder} does not exist and cannot be created ({exc.strerror}). "
            "Set SELECTION_INSTANCE_PATH to a writable folder."
        ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigurationError(
            f"The instance folder {folder} is not writable. "
            "Set SELECTION_INSTANCE_PATH to a writable folder or fix its permissions."
        )


def instance_secret_key(instance_path: str) -> str:
    """Return the secret key kept in the instance folder, generating it on first use."""
    key_file = Path(instance_path) / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    # Created with owner-only permissions: the key signs sessions and sign-in links.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def default_database_uri(instance_path: str) -> str:
    """SQLite in the instance folder: the embedded default that needs nothing installed."""
    return "sqlite:///" + str(Path(instance_path) / "selection.sqlite")
