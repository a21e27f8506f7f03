"""The bodies part of the JSON API: list bodies, send a meeting's record, read it, publish its
summary. Declared in the API's own registry, so each endpoint is in the OpenAPI document."""
from __future__ import annotations

from typing import Any

from flask import Response, abort, jsonify, url_for
from flask.typing import ResponseReturnValue

from selection.extensions import db
from selection.models import Meeting, SummaryNote
from selection.models.body_enums import AttendanceStatus, MeetingMode, MeetingStatus, Office, PersonCategory
from selection.views.api_core import (
    DATETIME, SCHEMAS, STRING, array_of, iso, json_body, operation, post_operation, ref, require_roles,
)
from selection.views.operations import answer_operation
from selection.workflow.bodies import invitations, record_import, states, summary
from selection.workflow.bodies.people import all_bodies, body_by_slug
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import STAFF

_NULLABLE_ID = {"type": ["integer", "null"], "description": "The matched person of the body, if any"}
SCHEMAS.update({
    "Body": {"type": "object", "required": ["slug", "name"], "properties": {"slug": STRING, "name": STRING}},
    "AttendanceEntry": {"type": "object", "required": ["name", "category", "status"], "properties": {
        "name": STRING, "category": {"type": "string", "enum": [c.value for c in PersonCategory]},
        "office": {"type": ["string", "null"], "enum": [o.value for o in Office] + [None]},
        "status": {"type": "string", "enum": [s.value for s in AttendanceStatus]}, "person_id": _NULLABLE_ID}},
    "MeetingDecision": {"type": "object", "required": ["topic", "text"], "properties": {"topic": STRING, "text": STRING}},
    "ActionItem": {"type": "object", "required": ["text", "owners"], "properties": {
        "text": STRING, "owners": {"type": "array", "items": STRING, "minItems": 1},
        "owner_ids": {"type": "array", "items": _NULLABLE_ID}, "due": {"type": ["string", "null"], "format": "date"},
        "status": STRING}},
    "MeetingRecord": {"type": "object", "required": ["title", "starts_at", "ends_at", "mode"], "properties": {
        "title": STRING, "starts_at": DATETIME, "ends_at": DATETIME,
        "mode": {"type": "string", "enum": [m.value for m in MeetingMode]}, "purpose": STRING,
        "place": STRING, "link": STRING, "chatham_house": {"type": "boolean", "default": True},
        "attendance": array_of("AttendanceEntry"), "decisions": array_of("MeetingDecision"),
        "action_items": array_of("ActionItem")}},
    "Meeting": {"allOf": [ref("MeetingRecord"), {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "integer"}, "body": STRING, "status": {"type": "string", "enum": [s.value for s in MeetingStatus]},
        "summary_url": {"type": ["string", "null"], "format": "uri"}}}]},
    "Publication": {"type": "object", "required": ["url"], "properties": {
        "id": {"type": "integer"}, "url": {"type": "string", "format": "uri"}, "published_at": DATETIME}},
})


@operation("/bodies", summary="Every body (Leadership Panel, MAG, ...)", response=array_of("Body"), tag="bodies",
           authenticated=False)
def list_bodies() -> Response:
    """Bodies by name: their slug and name."""
    return jsonify([{"slug": body.slug, "name": body.name} for body in all_bodies()])


@post_operation("/bodies/<slug>/meetings", "Record a meeting of a body (Secretariat)", ref("Meeting"),
                ref("MeetingRecord"), tag="bodies", success=201)
def post_meeting(slug: str) -> ResponseReturnValue:
    """Create a held meeting from its whole record; 400 names the field at fault, nothing is written."""
    user = require_roles(*STAFF)
    body = body_by_slug(slug)
    if body is None:
        abort(404, f"There is no body \"{slug}\".")
    data = json_body()
    return answer_operation(lambda: record_import.write(body, record_import.parse(body, data), user),
                            lambda meeting: (jsonify(meeting_json(meeting)), 201), show_refusal=_record_refused)


def _record_refused(error: WorkflowError) -> ResponseReturnValue:
    """A record refused: 400 naming the field at fault when there is one."""
    if not isinstance(error, record_import.RecordError):
        abort(400, str(error))
    return jsonify(error={"code": 400, "status": "Bad Request", "message": str(error.problems[error.field]),
                          "field": error.field}), 400


@operation("/meetings/<int:meeting_id>", summary="A meeting's record, with the ids of the matched people",
           response=ref("Meeting"), tag="bodies", errors=(401, 403, 404))
def get_meeting(meeting_id: int) -> Response:
    """The record in the shape it is sent, plus ids and the summary's public address."""
    require_roles(*STAFF)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404, "There is no such meeting.")
    return jsonify(meeting_json(meeting))


@post_operation("/meetings/<int:meeting_id>/publish", "Publish a meeting's summary note (Secretariat)",
                ref("Publication"), {"type": "object"}, tag="bodies")
def post_publish(meeting_id: int) -> ResponseReturnValue:
    """Publish the summary (drafted from the record if there is none) and send it on."""
    user = require_roles(*STAFF)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404, "There is no such meeting.")

    def publish_and_send() -> SummaryNote:
        note = summary.publish_record(meeting, user)
        invitations.disseminate(note)
        return note

    # Publishing twice is a conflict; any other refusal is a bad request.
    return answer_operation(publish_and_send, lambda note: jsonify(
        {"id": meeting.id, "url": summary_url(meeting), "published_at": iso(note.published_at)}),
        lambda _error: 409 if states.is_published(meeting.status) else 400)


def summary_url(meeting: Meeting) -> str | None:
    """The public address of the meeting's published summary, if published."""
    note = meeting.summary
    if note is None or note.public_slug is None or note.published_at is None:
        return None
    return url_for("panel.summary", slug=meeting.body.slug, public_slug=note.public_slug, _external=True)


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    """A meeting in the API's record shape."""
    return {
        "id": meeting.id, "body": meeting.body.slug, "status": meeting.status.value, "title": meeting.title,
        "starts_at": iso(meeting.starts_at), "ends_at": iso(meeting.ends_at), "mode": meeting.mode.value,
        "place": meeting.place, "link": meeting.link, "purpose": meeting.purpose,
        "chatham_house": meeting.chatham_house,
        "attendance": [{"name": row.name, "category": row.category.value, "office": row.office,
                        "status": row.status.value, "person_id": row.person_id} for row in meeting.attendance],
        "decisions": [{"topic": d.topic, "text": d.text} for d in meeting.decisions],
        "action_items": [{"text": a.text, "owners": [o.name for o in a.owners],
                          "owner_ids": [o.person_id for o in a.owners],
                          "due": a.due.isoformat() if a.due else None, "status": a.status.value}
                         for a in meeting.action_items],
        "summary_url": summary_url(meeting),
    }
