"""The outbox: mail is queued in the action's transaction and delivered with retries, by a real
SMTP server on loopback (aiosmtpd), or into the instance's mail folder without one."""
from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from selection.services import mail
from selection.cli import cli
from selection.extensions import db
from selection.models import OutboxMessage, OutboxStatus, utcnow


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content, policy=default_policy))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_port(app: Flask) -> int:
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_RETRY_SECONDS=60, MAIL_TIMEOUT_SECONDS=5)
    return port


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield handler
    controller.stop()


def queue(subject: str = "Receipt: nomination of Amina بن علي") -> int:
    message = mail.enqueue("amina@example.net", subject, "sign_in_link", link="https://example.org/x", minutes=30)
    db.session.commit()
    return message.id


def test_smtp_server_up_delivers_utf8_mail(app: Flask, inbox: Inbox) -> None:
    with app.app_context():
        message_id = queue()
        report = mail.deliver()
        message = db.session.get(OutboxMessage, message_id)
        assert report.sent == 1 and message.status == OutboxStatus.SENT and message.sent_at
    received = inbox.messages[0]
    assert received["To"] == "amina@example.net"
    assert received["Subject"] == "Receipt: nomination of Amina بن علي"
    assert "https://example.org/x" in received.get_content()


def test_smtp_server_down_keeps_the_message_pending_then_sends_it(app: Flask, smtp_port: int) -> None:
    with app.app_context():
        message_id = queue()
        first = mail.deliver()
        message = db.session.get(OutboxMessage, message_id)
        assert first.retrying == 1 and message.status == OutboxStatus.PENDING
        assert message.attempts == 1 and "Connection refused" in message.last_error
        assert message.next_attempt_at > utcnow()
        assert mail.deliver().retrying == 0  # still waiting out its backoff: not tried again
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with app.app_context():
            mail.deliver(now=utcnow() + timedelta(minutes=2))
            message = db.session.get(OutboxMessage, message_id)
            assert message.status == OutboxStatus.SENT and message.attempts == 2 and message.last_error == ""
    finally:
        controller.stop()
    assert len(handler.messages) == 1


def test_a_message_fails_after_the_last_attempt(app: Flask, smtp_port: int) -> None:
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    with app.app_context():
        message_id = queue()
        mail.deliver()
        mail.deliver(now=utcnow() + timedelta(days=2))
        assert db.session.get(OutboxMessage, message_id).status == OutboxStatus.FAILED


def test_backoff_doubles_and_is_capped() -> None:
    assert [mail.retry_delay(n, 60).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert mail.retry_delay(30, 60) == timedelta(days=1)


def test_without_a_server_mail_goes_to_the_instance_folder(app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    with app.app_context():
        queue()
        assert mail.deliver().sent == 1
    files = list((Path(app.instance_path) / "mail").glob("*.eml"))
    assert len(files) == 1
    parsed = message_from_bytes(files[0].read_bytes(), policy=default_policy)
    assert parsed["Subject"] == "Receipt: nomination of Amina بن علي"
    assert "e-mail to amina@example.net" in capsys.readouterr().err


def test_a_mail_with_a_calendar_file_goes_to_the_folder_too(app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    with app.app_context():
        mail.enqueue("member@example.org", "Invitation", "sign_in_link", link="https://x/y", minutes=5,
                     attachments=[mail.Attachment("meeting.ics", "text/calendar", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")])
        db.session.commit()
        assert mail.deliver().sent == 1
    printed = capsys.readouterr().err
    assert "e-mail to member@example.org" in printed and "https://x/y" in printed  # the text part, not the file


def test_mail_queued_by_a_rolled_back_action_is_never_sent(app: Flask, inbox: Inbox) -> None:
    with app.app_context():
        mail.enqueue("x@example.org", "Never", "sign_in_link", link="l", minutes=1)
        db.session.rollback()
        assert mail.deliver().sent == 0
        assert db.session.execute(select(OutboxMessage)).first() is None
    assert inbox.messages == []


def test_cli_sends_pending_mail_and_reports(app: Flask, runner: FlaskCliRunner, smtp_port: int) -> None:
    with app.app_context():
        queue()
        mail.deliver()  # server down: pending, waiting out its backoff
    status = runner.invoke(cli, ["outbox", "status"])
    assert "Pending  1" in status.output and "Connection refused" in status.output
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert "sent 0" in runner.invoke(cli, ["outbox", "send"]).output  # backoff respected
        result = runner.invoke(cli, ["outbox", "send", "--all"])
        assert result.exit_code == 0 and "sent 1" in result.output
    finally:
        controller.stop()
    assert len(handler.messages) == 1


def test_a_line_break_in_a_typed_name_cannot_break_or_inject_a_header(app: Flask) -> None:
    with app.app_context():
        message = mail.enqueue("amina@example.net", "Receipt: nomination of Amina\r\nBcc: evil@example.org",
                               "sign_in_link", link="l", minutes=1)
        db.session.commit()
        assert mail.deliver().sent == 1
        assert message.subject == "Receipt: nomination of Amina Bcc: evil@example.org"
    [saved] = (Path(app.instance_path) / "mail").glob("*.eml")
    parsed = message_from_bytes(saved.read_bytes(), policy=default_policy)
    assert parsed["Bcc"] is None and "Amina Bcc" in parsed["Subject"]


def test_a_message_that_cannot_be_built_fails_alone_and_never_blocks_the_others(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    with app.app_context():
        broken = mail.enqueue("amina@example.net", "Broken", "sign_in_link", link="l", minutes=1)
        mail.enqueue("later@example.net", "Later", "sign_in_link", link="l", minutes=1)
        db.session.commit()
        build = mail.as_email

        def as_email(message: OutboxMessage):
            if message.id == broken.id:
                raise ValueError("Header values may not contain linefeed or carriage return characters")
            return build(message)

        monkeypatch.setattr(mail, "as_email", as_email)
        report = mail.deliver()
        assert (report.sent, report.retrying, report.failed) == (1, 0, 1)
        failed = db.session.get(OutboxMessage, broken.id)
        assert failed.status == OutboxStatus.FAILED and "cannot be built" in failed.last_error
        later = db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == "later@example.net")).scalar_one()
        assert later.status == OutboxStatus.SENT


def test_stored_headers_with_line_breaks_are_sent_on_one_line(app: Flask) -> None:
    with app.app_context():
        message = mail.enqueue("amina@example.net", "Receipt", "sign_in_link", link="l", minutes=1)
        message.subject = "Receipt\nX-Injected: yes"  # a row written before subjects were cleaned
        db.session.commit()
        assert mail.deliver().sent == 1
    [saved] = (Path(app.instance_path) / "mail").glob("*.eml")
    parsed = message_from_bytes(saved.read_bytes(), policy=default_policy)
    assert parsed["X-Injected"] is None and parsed["Subject"] == "Receipt X-Injected: yes"
