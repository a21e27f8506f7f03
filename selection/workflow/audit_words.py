"""The audit log in words: a sentence for every action the code records (for staff), and the
nominee-facing wording of the events a nominee and nominator see (``audit_nominee_words``).

Every action passed to ``audit.record`` anywhere in the code has an entry in ``STAFF_WORDS``;
a test reads the code and fails on an action without one. The sentences are written at display
time in the reader's language: the log stores codes and facts, never words.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from selection.data import N_
from selection.extensions import db
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
from selection.workflow.audit_nominee_words import nominee_actor_words, nominee_words
from selection.workflow.audit_phrases import (
    code_words,
    count_of,
    date_words,
    details,
    fixed,
    host_words,
    label_of,
    listed,
    moved_words,
    recorded,
    sessions_ended_words,
    with_detail,
)
from selection.workflow.visibility import Viewer


def _status(event: AuditEvent) -> str:
    d = details(event)
    if event.object_type == "call":
        return {"open": _("Call opened"), "closed": _("Call closed"), "decided": _("Call decided"),
                "draft": _("Call set back to draft")}.get(event.to_state or "", _("Call status changed"))
    if event.object_type == "slate_run":
        status = label_of(SlateRunStatus, event.to_state).lower()
        if d.get("slates") is not None:
            words = ngettext("Slate run %(status)s: %(num)d slate found", "Slate run %(status)s: %(num)d slates found",
                             int(d["slates"]), status=status)
        else:
            words = _("Slate run %(status)s", status=status)
        return with_detail(words, d.get("error"), "; ")
    target = label_of(NominationStatus, event.to_state)
    if "screening" in d:
        if event.to_state == NominationStatus.UNDER_REVIEW.value:
            return _("Screened as eligible; now under review")
        return with_detail(_("Screened as ineligible"), d["screening"])
    if "decision" in d:
        return _("%(status)s by the decision", status=target)
    if event.to_state == NominationStatus.WITHDRAWN.value:
        return with_detail(_("Withdrawn"), d.get("reason"))
    if event.to_state == NominationStatus.SUBMITTED.value:
        return _("Submitted")
    return _("%(status)s; note: %(note)s", status=target, note=d["note"]) if d.get("note") else target


def _created(event: AuditEvent) -> str:
    d = details(event)
    if event.object_type == "user":
        roles = [label_of(Role, r) for r in d.get("roles", [])]
        if not roles:
            return _("Account created")
        return ngettext("Account created with the role %(roles)s", "Account created with the roles %(roles)s",
                        len(roles), roles=", ".join(roles))
    if event.object_type == "call":
        template = d.get("template")
        return _("Call created from the template %(template)s", template=template) if template else _("Call created")
    return _("Draft started")


def _file(event: AuditEvent) -> str:
    d = details(event)
    return with_detail(_("File %(purpose)s attached", purpose=label_of(FilePurpose, d.get("purpose", "cv"))),
                 d.get("name") or _file_name(d))


def _file_name(details: dict[str, Any]) -> str | None:
    """The attached file's name, read from the file itself: the audit log keeps no names, and
    once the file is erased the history says only that a file was attached."""
    if not isinstance(details.get("file_id"), int):
        return None
    stored = db.session.get(StoredFile, details["file_id"])
    return stored.original_name if stored is not None else None


def _conflict(event: AuditEvent) -> str:
    d = details(event)
    reviewer, kind = d.get("reviewer") or _("a reviewer"), label_of(ConflictKind, d.get("kind"))
    if d.get("assignment_removed"):
        words = _("Conflict of interest declared for %(reviewer)s (%(kind)s); their assignment was removed",
                  reviewer=reviewer, kind=kind)
    else:
        words = _("Conflict of interest declared for %(reviewer)s (%(kind)s)", reviewer=reviewer, kind=kind)
    return with_detail(words, d.get("details"))


REVIEW_VERBS = {"submitted": N_("Review submitted"), "updated": N_("Review updated"),
                "revised": N_("Review revised"), "saved as a draft": N_("Review saved as a draft")}


def _review(verb: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        scores = details(event).get("scores") or {}
        return with_detail(_(REVIEW_VERBS[verb]), ", ".join(f"{name} {score}" for name, score in scores.items()))
    return words


def _recommendation(event: AuditEvent) -> str:
    d = details(event)
    body, level = d.get("body") or _("A recommending body"), label_of(RecommendationLevel, event.to_state).lower()
    if event.from_state:
        words = _("Recommendation — %(body)s: %(level)s (was %(before)s)", body=body, level=level,
                  before=label_of(RecommendationLevel, event.from_state).lower())
    else:
        words = _("Recommendation — %(body)s: %(level)s", body=body, level=level)
    return with_detail(words, d.get("note"), "; ")


def _deadline(event: AuditEvent) -> str:
    d = details(event)
    dates = {"old": date_words(d.get("old")), "new": date_words(d.get("new"))}
    if event.object_type == "call":
        words = _("Deadline of the call extended from %(old)s to %(new)s", **dates)
    else:
        words = _("Deadline of this nomination extended from %(old)s to %(new)s", **dates)
    return with_detail(words, d.get("reason"))


def _announced(event: AuditEvent) -> str:
    d = details(event)
    if d.get("scheduled"):
        return _("Members announced; the roster becomes public on %(date)s", date=date_words(d.get("public_from")))
    return _("Members announced; the roster is public")


NOTICE_VERBS = {"held": N_("Notice “%(outcome)s” held in the outbox"),
                "released": N_("Notice “%(outcome)s” released and sent"),
                "cancelled": N_("Notice “%(outcome)s” cancelled, never sent: the nomination was withdrawn")}


def _notice(verb: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        d = details(event)
        text = _(NOTICE_VERBS[verb], outcome=label_of(NoticeOutcome, d.get("outcome")))
        if d.get("superseded"):
            text = _("%(words)s, replacing the held notice “%(outcome)s”", words=text,
                     outcome=label_of(NoticeOutcome, d["superseded"]))
        return text
    return words


def _config(event: AuditEvent) -> str:
    d = details(event)
    section = str(d.get("section") or "settings").replace("_", " ")
    if d.get("after_opening"):
        return _("Call configuration changed: %(section)s (after opening, confirmed)", section=section)
    return _("Call configuration changed: %(section)s", section=section)


def _exported(event: AuditEvent) -> str:
    kind = str(details(event).get("format", "")).upper() or _("file")
    if "nominations" in details(event):
        return ngettext("Exported (%(format)s), %(num)d nomination", "Exported (%(format)s), %(num)d nominations",
                        count_of(event, "nominations"), format=kind)
    return _("Exported (%(format)s)", format=kind)


def _proposed(event: AuditEvent) -> str:
    d = details(event)
    words = ngettext("Slates proposed for %(num)d shortlisted nominee",
                     "Slates proposed for %(num)d shortlisted nominees",
                     count_of(event, "candidates"))
    if not (d.get("pinned") or d.get("excluded")):
        return words
    pins = ngettext("%(num)d pin", "%(num)d pins", len(d.get("pinned") or []))
    exclusions = ngettext("%(num)d exclusion", "%(num)d exclusions", len(d.get("excluded") or []))
    return _("%(words)s; %(pins)s, %(exclusions)s", words=words, pins=pins, exclusions=exclusions)


def _decided(event: AuditEvent) -> str:
    count = len(details(event).get("members") or [])
    if details(event).get("broken_rules"):
        return ngettext("Decision recorded: %(num)d member appointed, breaking hard rules with a justification",
                        "Decision recorded: %(num)d members appointed, breaking hard rules with a justification", count)
    return ngettext("Decision recorded: %(num)d member appointed", "Decision recorded: %(num)d members appointed",
                    count)


def _vacancy_filled(event: AuditEvent) -> str:
    d = details(event)
    words = (_("Vacant seat filled from the shortlist (proposed slate %(rank)s)", rank=d["slate_rank"])
             if d.get("slate_rank") else _("Vacant seat filled from the shortlist"))
    return _("%(words)s, breaking hard rules with a justification", words=words) if d.get("broken_rules") else words


def _roles(event: AuditEvent) -> str:
    def roles(key: str) -> str:
        return ", ".join(label_of(Role, r) for r in details(event).get(key, [])) or _("none")
    return _("Roles changed from %(old)s to %(new)s", old=roles("old"), new=roles("new"))


def _personal_data(done: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        nominations = ngettext("%(num)d nomination", "%(num)d nominations", count_of(event, "nominations"))
        files = ngettext("%(num)d file", "%(num)d files", count_of(event, "files"))
        if done == "downloaded":
            return _("Personal data downloaded (%(nominations)s, %(files)s)", nominations=nominations, files=files)
        return _("Personal data erased (%(nominations)s, %(files)s)", nominations=nominations, files=files)
    return words


def _anonymised(event: AuditEvent) -> str:
    reason = details(event).get("reason", "")
    if reason == "retention":
        return _("Personal data erased at the end of the retention period")
    if reason == "erasure":
        return _("Personal data erased at the person's request")
    return _("Personal data erased")


def _notices_released(event: AuditEvent) -> str:
    d = details(event)
    if d.get("outcome") in (None, "all"):
        return ngettext("%(num)d notice released", "%(num)d notices released", count_of(event, "count"))
    return ngettext("%(num)d notice released (“%(outcome)s”)", "%(num)d notices released (“%(outcome)s”)",
                    count_of(event, "count"), outcome=label_of(NoticeOutcome, d["outcome"]))


STAFF_WORDS: dict[str, Callable[[AuditEvent], str]] = {
    "status": _status,
    "created": _created,
    "imported": recorded(N_("Imported"), "note"),
    "updated": listed(N_("Details changed"), "fields"),
    "file_attached": _file,
    "consent_requested": lambda e: (_("Consent requested from %(email)s", email=details(e)["nominee_email"])
                                    if details(e).get("nominee_email") else _("Consent requested")),
    "consent_given": fixed(N_("Consent given by the nominee")),
    "consent_declined": fixed(N_("Consent declined by the nominee")),
    "exported": _exported,
    "screened": lambda e: (_("Screened again as eligible") if details(e).get("eligible")
                           else with_detail(_("Screened again as ineligible"), details(e).get("reason"))),
    "reviewer_assigned": lambda e: _("Reviewer %(name)s assigned", name=details(e).get("reviewer", "")),
    "reviewer_removed": lambda e: _("Reviewer %(name)s removed", name=details(e).get("reviewer", "")),
    "balanced_assignment": lambda e: ngettext(
        "Reviewers assigned automatically: %(num)d assignment, %(each)s per nomination, at most %(cap)s per reviewer",
        "Reviewers assigned automatically: %(num)d assignments, %(each)s per nomination, at most %(cap)s per reviewer",
        count_of(e, "assignments"), each=details(e).get("per_nomination"), cap=details(e).get("cap")),
    "conflict_declared": _conflict,
    "review_submitted": _review("submitted"),
    "review_updated": _review("updated"),
    "review_revised": _review("revised"),
    "review_draft_saved": _review("saved as a draft"),
    "internal_comment": fixed(N_("Internal comment added")),
    "recommendation": _recommendation,
    "recommender_added": lambda e: _("%(user)s added to %(body)s", user=details(e).get("user") or _("A user"),
                                     body=details(e).get("body") or _("a recommending body")),
    "notice_template": lambda e: _("Notice template “%(outcome)s” edited",
                                   outcome=label_of(NoticeOutcome, details(e).get("outcome"))),
    "notice_held": _notice("held"),
    "notice_released": _notice("released"),
    "notice_cancelled": _notice("cancelled"),
    "notices_released": _notices_released,
    "proposed": _proposed,
    "pinned": lambda e: _("Pinned in the slates (run #%(run)s)", run=details(e).get("slate_run")),
    "excluded": lambda e: _("Excluded from the slates (run #%(run)s)", run=details(e).get("slate_run")),
    "unpinned": lambda e: _("Pin or exclusion cleared (run #%(run)s)", run=details(e).get("slate_run")),
    "decided": _decided,
    "vacancy_filled": _vacancy_filled,
    "member_joined": lambda e: _("Joined the body for the rest of a vacated term, %(start)s to %(end)s",
                                 start=details(e).get("term_start"), end=details(e).get("term_end")),
    "roster_announced": _announced,
    "deadline_extended": _deadline,
    "question_added": recorded(N_("Question added to the nomination form"), "new", "label"),
    "question_changed": recorded(N_("Question changed"), "new", "label"),
    "question_removed": recorded(N_("Question removed"), "old", "label"),
    "question_moved": lambda e: _("Question moved from position %(old)s to %(new)s", old=details(e).get("old"),
                                  new=details(e).get("new")),
    "configuration_changed": _config,
    "host_set": host_words,
    "signed_in_by_link": fixed(N_("Signed in with a one-time link")),
    "api_token_issued": fixed(N_("API token issued")),
    "api_token_revoked": fixed(N_("API token revoked")),
    "roles_changed": _roles,
    "deactivated": fixed(N_("Account deactivated")),
    "reactivated": fixed(N_("Account reactivated")),
    "sessions_ended": sessions_ended_words,
    "two_factor_enabled": fixed(N_("Two-factor sign-in turned on")),
    "two_factor_disabled": fixed(N_("Two-factor sign-in turned off")),
    "personal_data_exported": _personal_data("downloaded"),
    "erasure_requested": fixed(N_("Erasure of personal data requested")),
    "erasure_confirmed": _personal_data("erased"),
    "erasure_declined": fixed(N_("Request for erasure declined")),
    "anonymised": _anonymised,
    "contribution_recorded": lambda e: _("Contribution recorded: %(amount)s %(currency)s received on %(day)s",
                                         amount=details(e).get("amount"), currency=details(e).get("currency"),
                                         day=details(e).get("received_on")),
    "seeded_at_scale": lambda e: ngettext("Synthetic call seeded: %(num)d nomination, %(shortlisted)s shortlisted",
                                          "Synthetic call seeded: %(num)d nominations, %(shortlisted)s shortlisted",
                                          count_of(e, "nominations"), shortlisted=details(e).get("shortlisted", 0)),
    # A body at work and its year.
    "meeting_scheduled": fixed(N_("Meeting scheduled")),
    "meeting_changed": listed(N_("Meeting changed"), "fields"),
    "meeting_status": moved_words("meeting"),
    "meeting_record_imported": fixed(N_("Meeting record imported through the API")),
    "agenda_item_added": recorded(N_("Agenda item added"), "title"),
    "agenda_item_removed": recorded(N_("Agenda item removed"), "title"),
    "invitations_sent": lambda e: ngettext("Invitations sent (%(num)d invitation)",
                                           "Invitations sent (%(num)d invitations)", count_of(e, "count")),
    "invitation_reminders": lambda e: ngettext("Reminders sent (%(num)d reminder)",
                                               "Reminders sent (%(num)d reminders)", count_of(e, "count")),
    "invitation_answered": lambda e: with_detail(_("Invitation answered"), code_words(details(e).get("answer"))),
    "attendance_confirmed": fixed(N_("Attendance confirmed")),
    "decision_recorded": recorded(N_("Meeting decision recorded"), "topic"),
    "decision_removed": recorded(N_("Meeting decision removed"), "topic"),
    "action_item_recorded": fixed(N_("Action item recorded")),
    "action_item_status": moved_words("action"),
    "next_steps_recorded": fixed(N_("Next steps recorded")),
    "dissemination_list_changed": fixed(N_("Dissemination list changed")),
    "members_seated": lambda e: ngettext("Appointed members seated in the body (%(num)d member)",
                                         "Appointed members seated in the body (%(num)d members)", count_of(e, "count")),
    "election_opened": lambda e: _("Election of the %(office)s for %(year)s opened",
                                   office=code_words(details(e).get("office")), year=details(e).get("year")),
    "election_moved": moved_words("election"),
    "candidate_proposed": fixed(N_("Candidate proposed")),
    "candidacy_answered": lambda e: (_("Candidacy accepted") if details(e).get("status") == "accepted"
                                     else _("Candidacy declined")),
    "vote_cast": lambda e: _("Vote cast in round %(round)s (how is secret)", round=details(e).get("round")),
    "body_settings_changed": lambda e: with_detail(_("Settings changed"),
                                                   ", ".join(k.replace("_", " ") for k in details(e))),
    "term_end_reminder": lambda e: _("Secretariat reminded that the term ends on %(day)s", day=details(e).get("term_end")),
    "member_departed": lambda e: with_detail(_("Member left on %(day)s", day=details(e).get("last_day")), details(e).get("reason")),
    "call_created": lambda e: (_("Call drafted from %(source)s", source=details(e)["from_call"])
                               if details(e).get("from_call") else _("Call drafted")),
    "call_texts_translated": lambda e: (_("Call texts changed in %(language)s", language=details(e)["language"])
                                        if details(e).get("language") else _("Call texts changed")),
    "travel_budget_set": lambda e: _("Travel budget set to %(amount)s %(currency)s", amount=details(e).get("amount"),
                                     currency=details(e).get("currency")),
    "travel_requested": lambda e: (_("Travel support requested (by exception)") if details(e).get("override")
                                   else _("Travel support requested")),
    "travel_moved": moved_words("travel"),
}


def staff_words(event: AuditEvent) -> str:
    """One audit event as a sentence for staff."""
    words = STAFF_WORDS.get(event.action)
    return words(event) if words else event.action.replace("_", " ").capitalize()


def actor_words(event: AuditEvent) -> str:
    """Who did it, for staff: the person's name and address, or the system."""
    if event.actor is None:
        return _("The system")
    return f"{event.actor.name} ({event.actor.email})" if event.actor.name else event.actor.email


def history_lines(events: list[AuditEvent], viewer: Viewer, user: User | None,
                  nominee_user_id: int | None) -> list[dict[str, Any]]:
    """Events as lines {at, what, who} in the words the viewer reads."""
    if viewer == Viewer.STAFF:
        return [{"at": e.at, "what": staff_words(e), "who": actor_words(e)} for e in events]
    return [{"at": e.at, "what": nominee_words(e, user, nominee_user_id) or staff_words(e),
             "who": nominee_actor_words(e, user, nominee_user_id)} for e in events]


__all__ = ["STAFF_WORDS", "staff_words", "actor_words", "nominee_words", "nominee_actor_words", "history_lines"]
