"""Each pytest-xdist worker tests on its own database, so parallel workers never see each
other's rows (tests/conftest.py)."""
from __future__ import annotations

from tests.conftest import worker_database_uri

PG = "postgresql+psycopg://postgres:secret@127.0.0.1:55432/selection_test"


def test_each_worker_has_its_own_postgresql_database_on_the_same_server() -> None:
    assert worker_database_uri(PG, "gw0") == "postgresql+psycopg://postgres:secret@127.0.0.1:55432/selection_test_gw0"
    assert worker_database_uri(PG, "gw1").endswith("/selection_test_gw1")


def test_outside_xdist_the_configured_database_is_used() -> None:
    assert worker_database_uri(PG, None) == PG


def test_sqlite_files_are_left_alone_they_already_live_in_each_tests_folder() -> None:
    uri = "sqlite:////tmp/pytest-of-root/pytest-1/popen-gw0/test_x0/test.sqlite"
    assert worker_database_uri(uri, "gw0") == uri
