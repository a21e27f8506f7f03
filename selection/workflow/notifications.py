"""The one notice path: which mail a nomination's event sends, and to whom.

What the nominee or the nominator does (submission, the invitation to consent, withdrawal,
decline) is told at once: the mail is queued in the outbox, rendered from
``templates/mail/<name>.txt`` through ``selection.services.mail.enqueue``. What the Secretariat and the
decision-makers find (screening, shortlist, decision) is held in the outbox until released
(``notices.hold_notice``), so that a nominee never hears an outcome early. Every operation
that tells anyone anything calls this module; none composes mail itself.
"""
from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _

from selection.i18n import in_page_language
from selection.services import mail
from selection.models import Nomination, NominationStatus, OutcomeNotice, User
from selection.models.enums import position_level_label
from selection.models.sign_in_link import CONSENT
from selection.workflow import access
from selection.workflow.notices import hold_notice, outcome_of


def level_label(nomination: Nomination) -> str:
    """The nomination's position level in words, in the language being written in."""
    return position_level_label(nomination.position_level)


def people_to_tell(nomination: Nomination) -> list[str]:
    """The nominee and, for a third party's nomination, the nominator (each once)."""
    addresses = [nomination.nominee.email]
    if nomination.is_third_party and nomination.nominator_email:
        addresses.append(nomination.nominator_email)
    return list(dict.fromkeys(address.lower() for address in addresses if address))


def receipt(nomination: Nomination) -> None:
    """Queue the receipt of a submitted nomination to the people concerned."""
    for recipient in people_to_tell(nomination):
        with mail.in_language(nomination.language):
            mail.enqueue(recipient, _("Receipt: nomination of %(name)s to %(body)s", name=nomination.nominee.name,
                                      body=in_page_language(nomination.call, "body")),
                         "receipt", related=nomination, nomination=nomination,
                         level_label=level_label(nomination), deadline=nomination.call.deadline_for(nomination),
                         link=mail.link("nominee.show", nomination_id=nomination.id))


def invitation(nomination: Nomination) -> None:
    """Queue the nominee's invitation to consent or decline, with a link that signs them in on
    the nomination; raises ``access.TooManyLinks`` when too many were sent this hour."""
    days = mail.setting("INVITATION_LINK_DAYS")
    token = access.issue_link(nomination.nominee.email, lifetime=timedelta(days=days),
                              limit_per_hour=mail.setting("SIGN_IN_LINKS_PER_HOUR"), purpose=CONSENT,
                              nomination=nomination)
    with mail.in_language(nomination.language):
        mail.enqueue(nomination.nominee.email,
                     _("You have been nominated to the %(body)s: please consent or decline",
                       body=in_page_language(nomination.call, "body")),
                     "invitation", related=nomination, nomination=nomination, days=days,
                     deadline=nomination.call.deadline_for(nomination),
                     link=mail.link("nominee.use_link", token=token))


def sign_in_link(address: str, next_path: str = "") -> None:
    """Queue a one-time sign-in link to ``address`` (leading to ``next_path``); a staff address
    is told to sign in with its password instead, so the page answers alike whether or not an
    account exists. Raises ``access.TooManyLinks`` when too many were sent this hour."""
    minutes = mail.setting("SIGN_IN_LINK_MINUTES")
    try:
        token = access.issue_link(address, lifetime=timedelta(minutes=minutes),
                                  limit_per_hour=mail.setting("SIGN_IN_LINKS_PER_HOUR"), next_path=next_path)
    except access.StaffMustUsePassword:  # nothing was written: tell them by mail, like anyone else
        mail.enqueue(address, _("Sign in with your staff password"), "staff_use_password")
        return
    mail.enqueue(address, _("Your sign-in link"), "sign_in_link", link=mail.link("nominee.use_link", token=token),
                 minutes=minutes)


def withdrawn(nomination: Nomination, actor: User | None, reason: str = "") -> None:
    """Queue the notice of a withdrawal to the nominee and the nominator, whoever withdrew
    (the nominee, the nominator, or the Secretariat through the API or the command line)."""
    for recipient in people_to_tell(nomination):
        with mail.in_language(nomination.language):
            mail.enqueue(recipient, _("Nomination withdrawn: %(name)s", name=nomination.nominee.name), "withdrawn",
                         related=nomination, nomination=nomination, reason=reason, by=actor)


def declined(nomination: Nomination, reason: str = "") -> None:
    """Queue the notice that the nominee declined to the nominator."""
    with mail.in_language(nomination.language):
        mail.enqueue(nomination.nominator_email, _("Nomination declined by %(name)s", name=nomination.nominee.name),
                     "declined", related=nomination, nomination=nomination, reason=reason)


def outcome(nomination: Nomination, status: NominationStatus, actor: User | None,
            reason: str = "") -> OutcomeNotice:
    """Hold the notice of a review or decision outcome until the Secretariat releases it."""
    return hold_notice(nomination, outcome_of(status), actor, reason=reason)
