"""``selection users``: accounts and API tokens from the command line."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from selection.cli import cli
from selection.extensions import db
from selection.models import ApiToken, Role, User


def user(app: Flask, email: str) -> User | None:
    with app.app_context():
        return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def test_create_with_generated_password_that_signs_in(app: Flask, runner: FlaskCliRunner, auth) -> None:
    result = runner.invoke(cli, ["users", "create", "ana@example.org", "--role", "reviewer", "--name", "Ana"])
    assert result.exit_code == 0, result.output
    password = result.output.split("Password: ")[1].strip()
    assert auth.sign_in("ana@example.org", password).status_code == 302


def test_create_with_several_roles_and_given_password(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(cli, ["users", "create", "b@example.org", "--role", "admin",
                                 "--role", "secretariat", "--password", "given-password"])
    assert result.exit_code == 0 and "Password:" not in result.output
    with app.app_context():
        created = db.session.execute(select(User).where(User.email == "b@example.org")).scalar_one()
        assert created.roles == {Role.ADMIN, Role.SECRETARIAT}
        assert created.check_password("given-password")


def test_unknown_role_is_refused_naming_the_option(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(cli, ["users", "create", "c@example.org", "--role", "emperor"])
    assert result.exit_code == 2
    assert "--role" in result.output and "emperor" in result.output
    assert user(app, "c@example.org") is None


def test_duplicate_and_invalid_addresses_are_refused(app: Flask, runner: FlaskCliRunner) -> None:
    assert runner.invoke(cli, ["users", "create", "d@example.org", "--role", "admin"]).exit_code == 0
    again = runner.invoke(cli, ["users", "create", "D@example.org", "--role", "admin"])
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(cli, ["users", "create", "not-an-address", "--role", "admin"])
    assert bad.exit_code == 1 and "is not an e-mail address" in bad.output


def test_token_is_printed_once_and_stored_hashed(app: Flask, runner: FlaskCliRunner, make_user) -> None:
    make_user("staff@example.org", Role.SECRETARIAT)
    result = runner.invoke(cli, ["users", "token", "staff@example.org"])
    assert result.exit_code == 0
    token = result.output.strip()
    assert token.startswith("sel_") and len(token) > 40
    with app.app_context():
        stored = db.session.execute(select(ApiToken)).scalar_one()
        assert stored.digest == ApiToken.digest_of(token) and token not in stored.digest


def test_token_is_for_staff_only(app: Flask, runner: FlaskCliRunner, make_user) -> None:
    make_user("nominee@example.org", Role.NOMINEE, password=None)
    result = runner.invoke(cli, ["users", "token", "nominee@example.org"])
    assert result.exit_code == 1 and "not a staff user" in result.output
    missing = runner.invoke(cli, ["users", "token", "ghost@example.org"])
    assert missing.exit_code == 1 and "no user has" in missing.output
    with app.app_context():
        assert db.session.execute(select(ApiToken)).first() is None


def test_users_list_shows_staff(runner: FlaskCliRunner, make_user) -> None:
    make_user("s@example.org", Role.SECRETARIAT)
    make_user("n@example.org", Role.NOMINEE, password=None)
    output = runner.invoke(cli, ["users", "list"]).output
    assert "s@example.org" in output and "n@example.org" not in output
