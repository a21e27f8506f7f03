"""Helpers of the administration tests: an administrator's client and form posts with CSRF."""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import AuditEvent, Call, Role
from tests.conftest import csrf_token_from

ADMIN = "admin@example.org"


@pytest.fixture
def admin(make_user, auth) -> FlaskClient:
    """A client signed in as an administrator."""
    make_user(ADMIN, Role.ADMIN)
    auth.sign_in(ADMIN)
    return auth.client


def post_form(client: FlaskClient, url: str, data: dict[str, Any], page: str | None = None, **kwargs: Any):
    """Post ``data`` to ``url`` with the CSRF token of the page at ``page`` (default: ``url``)."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token_from(html)}, **kwargs)


def call_by_slug(slug: str) -> Call:
    """The call with this address (inside an app context)."""
    return db.session.execute(select(Call).where(Call.slug == slug)).scalar_one()


def audit_events(app: Flask, action: str) -> list[AuditEvent]:
    """Every audit event with this action, oldest first."""
    with app.app_context():
        events = db.session.execute(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        ).scalars().all()
        for event in events:
            db.session.expunge(event)
        return events


def groups_data(call: Call, **changes: dict[str, Any]) -> dict[str, Any]:
    """The groups form's fields for the call's groups as stored, with ``changes`` by group code."""
    data: dict[str, Any] = {}
    for index, group in enumerate(call.groups):
        values = {"id": group.id, "code": group.code, "name": group.name, "seats": group.seats,
                  "required_level": group.required_level.value, "eligibility": group.eligibility,
                  "open_for_nominations": "y" if group.open_for_nominations else ""}
        values.update(changes.get(group.code, {}))
        data.update({f"groups-{index}-{key}": value for key, value in values.items() if value != ""})
    return data


def rules_data(rules: list[dict[str, Any]]) -> dict[str, Any]:
    """The rules form's fields for ``rules`` (dicts of the form's field names)."""
    data: dict[str, Any] = {}
    for index, rule in enumerate(rules):
        values = {"value": "*", "hard": "hard", "where_attribute": "", **rule}
        data.update({f"rules-{index}-{key}": value for key, value in values.items() if value is not None})
    return data


def stored_rules(call: Call) -> list[dict[str, Any]]:
    """The call's rules as rows of the rules form."""
    return [{"attribute": r.attribute, "value": r.value, "min_seats": r.min_seats, "max_seats": r.max_seats,
             "hard": "hard" if r.hard else "soft", "penalty": r.penalty,
             "where_attribute": r.where_attribute or "", "where_value": r.where_value or ""} for r in call.rules]
