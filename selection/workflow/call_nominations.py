"""A call's nominations as the administrators' pages need them, asked of the database so that
a page stays the same size whatever the call holds: how many there are, one of them by its
number, and those that were given their own deadline."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from selection.extensions import db
from selection.models import Call, Nomination
from selection.workflow.errors import InvalidConfiguration


def nomination_count(call: Call) -> int:
    """How many nominations the call holds, drafts included."""
    return db.session.execute(select(func.count()).select_from(Nomination)
                              .where(Nomination.call_id == call.id)).scalar_one()


def nomination_numbered(call: Call, number: int | None) -> Nomination | None:
    """The call's nomination with this number (its id, shown as #123), nominee and group loaded;
    None when there is none in this call."""
    if number is None:
        return None
    return db.session.execute(select(Nomination).where(Nomination.id == number, Nomination.call_id == call.id)
                              .options(joinedload(Nomination.nominee), joinedload(Nomination.group))).scalar()


def nomination_to_extend(call: Call, number: int) -> Nomination:
    """The nomination a deadline extension is for; refused, naming the number, when the call has none."""
    nomination = nomination_numbered(call, number)
    if nomination is None:
        raise InvalidConfiguration({"nomination_id": _("there is no nomination #%(number)d in this call",
                                                       number=number)})
    return nomination


def extended_nominations(call: Call) -> dict[int, Nomination]:
    """The nominations that were given their own deadline, by id, nominee and group loaded."""
    ids = {extension.nomination_id for extension in call.deadline_extensions if extension.nomination_id}
    if not ids:
        return {}
    return {n.id: n for n in db.session.execute(
        select(Nomination).where(Nomination.id.in_(sorted(ids)))
        .options(joinedload(Nomination.nominee), joinedload(Nomination.group))).scalars()}
