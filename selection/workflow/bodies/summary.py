"""The summary note: drafted from the record, checked against the Chatham House Rule, approved by
the Chair, published on the body's public page and sent to its dissemination list."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import format_date, gettext as _, ngettext
from sqlalchemy import select

from selection.extensions import db
from selection.data import N_
from selection.models import ActionItem, Body, Meeting, SummaryNote, User, utcnow
from selection.models.body_enums import MeetingMode, MeetingStatus
from selection.models.names import name_key
from selection.workflow.bodies import states
from selection.workflow.bodies.meetings import NotAllowed, move
from selection.workflow.errors import ForbiddenTransition, InvalidConfiguration
from selection.workflow.permissions import may_approve_as_chair, may_run_body

M = MeetingStatus
# The seed's headings; drafted in the language of the page that drafts the summary.
DECISIONS_HEADING = N_("Decisions, Action Items & Next Steps")
ACTIONS_HEADING = N_("Action items")
NEXT_STEPS_HEADING = N_("Next steps")
_HONORIFICS = re.compile(r"^((h\.?\s?e\.?|mr|mrs|ms|dr|prof|sir|dame)\.?\s+)+", re.IGNORECASE)


def opening_sentence(meeting: Meeting) -> str:
    """"The IGF Leadership Panel met virtually on 8 March 2026." (in person, or in a hybrid
    meeting, with its place when known)."""
    body, day, place = meeting.body.name, format_date(meeting.starts_at, "long"), meeting.place
    if meeting.mode == MeetingMode.VIRTUAL:
        return _("The %(body)s met virtually on %(day)s.", body=body, day=day)
    if meeting.mode == MeetingMode.IN_PERSON:
        return (_("The %(body)s met in person in %(place)s on %(day)s.", body=body, place=place, day=day) if place
                else _("The %(body)s met in person on %(day)s.", body=body, day=day))
    return (_("The %(body)s met in a hybrid meeting in %(place)s on %(day)s.", body=body, place=place, day=day)
            if place else _("The %(body)s met in a hybrid meeting on %(day)s.", body=body, day=day))


def _action_line(item: ActionItem) -> str:
    """"- Draft a 2-page summary (Owner: Ana Pérez. Due 1 May 2026. To be reviewed at the next meeting.)"."""
    owners = ", ".join(owner.name for owner in item.owners)
    details = [ngettext("Owner: %(names)s.", "Owners: %(names)s.", len(item.owners), names=owners)]
    if item.due:
        details.append(_("Due %(day)s.", day=format_date(item.due, "long")))
    if item.review_at_next_meeting:
        details.append(_("To be reviewed at the next meeting."))
    return f"- {item.text} ({' '.join(details)})"


def draft_text(meeting: Meeting) -> str:
    """The summary note drafted from the record, in the seed's order: purpose, decisions by
    topic, action items with their owners and due days, next steps."""
    lines = [f"{opening_sentence(meeting)} {meeting.purpose}".strip(), "", f"## {_(DECISIONS_HEADING)}"]
    topic = None
    for decision in meeting.decisions:
        if decision.topic != topic:
            topic = decision.topic
            lines += ["", f"### {topic}"]
        lines.append(f"- {decision.text}")
    if meeting.action_items:
        lines += ["", f"### {_(ACTIONS_HEADING)}"]
        lines += [_action_line(item) for item in meeting.action_items]
    if meeting.next_steps:
        lines += ["", f"### {_(NEXT_STEPS_HEADING)}", meeting.next_steps]
    return "\n".join(lines).strip() + "\n"


@dataclass
class Block:
    """A piece of a summary as a page shows it: a heading, a paragraph or a bulleted list."""

    kind: str  # "h2", "h3", "p" or "ul"
    text: str = ""
    items: list[str] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """The summary's text as blocks: "## " and "### " headings, "- " bullets, other lines paragraphs."""
    out: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("### ") or line.startswith("## "):
            out.append(Block("h3" if line.startswith("###") else "h2", line.lstrip("#").strip()))
        elif line.startswith("- "):
            if not out or out[-1].kind != "ul":
                out.append(Block("ul"))
            out[-1].items.append(line[2:].strip())
        else:
            out.append(Block("p", line))
    return out


def participant_names(meeting: Meeting) -> list[str]:
    """Names of the meeting's participants and the body's people, without honorifics."""
    names = {row.person.name if row.person else _HONORIFICS.sub("", row.name) for row in meeting.attendance}
    names |= {person.name for person in meeting.body.people}
    return sorted(n for n in names if n.strip())


@dataclass(frozen=True)
class ChathamWarning:
    """A discussion paragraph that names a participant."""

    paragraph: str
    names: tuple[str, ...]


def chatham_warnings(meeting: Meeting, text: str) -> list[ChathamWarning]:
    """Under the Chatham House Rule nothing said in discussion is attributed to a person: the
    paragraphs outside the action items that name a participant, unless they record a
    commitment (the seed names the members who "committed to drafting")."""
    if not meeting.chatham_house:
        return []
    keys = [(name, re.compile(rf"(?<!\w){re.escape(name_key(name))}(?!\w)")) for name in participant_names(meeting)]
    warnings = []
    section = ""
    for block in blocks(text):
        if block.kind in ("h2", "h3"):
            section = name_key(block.text)
            continue
        if section in (name_key(ACTIONS_HEADING), name_key(_(ACTIONS_HEADING))):
            continue
        for paragraph in block.items or [block.text]:
            key = name_key(paragraph)
            named = tuple(name for name, pattern in keys if pattern.search(key))
            if named and "commit" not in key:
                warnings.append(ChathamWarning(paragraph, named))
    return warnings


def save_draft(meeting: Meeting, actor: User | None, text: str) -> SummaryNote:
    """Keep the Secretariat's draft; a summary the Chair had approved goes back to the Chair."""
    if not may_run_body(actor):
        raise NotAllowed(_("You may not draft this summary."))
    if not states.record_is_editable(meeting.status):
        raise ForbiddenTransition(_("A summary is drafted once the meeting is held, until it is published."))
    if not text.strip():
        raise InvalidConfiguration({"text": _("The summary note is empty.")})
    note = meeting.summary or SummaryNote(meeting=meeting)
    if note.text != text:
        note.text = text
        note.drafted_by = actor
        if meeting.status == M.SUMMARY_APPROVED:
            move(meeting, M.HELD, actor, reason="summary changed after the Chair's approval")
    db.session.add(note)
    return note


def approve(meeting: Meeting, actor: User | None, now: datetime | None = None) -> None:
    """The Chair approves the drafted summary (or the Secretariat records the Chair's approval)."""
    if not may_approve_as_chair(actor, meeting):
        raise NotAllowed(_("You may not approve this summary."))
    if meeting.summary is None or not meeting.summary.text.strip():
        raise InvalidConfiguration({"text": _("Draft the summary note before it is approved.")})
    move(meeting, M.SUMMARY_APPROVED, actor)
    meeting.summary.approved_by = actor
    meeting.summary.approved_at = now or utcnow()


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-")[:80] or "meeting"


def public_slug_for(meeting: Meeting) -> str:
    """A readable, unique address for the published summary: 2025-01-21-virtual-meeting."""
    slug = f"{meeting.starts_at:%Y-%m-%d}-{_slugify(meeting.title)}"
    taken = db.session.execute(select(SummaryNote.id).where(SummaryNote.public_slug == slug)).first()
    return f"{slug}-{meeting.id}" if taken else slug


def publish(meeting: Meeting, actor: User | None, now: datetime | None = None) -> SummaryNote:
    """Publish the approved summary on the body's public page; the caller sends it on
    (``invitations.disseminate``)."""
    if not may_run_body(actor):
        raise NotAllowed(_("You may not publish this summary."))
    move(meeting, M.PUBLISHED, actor)
    note = meeting.summary
    assert note is not None  # approved summaries exist
    note.published_at = now or utcnow()
    note.public_slug = public_slug_for(meeting)
    return note


def publish_record(meeting: Meeting, actor: User | None, now: datetime | None = None) -> SummaryNote:
    """The API's publication of a record the Secretariat sent whole: draft the summary from the
    record if there is none, record the approval (audited as given by the Secretariat), publish."""
    if meeting.status == M.HELD:
        if meeting.summary is None:
            save_draft(meeting, actor, draft_text(meeting))
        approve(meeting, actor, now)
    return publish(meeting, actor, now)


def published_meetings(body: Body) -> list[Meeting]:
    """The body's meetings with a published summary, latest first."""
    return list(db.session.execute(
        select(Meeting).where(Meeting.body_id == body.id, Meeting.status == MeetingStatus.PUBLISHED)
        .order_by(Meeting.starts_at.desc())
    ).scalars())


def published_meeting(body: Body, public_slug: str) -> Meeting | None:
    """The body's meeting whose summary is published at ``public_slug``, or None."""
    note = db.session.execute(
        select(SummaryNote).join(Meeting).where(SummaryNote.public_slug == public_slug, Meeting.body_id == body.id,
                                                Meeting.status == MeetingStatus.PUBLISHED)
    ).scalar_one_or_none()
    return None if note is None else note.meeting
