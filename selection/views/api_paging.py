"""Pages of the API's lists: ``?limit=`` and ``?cursor=`` read and checked, a page of ids
counted and cut by the database in id order, and the answer's paging fields with the link to
the next page. Every list of a call's nominations pages the same way."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, request, url_for
from sqlalchemy import ColumnElement, func, select

from selection.extensions import db
from selection.models import Nomination
from selection.numbers import parse_id, parse_int
from selection.views.api_core import array_of

DEFAULT_LIMIT, MAX_LIMIT = 100, 500  # nominations per page

CURSOR_PARAMETER = {
    "name": "cursor", "in": "query", "required": False,
    "description": "Where the page starts: the previous page's `next_cursor` (leave out for the first page).",
    "schema": {"type": "string"},
}


def limit_parameter(what: str) -> dict[str, Any]:
    """The OpenAPI description of ``?limit=`` for a list of ``what``."""
    return {"name": "limit", "in": "query", "required": False,
            "description": f"How many {what} one page holds (at most {MAX_LIMIT}).",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}}


def page_schema(items: str, key: str, **extra: Any) -> dict[str, Any]:
    """The OpenAPI schema of a page holding ``items`` under ``key``, with the paging fields."""
    return {"type": "object", "required": [key, "total", "limit", "next_cursor", "next"], "properties": {
        **extra, key: array_of(items),
        "total": {"type": "integer", "description": "How many the whole list holds"},
        "limit": {"type": "integer", "description": "The page size used"},
        "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last page"},
        "next": {"type": ["string", "null"], "format": "uri",
                 "description": "The next page's address; null on the last page"}}}


@dataclass(frozen=True)
class IdPage:
    """One page of nomination ids in id order, the list's total and the next page's cursor."""

    ids: list[int]
    total: int
    limit: int
    cursor: str | None

    def fields(self, endpoint: str, **arguments: Any) -> dict[str, Any]:
        """The answer's paging fields; ``next`` is ``endpoint`` with ``arguments`` and the cursor."""
        return {"total": self.total, "limit": self.limit, "next_cursor": self.cursor,
                "next": url_for(endpoint, limit=self.limit, cursor=self.cursor, **arguments, _external=True)
                if self.cursor else None}


def window() -> tuple[int, int]:
    """The page size and the cursor (the last id of the previous page, 0 at the start) from the
    query string; 400 naming what is wrong."""
    limit = parse_int(request.args.get("limit", str(DEFAULT_LIMIT)), minimum=1, maximum=MAX_LIMIT)
    if limit is None:
        abort(400, f"The limit must be a whole number from 1 to {MAX_LIMIT}.")
    after = parse_id(request.args["cursor"]) if "cursor" in request.args else 0
    if after is None:
        abort(400, "The cursor is not one this API gave: use the previous page's next_cursor.")
    return limit, after


def id_page(*conditions: ColumnElement[bool]) -> IdPage:
    """The page the query string asks for of the nominations meeting ``conditions``, in two
    statements (the total and the page's ids) whatever the list's length."""
    limit, after = window()
    total = db.session.execute(select(func.count()).select_from(Nomination).where(*conditions)).scalar_one()
    ids = list(db.session.execute(select(Nomination.id).where(*conditions, Nomination.id > after)
                                  .order_by(Nomination.id).limit(limit + 1)).scalars())
    more, ids = len(ids) > limit, ids[:limit]
    return IdPage(ids, total, limit, str(ids[-1]) if more else None)
