"""Read a roster file (XLSX or CSV) into rows keyed by canonical column names.

Headers are matched without diacritics or case, so "Họ và tên", "HO VA TEN" and
"ho va ten" are the same column. Row numbers are those a person sees in the sheet.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.vietnamese import fold, nfc


class RosterFileError(Exception):
    """The file as a whole cannot be read (wrong type, no header, missing columns)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header as printed in templates and errors
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, header: str) -> bool:
        wanted = {fold(self.label), *(fold(a) for a in self.aliases)}
        return fold(header).strip() in wanted


@dataclass
class Row:
    number: int
    values: dict[str, object]

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return nfc(str(value)).strip()


MAX_ROWS = 50_000


def _read_xlsx(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise RosterFileError(
            _("Không đọc được tệp Excel (.xlsx): %(error)s") % {"error": exc}
        ) from exc
    sheet = workbook.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _read_csv(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterFileError(_("Tệp CSV phải được lưu với mã hoá UTF-8.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def read_rows(*, data: bytes, filename: str, columns: list[Column]) -> list[Row]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        raw = _read_xlsx(data)
    elif name.endswith(".csv"):
        raw = _read_csv(data)
    else:
        raise RosterFileError(
            _("Tệp %(name)s không được hỗ trợ: chỉ nhận .xlsx hoặc .csv.") % {"name": filename}
        )
    # Keep the sheet's own row numbers (1-based) while skipping blank rows.
    numbered = [(i + 1, r) for i, r in enumerate(raw) if any(c not in (None, "") for c in r)]
    if not numbered:
        raise RosterFileError(_("Tệp không có dữ liệu."))
    header = [nfc(str(h or "")).strip() for h in numbered[0][1]]
    positions: dict[str, int] = {}
    for column in columns:
        for index, title in enumerate(header):
            if column.matches(title):
                positions[column.key] = index
                break
        else:
            if column.required:
                raise RosterFileError(
                    _("Thiếu cột “%(label)s” ở dòng tiêu đề.") % {"label": column.label}
                )
    if len(numbered) - 1 > MAX_ROWS:
        raise RosterFileError(_("Tệp có quá %(max)d dòng.") % {"max": MAX_ROWS})
    rows = []
    for number, values in numbered[1:]:
        rows.append(
            Row(
                number=number,
                values={
                    key: (values[i] if i < len(values) else None) for key, i in positions.items()
                },
            )
        )
    return rows


def parse_date(value: object) -> dt.date | None:
    """Dates as Vietnamese sheets hold them: dd/mm/yyyy, dd-mm-yyyy, ISO, or an Excel date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)
