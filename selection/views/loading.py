"""Loading what a view works on: the object, or 404."""
from __future__ import annotations

from flask import abort

from selection.models import Call
from selection.workflow.calls import find_call


def call_or_404(slug: str, *, public: bool = False) -> Call:
    """The call with this slug; 404 when there is none, or for ``public`` pages when it is a draft."""
    call = find_call(slug)
    if call is None or (public and not call.is_public):
        abort(404, f"No call has the address {slug!r}.")
    return call
