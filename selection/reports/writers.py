"""Writing an export's rows as they come: CSV as a stream of byte chunks, Excel with
openpyxl's write-only mode (rows go to a temporary file, not to cells kept in memory).

Cells that a spreadsheet would run as a formula (starting with =, +, - or @) are written as
text, and characters no spreadsheet may hold (NUL, escape...) are removed: a nominee's
answers never execute in, nor break, a reviewer's spreadsheet.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from itertools import chain, islice
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from selection.reports.xlsx_rows import write_plain_rows
from selection.text import spreadsheet_text

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START_SET = frozenset(_FORMULA_STARTS)
DATE_FORMAT = "yyyy-mm-dd hh:mm"  # Excel's number format of the date cells (UTC)
MIN_WIDTH, MAX_WIDTH = 8, 50  # column widths in characters
WIDTH_SAMPLE = 500  # rows read to fit the column widths (write-only sheets set them first)
CSV_CHUNK = 200  # rows per chunk of a streamed CSV
CSV_TIME = "%Y-%m-%d %H:%M"  # how the CSV writes a date and time (UTC)


def safe(value: Any) -> Any:
    """Text a spreadsheet would evaluate is prefixed with an apostrophe; characters a
    spreadsheet cannot hold are removed."""
    return _safe_text(value) if isinstance(value, str) else value


def _safe_text(value: str) -> str:
    if not value.isprintable():  # fast test first: most text has no control character at all
        value = spreadsheet_text(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv_value(value: Any) -> Any:
    """A cell as the CSV writes it: text made safe, dates to the minute, nothing empty."""
    if isinstance(value, str):
        return _safe_text(value)
    if value is None:
        return ""
    return value.strftime(CSV_TIME) if isinstance(value, datetime) else value


def csv_chunks(headers: list[str], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (so spreadsheets read the accents), a chunk at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers)
    for count, row in enumerate(rows, 1):
        # The hot loop of a large export: the common cells (printable text that starts no
        # formula, numbers, nothing) are written as they are, without a call per cell.
        writer.writerow([v if v is None or (type(v) is str and v.isprintable() and v[:1] not in _FORMULA_START_SET)
                         or type(v) is int or type(v) is float else _csv_value(v) for v in row])
        if count % CSV_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")




def excel_value(value: Any) -> Any:
    """Datetimes as Excel date cells (naive UTC: Excel has no time zones); text never a formula."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    return safe(value)


def width(header: str, values: list[Any]) -> float:
    """Wide enough for the heading's longest word and the typical first line of the column's cells."""
    longest_word = max((len(word) for word in header.split()), default=0)
    lines = sorted(len(DATE_FORMAT) if isinstance(v, datetime) else len(str(v).split("\n", 1)[0])
                   for v in values if v is not None)
    typical = lines[int(len(lines) * 0.9)] if lines else 0  # the 90th percentile: one long cell wraps
    return float(min(max(longest_word, typical, MIN_WIDTH), MAX_WIDTH) + 2)


def write_xlsx(out: IO[bytes], headers: list[str], rows: Iterable[list[Any]], row_count: int,
               about: list[list[Any]]) -> None:
    """The rows as an Excel workbook in write-only mode: the nominations (with an autofilter,
    widths fitted to the first rows and real date cells), then an About sheet of ``about``
    lines (first line bold)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nominations")
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    for index, header in enumerate(headers, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width(header, [r[index - 1] for r in sample])
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{row_count + 1}"
    sheet.append([_cell(sheet, h, Font(bold=True), Alignment(wrap_text=True, vertical="top")) for h in headers])
    write_plain_rows(sheet, len(headers), _safe_text, _value_cell)
    for row in chain(sample, rows):
        sheet.append(row)
    _about_sheet(book, about)
    book.save(out)


def _cell(sheet: WriteOnlyWorksheet, value: Any, font: Font | None = None,
          alignment: Alignment | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _value_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    # Plain values where openpyxl infers the right cell (most of them): a cell object per
    # value is what made large exports slow. Safe text never starts with "=", so it is
    # never a formula; only text that reads as an error code ("#N/A") and dates need a cell.
    if value is None:
        return None
    if isinstance(value, str):
        value = _safe_text(value)
        if value not in ERROR_CODES:
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=excel_value(value))
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _about_sheet(book: Workbook, lines: list[list[Any]]) -> None:
    about = book.create_sheet("About")
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 40
    for number, line in enumerate(lines):
        cells = [_value_cell(about, v) for v in line]
        if number == 0:
            cells = [_cell(about, safe(line[0]), Font(bold=True))]
        about.append(cells)
