"""Answer keys of an assembled paper as tables: CSV and XLSX for people and for the optical
mark reading tools that score answer sheets (chấm trắc nghiệm).

Two shapes: *wide*, one row per version (mã đề) and one column per answer ("I.1", "II.1a",
"III.1"), and *long*, one row per answer with the columns Mã đề, Phần, Câu, Ý, Đáp án.
Essay questions have no key and are left out.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from question_bank.assembly.paper import PART_MC, PART_SHORT, PART_TF, AssembledPaper

__all__ = [
    "LONG_HEADER",
    "answer_key_csv",
    "answer_key_long_csv",
    "answer_key_long_rows",
    "answer_key_rows",
    "answer_key_xlsx",
]

LONG_HEADER = ["Mã đề", "Phần", "Câu", "Ý", "Đáp án"]
_ROMAN = {PART_MC: "I", PART_TF: "II", PART_SHORT: "III"}
_STATEMENTS = "abcdefgh"


def _answers(version) -> list[tuple[str, int, str, str]]:
    """(part numeral, question number, statement letter or "", answer) in print order."""
    out = []
    for part in (PART_MC, PART_TF, PART_SHORT):
        for item in version.part_items(part):
            if part == PART_TF:
                out += [
                    (_ROMAN[part], item.number, _STATEMENTS[i], mark)
                    for i, mark in enumerate(item.key)
                ]
            else:
                out.append((_ROMAN[part], item.number, "", item.key))
    return out


def _column(part: str, number: int, statement: str) -> str:
    return f"{part}.{number}{statement}"


def answer_key_rows(paper: AssembledPaper) -> tuple[list[str], list[list[str]]]:
    """The wide key: header ``["Mã đề", "I.1", …, "II.1a", …, "III.1", …]`` and one row per
    version. Columns come from every version (they normally have the same shape); a version
    without a column leaves its cell empty."""
    columns: list[str] = []
    per_version = []
    for version in paper.versions:
        answers = {}
        for part, number, statement, answer in _answers(version):
            column = _column(part, number, statement)
            if column not in answers and column not in columns:
                columns.append(column)
            answers[column] = answer
        per_version.append((version.code, answers))
    rows = [[code] + [answers.get(c, "") for c in columns] for code, answers in per_version]
    return ["Mã đề", *columns], rows


def answer_key_long_rows(paper: AssembledPaper) -> list[list[str]]:
    """The long key without its header (:data:`LONG_HEADER`): one row per answer."""
    return [
        [version.code, part, str(number), statement, answer]
        for version in paper.versions
        for part, number, statement, answer in _answers(version)
    ]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    # The BOM makes Excel read the file as UTF-8 (Vietnamese letters, "Đ"/"S").
    return out.getvalue().encode("utf-8-sig")


def answer_key_csv(paper: AssembledPaper) -> bytes:
    """The wide key as CSV, UTF-8 with a BOM."""
    header, rows = answer_key_rows(paper)
    return _csv([header, *rows])


def answer_key_long_csv(paper: AssembledPaper) -> bytes:
    """The long key (Mã đề, Phần, Câu, Ý, Đáp án) as CSV, UTF-8 with a BOM."""
    return _csv([LONG_HEADER, *answer_key_long_rows(paper)])


def _sheet(ws, rows: list[list[str]], freeze: str) -> None:
    for row in rows:
        # Text cells: "0101" and "-1,5" must not turn into numbers.
        ws.append([str(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for c in range(1, (ws.max_column or 0) + 1):
        letter = get_column_letter(c)
        width = max(len(str(ws.cell(r, c).value or "")) for r in range(1, ws.max_row + 1))
        ws.column_dimensions[letter].width = max(6, width + 2)
        for r in range(2, ws.max_row + 1):
            ws.cell(r, c).number_format = "@"
    ws.freeze_panes = freeze


def answer_key_xlsx(paper: AssembledPaper) -> bytes:
    """Both keys in one workbook: sheet "Đáp án" (wide) and sheet "Dạng dọc" (long)."""
    book = Workbook()
    wide = book.active
    wide.title = "Đáp án"
    header, rows = answer_key_rows(paper)
    _sheet(wide, [header, *rows], "B2")
    long = book.create_sheet("Dạng dọc")
    _sheet(long, [LONG_HEADER, *answer_key_long_rows(paper)], "A2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
