"""A report's table as a spreadsheet: a title line, the date, then the header and rows.
Numbers stay numbers (percentages with one decimal)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_xlsx(*, title: str, subtitle: str, headers: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Bao cao"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([subtitle])
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_plain(v) for v in row])
    for column in ws.iter_cols(min_row=3, max_row=3):
        ws.column_dimensions[column[0].column_letter].width = max(12, len(str(column[0].value)) + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _plain(value):
    if value is None:
        return None
    if isinstance(value, (int, float, str)):
        return value
    return float(value) if hasattr(value, "as_tuple") else str(value)
