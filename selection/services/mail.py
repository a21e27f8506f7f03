"""E-mail through an outbox: ``enqueue`` writes a row in the caller's transaction; ``deliver``
sends what is due, by SMTP when a server is configured, else into ``<instance>/mail/`` as
.eml files echoed to the console (development and the demo).

A failed delivery keeps the message pending with its error and tries again later, waiting
longer each time (exponential backoff) until ``MAIL_MAX_ATTEMPTS``, then marks it failed.
"""
from __future__ import annotations

import smtplib
import ssl
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, url_for
from sqlalchemy import or_, select

from selection import i18n
from selection.extensions import db
from selection.models import OutboxMessage, OutboxStatus, utcnow
from selection.text import single_line

MAIL_FOLDER = "mail"


@dataclass(frozen=True)
class Attachment:
    """A text file sent with a message, e.g. ``Attachment("meeting.ics", "text/calendar", ...)``."""

    filename: str
    content_type: str
    content: str

    def as_json(self) -> dict[str, str]:
        """The form stored on the outbox row."""
        return {"filename": self.filename, "content_type": self.content_type, "content": self.content}


def enqueue(
    recipient: str, subject: str, template: str, related: Any | None = None,
    attachments: list[Attachment] | None = None, **context: Any
) -> OutboxMessage:
    """Queue an e-mail rendered from ``templates/mail/<template>.txt``, with text ``attachments``
    (a calendar file, say); the caller commits.

    After the request that queued it commits, delivery is tried at once (when
    ``MAIL_SEND_AFTER_REQUEST`` is on); otherwise ``selection outbox send`` delivers it.
    """
    message = OutboxMessage(
        recipient=single_line(recipient),
        subject=single_line(subject),
        # The environment alone: mail is also rendered outside requests (CLI, workers).
        body_text=current_app.jinja_env.get_template(f"mail/{template}.txt").render(**context),
        related_type=type(related).__tablename__ if related is not None else None,
        related_id=getattr(related, "id", None),
        attachments=[a.as_json() for a in attachments or ()],
    )
    db.session.add(message)
    db.session.flush()
    g.setdefault("queued_mail_ids", []).append(message.id)
    return message


in_language = i18n.in_language  # ``with mail.in_language(nomination.language): enqueue(...)``


def link(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail body: the request's host, or ``SERVER_NAME`` outside one."""
    return url_for(endpoint, _external=True, **values)


def setting(name: str) -> Any:
    """A setting of the running app that mail needs (link lifetimes, limits)."""
    return current_app.config[name]


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery run did."""

    sent: int
    retrying: int
    failed: int


def deliver(now: datetime | None = None, ids: list[int] | None = None) -> DeliveryReport:
    """Send every pending message that is due (or only ``ids``), commit after each one."""
    now = now or utcnow()
    query = select(OutboxMessage).where(
        OutboxMessage.status == OutboxStatus.PENDING,
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
    ).order_by(OutboxMessage.id)
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    counts = {OutboxStatus.SENT: 0, OutboxStatus.PENDING: 0, OutboxStatus.FAILED: 0}
    for message in db.session.execute(query).scalars().all():
        _attempt(message, now)
        db.session.commit()
        counts[message.status] += 1
    return DeliveryReport(counts[OutboxStatus.SENT], counts[OutboxStatus.PENDING],
                          counts[OutboxStatus.FAILED])


def retry_delay(attempts: int, base_seconds: int) -> timedelta:
    """How long to wait after the ``attempts``-th failure: base, 2x, 4x ... capped at a day."""
    return timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), 86_400))


def _attempt(message: OutboxMessage, now: datetime) -> None:
    config = current_app.config
    message.attempts += 1
    try:
        email = as_email(message)
    except (ValueError, TypeError) as exc:  # it can never be sent: fail it, never block the others
        _fail(message, f"The message cannot be built: {type(exc).__name__}: {exc}")
        return
    try:
        _transport(email)
    except (OSError, smtplib.SMTPException) as exc:
        if message.attempts >= config["MAIL_MAX_ATTEMPTS"]:
            _fail(message, f"{type(exc).__name__}: {exc}")
        else:
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            message.next_attempt_at = now + retry_delay(message.attempts, config["MAIL_RETRY_SECONDS"])
        return
    message.status = OutboxStatus.SENT
    message.sent_at = now
    message.last_error = ""
    message.next_attempt_at = None


def _fail(message: OutboxMessage, error: str) -> None:
    message.status = OutboxStatus.FAILED
    message.last_error = error[:2000]
    message.next_attempt_at = None


def as_email(message: OutboxMessage) -> EmailMessage:
    """The outbox row as an RFC 5322 message (UTF-8 text)."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_SENDER"]
    email["To"] = single_line(message.recipient)
    email["Subject"] = single_line(message.subject)
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = make_msgid(idstring=f"outbox{message.id}")
    email.set_content(message.body_text)
    for attachment in message.attachments or ():
        maintype, _, subtype = attachment["content_type"].partition("/")
        if maintype != "text":
            raise ValueError(f"only text attachments are supported, not {attachment['content_type']}")
        email.add_attachment(attachment["content"], subtype=subtype or "plain",
                             filename=single_line(attachment["filename"]))
    return email


def _transport(email: EmailMessage) -> None:
    """SMTP when ``MAIL_SERVER`` is set, else the instance's mail folder and the console."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        _write_to_folder(email)
        return
    timeout = config["MAIL_TIMEOUT_SECONDS"]
    host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
    if config.get("MAIL_USE_SSL"):
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                              context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(email)


def _write_to_folder(email: EmailMessage) -> None:
    folder = Path(current_app.instance_path) / MAIL_FOLDER
    folder.mkdir(exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{email['Message-ID'].strip('<>').split('@')[0]}.eml"
    path.write_bytes(email.as_bytes())
    text = email.get_body(preferencelist=("plain",))  # a mail with a calendar file is multipart
    print(f"--- e-mail to {email['To']} (saved as {path}) ---\n"
          f"Subject: {email['Subject']}\n\n{text.get_content() if text is not None else ''}---", file=sys.stderr)


def _deliver_after_request(_exc: BaseException | None) -> None:
    """Try the messages this request queued, if they were committed; never raise."""
    ids = g.pop("queued_mail_ids", None)
    if not ids or not current_app.config.get("MAIL_SEND_AFTER_REQUEST"):
        return
    try:
        db.session.rollback()  # only what the request committed exists from here on
        deliver(ids=ids)
    except Exception:  # noqa: BLE001 - a failing mail server must never break a page
        current_app.logger.exception("delivering queued mail failed; it stays in the outbox")
        db.session.rollback()


def init_app(app: Flask) -> None:
    """Try delivery right after each request that queued mail (see ``MAIL_SEND_AFTER_REQUEST``)."""
    app.teardown_request(_deliver_after_request)
