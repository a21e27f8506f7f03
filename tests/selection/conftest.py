"""Fixtures shared by the selection tests beyond the root conftest."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.selection.factories import sign_in_by_link


@pytest.fixture
def nominee(app: Flask, client: FlaskClient) -> str:
    """A nominee signed in by a one-time link."""
    sign_in_by_link(app, client, "zanele@example.org")
    return "zanele@example.org"
