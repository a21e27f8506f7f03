"""The Excel export of a slate run: a sheet about the run, one per slate, and the decision."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from selection.reports.writers import safe as spreadsheet_safe
from selection.models import Decision, SlateRun
from selection.slates import RunView


def slates_workbook(slate_run: SlateRun, view: RunView, decision: Decision | None) -> bytes:
    """The run's slates, one sheet each, and the call's decision, as an Excel workbook."""
    call = slate_run.call
    book = Workbook()
    about = book.active
    about.title = "Run"
    for line in [call.title, f"Run #{slate_run.id} requested {slate_run.requested_at:%d %B %Y %H:%M} UTC",
                 f"Outcome: {view.outcome}", *[f"Conflict: {c.text}" for c in view.conflicts],
                 *[f"Rule price: {p.text}" for p in view.prices],
                 *([f"Robustness: {view.robustness}"] if view.robustness else [])]:
        about.append([spreadsheet_safe(line)])
    headers = ["Stakeholder group", "Name", "Organization", "UN regional group", "Gender", "Nationality",
               "Merit score", "Replacement cost", "In every slate", "Recommendations"]
    for slate in view.slates:
        sheet = book.create_sheet(f"Slate {slate.rank}")
        sheet.append([f"Slate {slate.rank}: score {slate.score:g}", f"bound {slate.bound}",
                      "proven optimal" if slate.proven_optimal else "best found in time"])
        sheet.append(headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for m in slate.members:
            sheet.append([spreadsheet_safe(v) for v in (m.group_name, m.name, m.organization, m.region_name, m.gender,
                                              m.country_name, m.score, m.replacement_in_words,
                                              "yes" if m.in_every_slate else "no", "; ".join(m.recommendations))])
    if decision is not None:
        sheet = book.create_sheet("Decision")
        names = {n.id: n.nominee.name for n in call.nominations}
        for row in (["Date", decision.decided_on.isoformat()], ["Source", decision.source_in_words],
                    ["Rationale", decision.rationale], ["Hard rules broken", "; ".join(decision.broken_rules)],
                    ["Justification", decision.hard_rule_justification],
                    *[["Member", names.get(i, str(i))] for i in decision.member_ids]):
            sheet.append([spreadsheet_safe(v) for v in row])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
