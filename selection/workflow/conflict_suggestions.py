"""Possible conflicts of interest found automatically (pure functions).

A reviewer may have a conflict with a nomination when their organization, or the domain of
their e-mail address, matches the nominee's or the nominator's. Public mail services
(gmail.com and the like) say nothing about an affiliation and are ignored. These are
suggestions to declare, never declarations: the reviewer or the Secretariat decides.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "aol.com", "icloud.com",
    "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net",
    "web.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com",
    "sina.com", "naver.com", "rediffmail.com", "zoho.com", "fastmail.com", "tutanota.com",
    "orange.fr", "free.fr", "laposte.net", "libero.it", "t-online.de", "example.com",
})
# Words that carry no identity in an organization's name.
_NOISE = {"the", "of", "and", "ltd", "inc", "llc", "plc", "gmbh", "sa", "ag", "co", "corp", "limited"}


@dataclass(frozen=True)
class Party:
    """Someone whose affiliation is compared: the reviewer, the nominee or the nominator."""

    role: str  # "nominee" or "nominator" (the reviewer's own role is implied)
    organization: str
    email: str


def email_domain(email: str) -> str:
    """The domain of an address, lower-case; '' when there is none."""
    return email.rsplit("@", 1)[1].strip().casefold() if "@" in email else ""


def organization_key(organization: str) -> str:
    """An organization's name compared without case, accents, punctuation or legal suffixes."""
    decomposed = unicodedata.normalize("NFKD", organization.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = [w for w in re.split(r"\W+", plain) if w and w not in _NOISE]
    return " ".join(words)


def suggested_conflicts(reviewer_organization: str, reviewer_email: str, others: list[Party]) -> list[str]:
    """Why the reviewer may have a conflict with the nomination of ``others``, in words."""
    reasons = []
    own_org = organization_key(reviewer_organization)
    own_domain = email_domain(reviewer_email)
    for party in others:
        if own_org and own_org == organization_key(party.organization):
            reasons.append(f"same organization as the {party.role} ({party.organization})")
        domain = email_domain(party.email)
        if own_domain and own_domain not in PUBLIC_MAIL_DOMAINS and own_domain == domain:
            reasons.append(f"same e-mail domain as the {party.role} ({domain})")
    return reasons
