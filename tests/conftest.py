"""Fixtures of the app tests: a fresh database per test, on SQLite or on the PostgreSQL
named by SELECTION_SQLALCHEMY_DATABASE_URI (one database per pytest-xdist worker)."""
from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, make_url, text

from selection import create_app
from selection.config import TestConfig
from selection.extensions import db
from selection.demo import leadership_panel_call
from selection.models import Role, User, utcnow
from selection.views.sessions import SESSION_KEY
from selection.workflow.sessions import start_session
from tests.selection.factories import ADMIN, PASSWORD, csrf_token_from, staff



def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Keep ``-n auto`` of the configured options harmless under ``-p no:xdist`` (one process)."""
    if not pluginmanager.has_plugin("xdist"):
        # Lower-case short options are reserved to plugins: register it the way xdist does.
        parser.getgroup("xdist")._addoption("-n", "--numprocesses", dest="numprocesses", default=None,
                                            help="ignored: pytest-xdist is turned off")


def database_uri(tmp_path: Path) -> str:
    """The database of the test run: PostgreSQL when the environment names one, else SQLite in
    the test's own folder (under pytest-xdist, each worker has its own base folder)."""
    configured = os.environ.get("SELECTION_SQLALCHEMY_DATABASE_URI")
    return worker_database(configured) if configured else f"sqlite:///{tmp_path / 'test.sqlite'}"


@functools.cache
def worker_database(uri: str) -> str:
    """Under pytest-xdist, each worker's own server database (``worker_database_uri``),
    created on the same server when missing; else ``uri`` itself."""
    own = worker_database_uri(uri, os.environ.get("PYTEST_XDIST_WORKER"))
    if own == uri:
        return uri
    name = make_url(own).database
    engine = create_engine(make_url(uri), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if exists.first() is None:
                connection.execute(text(f"CREATE DATABASE {engine.dialect.identifier_preparer.quote(name)}"))
    finally:
        engine.dispose()
    return own


def worker_database_uri(uri: str, worker: str | None) -> str:
    """The database of one pytest-xdist worker on the server of ``uri``: ``<name>_<worker id>``
    (e.g. ``selection_test_gw0``); ``uri`` itself outside xdist and for SQLite files."""
    url = make_url(uri)
    if not worker or url.get_backend_name() == "sqlite":
        return uri
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


def reset_database() -> None:
    """Drop every table, including Alembic's bookkeeping, so the next test starts empty."""
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app on a fresh, empty schema."""
    yield from app_on_fresh_schema(tmp_path)


def app_on_fresh_schema(tmp_path: Path, **settings: object) -> Iterator[Flask]:
    """Build the test app (``settings`` on top of TestConfig) on an empty schema, yield it,
    then drop everything: the body of every app fixture."""
    app = create_app(TestConfig.settings(
        INSTANCE_PATH=str(tmp_path / "instance"), SQLALCHEMY_DATABASE_URI=database_uri(tmp_path), **settings,
    ))
    with app.app_context():
        reset_database()
        db.create_all()
    yield app
    with app.app_context():
        reset_database()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[None]:
    """Run the test body inside an application context (for direct database work)."""
    with app.app_context():
        yield


@pytest.fixture
def make_user(app: Flask):
    """Create a committed user with the given roles and the shared test password."""

    def make(email: str, *roles: Role, password: str | None = PASSWORD, active: bool = True) -> int:
        with app.app_context():
            user = staff(email, *roles, password=password, active=active)
            db.session.commit()
            return user.id

    return make


class AuthActions:
    """Sign in and out through the real forms, CSRF tokens included."""

    def __init__(self, client: FlaskClient):
        self.client = client

    def sign_in(self, email: str, password: str = PASSWORD, next_url: str = ""):
        page = self.client.get("/sign-in")
        return self.client.post("/sign-in", data={
            "email": email, "password": password, "next": next_url,
            "csrf_token": csrf_token_from(page.get_data(as_text=True)),
        })

    def sign_out(self):
        page = self.client.get("/")
        return self.client.post("/sign-out", data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})


def sign_in_directly(client: FlaskClient, user_id: int | None) -> FlaskClient:
    """Sign ``client`` in as a user without a form (nominees have none), with a server-side
    session as a real sign-in makes; None signs it out."""
    token = None
    if user_id is not None:
        with client.application.app_context():
            token = start_session(db.session.get(User, user_id))
            db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        if token is not None:
            session.update({"_user_id": str(user_id), "_fresh": True, SESSION_KEY: token})
    return client


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def admin(make_user, auth: AuthActions) -> FlaskClient:
    """A client signed in as an administrator (``ADMIN``)."""
    make_user(ADMIN, Role.ADMIN)
    auth.sign_in(ADMIN)
    return auth.client


@pytest.fixture
def panel_call(app: Flask) -> str:
    """The Leadership Panel call of the demo, open, without nominations; returns its slug."""
    with app.app_context():
        call = leadership_panel_call("lp-test", utcnow())
        db.session.commit()
        return call.slug
