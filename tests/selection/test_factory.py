"""The app factory and the precedence of configuration sources."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from selection import ConfigurationError, create_app


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("SELECTION_"):
            monkeypatch.delenv(name)


def test_testing_flag_comes_from_test_config(tmp_path: Path) -> None:
    assert not create_app({"INSTANCE_PATH": str(tmp_path)}).testing
    assert create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True}).testing


def test_defaults_to_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path / "inst")})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'selection.sqlite'}"
    assert (tmp_path / "inst").is_dir()


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text()
    assert len(first) >= 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_environment_overrides_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELECTION_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("SELECTION_SQLALCHEMY_DATABASE_URI", "sqlite:///elsewhere.sqlite")
    monkeypatch.setenv("SELECTION_MAX_CONTENT_LENGTH", "1024")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///elsewhere.sqlite"
    assert app.config["MAX_CONTENT_LENGTH"] == 1024  # parsed as JSON, so a number
    assert not (tmp_path / "secret_key").exists()


def test_test_config_overrides_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELECTION_SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "from-the-test"})
    assert app.config["SECRET_KEY"] == "from-the-test"


def test_instance_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELECTION_INSTANCE_PATH", str(tmp_path / "chosen"))
    assert create_app().instance_path == str(tmp_path / "chosen")


@pytest.mark.parametrize("given", ["postgresql://u:p@localhost/db", "postgres://u:p@localhost/db"])
def test_postgresql_uri_uses_psycopg3(tmp_path: Path, given: str) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": given})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@localhost/db"


def test_instance_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigurationError, match="cannot be created.*SELECTION_INSTANCE_PATH"):
        create_app({"INSTANCE_PATH": str(blocker / "instance")})


def test_unwritable_instance_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who can write anywhere; simulate the permission check instead.
    monkeypatch.setattr("selection.config.os.access", lambda path, mode: False)
    with pytest.raises(ConfigurationError, match="is not writable"):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_cli_reports_a_bad_instance_folder_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELECTION_")}
    env["SELECTION_INSTANCE_PATH"] = str(blocker / "instance")
    result = subprocess.run(
        [sys.executable, "-c", "from selection.cli import main; main()", "users", "list"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode != 0
    assert "cannot be created" in result.stderr
    assert "Traceback" not in result.stderr
