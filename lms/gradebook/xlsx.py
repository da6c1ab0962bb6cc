"""The gradebook as a spreadsheet: the export of one class × subject for the year (mã định
danh, họ tên, each term's columns and ĐTBmhk, then ĐTBmcn) and the import of one term's
marks from such a file (or a plain sheet with "Mã định danh" and the term's columns).

An import is refused whole, with each row's reason in Vietnamese, when a column is
missing, a row names a student who is not in the class (or with another name), or a cell
is not a mark (outside 0–10, more than one decimal, not a number; Đ/CĐ for a subject
assessed by comment): nothing is saved. An empty cell leaves that mark as it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from common.vietnamese import fold, nfc
from lms import permissions
from lms.gradebook.models import MarkSource, Term
from lms.gradebook.selectors import Sheet
from lms.gradebook.services import check_unlocked, marks_save
from lms.gradebook.values import BadValue, column_label, parse_mark, parse_verdict, vn_verdict

MAX_ROWS = 2000
ROMAN = {1: "I", 2: "II"}
ID_HEADER = "Mã định danh"
NAME_HEADER = "Họ và tên"


def _key(text) -> str:
    return fold(nfc(str(text or ""))).replace(" ", "").replace(".", "")


def term_header(term: int, column: str) -> str:
    return f"HK{ROMAN[term]} {column_label(column)}"


# --- Export ---------------------------------------------------------------------------------
def sheet_xlsx(sheet: Sheet) -> bytes:
    """The year's gradebook of one class × subject; numbers stay numbers (one decimal)."""
    book = Workbook()
    ws = book.active
    ws.title = "So diem"
    c, subject = sheet.school_class, sheet.subject
    ws.append(
        [
            _("Sổ điểm môn %(subject)s – lớp %(class)s – năm học %(year)s")
            % {"subject": subject.name, "class": c.name, "year": c.school_year.name}
        ]
    )
    ws.append([sheet.rules.circular])
    headers = ["STT", ID_HEADER, NAME_HEADER]
    for term in Term.values:
        headers += [term_header(term, col) for col in sheet.columns]
        headers.append(f"HK{ROMAN[term]} " + (_("Kết quả") if sheet.comment else "ĐTBmhk"))
    headers.append(_("Cả năm") if sheet.comment else "ĐTBmcn")
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for number, row in enumerate(sheet.rows, start=1):
        student, result = row.student, row.result
        values = [number, student.student_id or student.username, student.get_full_name()]
        for term in Term.values:
            marks = result.cells.get(term, {})
            for col in sheet.columns:
                mark = marks.get(col)
                values.append(_cell(mark.passed if sheet.comment else mark.value) if mark else None)
            values.append(_cell(result.terms.get(term)))
        values.append(_cell(result.year))
        ws.append(values)
    for line in ws.iter_rows(min_row=4, min_col=4):
        for cell in line:
            if not isinstance(cell.value, str):
                cell.number_format = "0.0"
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return vn_verdict(value)
    return value


# --- Import ---------------------------------------------------------------------------------
class ImportRefused(Exception):
    """The file is refused whole; ``errors`` lists each reason (Vietnamese)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class _Layout:
    header_row: int
    id_col: int
    name_col: int | None
    columns: dict[str, int] = field(default_factory=dict)


def _read(data: bytes) -> list[tuple]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise ImportRefused(
            [_("Không đọc được tệp Excel (.xlsx): %(error)s") % {"error": error}]
        ) from error
    rows = []
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows.append(row)
        if len(rows) > MAX_ROWS:
            book.close()
            raise ImportRefused([_("Tệp có quá %(n)d dòng.") % {"n": MAX_ROWS}])
    book.close()
    return rows


def _accepted(term: int, column: str) -> set[str]:
    label = column_label(column)
    return {
        _key(term_header(term, column)),
        _key(f"HK{term} {label}"),
        _key(label),
        _key(column),
    }


def _layout(rows: list[tuple], term: int, columns: list[str]) -> _Layout:
    for index, row in enumerate(rows[:20]):
        keys = [_key(v) for v in row]
        if _key(ID_HEADER) not in keys:
            continue
        layout = _Layout(
            header_row=index,
            id_col=keys.index(_key(ID_HEADER)),
            name_col=keys.index(_key(NAME_HEADER)) if _key(NAME_HEADER) in keys else None,
        )
        missing = []
        for column in columns:
            found = [i for i, k in enumerate(keys) if k in _accepted(term, column)]
            if found:
                layout.columns[column] = found[0]
            else:
                missing.append(term_header(term, column))
        if missing:
            raise ImportRefused(
                [_("Thiếu cột “%(column)s”.") % {"column": name} for name in missing]
            )
        return layout
    raise ImportRefused([_("Không tìm thấy dòng tiêu đề có cột “%(id)s”.") % {"id": ID_HEADER}])


def _id_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value or "")).strip()


def _row_student(row, number, layout, students, seen) -> tuple[object | None, list[str]]:
    """The row's student, or the reasons it names none of the class."""
    code = _id_text(row[layout.id_col] if layout.id_col < len(row) else None)
    if not code:
        return None, [_("Dòng %(row)d: thiếu mã định danh.") % {"row": number}]
    student = students.get(code)
    if student is None:
        return None, [
            _("Dòng %(row)d: mã định danh %(id)s không có trong lớp.") % {"row": number, "id": code}
        ]
    if layout.name_col is not None and layout.name_col < len(row):
        name = nfc(str(row[layout.name_col] or "")).strip()
        if name and fold(name) != fold(student.get_full_name()):
            return None, [
                _("Dòng %(row)d: mã định danh %(id)s là của %(real)s, không phải “%(name)s”.")
                % {"row": number, "id": code, "real": student.get_full_name(), "name": name}
            ]
    if student.pk in seen:
        return None, [
            _("Dòng %(row)d: học sinh %(id)s đã có ở dòng %(first)d.")
            % {"row": number, "id": code, "first": seen[student.pk]}
        ]
    seen[student.pk] = number
    return student, []


def read_marks(*, data: bytes, sheet: Sheet, term: int) -> dict:
    """The entries of ``term`` in the file, or ImportRefused with every reason found."""
    rules, comment = sheet.rules, sheet.comment
    rows = _read(data)
    layout = _layout(rows, term, sheet.columns)
    students = {(r.student.student_id or r.student.username): r.student for r in sheet.rows}
    entries, errors, seen = {}, [], {}
    for index, row in enumerate(rows[layout.header_row + 1 :], start=layout.header_row + 2):
        if not any(v not in (None, "") for v in row):
            continue
        student, problems = _row_student(row, index, layout, students, seen)
        errors += problems
        for column, col in layout.columns.items():
            raw = row[col] if col < len(row) else None
            try:
                value = parse_verdict(raw) if comment else parse_mark(raw, rules)
            except BadValue as error:
                errors.append(
                    _("Dòng %(row)d, cột %(column)s: %(reason)s")
                    % {"row": index, "column": term_header(term, column), "reason": error}
                )
                continue
            if student is not None and value is not None:
                entries[(student.pk, column)] = value
    if errors:
        raise ImportRefused(errors)
    if not seen:
        raise ImportRefused([_("Tệp không có dòng điểm nào.")])
    return entries


def marks_import(*, user, sheet: Sheet, term: int, data: bytes, filename: str) -> int:
    """Import one term's marks of ``sheet`` (its class × subject) from an XLSX file; all
    or nothing. Returns how many marks changed."""
    school_class, subject = sheet.school_class, sheet.subject
    if not permissions.can_edit_gradebook(user, school_class, subject):
        raise PermissionDenied(_("Bạn không dạy môn này ở lớp này."))
    try:
        check_unlocked(school_class, term)
    except ValidationError as error:
        raise ImportRefused(error.messages) from error
    if not filename.lower().endswith(".xlsx"):
        raise ImportRefused([_("Chỉ nhận tệp Excel .xlsx.")])
    entries = read_marks(data=data, sheet=sheet, term=term)
    try:
        return marks_save(
            user=user,
            school_class=school_class,
            subject=subject,
            term=term,
            entries=entries,
            source=MarkSource.IMPORT,
            note=filename[:200],
        )
    except ValidationError as error:
        raise ImportRefused(error.messages) from error
