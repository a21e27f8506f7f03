"""The events a nominee and nominator see, written for them in their language (never an
internal step, never a staff member's name); see ``visibility``.
"""
from __future__ import annotations

from flask_babel import gettext as _

from selection.data import N_
from selection.models import AuditEvent, NominationStatus, NoticeOutcome, User
from selection.workflow.audit_phrases import date_words, details, label_of, with_detail
from selection.workflow.visibility import OWN_ACTIONS


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


def nominee_words(event: AuditEvent, viewer: User | None, nominee_user_id: int | None) -> str | None:
    """An event the nominee or nominator sees, written for them (never an internal step); None
    when the staff's words serve them too."""
    d = details(event)
    own = viewer is not None and event.actor_id == viewer.id
    if event.action == "status" and event.to_state == NominationStatus.WITHDRAWN.value:
        if own:
            return with_detail(_("Withdrawn at your request"), d.get("reason"))
        if event.actor_id == nominee_user_id:
            return with_detail(_("Withdrawn at the nominee's request"), d.get("reason"))
        return with_detail(_("Withdrawn at the nominator's request"), d.get("reason"))
    if event.action == "notice_released":
        outcome = label_of(NoticeOutcome, d.get("outcome"))
        try:
            outcome = _(_NOTICE_WORDS[NoticeOutcome(d.get("outcome"))])
        except ValueError:
            pass
        return _("%(outcome)s: the Secretariat wrote to the nominee", outcome=outcome)
    if event.action == "deadline_extended":
        return _("Deadline for changes extended to %(date)s", date=date_words(d.get("new")))
    if event.action in NOMINEE_WORDS:
        return _(NOMINEE_WORDS[event.action])
    return None


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
