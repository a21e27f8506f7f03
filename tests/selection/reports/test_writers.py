"""The export writers on their own: what a cell becomes in the CSV and in the workbook."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from openpyxl import load_workbook

from selection.reports.writers import DATE_FORMAT, csv_chunks, write_xlsx

ROW = ["#N/A", "=1+1", "-3", "@x", 5, 2.5, True, datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc), None,
       "a\x00b\x1b", "line\nbreak", "", "plain"]


def test_excel_cells_keep_text_as_text_numbers_as_numbers_and_dates_as_dates() -> None:
    out = io.BytesIO()
    write_xlsx(out, [f"h{i}" for i in range(len(ROW))], [ROW], 1, [["About"]])
    cells = list(load_workbook(out)["Nominations"].iter_rows(min_row=2))[0]
    assert [c.value for c in cells] == ["#N/A", "'=1+1", "'-3", "'@x", 5, 2.5, True, datetime(2026, 1, 2, 3, 4),
                                        None, "ab", "line\nbreak", None, "plain"]
    assert [c.data_type for c in cells[:7]] == ["s", "s", "s", "s", "n", "n", "b"]  # error-code text is no error
    assert cells[7].is_date and cells[7].number_format == DATE_FORMAT


def test_csv_cells_are_safe_text_and_dates_in_minutes() -> None:
    text = b"".join(csv_chunks([f"h{i}" for i in range(len(ROW))], [ROW])).decode("utf-8")
    assert text.splitlines()[1] == "#N/A,'=1+1,'-3,'@x,5,2.5,True,2026-01-02 03:04,,ab,\"line"


def _cells(content: bytes) -> list[list[tuple[object, str, str]]]:
    sheet = load_workbook(io.BytesIO(content))["Nominations"]
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows()]


def test_excel_rows_read_back_as_openpyxl_writes_them_cell_by_cell(monkeypatch) -> None:
    from selection.reports import writers

    rows = [ROW, [" lead", "trail ", "a & b < c > d", "cr\r\nlf", "ü ⚖ 𝄞", "x" * 40000, float("nan"), 10**20,
                  -0.1, 1e-7, 0, False, "\t"], [None] * 13]
    fast = io.BytesIO()
    write_xlsx(fast, [f"h{i}" for i in range(13)], rows, len(rows), [["About"]])

    def through_openpyxl_cells(sheet, _columns, _text, cell_of) -> None:  # type: ignore[no-untyped-def]
        append = sheet.append
        sheet.append = lambda row: append([cell_of(sheet, value) for value in row])

    monkeypatch.setattr(writers, "write_plain_rows", through_openpyxl_cells)
    slow = io.BytesIO()
    write_xlsx(slow, [f"h{i}" for i in range(13)], rows, len(rows), [["About"]])
    assert _cells(fast.getvalue()) == _cells(slow.getvalue())
    assert _cells(fast.getvalue())[2][:4] == [(" lead", "s", "General"), ("trail ", "s", "General"),
                                              ("a & b < c > d", "s", "General"), ("cr\r\nlf", "s", "General")]
