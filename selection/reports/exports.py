"""Exports of a call's nominations for the Secretariat: CSV and Excel, one row per nomination
with every field, every review score and comment, the recommendations and the status history,
filtered exactly as the list is. Rows are read, built and written one nomination at a time
(see ``export_data`` and ``writers``), and every export is one audit event on the call naming
the exported nominations.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from flask_babel import gettext

from selection.data import N_
from selection.extensions import db
from selection.i18n import current_language, in_language
from selection.models import Call, User, utcnow
from selection.plurals import ngettext
from selection.reports.export_cells import Cells
from selection.reports.export_data import ExportPlan, entries, plan_export
from selection.reports.writers import csv_chunks, write_xlsx
from selection.review_scores import describe_aggregation, describe_formula
from selection.workflow import audit
from selection.workflow.review_list import NominationFilter

FORMATS = ("csv", "xlsx")
PROGRESS_EVERY = 500  # rows between two reports of a background export's progress
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Export:
    """A planned and audited export: its columns, and its rows read as they are written. It holds
    the call's id, not the call: a streamed response reads the rows after the view's commit."""

    call_id: int
    title: str
    fmt: str
    filename: str
    plan: ExportPlan
    answer_keys: list[tuple[str, str]]
    headers: list[str]
    description: list[str]
    exported_by: str
    exported_at: datetime
    language: str = "en"  # the staff member's: headings, statuses and words of the file

    @property
    def count(self) -> int:
        """How many nominations (rows) it holds."""
        return len(self.plan.ids)

    @property
    def mimetype(self) -> str:
        """The file's media type."""
        return MIMETYPES[self.fmt]

    def rows(self, progress: Callable[[int], None] | None = None) -> Iterator[list[Any]]:
        """One row per nomination, in the list's order, built as it is read (in the export's
        language, whoever reads them: a streamed response too); ``progress`` hears the rows done
        so far every ``PROGRESS_EVERY`` rows."""
        call = db.session.get(Call, self.call_id)
        cells = Cells(call, self.plan.review_slots, self.answer_keys, self.language)
        done = 0
        for entry in entries(self.plan):
            yield cells.row(entry)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress is not None and done % PROGRESS_EVERY:
            progress(done)

    def chunks(self) -> Iterator[bytes]:
        """The CSV, a chunk of bytes at a time (for a streamed response)."""
        return csv_chunks(self.headers, self.rows())

    def write(self, out: IO[bytes], progress: Callable[[int], None] | None = None) -> None:
        """Write the whole file to ``out``."""
        if self.fmt == "csv":
            for chunk in csv_chunks(self.headers, self.rows(progress)):
                out.write(chunk)
            return
        with in_language(self.language):
            about = [[self.title], [gettext("Exported at (UTC)"), self.exported_at],
                     [gettext("Exported by"), self.exported_by or "—"]]
        write_xlsx(out, self.headers, self.rows(progress), self.count, about + [[line] for line in self.description])


def headers_for(call: Call, slots: int, answer_keys: list[tuple[str, str]]) -> list[str]:
    """The column headings: fields, answers, scores, ``slots`` reviews, recommendations, history."""
    headers = ([gettext(h) for h in BASE_HEADERS] + [label for _key, label in answer_keys]
               + [gettext(h) for h in SCORE_HEADERS])
    for slot in range(1, slots + 1):
        headers += [gettext("Review %(slot)s: reviewer", slot=slot), gettext("Review %(slot)s: state", slot=slot),
                    gettext("Review %(slot)s: score (0-100)", slot=slot)]
        for criterion in call.rubric_criteria:
            headers += [gettext("Review %(slot)s: %(criterion)s", slot=slot, criterion=criterion.name),
                        gettext("Review %(slot)s: %(criterion)s comment", slot=slot, criterion=criterion.name)]
        headers.append(gettext("Review %(slot)s: overall comment", slot=slot))
    for body in call.recommending_bodies:
        headers += [gettext("%(body)s: recommendation", body=body.name), gettext("%(body)s: note", body=body.name)]
    return headers + [gettext("Conflicts of interest"), gettext("Internal comments"), gettext("Status history")]


BASE_HEADERS = [N_(h) for h in (
    "Nomination", "Candidate", "Status", "Stakeholder group", "Submitted (UTC)", "Name", "Title",
    "Organization", "E-mail", "Nationality", "UN regional group", "Residence", "Gender", "Position level",
    "Eligibility declared", "Biography", "Motivation", "Languages", "Availability confirmed",
    "Availability note", "Links", "Nominated by", "Nominator organization", "Nominator e-mail",
    "Nominator kind", "Consent", "CV", "Written in",
)]
SCORE_HEADERS = [N_(h) for h in (
    "Screening", "Reviewers assigned", "Reviews counted", "Mean score (0-100)", "Median score (0-100)",
    "Spread (max-min)", "Reviewers disagree", "Merit score (0-100)", "Merit formula",
)]


def answer_columns(call: Call, given: Iterable[str]) -> list[tuple[str, str]]:
    """(answer key, column heading) for every answer given, in the order of the call's questions."""
    labels = {q.key: q.label for q in call.questions}
    given = set(given)
    ordered = [key for key in labels if key in given] + sorted(given - set(labels))
    return [(key, f"Answer: {labels.get(key, key)}") for key in ordered]


def prepare_export(call: Call, actor: User | None, fmt: str, f: NominationFilter | None = None) -> Export:
    """Plan the export of the call's nominations (filtered as the list is) and record it:
    one audit event on the call naming every exported nomination."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use csv or xlsx")
    f = f or NominationFilter()
    plan = plan_export(call, f)
    description = [
        ngettext("Exported %(num)d nomination; filter: %(filter)s.", "Exported %(num)d nominations; filter: %(filter)s.",
                 len(plan.ids), filter=json.dumps(f.as_args(), ensure_ascii=False) if f.as_args() else gettext("none")),
        describe_aggregation(), describe_formula(call.merit_settings),
    ]
    who = f"{actor.name} ({actor.email})" if actor is not None and actor.name else (
        actor.email if actor is not None else "the command line")
    audit.record(actor, call, "exported", format=fmt, nominations=len(plan.ids), filter=f.as_args(),
                 nomination_ids=plan.ids)
    db.session.flush()
    answers = answer_columns(call, plan.answer_keys)
    return Export(call.id, call.title, fmt, f"{call.slug}-nominations.{fmt}", plan, answers,
                  headers_for(call, plan.review_slots, answers), description, who, utcnow(), current_language())


def export(call: Call, actor: User | None, fmt: str, f: NominationFilter | None = None) -> bytes:
    """Export the call's nominations (filtered as the list is) as one file's bytes, recorded."""
    out = io.BytesIO()
    prepare_export(call, actor, fmt, f).write(out)
    return out.getvalue()
