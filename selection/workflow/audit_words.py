"""The audit log in words: a sentence for every action the code records (for staff), and the
nominee-facing wording of the events a nominee and nominator see (see ``visibility``).

Every action passed to ``audit.record`` anywhere in the code has an entry in ``STAFF_WORDS``;
a test reads the code and fails on an action without one. The sentences are written at display
time in the reader's language (``audit_phrases``): the log stores codes and facts, never words.
"""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from selection.data import N_
from selection.models import AuditEvent, NominationStatus, NoticeOutcome, User
from selection.workflow.audit_phrases import (
    _anonymised, _announced, _config, _conflict, _created, _d, _date, _decided, _deadline, _detail,
    _exported, _file, _fixed, _host, _label, _listed, _more, _moved, _n, _notice, _notices_released,
    _personal_data, _proposed, _recommendation, _review, _roles, _sessions_ended, _status, _vacancy_filled,
    _words,
)
from selection.workflow.visibility import OWN_ACTIONS, Viewer


STAFF_WORDS: dict[str, Callable[[AuditEvent], str]] = {
    "status": _status,
    "created": _created,
    "imported": _detail(N_("Imported"), "note"),
    "updated": _listed(N_("Details changed"), "fields"),
    "file_attached": _file,
    "consent_requested": lambda e: (_("Consent requested from %(email)s", email=_d(e)["nominee_email"])
                                    if _d(e).get("nominee_email") else _("Consent requested")),
    "consent_given": _fixed(N_("Consent given by the nominee")),
    "consent_declined": _fixed(N_("Consent declined by the nominee")),
    "exported": _exported,
    "screened": lambda e: (_("Screened again as eligible") if _d(e).get("eligible")
                           else _more(_("Screened again as ineligible"), _d(e).get("reason"))),
    "reviewer_assigned": lambda e: _("Reviewer %(name)s assigned", name=_d(e).get("reviewer", "")),
    "reviewer_removed": lambda e: _("Reviewer %(name)s removed", name=_d(e).get("reviewer", "")),
    "balanced_assignment": lambda e: ngettext(
        "Reviewers assigned automatically: %(num)d assignment, %(each)s per nomination, at most %(cap)s per reviewer",
        "Reviewers assigned automatically: %(num)d assignments, %(each)s per nomination, at most %(cap)s per reviewer",
        _n(e, "assignments"), each=_d(e).get("per_nomination"), cap=_d(e).get("cap")),
    "conflict_declared": _conflict,
    "review_submitted": _review("submitted"),
    "review_updated": _review("updated"),
    "review_revised": _review("revised"),
    "review_draft_saved": _review("saved as a draft"),
    "internal_comment": _fixed(N_("Internal comment added")),
    "recommendation": _recommendation,
    "recommender_added": lambda e: _("%(user)s added to %(body)s", user=_d(e).get("user") or _("A user"),
                                     body=_d(e).get("body") or _("a recommending body")),
    "notice_template": lambda e: _("Notice template “%(outcome)s” edited",
                                   outcome=_label(NoticeOutcome, _d(e).get("outcome"))),
    "notice_held": _notice("held"),
    "notice_released": _notice("released"),
    "notice_cancelled": _notice("cancelled"),
    "notices_released": _notices_released,
    "proposed": _proposed,
    "pinned": lambda e: _("Pinned in the slates (run #%(run)s)", run=_d(e).get("slate_run")),
    "excluded": lambda e: _("Excluded from the slates (run #%(run)s)", run=_d(e).get("slate_run")),
    "unpinned": lambda e: _("Pin or exclusion cleared (run #%(run)s)", run=_d(e).get("slate_run")),
    "decided": _decided,
    "vacancy_filled": _vacancy_filled,
    "member_joined": lambda e: _("Joined the body for the rest of a vacated term, %(start)s to %(end)s",
                                 start=_d(e).get("term_start"), end=_d(e).get("term_end")),
    "roster_announced": _announced,
    "deadline_extended": _deadline,
    "question_added": _detail(N_("Question added to the nomination form"), "new", "label"),
    "question_changed": _detail(N_("Question changed"), "new", "label"),
    "question_removed": _detail(N_("Question removed"), "old", "label"),
    "question_moved": lambda e: _("Question moved from position %(old)s to %(new)s", old=_d(e).get("old"),
                                  new=_d(e).get("new")),
    "configuration_changed": _config,
    "host_set": _host,
    "signed_in_by_link": _fixed(N_("Signed in with a one-time link")),
    "api_token_issued": _fixed(N_("API token issued")),
    "api_token_revoked": _fixed(N_("API token revoked")),
    "roles_changed": _roles,
    "deactivated": _fixed(N_("Account deactivated")),
    "reactivated": _fixed(N_("Account reactivated")),
    "sessions_ended": _sessions_ended,
    "two_factor_enabled": _fixed(N_("Two-factor sign-in turned on")),
    "two_factor_disabled": _fixed(N_("Two-factor sign-in turned off")),
    "personal_data_exported": _personal_data("downloaded"),
    "erasure_requested": _fixed(N_("Erasure of personal data requested")),
    "erasure_confirmed": _personal_data("erased"),
    "erasure_declined": _fixed(N_("Request for erasure declined")),
    "anonymised": _anonymised,
    "contribution_recorded": lambda e: _("Contribution recorded: %(amount)s %(currency)s received on %(day)s",
                                         amount=_d(e).get("amount"), currency=_d(e).get("currency"),
                                         day=_d(e).get("received_on")),
    "seeded_at_scale": lambda e: ngettext("Synthetic call seeded: %(num)d nomination, %(shortlisted)s shortlisted",
                                          "Synthetic call seeded: %(num)d nominations, %(shortlisted)s shortlisted",
                                          _n(e, "nominations"), shortlisted=_d(e).get("shortlisted", 0)),
    # A body at work and its year.
    "meeting_scheduled": _fixed(N_("Meeting scheduled")),
    "meeting_changed": _listed(N_("Meeting changed"), "fields"),
    "meeting_status": _moved("meeting"),
    "meeting_record_imported": _fixed(N_("Meeting record imported through the API")),
    "agenda_item_added": _detail(N_("Agenda item added"), "title"),
    "agenda_item_removed": _detail(N_("Agenda item removed"), "title"),
    "invitations_sent": lambda e: ngettext("Invitations sent (%(num)d invitation)",
                                           "Invitations sent (%(num)d invitations)", _n(e, "count")),
    "invitation_reminders": lambda e: ngettext("Reminders sent (%(num)d reminder)",
                                               "Reminders sent (%(num)d reminders)", _n(e, "count")),
    "invitation_answered": lambda e: _more(_("Invitation answered"), _words(_d(e).get("answer"))),
    "attendance_confirmed": _fixed(N_("Attendance confirmed")),
    "decision_recorded": _detail(N_("Meeting decision recorded"), "topic"),
    "decision_removed": _detail(N_("Meeting decision removed"), "topic"),
    "action_item_recorded": _fixed(N_("Action item recorded")),
    "action_item_status": _moved("action"),
    "next_steps_recorded": _fixed(N_("Next steps recorded")),
    "dissemination_list_changed": _fixed(N_("Dissemination list changed")),
    "members_seated": lambda e: ngettext("Appointed members seated in the body (%(num)d member)",
                                         "Appointed members seated in the body (%(num)d members)", _n(e, "count")),
    "election_opened": lambda e: _("Election of the %(office)s for %(year)s opened",
                                   office=_words(_d(e).get("office")), year=_d(e).get("year")),
    "election_moved": _moved("election"),
    "candidate_proposed": _fixed(N_("Candidate proposed")),
    "candidacy_answered": lambda e: (_("Candidacy accepted") if _d(e).get("status") == "accepted"
                                     else _("Candidacy declined")),
    "vote_cast": lambda e: _("Vote cast in round %(round)s (how is secret)", round=_d(e).get("round")),
    "body_settings_changed": lambda e: _more(_("Settings changed"), ", ".join(k.replace("_", " ") for k in _d(e))),
    "term_end_reminder": lambda e: _("Secretariat reminded that the term ends on %(day)s", day=_d(e).get("term_end")),
    "member_departed": lambda e: _more(_("Member left on %(day)s", day=_d(e).get("last_day")), _d(e).get("reason")),
    "call_created": lambda e: (_("Call drafted from %(source)s", source=_d(e)["from_call"])
                               if _d(e).get("from_call") else _("Call drafted")),
    "call_texts_translated": lambda e: (_("Call texts changed in %(language)s", language=_d(e)["language"])
                                        if _d(e).get("language") else _("Call texts changed")),
    "travel_budget_set": lambda e: _("Travel budget set to %(amount)s %(currency)s", amount=_d(e).get("amount"),
                                     currency=_d(e).get("currency")),
    "travel_requested": lambda e: (_("Travel support requested (by exception)") if _d(e).get("override")
                                   else _("Travel support requested")),
    "travel_moved": _moved("travel"),
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


# ------------------------------------------------------------------------------ for the nominee

_NOTICE_WORDS = {
    NoticeOutcome.RECEIVED: N_("Received by the Secretariat"),
    NoticeOutcome.UNDER_REVIEW: N_("Under review: the nomination meets the eligibility requirements"),
    NoticeOutcome.INELIGIBLE: N_("Not eligible"),
    NoticeOutcome.SHORTLISTED: N_("Shortlisted"),
    NoticeOutcome.NOT_SHORTLISTED: N_("Not shortlisted"),
    NoticeOutcome.APPOINTED: N_("Appointed"),
    NoticeOutcome.NOT_APPOINTED: N_("Not appointed"),
}


NOMINEE_WORDS = {"consent_requested": N_("Nominee invited to consent"), "consent_given": N_("Nominee consented"),
                 "consent_declined": N_("Nominee declined")}


def nominee_words(event: AuditEvent, viewer: User | None, nominee_user_id: int | None) -> str:
    """An event the nominee or nominator sees, written for them (never an internal step)."""
    d = _d(event)
    own = viewer is not None and event.actor_id == viewer.id
    if event.action == "status" and event.to_state == NominationStatus.WITHDRAWN.value:
        if own:
            return _more(_("Withdrawn at your request"), d.get("reason"))
        if event.actor_id == nominee_user_id:
            return _more(_("Withdrawn at the nominee's request"), d.get("reason"))
        return _more(_("Withdrawn at the nominator's request"), d.get("reason"))
    if event.action == "notice_released":
        outcome = _label(NoticeOutcome, d.get("outcome"))
        try:
            outcome = _(_NOTICE_WORDS[NoticeOutcome(d.get("outcome"))])
        except ValueError:
            pass
        return _("%(outcome)s: the Secretariat wrote to the nominee", outcome=outcome)
    if event.action == "deadline_extended":
        return _("Deadline for changes extended to %(date)s", date=_date(d.get("new")))
    if event.action in NOMINEE_WORDS:
        return _(NOMINEE_WORDS[event.action])
    return staff_words(event)


def nominee_actor_words(event: AuditEvent, viewer: User | None, nominee_user_id: int | None) -> str:
    """Who did it, for the nominee: you, the nominee or the nominator; nothing for the
    Secretariat's steps (their words say so, and no staff member is ever named)."""
    if event.action not in OWN_ACTIONS:
        return ""
    if viewer is not None and event.actor_id == viewer.id:
        return _("you")
    if event.actor_id is not None and event.actor_id == nominee_user_id:
        return _("the nominee")
    return _("the nominator")


def history_lines(events: list[AuditEvent], viewer: Viewer, user: User | None,
                  nominee_user_id: int | None) -> list[dict[str, Any]]:
    """Events as lines {at, what, who} in the words the viewer reads."""
    if viewer == Viewer.STAFF:
        return [{"at": e.at, "what": staff_words(e), "who": actor_words(e)} for e in events]
    return [{"at": e.at, "what": nominee_words(e, user, nominee_user_id),
             "who": nominee_actor_words(e, user, nominee_user_id)} for e in events]


__all__ = ["STAFF_WORDS", "staff_words", "actor_words", "nominee_words", "nominee_actor_words", "history_lines"]
