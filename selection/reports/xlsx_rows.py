"""The rows of a large write-only sheet written as openpyxl writes them, without its cost.

openpyxl's write-only sheet turns every value into a cell object, infers its type and writes
it through three nested XML contexts: most of an Excel export's time. Here, after the header,
each row of plain values becomes one XML element, parsed from its text at once, with the
same XML openpyxl writes for those values (text as an inline string, numbers as numbers);
values of any other kind (dates, with their number format) still go through openpyxl's own
cell, so the workbook reads back cell for cell as if openpyxl had written every row.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from math import isfinite
from typing import Any

from lxml.etree import XMLParser, _Element, fromstring, tostring
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.cell._writer import etree_write_cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_TEXT = 32767  # the longest text a cell holds; openpyxl cuts longer text there
_PARSER = XMLParser(resolve_entities=False, huge_tree=True, no_network=True)


class _Captured:
    """Stands for openpyxl's XML stream to take the element it writes for one cell."""

    element: _Element

    def write(self, element: _Element) -> None:
        self.element = element


def write_plain_rows(sheet: WriteOnlyWorksheet, columns: int, text: Callable[[str], str],
                     cell_of: Callable[[WriteOnlyWorksheet, Any], Any]) -> None:
    """From now on, rows appended to ``sheet`` (after at least one row: its writer exists) are
    written as one element each. ``text`` makes a string safe for a cell; ``cell_of`` makes
    the cell openpyxl writes for a value of another kind."""
    letters = [get_column_letter(index) for index in range(1, columns + 1)]

    def to_row(values: Sequence[Any], row_idx: int) -> _Element:
        return _row(sheet, letters, values, row_idx, text, cell_of)

    # The write-only sheet converts each appended row with _values_to_row, then hands the
    # result to its writer's write_row: both are replaced for this sheet only.
    sheet._values_to_row = to_row  # type: ignore[method-assign]
    sheet._writer.write_row = lambda xf, row, _row_idx: xf.write(row)  # type: ignore[union-attr]


def _row(sheet: WriteOnlyWorksheet, letters: list[str], values: Sequence[Any], row_idx: int,
         text: Callable[[str], str], cell_of: Callable[[WriteOnlyWorksheet, Any], Any]) -> _Element:
    # The row's XML as text, parsed once: far fewer calls than an element per cell.
    number = str(row_idx)
    parts = [f'<row r="{number}">']
    while len(letters) < len(values):
        letters.append(get_column_letter(len(letters) + 1))
    for index, (letter, value) in enumerate(zip(letters, values)):
        if value is None:
            continue
        kind = type(value)
        ref = letter + number
        if kind is str:
            value = text(value)[:MAX_TEXT]
            if not value:
                parts.append(f'<c r="{ref}" t="inlineStr"/>')
            elif value != value.strip():
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_escaped(value)}</t></is></c>')
            else:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escaped(value)}</t></is></c>')
        elif kind is int or (kind is float and isfinite(value)):
            parts.append(f'<c r="{ref}" t="n"><v>{"%.16g" % value}</v></c>')
        else:
            parts.append(tostring(_openpyxl_cell(sheet, cell_of(sheet, value), index + 1, row_idx), encoding=str))
    parts.append("</row>")
    return fromstring("".join(parts), _PARSER)


def _escaped(value: str) -> str:
    """Text as XML character data that parses back to the same text (a carriage return too)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def _openpyxl_cell(sheet: WriteOnlyWorksheet, value: Any, column: int, row_idx: int) -> _Element:
    cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value=value)
    cell.column, cell.row = column, row_idx
    captured = _Captured()
    etree_write_cell(captured, sheet, cell, cell.has_style)
    return captured.element
