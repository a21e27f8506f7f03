"""Hostile request bodies that Werkzeug parses but forms cannot take."""
from __future__ import annotations

from flask import request
from werkzeug.datastructures import MultiDict


def drop_nameless_fields() -> None:
    """A multipart part without a name arrives as a field named None, which WTForms' field
    lists cannot read (a 500 on every row editor): forget such parts before any view runs."""
    if request.method not in ("POST", "PUT", "PATCH") or not request.mimetype.startswith("multipart/"):
        return
    for name in ("form", "files"):
        values = getattr(request, name)
        if None in values:
            kept = MultiDict([(key, value) for key, value in values.items(multi=True) if key is not None])
            setattr(request, name, type(values)(kept))
