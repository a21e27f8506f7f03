"""A body's settings the Secretariat keeps: the dissemination list of its summary notes."""
from __future__ import annotations

from flask_babel import gettext as _

from selection.models import Body, User
from selection.workflow import audit
from selection.workflow.bodies.meetings import NotAllowed
from selection.workflow.errors import InvalidConfiguration, WorkflowError
from selection.workflow.permissions import may_run_body
from selection.workflow.users import normalise_email


def set_dissemination_list(body: Body, actor: User | None, text: str) -> list[str]:
    """Keep the addresses (one a line, or separated by commas) the published summaries go to;
    every address is checked first, and none is kept when one is wrong."""
    if not may_run_body(actor):
        raise NotAllowed(_("You may not change this body's dissemination list."))
    raw = [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]
    addresses: list[str] = []
    for entry in raw:
        try:
            address = normalise_email(entry)
        except WorkflowError as error:
            raise InvalidConfiguration({"dissemination_list": str(error)}) from error
        if address not in addresses:
            addresses.append(address)
    before = list(body.setting("dissemination_list") or [])
    body.settings = {**(body.settings or {}), "dissemination_list": addresses}
    audit.record(actor, body, "dissemination_list_changed", before=before, after=addresses)
    return addresses
