"""The yearly report of contributions as CSV, for the Panel's fundraising function."""
from __future__ import annotations

import csv
import io

from selection.reports.writers import safe
from selection.workflow.contributions import ReportRow


def report_csv(rows: list[ReportRow]) -> str:
    """The yearly report as CSV, one line per year, currency and donor (donors' names never run
    as a spreadsheet formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["year", "currency", "donor", "contributions", "total"])
    for row in rows:
        writer.writerow([row.year, row.currency, safe(row.donor), row.count, f"{row.total:.2f}"])
    return buffer.getvalue()
