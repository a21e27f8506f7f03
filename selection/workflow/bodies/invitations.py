"""The e-mails of a meeting: invitations with their calendar file, reminders, and the published
summary to the dissemination list (all through the outbox)."""
from __future__ import annotations

from urllib.parse import urlparse

from flask_babel import format_date, gettext as _

from selection.models import Meeting, SummaryNote, utcnow
from selection.services import mail
from selection.workflow.bodies.ics import meeting_ics
from selection.workflow.bodies.meetings import Sent
from selection.workflow.recipients import languages_of, languages_of_people


def _calendar_file(meeting: Meeting, email: str, method: str = "REQUEST") -> mail.Attachment:
    host = urlparse(mail.link("panel.my_panel")).hostname or "selection"
    return mail.Attachment("meeting.ics", "text/calendar", meeting_ics(meeting, email, utcnow(), host, method))


def notify(sent: list[Sent], reminder: bool = False, changed: bool = False) -> None:
    """Queue one e-mail per invitation, with its answer link and the meeting's .ics file (a
    reminder, or the invitation updated after a change of the meeting), each in its
    recipient's language."""
    languages = languages_of_people(item.invitation.person for item in sent)
    for item in sent:
        invitation = item.invitation
        meeting = invitation.meeting
        with mail.in_language(languages[invitation.person.id]):
            names = {"body": meeting.body.name, "title": meeting.title, "day": format_date(meeting.starts_at, "long")}
            subject = (_("Reminder: %(body)s: %(title)s, %(day)s", **names) if reminder
                       else _("Changed: %(body)s: %(title)s, %(day)s", **names) if changed
                       else "%(body)s: %(title)s, %(day)s" % names)
            mail.enqueue(invitation.person.email, subject, "meeting_invitation", related=invitation,
                         attachments=[_calendar_file(meeting, invitation.person.email)],
                         meeting=meeting, person=invitation.person, reminder=reminder, changed=changed,
                         link=mail.link("panel.answer", token=item.token))


def disseminate(note: SummaryNote) -> int:
    """Send the published summary's link to the body's dissemination list, each e-mail in its
    recipient's language; returns how many."""
    meeting = note.meeting
    recipients = [address for address in meeting.body.setting("dissemination_list") or [] if address.strip()]
    link = mail.link("panel.summary", slug=meeting.body.slug, public_slug=note.public_slug)
    languages = languages_of(recipients)
    for address in recipients:
        with mail.in_language(languages.get(address)):
            subject = _("%(body)s: summary of %(title)s", body=meeting.body.name, title=meeting.title)
            mail.enqueue(address, subject, "summary_published", related=note, meeting=meeting, link=link)
    note.disseminated_at = utcnow()
    return len(recipients)


def cancelled(meeting: Meeting) -> int:
    """Tell everyone invited, each in their language, that the meeting is cancelled (the
    calendar file removes the event)."""
    languages = languages_of_people(invitation.person for invitation in meeting.invitations)
    for invitation in meeting.invitations:
        with mail.in_language(languages[invitation.person.id]):
            subject = _("Cancelled: %(body)s: %(title)s, %(day)s", body=meeting.body.name, title=meeting.title,
                        day=format_date(meeting.starts_at, "long"))
            mail.enqueue(invitation.person.email, subject, "meeting_cancelled", related=invitation,
                         attachments=[_calendar_file(meeting, invitation.person.email, "CANCEL")],
                         meeting=meeting, person=invitation.person)
    return len(meeting.invitations)
