"""The e-mails of a meeting: invitations with their calendar file, reminders, and the published
summary to the dissemination list (all through the outbox)."""
from __future__ import annotations

from urllib.parse import urlparse

from selection.models import Meeting, SummaryNote, utcnow
from selection.services import mail
from selection.workflow.bodies.ics import meeting_ics
from selection.workflow.bodies.meetings import Sent


def _calendar_file(meeting: Meeting, email: str) -> mail.Attachment:
    host = urlparse(mail.link("panel.my_panel")).hostname or "selection"
    return mail.Attachment("meeting.ics", "text/calendar", meeting_ics(meeting, email, utcnow(), host))


def notify(sent: list[Sent], reminder: bool = False) -> None:
    """Queue one e-mail per invitation, with its answer link and the meeting's .ics file."""
    for item in sent:
        invitation = item.invitation
        meeting = invitation.meeting
        subject = f"{'Reminder: ' if reminder else ''}{meeting.body.name}: {meeting.title}, {meeting.starts_at:%-d %B %Y}"
        mail.enqueue(invitation.person.email, subject, "meeting_invitation", related=invitation,
                     attachments=[_calendar_file(meeting, invitation.person.email)],
                     meeting=meeting, person=invitation.person, reminder=reminder,
                     link=mail.link("panel.answer", token=item.token))


def disseminate(note: SummaryNote) -> int:
    """Send the published summary's link to the body's dissemination list; returns how many."""
    meeting = note.meeting
    recipients = [address for address in meeting.body.setting("dissemination_list") or [] if address.strip()]
    link = mail.link("panel.summary", slug=meeting.body.slug, public_slug=note.public_slug)
    for address in recipients:
        mail.enqueue(address, f"{meeting.body.name}: summary of {meeting.title}", "summary_published",
                     related=note, meeting=meeting, link=link)
    note.disseminated_at = utcnow()
    return len(recipients)
