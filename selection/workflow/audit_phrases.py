"""The phrases of the audit log in words (see ``audit_words``): one function per kind of event,
each writing its sentence in the reader's language from the codes and facts the log stored.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import format_date, format_time, ngettext
from flask_babel import gettext as _

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
)


def _d(event: AuditEvent) -> dict[str, Any]:
    return event.details or {}


def _label(enum: Any, value: Any) -> str:
    try:
        return enum(value).label
    except ValueError:
        return str(value).replace("_", " ")


def _date(value: Any) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return _("%(date)s, %(time)s UTC", date=format_date(moment, "long"), time=format_time(moment, "HH:mm"))


def _more(words: str, text: Any, sep: str = ": ") -> str:
    """``words`` followed by a fact the log recorded (a reason, a name), when there is one."""
    if text in (None, "", [], {}):
        return words
    return _("%(words)s: %(detail)s", words=words, detail=text) if sep == ": " else _(
        "%(words)s; %(detail)s", words=words, detail=text)


def _n(event: AuditEvent, key: str) -> int:
    return int(_d(event).get(key) or 0)


def _status(event: AuditEvent) -> str:
    d = _d(event)
    if event.object_type == "call":
        return {"open": _("Call opened"), "closed": _("Call closed"), "decided": _("Call decided"),
                "draft": _("Call set back to draft")}.get(event.to_state or "", _("Call status changed"))
    if event.object_type == "slate_run":
        status = _label(SlateRunStatus, event.to_state).lower()
        if d.get("slates") is not None:
            words = ngettext("Slate run %(status)s: %(num)d slate found", "Slate run %(status)s: %(num)d slates found",
                             int(d["slates"]), status=status)
        else:
            words = _("Slate run %(status)s", status=status)
        return _more(words, d.get("error"), "; ")
    target = _label(NominationStatus, event.to_state)
    if "screening" in d:
        if event.to_state == NominationStatus.UNDER_REVIEW.value:
            return _("Screened as eligible; now under review")
        return _more(_("Screened as ineligible"), d["screening"])
    if "decision" in d:
        return _("%(status)s by the decision", status=target)
    if event.to_state == NominationStatus.WITHDRAWN.value:
        return _more(_("Withdrawn"), d.get("reason"))
    if event.to_state == NominationStatus.SUBMITTED.value:
        return _("Submitted")
    return _("%(status)s; note: %(note)s", status=target, note=d["note"]) if d.get("note") else target


def _created(event: AuditEvent) -> str:
    d = _d(event)
    if event.object_type == "user":
        roles = [_label(Role, r) for r in d.get("roles", [])]
        if not roles:
            return _("Account created")
        return ngettext("Account created with the role %(roles)s", "Account created with the roles %(roles)s",
                        len(roles), roles=", ".join(roles))
    if event.object_type == "call":
        template = d.get("template")
        return _("Call created from the template %(template)s", template=template) if template else _("Call created")
    return _("Draft started")


def _file(event: AuditEvent) -> str:
    d = _d(event)
    return _more(_("File %(purpose)s attached", purpose=_label(FilePurpose, d.get("purpose", "cv"))),
                 d.get("name") or _file_name(d))


def _file_name(details: dict[str, Any]) -> str | None:
    """The attached file's name, read from the file itself: the audit log keeps no names, and
    once the file is erased the history says only that a file was attached."""
    if not isinstance(details.get("file_id"), int):
        return None
    stored = db.session.get(StoredFile, details["file_id"])
    return stored.original_name if stored is not None else None


def _conflict(event: AuditEvent) -> str:
    d = _d(event)
    reviewer, kind = d.get("reviewer") or _("a reviewer"), _label(ConflictKind, d.get("kind"))
    if d.get("assignment_removed"):
        words = _("Conflict of interest declared for %(reviewer)s (%(kind)s); their assignment was removed",
                  reviewer=reviewer, kind=kind)
    else:
        words = _("Conflict of interest declared for %(reviewer)s (%(kind)s)", reviewer=reviewer, kind=kind)
    return _more(words, d.get("details"))


REVIEW_VERBS = {"submitted": N_("Review submitted"), "updated": N_("Review updated"),
                "revised": N_("Review revised"), "saved as a draft": N_("Review saved as a draft")}


def _review(verb: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        scores = _d(event).get("scores") or {}
        return _more(_(REVIEW_VERBS[verb]), ", ".join(f"{name} {score}" for name, score in scores.items()))
    return words


def _recommendation(event: AuditEvent) -> str:
    d = _d(event)
    body, level = d.get("body") or _("A recommending body"), _label(RecommendationLevel, event.to_state).lower()
    if event.from_state:
        words = _("Recommendation — %(body)s: %(level)s (was %(before)s)", body=body, level=level,
                  before=_label(RecommendationLevel, event.from_state).lower())
    else:
        words = _("Recommendation — %(body)s: %(level)s", body=body, level=level)
    return _more(words, d.get("note"), "; ")


def _deadline(event: AuditEvent) -> str:
    d = _d(event)
    dates = {"old": _date(d.get("old")), "new": _date(d.get("new"))}
    if event.object_type == "call":
        words = _("Deadline of the call extended from %(old)s to %(new)s", **dates)
    else:
        words = _("Deadline of this nomination extended from %(old)s to %(new)s", **dates)
    return _more(words, d.get("reason"))


def _announced(event: AuditEvent) -> str:
    d = _d(event)
    if d.get("scheduled"):
        return _("Members announced; the roster becomes public on %(date)s", date=_date(d.get("public_from")))
    return _("Members announced; the roster is public")


NOTICE_VERBS = {"held": N_("Notice “%(outcome)s” held in the outbox"),
                "released": N_("Notice “%(outcome)s” released and sent"),
                "cancelled": N_("Notice “%(outcome)s” cancelled, never sent: the nomination was withdrawn")}


def _notice(verb: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        d = _d(event)
        text = _(NOTICE_VERBS[verb], outcome=_label(NoticeOutcome, d.get("outcome")))
        if d.get("superseded"):
            text = _("%(words)s, replacing the held notice “%(outcome)s”", words=text,
                     outcome=_label(NoticeOutcome, d["superseded"]))
        return text
    return words


def _config(event: AuditEvent) -> str:
    d = _d(event)
    section = str(d.get("section") or "settings").replace("_", " ")
    if d.get("after_opening"):
        return _("Call configuration changed: %(section)s (after opening, confirmed)", section=section)
    return _("Call configuration changed: %(section)s", section=section)


def _exported(event: AuditEvent) -> str:
    kind = str(_d(event).get("format", "")).upper() or _("file")
    if "nominations" in _d(event):
        return ngettext("Exported (%(format)s), %(num)d nomination", "Exported (%(format)s), %(num)d nominations",
                        _n(event, "nominations"), format=kind)
    return _("Exported (%(format)s)", format=kind)


def _proposed(event: AuditEvent) -> str:
    d = _d(event)
    words = ngettext("Slates proposed for %(num)d shortlisted nominee", "Slates proposed for %(num)d shortlisted nominees",
                     _n(event, "candidates"))
    if not (d.get("pinned") or d.get("excluded")):
        return words
    pins = ngettext("%(num)d pin", "%(num)d pins", len(d.get("pinned") or []))
    exclusions = ngettext("%(num)d exclusion", "%(num)d exclusions", len(d.get("excluded") or []))
    return _("%(words)s; %(pins)s, %(exclusions)s", words=words, pins=pins, exclusions=exclusions)


def _decided(event: AuditEvent) -> str:
    count = len(_d(event).get("members") or [])
    if _d(event).get("broken_rules"):
        return ngettext("Decision recorded: %(num)d member appointed, breaking hard rules with a justification",
                        "Decision recorded: %(num)d members appointed, breaking hard rules with a justification", count)
    return ngettext("Decision recorded: %(num)d member appointed", "Decision recorded: %(num)d members appointed", count)


def _vacancy_filled(event: AuditEvent) -> str:
    d = _d(event)
    words = (_("Vacant seat filled from the shortlist (proposed slate %(rank)s)", rank=d["slate_rank"])
             if d.get("slate_rank") else _("Vacant seat filled from the shortlist"))
    return _("%(words)s, breaking hard rules with a justification", words=words) if d.get("broken_rules") else words


def _host(event: AuditEvent) -> str:
    d = _d(event)
    host = d.get("new") or _("not decided")
    if d.get("old"):
        return _("IGF %(year)s host recorded: %(host)s (was %(before)s)", year=d.get("year"), host=host, before=d["old"])
    return _("IGF %(year)s host recorded: %(host)s", year=d.get("year"), host=host)


def _roles(event: AuditEvent) -> str:
    def roles(key: str) -> str:
        return ", ".join(_label(Role, r) for r in _d(event).get(key, [])) or _("none")
    return _("Roles changed from %(old)s to %(new)s", old=roles("old"), new=roles("new"))


def _sessions_ended(event: AuditEvent) -> str:
    reason, count = _d(event).get("reason", ""), _n(event, "sessions")
    if reason == "deactivated":
        return ngettext("Signed out everywhere (%(num)d session ended, on deactivation)",
                        "Signed out everywhere (%(num)d sessions ended, on deactivation)", count)
    if reason == "administrator":
        return ngettext("Signed out everywhere (%(num)d session ended, by an administrator)",
                        "Signed out everywhere (%(num)d sessions ended, by an administrator)", count)
    return ngettext("Signed out everywhere (%(num)d session ended)", "Signed out everywhere (%(num)d sessions ended)",
                    count)


def _personal_data(done: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        nominations = ngettext("%(num)d nomination", "%(num)d nominations", _n(event, "nominations"))
        files = ngettext("%(num)d file", "%(num)d files", _n(event, "files"))
        if done == "downloaded":
            return _("Personal data downloaded (%(nominations)s, %(files)s)", nominations=nominations, files=files)
        return _("Personal data erased (%(nominations)s, %(files)s)", nominations=nominations, files=files)
    return words


def _anonymised(event: AuditEvent) -> str:
    reason = _d(event).get("reason", "")
    if reason == "retention":
        return _("Personal data erased at the end of the retention period")
    if reason == "erasure":
        return _("Personal data erased at the person's request")
    return _("Personal data erased")


def _moved(what: str) -> Callable[[AuditEvent], str]:
    def words(event: AuditEvent) -> str:
        states = {"old": _words(event.from_state), "new": _words(event.to_state)}
        if what == "meeting":
            return _("Meeting moved from “%(old)s” to “%(new)s”", **states)
        if what == "action":
            return _("Action item moved from “%(old)s” to “%(new)s”", **states)
        if what == "travel":
            return _more(_("Travel support request moved from “%(old)s” to “%(new)s”", **states), _d(event).get("amount"))
        if _d(event).get("round"):
            return _("Election moved from “%(old)s” to “%(new)s”, round %(round)s", round=_d(event)["round"], **states)
        return _("Election moved from “%(old)s” to “%(new)s”", **states)
    return words


def _notices_released(event: AuditEvent) -> str:
    d = _d(event)
    if d.get("outcome") in (None, "all"):
        return ngettext("%(num)d notice released", "%(num)d notices released", _n(event, "count"))
    return ngettext("%(num)d notice released (“%(outcome)s”)", "%(num)d notices released (“%(outcome)s”)",
                    _n(event, "count"), outcome=_label(NoticeOutcome, d["outcome"]))


def _detail(words: str, key: str, sub: str | None = None) -> Callable[[AuditEvent], str]:
    """An event's words (marked with N_) followed by one recorded fact."""
    def line(event: AuditEvent) -> str:
        value = _d(event).get(key)
        if sub is not None:
            value = (value or {}).get(sub)
        return _more(_(words), value)
    return line


def _fixed(words: str) -> Callable[[AuditEvent], str]:
    return lambda e: _(words)


def _listed(words: str, key: str) -> Callable[[AuditEvent], str]:
    return lambda e: _more(_(words), ", ".join(str(f).replace("_", " ") for f in (_d(e).get(key) or [])))


def _words(code: Any) -> str:
    """A stored code ("in_person", "vice_chair") in words."""
    return str(code or "").replace("_", " ")
