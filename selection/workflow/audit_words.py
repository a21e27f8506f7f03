"""The audit log in words: a sentence for every action the code records (for staff), and the
nominee-facing wording of the events a nominee and nominator see (see ``visibility``).

Every action passed to ``audit.record`` anywhere in the code has an entry in ``STAFF_WORDS``;
a test reads the code and fails on an action without one.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from selection.models import (
    AuditEvent,
    ConflictKind,
    FilePurpose,
    NominationStatus,
    NoticeOutcome,
    RecommendationLevel,
    Role,
    SlateRunStatus,
    StoredFile,
    User,
)
from selection.extensions import db
from selection.workflow.visibility import OWN_ACTIONS, Viewer


def _d(event: AuditEvent) -> dict[str, Any]:
    return event.details or {}


def _label(enum: Any, value: Any) -> str:
    try:
        return enum(value).label
    except ValueError:
        return str(value).replace("_", " ")


def _date(value: Any) -> str:
    try:
        return f"{datetime.fromisoformat(str(value)):%-d %B %Y, %H:%M} UTC"
    except ValueError:
        return str(value)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _suffix(text: Any, sep: str = ": ") -> str:
    return f"{sep}{text}" if text not in (None, "", [], {}) else ""


def _status(event: AuditEvent) -> str:
    d = _d(event)
    if event.object_type == "call":
        return {"open": "Call opened", "closed": "Call closed", "decided": "Call decided",
                "draft": "Call set back to draft"}.get(event.to_state or "", "Call status changed")
    if event.object_type == "slate_run":
        words = f"Slate run {_label(SlateRunStatus, event.to_state).lower()}"
        if d.get("slates") is not None:
            words += f": {_plural(int(d['slates']), 'slate')} found"
        return words + _suffix(d.get("error"), "; ")
    target = _label(NominationStatus, event.to_state)
    if "screening" in d:
        if event.to_state == NominationStatus.UNDER_REVIEW.value:
            return "Screened as eligible; now under review"
        return "Screened as ineligible" + _suffix(d["screening"])
    if "decision" in d:
        return f"{target} by the decision"
    if event.to_state == NominationStatus.WITHDRAWN.value:
        return "Withdrawn" + _suffix(d.get("reason"))
    if event.to_state == NominationStatus.SUBMITTED.value:
        return "Submitted"
    return target + _suffix(d.get("note"), "; note: ")


def _created(event: AuditEvent) -> str:
    d = _d(event)
    if event.object_type == "user":
        roles = [_label(Role, r) for r in d.get("roles", [])]
        plural = "s" if len(roles) != 1 else ""
        return "Account created" + (f" with the role{plural} {', '.join(roles)}" if roles else "")
    if event.object_type == "call":
        return "Call created" + _suffix(d.get("template"), " from the template ")
    return "Draft started"


def _file(event: AuditEvent) -> str:
    d = _d(event)
    return f"File {_label(FilePurpose, d.get('purpose', 'cv'))} attached" + _suffix(d.get("name") or _file_name(d))


def _file_name(details: dict[str, Any]) -> str | None:
    """The attached file's name, read from the file itself: the audit log keeps no names, and
    once the file is erased the history says only that a file was attached."""
    if not isinstance(details.get("file_id"), int):
        return None
    stored = db.session.get(StoredFile, details["file_id"])
    return stored.original_name if stored is not None else None


def _conflict(event: AuditEvent) -> str:
    d = _d(event)
    words = f"Conflict of interest declared for {d.get('reviewer', 'a reviewer')} ({_label(ConflictKind, d.get('kind'))})"
    if d.get("assignment_removed"):
        words += "; their assignment was removed"
    return words + _suffix(d.get("details"), ": ")


def _review(verb: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        scores = _d(event).get("scores") or {}
        marks = ", ".join(f"{name} {score}" for name, score in scores.items())
        return f"Review {verb}" + _suffix(marks, ": ")
    return words


def _recommendation(event: AuditEvent) -> str:
    d = _d(event)
    words = f"{d.get('body', 'A recommending body')}: {_label(RecommendationLevel, event.to_state).lower()}"
    if event.from_state:
        words += f" (was {_label(RecommendationLevel, event.from_state).lower()})"
    return "Recommendation — " + words + _suffix(d.get("note"), "; ")


def _deadline(event: AuditEvent) -> str:
    d = _d(event)
    whose = "the call" if event.object_type == "call" else "this nomination"
    return f"Deadline of {whose} extended from {_date(d.get('old'))} to {_date(d.get('new'))}" + _suffix(d.get("reason"))


def _announced(event: AuditEvent) -> str:
    d = _d(event)
    if d.get("scheduled"):
        return f"Members announced; the roster becomes public on {_date(d.get('public_from'))}"
    return "Members announced; the roster is public"


def _notice(verb: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        d = _d(event)
        text = f"Notice “{_label(NoticeOutcome, d.get('outcome'))}” {verb}"
        if d.get("superseded"):
            text += f", replacing the held notice “{_label(NoticeOutcome, d['superseded'])}”"
        return text
    return words


def _config(event: AuditEvent) -> str:
    d = _d(event)
    words = f"Call configuration changed: {str(d.get('section', 'settings')).replace('_', ' ')}"
    return words + (" (after opening, confirmed)" if d.get("after_opening") else "")


STAFF_WORDS: dict[str, Callable[[AuditEvent], str]] = {
    "status": _status,
    "created": _created,
    "imported": lambda e: "Imported" + _suffix(_d(e).get("note")),
    "updated": lambda e: "Details changed" + _suffix(", ".join(f.replace("_", " ") for f in _d(e).get("fields", []))),
    "file_attached": _file,
    "consent_requested": lambda e: "Consent requested" + _suffix(_d(e).get("nominee_email"), " from "),
    "consent_given": lambda e: "Consent given by the nominee",
    "consent_declined": lambda e: "Consent declined by the nominee",
    "exported": lambda e: f"Exported ({str(_d(e).get('format', '')).upper() or 'file'})"
                          + (f", {_plural(int(_d(e)['nominations']), 'nomination')}" if "nominations" in _d(e) else ""),
    "screened": lambda e: ("Screened again as eligible" if _d(e).get("eligible")
                           else "Screened again as ineligible" + _suffix(_d(e).get("reason"))),
    "reviewer_assigned": lambda e: f"Reviewer {_d(e).get('reviewer', '')} assigned",
    "reviewer_removed": lambda e: f"Reviewer {_d(e).get('reviewer', '')} removed",
    "balanced_assignment": lambda e: (f"Reviewers assigned automatically: {_plural(int(_d(e).get('assignments', 0)), 'assignment')}, "
                                      f"{_d(e).get('per_nomination')} per nomination, at most {_d(e).get('cap')} per reviewer"),
    "conflict_declared": _conflict,
    "review_submitted": _review("submitted"),
    "review_updated": _review("updated"),
    "review_revised": _review("revised"),
    "review_draft_saved": _review("saved as a draft"),
    "internal_comment": lambda e: "Internal comment added",
    "recommendation": _recommendation,
    "recommender_added": lambda e: f"{_d(e).get('user', 'A user')} added to {_d(e).get('body', 'a recommending body')}",
    "notice_template": lambda e: f"Notice template “{_label(NoticeOutcome, _d(e).get('outcome'))}” edited",
    "notice_held": _notice("held in the outbox"),
    "notice_released": _notice("released and sent"),
    "notice_cancelled": _notice("cancelled, never sent: the nomination was withdrawn"),
    "notices_released": lambda e: (f"{_plural(int(_d(e).get('count', 0)), 'notice')} released"
                                   + ("" if _d(e).get("outcome") in (None, "all")
                                      else f" (“{_label(NoticeOutcome, _d(e)['outcome'])}”)")),
    "proposed": lambda e: (f"Slates proposed for {_plural(int(_d(e).get('candidates', 0)), 'shortlisted nominee')}"
                           + (f"; {_plural(len(_d(e).get('pinned') or []), 'pin')}, "
                              f"{_plural(len(_d(e).get('excluded') or []), 'exclusion')}"
                              if _d(e).get("pinned") or _d(e).get("excluded") else "")),
    "pinned": lambda e: f"Pinned in the slates (run #{_d(e).get('slate_run')})",
    "excluded": lambda e: f"Excluded from the slates (run #{_d(e).get('slate_run')})",
    "unpinned": lambda e: f"Pin or exclusion cleared (run #{_d(e).get('slate_run')})",
    "decided": lambda e: (f"Decision recorded: {_plural(len(_d(e).get('members') or []), 'member')} appointed"
                          + (", breaking hard rules with a justification" if _d(e).get("broken_rules") else "")),
    "vacancy_filled": lambda e: ("Vacant seat filled from the shortlist"
                                 + (f" (proposed slate {_d(e)['slate_rank']})" if _d(e).get("slate_rank") else "")
                                 + (", breaking hard rules with a justification" if _d(e).get("broken_rules") else "")),
    "member_joined": lambda e: (f"Joined the body for the rest of a vacated term, {_d(e).get('term_start')} "
                                f"to {_d(e).get('term_end')}"),
    "roster_announced": _announced,
    "deadline_extended": _deadline,
    "question_added": lambda e: "Question added to the nomination form" + _suffix((_d(e).get("new") or {}).get("label")),
    "question_changed": lambda e: "Question changed" + _suffix((_d(e).get("new") or {}).get("label")),
    "question_removed": lambda e: "Question removed" + _suffix((_d(e).get("old") or {}).get("label")),
    "question_moved": lambda e: f"Question moved from position {_d(e).get('old')} to {_d(e).get('new')}",
    "configuration_changed": _config,
    "host_set": lambda e: (f"IGF {_d(e).get('year')} host recorded: {_d(e).get('new') or 'not decided'}"
                           + (f" (was {_d(e)['old']})" if _d(e).get("old") else "")),
    "signed_in_by_link": lambda e: "Signed in with a one-time link",
    "api_token_issued": lambda e: "API token issued",
    "api_token_revoked": lambda e: "API token revoked",
    "roles_changed": lambda e: ("Roles changed from " + (", ".join(_label(Role, r) for r in _d(e).get("old", [])) or "none")
                                + " to " + (", ".join(_label(Role, r) for r in _d(e).get("new", [])) or "none")),
    "deactivated": lambda e: "Account deactivated",
    "reactivated": lambda e: "Account reactivated",
    "sessions_ended": lambda e: (f"Signed out everywhere ({_plural(_d(e).get('sessions', 0), 'session')} ended"
                                 + {"deactivated": ", on deactivation", "administrator": ", by an administrator"}
                                 .get(_d(e).get("reason", ""), "") + ")"),
    "two_factor_enabled": lambda e: "Two-factor sign-in turned on",
    "two_factor_disabled": lambda e: "Two-factor sign-in turned off",
    "personal_data_exported": lambda e: (f"Personal data downloaded ({_plural(_d(e).get('nominations', 0), 'nomination')}, "
                                         f"{_plural(_d(e).get('files', 0), 'file')})"),
    "erasure_requested": lambda e: "Erasure of personal data requested",
    "erasure_confirmed": lambda e: (f"Personal data erased ({_plural(_d(e).get('nominations', 0), 'nomination')}, "
                                    f"{_plural(_d(e).get('files', 0), 'file')})"),
    "erasure_declined": lambda e: "Request for erasure declined",
    "anonymised": lambda e: ("Personal data erased" + {"retention": " at the end of the retention period",
                                                       "erasure": " at the person's request"}.get(_d(e).get("reason", ""), "")),
    "contribution_recorded": lambda e: (f"Contribution recorded: {_d(e).get('amount')} {_d(e).get('currency')}"
                                        f" received on {_d(e).get('received_on')}"),
    "seeded_at_scale": lambda e: (f"Synthetic call seeded: {_plural(_d(e).get('nominations', 0), 'nomination')}, "
                                  f"{_d(e).get('shortlisted', 0)} shortlisted"),
    # A body at work and its year.
    "meeting_scheduled": lambda e: "Meeting scheduled",
    "meeting_changed": lambda e: "Meeting changed" + _suffix(", ".join(_d(e).get("fields", []) or [])),
    "meeting_status": lambda e: f"Meeting moved from “{_words(e.from_state)}” to “{_words(e.to_state)}”",
    "meeting_record_imported": lambda e: "Meeting record imported through the API",
    "agenda_item_added": lambda e: "Agenda item added" + _suffix(_d(e).get("title")),
    "agenda_item_removed": lambda e: "Agenda item removed" + _suffix(_d(e).get("title")),
    "invitations_sent": lambda e: f"Invitations sent ({_plural(int(_d(e).get('count', 0)), 'invitation')})",
    "invitation_reminders": lambda e: f"Reminders sent ({_plural(int(_d(e).get('count', 0)), 'reminder')})",
    "invitation_answered": lambda e: "Invitation answered" + _suffix(_words(_d(e).get("answer"))),
    "attendance_confirmed": lambda e: "Attendance confirmed",
    "decision_recorded": lambda e: "Meeting decision recorded" + _suffix(_d(e).get("topic")),
    "decision_removed": lambda e: "Meeting decision removed" + _suffix(_d(e).get("topic")),
    "action_item_recorded": lambda e: "Action item recorded",
    "action_item_status": lambda e: f"Action item moved from “{_words(e.from_state)}” to “{_words(e.to_state)}”",
    "next_steps_recorded": lambda e: "Next steps recorded",
    "dissemination_list_changed": lambda e: "Dissemination list changed",
    "members_seated": lambda e: f"Appointed members seated in the body ({_plural(int(_d(e).get('count', 0)), 'member')})",
    "election_opened": lambda e: f"Election of the {_words(_d(e).get('office'))} for {_d(e).get('year')} opened",
    "election_moved": lambda e: (f"Election moved from “{_words(e.from_state)}” to “{_words(e.to_state)}”"
                                 + (f", round {_d(e)['round']}" if _d(e).get("round") else "")),
    "candidate_proposed": lambda e: "Candidate proposed",
    "candidacy_answered": lambda e: "Candidacy " + ("accepted" if _d(e).get("status") == "accepted" else "declined"),
    "vote_cast": lambda e: f"Vote cast in round {_d(e).get('round')} (how is secret)",
    "body_settings_changed": lambda e: "Settings changed" + _suffix(", ".join(k.replace("_", " ") for k in _d(e))),
    "term_end_reminder": lambda e: f"Secretariat reminded that the term ends on {_d(e).get('term_end')}",
    "member_departed": lambda e: f"Member left on {_d(e).get('last_day')}" + _suffix(_d(e).get("reason")),
    "call_created": lambda e: "Call drafted" + _suffix(_d(e).get("from_call"), " from "),
    "call_texts_translated": lambda e: "Call texts changed" + _suffix(_d(e).get("language"), " in "),
    "travel_budget_set": lambda e: f"Travel budget set to {_d(e).get('amount')} {_d(e).get('currency')}",
    "travel_requested": lambda e: "Travel support requested" + (" (by exception)" if _d(e).get("override") else ""),
    "travel_moved": lambda e: (f"Travel support request moved from “{_words(e.from_state)}” to “{_words(e.to_state)}”"
                               + _suffix(_d(e).get("amount"), ": ")),
}


def _words(code: Any) -> str:
    """A stored code ("in_person", "vice_chair") in words."""
    return str(code or "").replace("_", " ")


def staff_words(event: AuditEvent) -> str:
    """One audit event as a sentence for staff."""
    words = STAFF_WORDS.get(event.action)
    return words(event) if words else event.action.replace("_", " ").capitalize()


def actor_words(event: AuditEvent) -> str:
    """Who did it, for staff: the person's name and address, or the system."""
    if event.actor is None:
        return "The system"
    return f"{event.actor.name} ({event.actor.email})" if event.actor.name else event.actor.email


# ------------------------------------------------------------------------------ for the nominee

_NOTICE_WORDS = {
    NoticeOutcome.RECEIVED: "Received by the Secretariat",
    NoticeOutcome.UNDER_REVIEW: "Under review: the nomination meets the eligibility requirements",
    NoticeOutcome.INELIGIBLE: "Not eligible",
    NoticeOutcome.SHORTLISTED: "Shortlisted",
    NoticeOutcome.NOT_SHORTLISTED: "Not shortlisted",
    NoticeOutcome.APPOINTED: "Appointed",
    NoticeOutcome.NOT_APPOINTED: "Not appointed",
}


def nominee_words(event: AuditEvent, viewer: User | None, nominee_user_id: int | None) -> str:
    """An event the nominee or nominator sees, written for them (never an internal step)."""
    d = _d(event)
    own = viewer is not None and event.actor_id == viewer.id
    if event.action == "status" and event.to_state == NominationStatus.WITHDRAWN.value:
        if own:
            return "Withdrawn at your request" + _suffix(d.get("reason"))
        whose = "the nominee's" if event.actor_id == nominee_user_id else "the nominator's"
        return f"Withdrawn at {whose} request" + _suffix(d.get("reason"))
    if event.action == "notice_released":
        outcome = _label(NoticeOutcome, d.get("outcome"))
        try:
            outcome = _NOTICE_WORDS[NoticeOutcome(d.get("outcome"))]
        except ValueError:
            pass
        return f"{outcome}: the Secretariat wrote to the nominee"
    if event.action == "deadline_extended":
        return f"Deadline for changes extended to {_date(d.get('new'))}"
    if event.action == "consent_requested":
        return "Nominee invited to consent"
    if event.action == "consent_given":
        return "Nominee consented"
    if event.action == "consent_declined":
        return "Nominee declined"
    return staff_words(event)


def nominee_actor_words(event: AuditEvent, viewer: User | None, nominee_user_id: int | None) -> str:
    """Who did it, for the nominee: you, the nominee or the nominator; nothing for the
    Secretariat's steps (their words say so, and no staff member is ever named)."""
    if event.action not in OWN_ACTIONS:
        return ""
    if viewer is not None and event.actor_id == viewer.id:
        return "you"
    if event.actor_id is not None and event.actor_id == nominee_user_id:
        return "the nominee"
    return "the nominator"


def history_lines(events: list[AuditEvent], viewer: Viewer, user: User | None,
                  nominee_user_id: int | None) -> list[dict[str, Any]]:
    """Events as lines {at, what, who} in the words the viewer reads."""
    if viewer == Viewer.STAFF:
        return [{"at": e.at, "what": staff_words(e), "who": actor_words(e)} for e in events]
    return [{"at": e.at, "what": nominee_words(e, user, nominee_user_id),
             "who": nominee_actor_words(e, user, nominee_user_id)} for e in events]


__all__ = ["STAFF_WORDS", "staff_words", "actor_words", "nominee_words", "nominee_actor_words", "history_lines"]
