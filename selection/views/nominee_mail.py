"""The mails of a nomination's life: the receipt to the people concerned and the nominee's
invitation to consent to a nomination made by someone else."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for

from selection import mail
from selection.models import Nomination
from selection.models.enums import POSITION_LEVELS
from selection.models.sign_in_link import CONSENT
from selection.workflow import access
from selection.workflow import nominations as ops


def level_label(nomination: Nomination) -> str:
    """The nomination's position level in words, as its group offers it."""
    levels = dict(POSITION_LEVELS[nomination.group.required_level.value])
    return levels.get(nomination.position_level, nomination.position_level)


def people_to_tell(nomination: Nomination) -> list[str]:
    """The nominee and, for a third party's nomination, the nominator (each once)."""
    addresses = [nomination.nominee.email]
    if nomination.is_third_party and nomination.nominator_email:
        addresses.append(nomination.nominator_email)
    return list(dict.fromkeys(address.lower() for address in addresses if address))


def send_receipt(nomination: Nomination) -> None:
    """Mail the receipt of a submitted nomination to the people concerned."""
    for recipient in people_to_tell(nomination):
        mail.enqueue(recipient, f"Receipt: nomination of {nomination.nominee.name} to {nomination.call.body}",
                     "receipt", related=nomination, nomination=nomination,
                     level_label=level_label(nomination), deadline=ops.deadline_of(nomination),
                     link=url_for("nominee.show", nomination_id=nomination.id, _external=True))


def invite_nominee(nomination: Nomination) -> None:
    """Mail the nominee a link that signs them in on the nomination, to consent or decline."""
    days = current_app.config["INVITATION_LINK_DAYS"]
    token = access.issue_link(nomination.nominee.email, lifetime=timedelta(days=days),
                              limit_per_hour=current_app.config["SIGN_IN_LINKS_PER_HOUR"], purpose=CONSENT,
                              nomination=nomination)
    mail.enqueue(nomination.nominee.email,
                 f"You have been nominated to the {nomination.call.body}: please consent or decline",
                 "invitation", related=nomination, nomination=nomination, days=days,
                 deadline=ops.deadline_of(nomination),
                 link=url_for("nominee.use_link", token=token, _external=True))
