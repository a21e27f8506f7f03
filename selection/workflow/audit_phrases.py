"""Shared pieces of the audit log in words (see ``audit_words``): the facts an event recorded,
stored codes and dates in the reader's language, and sentences built from N_-marked words.
Everything is written at display time: the log stores codes and facts, never words.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from babel.lists import format_list
from flask_babel import format_date, format_time, get_locale, ngettext
from flask_babel import gettext as _

from selection.data import N_
from selection.models import AuditEvent


def details(event: AuditEvent) -> dict[str, Any]:
    """The facts the event recorded (an empty dict when none)."""
    return event.details or {}


def label_of(enum: Any, value: Any) -> str:
    """A stored enum value by its label in the reader's language (the code in words when unknown)."""
    try:
        return enum(value).label
    except ValueError:
        return str(value).replace("_", " ")


def date_words(value: Any) -> str:
    """A stored ISO date and time in the reader's language, with its UTC time."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return _("%(date)s, %(time)s UTC", date=format_date(moment, "long"), time=format_time(moment, "HH:mm"))


def with_detail(words: str, text: Any, sep: str = ": ") -> str:
    """``words`` followed by a fact the log recorded (a reason, a name), when there is one."""
    if text in (None, "", [], {}):
        return words
    return _("%(words)s: %(detail)s", words=words, detail=text) if sep == ": " else _(
        "%(words)s; %(detail)s", words=words, detail=text)


def count_of(event: AuditEvent, key: str) -> int:
    """A count the event recorded (0 when missing)."""
    return int(details(event).get(key) or 0)


def recorded(words: str, key: str, sub: str | None = None) -> Callable[[AuditEvent], str]:
    """An event's words (marked with N_) followed by one recorded fact."""
    def line(event: AuditEvent) -> str:
        value = details(event).get(key)
        if sub is not None:
            value = (value or {}).get(sub)
        return with_detail(_(words), value)
    return line


def fixed(words: str) -> Callable[[AuditEvent], str]:
    """Words of an event that records no fact (marked with N_)."""
    return lambda e: _(words)


# The details of a nomination a change may name (``NominationDetails``' fields), in words.
FIELD_WORDS = {
    "name": N_("name"), "title": N_("position title"), "organization": N_("organization"), "email": N_("e-mail"),
    "nationality": N_("nationality"), "residence": N_("country of residence"), "gender": N_("gender"),
    "position_level": N_("position level"), "eligibility_declared": N_("eligibility declaration"),
    "biography": N_("biography"), "motivation": N_("motivation statement"),
    "availability_confirmed": N_("availability"), "availability_note": N_("note on availability"),
    "languages": N_("languages"), "links": N_("links"), "data_consent": N_("consent to data processing"),
    "no_remuneration_declared": N_("declaration on remuneration"), "answers": N_("answers to the questions"),
    "nominator_kind": N_("kind of nominator"), "nominator_name": N_("nominator's name"),
    "nominator_organization": N_("nominator's organization"), "nominator_email": N_("nominator's e-mail"),
}


def listed(words: str, key: str) -> Callable[[AuditEvent], str]:
    """Words of an event followed by the recorded list ``key`` (codes in the reader's words,
    joined as the reader's language lists them)."""
    def line(event: AuditEvent) -> str:
        codes = [str(code) for code in (details(event).get(key) or [])]
        names = [_(FIELD_WORDS[code]) if code in FIELD_WORDS else code_words(code) for code in codes]
        locale = get_locale()
        joined = format_list(names, style="standard", locale=locale) if names and locale else ", ".join(names)
        return with_detail(_(words), joined)
    return line


def code_words(code: Any) -> str:
    """A stored code ("in_person", "vice_chair") in words."""
    return str(code or "").replace("_", " ")


def moved_words(what: str) -> Callable[[AuditEvent], str]:
    """A meeting, action item, travel request or election moved from one state to another."""
    def words(event: AuditEvent) -> str:
        states = {"old": code_words(event.from_state), "new": code_words(event.to_state)}
        if what == "meeting":
            return _("Meeting moved from “%(old)s” to “%(new)s”", **states)
        if what == "action":
            return _("Action item moved from “%(old)s” to “%(new)s”", **states)
        if what == "travel":
            return with_detail(_("Travel support request moved from “%(old)s” to “%(new)s”", **states),
                               details(event).get("amount"))
        if details(event).get("round"):
            return _("Election moved from “%(old)s” to “%(new)s”, round %(round)s", round=details(event)["round"],
                     **states)
        return _("Election moved from “%(old)s” to “%(new)s”", **states)
    return words


def host_words(event: AuditEvent) -> str:
    """The host of an IGF year recorded (and the one it replaced)."""
    d = details(event)
    host = d.get("new") or _("not decided")
    if d.get("old"):
        return _("IGF %(year)s host recorded: %(host)s (was %(before)s)", year=d.get("year"), host=host,
                 before=d["old"])
    return _("IGF %(year)s host recorded: %(host)s", year=d.get("year"), host=host)


def sessions_ended_words(event: AuditEvent) -> str:
    """A person signed out everywhere: how many sessions ended, and why."""
    reason, count = details(event).get("reason", ""), count_of(event, "sessions")
    if reason == "deactivated":
        return ngettext("Signed out everywhere (%(num)d session ended, on deactivation)",
                        "Signed out everywhere (%(num)d sessions ended, on deactivation)", count)
    if reason == "administrator":
        return ngettext("Signed out everywhere (%(num)d session ended, by an administrator)",
                        "Signed out everywhere (%(num)d sessions ended, by an administrator)", count)
    return ngettext("Signed out everywhere (%(num)d session ended)", "Signed out everywhere (%(num)d sessions ended)",
                    count)
