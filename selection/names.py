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
