"""Exports of a call's nominations for the Secretariat: CSV and Excel, one row per nomination
with every field, every review score and comment, the recommendations and the status history,
filtered exactly as the list is. Every export is written to each exported nomination's
audit log.

Cells that a spreadsheet would run as a formula (starting with =, +, - or @) are written as
text: a nominee's answers never execute in a reviewer's spreadsheet.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from selection.data import REGIONAL_GROUPS, country_name
from selection.extensions import db
from selection.models import AuditEvent, Call, InternalComment, NominationStatus, ScreeningResult, User, utcnow
from selection.models.enums import POSITION_LEVELS
from selection.review_scores import describe_aggregation, describe_formula, review_score
from selection.plurals import ngettext
from selection.workflow import audit
from selection.workflow.review import criteria_of, latest_screenings
from selection.workflow.review_list import NominationFilter, NominationReviewData, filtered, load_review_data

FORMATS = ("csv", "xlsx")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd hh:mm"  # Excel's number format of the date cells (UTC)
MIN_WIDTH, MAX_WIDTH = 8, 50  # column widths in characters


@dataclass(frozen=True)
class Table:
    """Column headings and rows of plain values (str, int, float or None)."""

    headers: list[str]
    rows: list[list[Any]]


def build_table(call: Call, data: list[NominationReviewData]) -> Table:
    """One row per nomination with everything the Secretariat records."""
    slots = max((len(d.reviews) for d in data), default=0)
    answer_keys = _answer_columns(call, data)
    headers = BASE_HEADERS + [label for _key, label in answer_keys] + SCORE_HEADERS
    for slot in range(1, slots + 1):
        headers += [f"Review {slot}: reviewer", f"Review {slot}: state", f"Review {slot}: score (0-100)"]
        for criterion in call.rubric_criteria:
            headers += [f"Review {slot}: {criterion.name}", f"Review {slot}: {criterion.name} comment"]
        headers.append(f"Review {slot}: overall comment")
    for body in call.recommending_bodies:
        headers += [f"{body.name}: recommendation", f"{body.name}: note"]
    headers += ["Conflicts of interest", "Internal comments", "Status history"]
    ids = [d.nomination.id for d in data]
    comments, history, screenings = _internal_comments(ids), _history(ids), latest_screenings(ids)
    rows = []
    for d in data:
        row = _base_cells(d) + [_answer_text(d.nomination.answers.get(key)) for key, _ in answer_keys]
        row += _score_cells(call, d, screenings.get(d.nomination.id))
        row += _review_cells(call, d, slots)
        levels = {r.body_id: r for r in d.recommendations}
        for body in call.recommending_bodies:
            rec = levels.get(body.id)
            row += [rec.level.label if rec else None, rec.note if rec else None]
        row += ["; ".join(f"{c.reviewer.name or c.reviewer.email}: {c.description}" for c in d.conflicts),
                "\n".join(comments[d.nomination.id]), "\n".join(history[d.nomination.id])]
        rows.append(row)
    return Table(headers, rows)


BASE_HEADERS = [
    "Nomination", "Candidate", "Status", "Stakeholder group", "Submitted (UTC)", "Name", "Title",
    "Organization", "E-mail", "Nationality", "UN regional group", "Residence", "Gender", "Position level",
    "Eligibility declared", "Biography", "Motivation", "Languages", "Availability confirmed",
    "Availability note", "Links", "Nominated by", "Nominator organization", "Nominator e-mail",
    "Nominator kind", "Consent", "CV",
]
SCORE_HEADERS = ["Screening", "Reviewers assigned", "Reviews counted", "Mean score (0-100)",
                 "Median score (0-100)", "Spread (max-min)", "Reviewers disagree", "Merit score (0-100)",
                 "Merit formula"]


def _base_cells(d: NominationReviewData) -> list[Any]:
    n, person = d.nomination, d.nomination.nominee
    levels = dict(pair for group in POSITION_LEVELS.values() for pair in group)
    return [
        n.id, d.candidate, n.status.label, n.group.name,
        n.submitted_at,
        person.name, person.title, person.organization, person.email,
        country_name(person.nationality) if person.nationality else None,
        REGIONAL_GROUPS.get(person.region or "", None), country_name(person.residence) if person.residence else None,
        person.gender.label, levels.get(n.position_level, n.position_level or None),
        _yes_no(n.eligibility_declared), n.biography, n.motivation, n.languages,
        _yes_no(n.availability_confirmed), n.availability_note, "\n".join(n.links or []),
        n.nominator_name if n.is_third_party else "Self-nomination",
        n.nominator_organization or None, n.nominator_email or None,
        n.nominator_kind.label if n.nominator_kind else None, n.consent_state.label,
        n.cv.original_name if n.cv else None,
    ]


def _score_cells(call: Call, d: NominationReviewData, screening: ScreeningResult | None) -> list[Any]:
    screened = None
    if screening is not None:
        screened = "Eligible" if screening.eligible else f"Ineligible: {screening.reason_text}"
    s = d.scores
    return [screened, ", ".join(u.name or u.email for u in d.assigned), s.count, _round(s.mean),
            _round(s.median), _round(s.spread), _yes_no(s.disagreement) if s.count > 1 else None,
            _round(d.merit), describe_formula(call.merit_settings)]


def _review_cells(call: Call, d: NominationReviewData, slots: int) -> list[Any]:
    criteria = criteria_of(call)
    recused = {c.reviewer_id for c in d.conflicts}
    cells: list[Any] = []
    for slot in range(slots):
        review = d.reviews[slot] if slot < len(d.reviews) else None
        if review is None:
            cells += [None] * (3 + 2 * len(call.rubric_criteria) + 1)
            continue
        state = "recused (not counted)" if review.reviewer_id in recused else (
            "submitted" if review.is_submitted else "draft (not counted)")
        score = review_score({s.criterion_id: s.score for s in review.scores}, criteria)
        cells += [review.reviewer.name or review.reviewer.email, state, _round(score)]
        for criterion in call.rubric_criteria:
            row = review.score_for(criterion.id)
            cells += [row.score if row else None, row.comment if row and row.comment else None]
        cells.append(review.overall_comment or None)
    return cells


def _answer_columns(call: Call, data: list[NominationReviewData]) -> list[tuple[str, str]]:
    """(answer key, column heading) for every answer given, in the order of the call's questions."""
    labels = {q.key: q.label for q in call.questions}
    given = {key for d in data for key in (d.nomination.answers or {})}
    ordered = [key for key in labels if key in given] + sorted(given - set(labels))
    return [(key, f"Answer: {labels.get(key, key)}") for key in ordered]


def _answer_text(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _internal_comments(ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for c in db.session.execute(select(InternalComment).where(InternalComment.nomination_id.in_(ids))
                                .order_by(InternalComment.id)).scalars():
        who = c.author.name or c.author.email if c.author else "system"
        out[c.nomination_id].append(f"{c.created_at:%Y-%m-%d %H:%M} {who}: {c.body}")
    return out


def _history(ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    events = db.session.execute(select(AuditEvent).where(
        AuditEvent.object_type == "nomination", AuditEvent.object_id.in_(ids),
        AuditEvent.to_state.is_not(None), AuditEvent.action == "status",
    ).order_by(AuditEvent.id).options(selectinload(AuditEvent.actor))).scalars()
    for e in events:
        who = e.actor.email if e.actor else "system"
        out[e.object_id].append(f"{e.at:%Y-%m-%d %H:%M} UTC {_status_words(e.from_state)} → "
                                f"{_status_words(e.to_state)} by {who}")
    return out


def _status_words(value: str | None) -> str:
    """A status as people read it ("Under review"), from its stored value ("under_review")."""
    try:
        return NominationStatus(value).label if value else "—"
    except ValueError:
        return value or "—"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def spreadsheet_safe(value: Any) -> Any:
    """Text a spreadsheet would evaluate is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark (so spreadsheets read the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return spreadsheet_safe(value)


def _excel_value(value: Any) -> Any:
    """Datetimes as Excel date cells (naive UTC: Excel has no time zones); text never a formula."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    return spreadsheet_safe(value)


def _width(header: str, values: list[Any]) -> float:
    """Wide enough for the heading's longest word and the typical first line of the column's cells."""
    longest_word = max((len(word) for word in header.split()), default=0)
    lines = sorted(len(DATE_FORMAT) if isinstance(v, datetime) else len(str(v).split("\n", 1)[0])
                   for v in values if v is not None)
    typical = lines[int(len(lines) * 0.9)] if lines else 0  # the 90th percentile: one long cell wraps
    return float(min(max(longest_word, typical, MIN_WIDTH), MAX_WIDTH) + 2)


def to_xlsx(table: Table, call: Call, description: list[str], exported_by: str = "",
            exported_at: datetime | None = None) -> bytes:
    """The table as an Excel workbook: the nominations (with an autofilter, fitted widths and
    real date cells), and a sheet saying when and by whom it was exported and how scores are made."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Nominations"
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([_excel_value(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(table.headers, 1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(header, [r[index - 1] for r in table.rows])
    _about_sheet(book, call, description, exported_by, exported_at or utcnow())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(call: Call, actor: User | None, fmt: str, f: NominationFilter | None = None) -> bytes:
    """Export the call's nominations (filtered as the list is) and record the export."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use csv or xlsx")
    f = f or NominationFilter()
    data = filtered(load_review_data(call), f)
    table = build_table(call, data)
    description = [
        ngettext("Exported %(num)d nomination", "Exported %(num)d nominations", len(data))
        + f"; filter: {json.dumps(f.as_args(), ensure_ascii=False) if f.as_args() else 'none'}.",
        describe_aggregation(), describe_formula(call.merit_settings),
    ]
    who = f"{actor.name} ({actor.email})" if actor is not None and actor.name else (
        actor.email if actor is not None else "the command line")
    content = to_csv(table) if fmt == "csv" else to_xlsx(table, call, description, who)
    for d in data:
        audit.record(actor, d.nomination, "exported", format=fmt)
    audit.record(actor, call, "exported", format=fmt, nominations=len(data), filter=f.as_args())
    db.session.flush()
    return content


def _about_sheet(book: Workbook, call: Call, description: list[str], exported_by: str,
                 exported_at: datetime) -> None:
    about = book.create_sheet("About")
    about.append([call.title])
    about["A1"].font = Font(bold=True)
    about.append(["Exported at (UTC)", _excel_value(exported_at)])
    about["B2"].number_format = DATE_FORMAT
    about.append(["Exported by", exported_by or "—"])
    for line in description:
        about.append([line])
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 40
