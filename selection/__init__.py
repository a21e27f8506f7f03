"""The nomination and selection engine: the Flask application factory."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from selection.config import (
    Config,
    ConfigurationError,
    default_database_uri,
    ensure_instance_folder,
    instance_secret_key,
)
from selection.extensions import csrf, db, limiter, login_manager, migrate

PACKAGE_DIRECTORY = os.path.dirname(__file__)
MIGRATIONS_DIRECTORY = os.path.join(PACKAGE_DIRECTORY, "migrations")


def _template_folder() -> str:
    """Installed, the templates travel inside the package; in a source checkout (editable
    install, tests) they sit at the top of the repository."""
    inside = os.path.join(PACKAGE_DIRECTORY, "templates")
    if os.path.isdir(inside):
        return inside
    return os.path.abspath(os.path.join(PACKAGE_DIRECTORY, os.pardir, "templates"))

__all__ = ["create_app", "ConfigurationError"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then SELECTION_* environment variables, then ``test_config``."""
    app = Flask(
        __name__,
        instance_path=_instance_path(test_config),
        template_folder=_template_folder(),
    )
    app.config.from_object(Config)
    app.config.from_prefixed_env("SELECTION")
    if test_config:
        app.config.update(test_config)
    ensure_instance_folder(app.instance_path)
    _complete_config(app)
    _trust_proxies(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIRECTORY, render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from selection import i18n

    i18n.init_app(app)

    from selection.services import mail

    mail.init_app(app)

    from selection import models  # noqa: F401  (registers every table on the metadata)
    from selection.views import register_views

    register_views(app)
    return app


def _instance_path(test_config: dict[str, Any] | None) -> str | None:
    """The instance folder: test config, then SELECTION_INSTANCE_PATH, then Flask's default."""
    if test_config and test_config.get("INSTANCE_PATH"):
        return os.path.abspath(test_config["INSTANCE_PATH"])
    from_env = os.environ.get("SELECTION_INSTANCE_PATH")
    return os.path.abspath(from_env) if from_env else None


def _complete_config(app: Flask) -> None:
    """Fill in what depends on the instance folder and normalise the database URI."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    uri = app.config.get("SQLALCHEMY_DATABASE_URI") or default_database_uri(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = _with_psycopg3_driver(uri)


def _trust_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` reverse proxies, take the client's address (abuse limits) and
    scheme (HSTS, secure links) from the X-Forwarded-For and -Proto headers they set; with
    none (the default), ignore those headers, which any client can send."""
    proxies = app.config["TRUSTED_PROXIES"]
    if isinstance(proxies, bool) or not isinstance(proxies, int) or proxies < 0:
        raise ConfigurationError(f"SELECTION_TRUSTED_PROXIES must be a number of proxies (0 or more), "
                                 f"not {proxies!r}.")
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def _with_psycopg3_driver(uri: str) -> str:
    """Let a plain postgresql:// URI use psycopg 3, the driver the project installs."""
    for prefix in ("postgresql://", "postgres://"):
        if uri.startswith(prefix):
            return "postgresql+psycopg://" + uri[len(prefix):]
    return uri
