"""``selection calls``: create from a template, list, open and close from the command line."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask
from flask.testing import FlaskCliRunner

from selection.cli import cli
from selection.models import CallStatus
from tests.selection.factories import call_by_slug


def test_create_list_open_close(app: Flask, runner: FlaskCliRunner) -> None:
    created = runner.invoke(cli, ["calls", "create", "--template", "mag", "--slug", "mag-2027",
                                  "--title", "IGF MAG 2027", "--opens", "2099-03-01T09:00+02:00",
                                  "--closes", "2099-04-15T23:59"])
    assert created.exit_code == 0, created.output
    assert "Created the draft call mag-2027: 40 seats in 4 groups" in created.output
    with app.app_context():
        call = call_by_slug("mag-2027")
        assert call.opens_at == datetime(2099, 3, 1, 7, 0, tzinfo=timezone.utc)
        assert call.closes_at == datetime(2099, 4, 15, 23, 59, tzinfo=timezone.utc)
    listed = runner.invoke(cli, ["calls", "list"])
    assert listed.exit_code == 0 and "mag-2027" in listed.output and "draft" in listed.output
    opened = runner.invoke(cli, ["calls", "open", "mag-2027"])
    assert opened.exit_code == 0 and "Opened mag-2027" in opened.output
    closed = runner.invoke(cli, ["calls", "close", "mag-2027"])
    assert closed.exit_code == 0
    with app.app_context():
        assert call_by_slug("mag-2027").status == CallStatus.CLOSED


def one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


def test_errors_are_one_line_and_fail(app: Flask, runner: FlaskCliRunner) -> None:
    unknown = runner.invoke(cli, ["calls", "open", "nope"])
    assert unknown.exit_code == 1 and one_line_error(unknown.output) == "Error: no call has the address nope"
    bad_time = runner.invoke(cli, ["calls", "create", "--template", "mag", "--slug", "m", "--title", "M",
                                   "--opens", "next tuesday"])
    assert bad_time.exit_code == 1 and "--opens 'next tuesday' is not an ISO 8601" in one_line_error(bad_time.output)
    blank = runner.invoke(cli, ["calls", "create", "--template", "blank", "--slug", "b", "--title", "B"])
    assert blank.exit_code == 0 and "to fix before opening: the body needs at least one seat" in blank.output
    refused = runner.invoke(cli, ["calls", "open", "b"])
    assert refused.exit_code == 1
    assert one_line_error(refused.output) == "Error: b cannot open: seats: the body needs at least one seat"
    again = runner.invoke(cli, ["calls", "create", "--template", "mag", "--slug", "b", "--title", "B"])
    assert again.exit_code == 1 and "a call with the address b already exists" in one_line_error(again.output)
    draft_close = runner.invoke(cli, ["calls", "close", "b"])
    assert draft_close.exit_code == 1 and "a call that is draft cannot become closed" in one_line_error(draft_close.output)
    with app.app_context():
        assert call_by_slug("b").status == CallStatus.DRAFT


def test_unknown_template_is_refused_naming_the_option(runner: FlaskCliRunner) -> None:
    result = runner.invoke(cli, ["calls", "create", "--template", "senate", "--slug", "s", "--title", "S"])
    assert result.exit_code == 2 and "--template" in result.output
