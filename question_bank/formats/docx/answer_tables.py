"""Answer tables: "1-A 2-B" cells, a row of numbers over a row of keys, "Câu | Đáp án" columns.

Each reader returns ``[(question number, raw key)]`` or ``[]`` when the table is not one of
its kind; ``lenient`` (inside a "BẢNG ĐÁP ÁN" section) also accepts numeric keys and single
entries.
"""

from __future__ import annotations

import re

from question_bank.formats.base import Problem
from question_bank.formats.docx.lines import Table
from question_bank.formats.docx.patterns import (
    RE_KEY_CELL,
    answer_letters,
    fold_chars,
    is_numeric,
    parse_true_false,
)


def classify_key(raw: str) -> tuple[str | None, object]:
    raw = raw.strip()
    letters = answer_letters(raw)
    if letters:
        return "letters", letters
    if re.search(r"[ĐđSs]", raw) and (tf := parse_true_false(raw)) is not None:
        return "tf", tf
    if is_numeric(raw):
        return "num", raw
    return None, None


_HEADER_WORDS = {"cau", "cau hoi", "dap an", "da", "d/a", "so cau", "stt", "key", "phan i",
                 "phan ii", "phan iii", "phan 1", "phan 2", "phan 3", ""}  # fmt: skip


def table_keys(table: Table, lenient: bool) -> list[tuple[int, str]]:
    """Keys of an answer table, or [] when the table is not one."""
    rows = [[table.cell_text(c).strip() for c in row] for row in table.rows]
    if not rows or sum(len(r) for r in rows) > 2000:
        return []
    return (
        _cell_keys(rows, lenient)
        or _row_pair_keys(rows, lenient)
        or _column_pair_keys(rows, lenient)
    )


def _is_header(text: str) -> bool:
    return fold_chars(text).strip(" :.") in _HEADER_WORDS


def _cell_keys(rows: list[list[str]], lenient: bool) -> list[tuple[int, str]]:
    """Every cell is "1-A", "1.A", "1A", "Câu 1: ĐSĐS" …"""
    keys = []
    for t in (t for row in rows for t in row):
        if not t or _is_header(t):
            continue
        m = RE_KEY_CELL.fullmatch(t)
        if not m:
            return []
        kind, _ = classify_key(m.group(2))
        if kind is None or (kind == "num" and not lenient):
            return []
        keys.append((int(m.group(1)), m.group(2)))
    return keys if len(keys) >= 2 or (keys and lenient) else []


def _row_pair_keys(rows: list[list[str]], lenient: bool) -> list[tuple[int, str]]:
    """A row of question numbers over a row of answers, possibly repeated."""
    if len(rows) < 2 or len(rows) % 2:
        return []
    keys = []
    labelled = False
    for r in range(0, len(rows), 2):
        top, bottom = rows[r], rows[r + 1]
        if len(top) != len(bottom):
            return []
        for i, (a, b) in enumerate(zip(top, bottom, strict=True)):
            if i == 0 and not a.isdigit():
                if not _is_header(a):
                    return []
                labelled = True
                continue
            if not a:
                continue
            if not a.isdigit():
                return []
            if not b:
                continue
            kind, _ = classify_key(b)
            if kind is None or (kind == "num" and not (lenient or labelled)):
                return []
            keys.append((int(a), b))
    if keys and (lenient or labelled or len(keys) >= 2):
        return keys
    return []


def _column_pair_keys(rows: list[list[str]], lenient: bool) -> list[tuple[int, str]]:
    """Columns "Câu | Đáp án" (one or more pairs of columns)."""
    width = len(rows[0])
    if width < 2 or width % 2 or any(len(r) != width for r in rows):
        return []
    labelled = all(_is_header(h) for h in rows[0])
    keys = []
    for row in rows[1:] if labelled else rows:
        for i in range(0, width, 2):
            a, b = row[i], row[i + 1]
            if not a and not b:
                continue
            if not a.isdigit():
                return []
            kind, _ = classify_key(b)
            if kind is None or (kind == "num" and not (lenient or labelled)):
                return []
            keys.append((int(a), b))
    if keys and (labelled or lenient):
        return keys
    return []


def apply_keys(keys: list[tuple[int, str, int | None]], by_number: dict, problems: list) -> None:
    """Each key ``(question number, raw key, part)`` of the answer tables and lines given to
    the first question of that number (same part first) that can take a key of its kind and
    has none yet; a number the paper lacks is a problem."""
    used: set[int] = set()
    for n, raw, part in keys:
        kind, value = classify_key(raw)
        if kind is None:
            continue
        candidates = [d for d in by_number.get(n, []) if _accepts(d, kind)]
        same_part = [d for d in candidates if d.part == part]
        pool = same_part or candidates
        free = [d for d in pool if id(d) not in used]
        target = (free or pool or [None])[0]
        if target is None:
            problems.append(
                Problem(where=f"Câu {n}", message="có trong bảng đáp án nhưng đề không có câu này")
            )
            continue
        used.add(id(target))
        target.table_key = (kind, value)


def _accepts(d, kind: str) -> bool:
    if kind == "letters":
        return bool(d.options) or d.part == 1
    if kind == "tf":
        return bool(d.stmts) or d.part == 2
    return d.part == 3 or (not d.options and not d.stmts and d.part is None)
