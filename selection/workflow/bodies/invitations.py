"""The e-mails of a meeting: invitations with their calendar file, reminders, and the published
summary to the dissemination list (all through the outbox)."""
from __future__ import annotations

from urllib.parse import urlparse

from flask_babel import format_date, gettext as _

from selection.models import Meeting, SummaryNote, utcnow
from selection.services import mail
from selection.workflow.bodies.ics import meeting_ics
from selection.workflow.bodies.meetings import Sent


def _calendar_file(meeting: Meeting, email: str, method: str = "REQUEST") -> mail.Attachment:
    host = urlparse(mail.link("panel.my_panel")).hostname or "selection"
    return mail.Attachment("meeting.ics", "text/calendar", meeting_ics(meeting, email, utcnow(), host, method))


# The people of a body have no recorded language: its e-mails go out in English, the working
# language of the bodies, whatever the language of the page that sends them.
MAIL_LANGUAGE = None


def notify(sent: list[Sent], reminder: bool = False, changed: bool = False) -> None:
    """Queue one e-mail per invitation, with its answer link and the meeting's .ics file (a
    reminder, or the invitation updated after a change of the meeting)."""
    with mail.in_language(MAIL_LANGUAGE):
        for item in sent:
            invitation = item.invitation
            meeting = invitation.meeting
            names = {"body": meeting.body.name, "title": meeting.title, "day": format_date(meeting.starts_at, "long")}
            subject = (_("Reminder: %(body)s: %(title)s, %(day)s", **names) if reminder
                       else _("Changed: %(body)s: %(title)s, %(day)s", **names) if changed
                       else "%(body)s: %(title)s, %(day)s" % names)
            mail.enqueue(invitation.person.email, subject, "meeting_invitation", related=invitation,
                         attachments=[_calendar_file(meeting, invitation.person.email)],
                         meeting=meeting, person=invitation.person, reminder=reminder, changed=changed,
                         link=mail.link("panel.answer", token=item.token))


def disseminate(note: SummaryNote) -> int:
    """Send the published summary's link to the body's dissemination list; returns how many."""
    meeting = note.meeting
    recipients = [address for address in meeting.body.setting("dissemination_list") or [] if address.strip()]
    link = mail.link("panel.summary", slug=meeting.body.slug, public_slug=note.public_slug)
    with mail.in_language(MAIL_LANGUAGE):
        subject = _("%(body)s: summary of %(title)s", body=meeting.body.name, title=meeting.title)
        for address in recipients:
            mail.enqueue(address, subject, "summary_published", related=note, meeting=meeting, link=link)
    note.disseminated_at = utcnow()
    return len(recipients)


def cancelled(meeting: Meeting) -> int:
    """Tell everyone invited that the meeting is cancelled (the calendar file removes the event)."""
    with mail.in_language(MAIL_LANGUAGE):
        subject = _("Cancelled: %(body)s: %(title)s, %(day)s", body=meeting.body.name, title=meeting.title,
                    day=format_date(meeting.starts_at, "long"))
        for invitation in meeting.invitations:
            mail.enqueue(invitation.person.email, subject, "meeting_cancelled", related=invitation,
                         attachments=[_calendar_file(meeting, invitation.person.email, "CANCEL")],
                         meeting=meeting, person=invitation.person)
    return len(meeting.invitations)
