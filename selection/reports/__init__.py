"""Documents made from a call for people to read or file: CSV and Excel exports of its
nominations (exports, whose ``spreadsheet_safe`` keeps text from being evaluated as a
formula) and the Excel workbook of a slate run (slates_workbook)."""
