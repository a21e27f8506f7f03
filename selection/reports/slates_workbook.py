"""The Excel export of a slate run: a sheet about the run, one per slate, and the decision."""
from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select

from selection.i18n import long_date
from selection.reports.writers import safe as spreadsheet_safe
from selection.extensions import db
from selection.models import Decision, Nomination, Nominee, SlateRun
from selection.slates import RunView


def member_names(nomination_ids: list[int]) -> dict[int, str]:
    """The nominees' names of these nominations (the decision's members), in one statement."""
    return dict(db.session.execute(select(Nomination.id, Nominee.name).join(Nominee, Nominee.id == Nomination.nominee_id)
                                   .where(Nomination.id.in_(list(nomination_ids)))).all())


def slates_workbook(slate_run: SlateRun, view: RunView, decision: Decision | None) -> bytes:
    """The run's slates, one sheet each, and the call's decision, as an Excel workbook."""
    call = slate_run.call
    book = Workbook()
    about = book.active
    about.title = _("Run")
    for line in [call.title, _("Run #%(id)s requested %(moment)s", id=slate_run.id,
                                moment=long_date(slate_run.requested_at, with_time=True)),
                 _("Outcome: %(outcome)s", outcome=view.outcome),
                 *[_("Conflict: %(text)s", text=c.text) for c in view.conflicts],
                 *[_("Rule price: %(text)s", text=p.text) for p in view.prices],
                 *([_("Robustness: %(text)s", text=view.robustness)] if view.robustness else [])]:
        about.append([spreadsheet_safe(line)])
    headers = [_("Stakeholder group"), _("Name"), _("Organization"), _("UN regional group"), _("Gender"),
               _("Nationality"), _("Merit score"), _("Replacement cost"), _("In every slate"), _("Recommendations")]
    for slate in view.slates:
        sheet = book.create_sheet(_("Slate %(rank)s", rank=slate.rank))
        sheet.append([_("Slate %(rank)s: score %(score)s", rank=slate.rank, score=format(slate.score, "g")),
                      _("bound %(bound)s", bound=slate.bound),
                      _("proven optimal") if slate.proven_optimal else _("best found in time")])
        sheet.append(headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for m in slate.members:
            sheet.append([spreadsheet_safe(v) for v in (m.group_name, m.name, m.organization, m.region_name, m.gender,
                                              m.country_name, m.score, m.replacement_in_words,
                                              _("yes") if m.in_every_slate else _("no"), "; ".join(m.recommendations))])
    if decision is not None:
        sheet = book.create_sheet(_("Decision"))
        names = member_names(decision.member_ids)
        for row in ([_("Date"), decision.decided_on.isoformat()], [_("Source"), decision.source_in_words],
                    [_("Rationale"), decision.rationale],
                    [_("Hard rules broken"), "; ".join(decision.broken_rules)],
                    [_("Justification"), decision.hard_rule_justification],
                    *[[_("Member"), names.get(i, str(i))] for i in decision.member_ids]):
            sheet.append([spreadsheet_safe(v) for v in row])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
