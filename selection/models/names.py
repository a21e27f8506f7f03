"""Matching people's names as people type them: case, accents, apostrophes and spacing ignored."""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The form two spellings of one name share: "Céline  BAL" and "celine bal" give "celine bal"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", plain).strip().casefold()


def normalised_name(name: str) -> str:
    """Names compare without regard to case, spacing or accents, in any script."""
    if name.isascii():  # nothing to decompose (the same result, without the per-character pass)
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(without_marks.split())


def normalised_email(email: str) -> str:
    """Addresses compare without regard to case or surrounding space."""
    return email.strip().casefold()


def search_text(*texts: str) -> str:
    """What a search looks in: each text normalised (case, spacing and accents ignored), joined by a space."""
    return " ".join(normalised_name(text or "") for text in texts)
