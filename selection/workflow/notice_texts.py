"""The built-in wording of the outcome notices, in the six languages through gettext.

The messages keep the notices' ``{placeholder}`` braces verbatim (gettext without variables
leaves braces alone), so that a built-in wording, once translated, is a template like the
ones the Secretariat writes and is filled by the same ``notices.render``. Call
``built_in_text`` inside ``selection.i18n.in_language`` to have it in a nominee's language.
"""
from __future__ import annotations

from flask_babel import gettext

from selection.data import N_
from selection.models import NoticeOutcome

# The closing of every built-in notice.
SIGNATURE = N_("With kind regards,\nThe Secretariat of the {body}")

# Subject and body of each built-in notice; the salutation and the signature are added.
DEFAULT_TEMPLATES: dict[NoticeOutcome, tuple[str, str]] = {
    NoticeOutcome.RECEIVED: (
        N_("Your nomination to the {body} has been received"),
        N_("Your nomination (number {nomination_number}) for the {group} group of the {call_title} "
           "has been received. The Secretariat will now screen its eligibility; we will write to you "
           "again when the review advances.")),
    NoticeOutcome.UNDER_REVIEW: (
        N_("Your nomination to the {body} is under review"),
        N_("Your nomination for the {group} group of the {call_title} meets the eligibility "
           "requirements and is now being reviewed.")),
    NoticeOutcome.INELIGIBLE: (
        N_("Your nomination to the {body}"),
        N_("Thank you for your interest in the {body}. After screening, your nomination for the "
           "{group} group could not be accepted: {reason}.\n\nYou may write to the Secretariat if "
           "you believe this is a mistake.")),
    NoticeOutcome.SHORTLISTED: (
        N_("Your nomination to the {body}: shortlisted"),
        N_("We are pleased to tell you that your nomination for the {group} group of the "
           "{call_title} has been shortlisted. The final decision on the membership follows; we "
           "will inform you of it.")),
    NoticeOutcome.NOT_SHORTLISTED: (
        N_("Your nomination to the {body}"),
        N_("Thank you for your nomination for the {group} group of the {call_title}. After careful "
           "review it has not been shortlisted. We received many strong nominations and are grateful "
           "for your interest in the work of the {body}.")),
    NoticeOutcome.APPOINTED: (
        N_("Your appointment to the {body}"),
        N_("We are pleased to inform you that the Secretary-General has appointed you a member of "
           "the {body} for the {group} group, following the {call_title}. The Secretariat will write "
           "to you about the term and the first meeting.")),
    NoticeOutcome.NOT_APPOINTED: (
        N_("Your nomination to the {body}"),
        N_("Thank you for your nomination for the {group} group of the {call_title}, which was "
           "shortlisted. The Secretary-General has now appointed the members of the {body}, and your "
           "nomination was not among them. We are grateful for your interest and your patience "
           "throughout the process.")),
}


def built_in_text(outcome: NoticeOutcome) -> tuple[str, str]:
    """The built-in subject and body of ``outcome`` in the language being written."""
    subject, body = DEFAULT_TEMPLATES[outcome]
    # The salutation the other e-mails use, its name left as a placeholder to fill.
    salutation = gettext("Dear %(name)s,", name="{nominee_name}")
    return gettext(subject), f"{salutation}\n\n{gettext(body)}\n\n{gettext(SIGNATURE)}"


def default_reason() -> str:
    """The ``{reason}`` of an ineligible notice when the Secretariat gave none."""
    return gettext("see the Secretariat's note")
