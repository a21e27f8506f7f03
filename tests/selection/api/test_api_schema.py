"""schemathesis against /api/v1/openapi.json with a staff token: no server error, every response
matches its schema, every status code is documented. One app and world for the module; the
examples per operation are bounded (SELECTION_FUZZ_EXAMPLES raises them)."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from schemathesis import checks
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings

from selection.extensions import db
from tests.conftest import app_on_fresh_schema
from tests.selection.world import World, build_world


@pytest.fixture(scope="module")
def api_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, World]]:
    """An app with the world, rate limits off."""
    for app in app_on_fresh_schema(tmp_path_factory.mktemp("schema"), RATELIMIT_ENABLED=False,
                                   MAIL_SEND_AFTER_REQUEST=False):
        with app.app_context():
            world = build_world(with_run=True)
        yield app, world


# What the API promises: no server error, documented status codes, responses that match their
# schema and content type. (Whether an input the schema allows is accepted depends on the data:
# a recommending body's name, an amount's digits; that is the fuzzers' and the unit tests' part.)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.response_schema_conformance,
          checks.content_type_conformance]
FUZZ = settings(max_examples=int(os.environ.get("SELECTION_FUZZ_EXAMPLES", "15")), deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def operations(app: Flask) -> list:
    """Every operation of the API's own description, loaded through the app."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_the_api_keeps_its_description(api_world: tuple[Flask, World]) -> None:
    app, world = api_world
    found = []
    for operation in operations(app):
        role = "decider" if any(word in operation.path for word in ("slate", "decision", "announce")) else "admin"
        headers = {"Authorization": f"Bearer {world.tokens[role]}"}

        @FUZZ
        @given(case=operation.as_strategy())
        def call(case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001  (all failures are reported)
            found.append(f"{operation.method.upper()} {operation.path}: {failure}")
    assert not found, "\n\n".join(found)
