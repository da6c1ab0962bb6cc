"""Matrix templates (2025 THPT formats, periodic tests), checks and the specification table."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from question_bank.assembly.paper import PART_ESSAY, PART_MC, PART_SHORT, PART_TF
from question_bank.numeric import format_numeric

PART_NAMES = {
    PART_MC: gettext_lazy("Phần I"),
    PART_TF: gettext_lazy("Phần II"),
    PART_SHORT: gettext_lazy("Phần III"),
    PART_ESSAY: gettext_lazy("Tự luận"),
}


@dataclass(frozen=True)
class Template:
    code: str
    name: str
    subjects: tuple[str, ...]  # subject codes it is meant for; empty = any subject
    duration: int
    points: dict[int, Decimal]  # per question, by part
    levels: dict[int, tuple[tuple[str, int], ...]]  # part -> (level code, count)

    @property
    def counts(self) -> dict[int, int]:
        return {part: sum(n for _code, n in levels) for part, levels in self.levels.items()}


_Q = Decimal("0.25")
TEMPLATES: dict[str, Template] = {
    t.code: t
    for t in (
        # Kỳ thi tốt nghiệp THPT từ năm 2025 (Quyết định 764/QĐ-BGDĐT, đề minh hoạ 2025).
        Template(
            "thpt2025-toan",
            "Tốt nghiệp THPT 2025 – Toán (12 + 4 + 6 câu, 90 phút)",
            ("toan",),
            90,
            {PART_MC: _Q, PART_TF: Decimal(1), PART_SHORT: Decimal("0.5")},
            {
                PART_MC: (("biet", 8), ("hieu", 4)),
                PART_TF: (("hieu", 2), ("van_dung", 2)),
                PART_SHORT: (("hieu", 2), ("van_dung", 4)),
            },
        ),
        Template(
            "thpt2025-khtn",
            "Tốt nghiệp THPT 2025 – Vật lí, Hoá học, Sinh học (18 + 4 + 6 câu, 50 phút)",
            ("vat-ly", "hoa-hoc", "sinh-hoc"),
            50,
            {PART_MC: _Q, PART_TF: Decimal(1), PART_SHORT: _Q},
            {
                PART_MC: (("biet", 12), ("hieu", 6)),
                PART_TF: (("hieu", 2), ("van_dung", 2)),
                PART_SHORT: (("hieu", 3), ("van_dung", 3)),
            },
        ),
        Template(
            "thpt2025-lich-su",
            "Tốt nghiệp THPT 2025 – Lịch sử (24 + 4 câu, 50 phút)",
            ("lich-su", "dia-ly", "gdktpl"),
            50,
            {PART_MC: _Q, PART_TF: Decimal(1)},
            {PART_MC: (("biet", 16), ("hieu", 8)), PART_TF: (("hieu", 2), ("van_dung", 2))},
        ),
        Template(
            "thpt2025-tieng-anh",
            "Tốt nghiệp THPT 2025 – Tiếng Anh (40 câu, 50 phút)",
            ("tieng-anh",),
            50,
            {PART_MC: _Q},
            {PART_MC: (("biet", 16), ("hieu", 16), ("van_dung", 8))},
        ),
        # Kiểm tra định kì theo Công văn 7991/BGDĐT-GDTrH (2024): trắc nghiệm 7 điểm
        # (nhiều lựa chọn 3, đúng/sai 2, trả lời ngắn 2) và tự luận 3 điểm.
        Template(
            "dinh-ky-2025",
            "Kiểm tra định kì (TN 7 điểm: 3 + 2 + 2; tự luận 3 điểm)",
            (),
            90,
            {PART_MC: _Q, PART_TF: Decimal(1), PART_SHORT: Decimal("0.5"), PART_ESSAY: Decimal(1)},
            {
                PART_MC: (("biet", 8), ("hieu", 4)),
                PART_TF: (("hieu", 1), ("van_dung", 1)),
                PART_SHORT: (("hieu", 2), ("van_dung", 2)),
                PART_ESSAY: (("hieu", 1), ("van_dung", 2)),
            },
        ),
    )
}


def cell_label(cell) -> str:
    bits = [str(PART_NAMES.get(cell.part, cell.part))]
    if cell.outcome_id:
        bits.append(str(cell.outcome)[:60])
    elif cell.topic_id:
        bits.append(cell.topic.name)
    else:
        bits.append(_("mọi chủ đề"))
    bits.append(cell.level.name if cell.level_id else _("mọi mức độ"))
    return " · ".join(bits)


def matrix_problems(matrix) -> list[str]:
    """Everything wrong with a matrix, in Vietnamese; empty when it can be assembled."""
    problems = []
    cells = list(matrix.cells.all())
    if not any(c.count for c in cells):
        return [_("Ma trận chưa có ô nào có số câu.")]
    per_part: dict[int, int] = {}
    seen: set[str] = set()
    for n, cell in enumerate(cells, 1):
        per_part[cell.part] = per_part.get(cell.part, 0) + cell.count
        if cell.key in seen:
            problems.append(
                _("Ô %(n)d (%(cell)s) trùng với một ô khác; hãy gộp số câu.")
                % {"n": n, "cell": cell_label(cell)}
            )
        seen.add(cell.key)
        if cell.level_id and cell.level.scale_id != matrix.scale_id:
            problems.append(
                _("Ô %(n)d: mức độ “%(level)s” không thuộc thang “%(scale)s”.")
                % {"n": n, "level": cell.level.name, "scale": matrix.scale.name}
            )
        if cell.topic_id and (
            cell.topic.subject_id != matrix.subject_id or cell.topic.grade != matrix.grade
        ):
            problems.append(
                _("Ô %(n)d: chủ đề “%(topic)s” không thuộc môn và lớp của ma trận.")
                % {"n": n, "topic": cell.topic.name}
            )
        if cell.outcome_id and cell.topic_id and cell.outcome.lesson.topic_id != cell.topic_id:
            problems.append(_("Ô %(n)d: yêu cầu cần đạt không thuộc chủ đề đã chọn.") % {"n": n})
    expected = {int(k): int(v) for k, v in (matrix.expected_counts or {}).items()}
    for part in sorted(set(expected) | set(per_part)):
        want, have = expected.get(part), per_part.get(part, 0)
        if expected and want is None and have:
            problems.append(
                _("%(part)s không có trong định dạng đề nhưng ma trận có %(have)d câu.")
                % {"part": PART_NAMES[part], "have": have}
            )
        elif want is not None and want != have:
            problems.append(
                _("%(part)s cần %(want)d câu theo định dạng, ma trận đang có %(have)d câu.")
                % {"part": PART_NAMES[part], "want": want, "have": have}
            )
    total = sum((c.count * c.points_each() for c in cells), Decimal(0))
    if total != matrix.total_points:
        problems.append(
            _("Tổng điểm của ma trận là %(total)s, phải bằng %(want)s.")
            % {"total": format_numeric(total), "want": format_numeric(matrix.total_points)}
        )
    return problems


def spec_table(matrix) -> dict:
    """The specification table (bảng đặc tả): one row per topic/outcome, with counts.

    Columns are part × level of the matrix's scale; each row says what it tests (the
    learning outcome's text, the cell's own requirement, or the topic).
    """
    cells = list(
        matrix.cells.select_related("topic", "outcome", "level").order_by("sort_order", "pk")
    )
    levels = list(matrix.scale.levels.order_by("sort_order"))
    parts = sorted({c.part for c in cells})
    columns = [(p, lv) for p in parts for lv in [*levels, None]]
    used = {(c.part, c.level_id) for c in cells}
    columns = [(p, lv) for p, lv in columns if (p, lv.pk if lv else None) in used]
    rows: dict[tuple, dict] = {}
    for cell in cells:
        key = (cell.topic_id, cell.outcome_id)
        row = rows.setdefault(
            key,
            {
                "topic": cell.topic.name if cell.topic_id else _("Mọi chủ đề của môn, lớp"),
                "requirements": [],
                "counts": {},
                "total": 0,
                "points": Decimal(0),
            },
        )
        text = cell.requirement or (cell.outcome.text if cell.outcome_id else "")
        if text and text not in row["requirements"]:
            row["requirements"].append(text)
        col = (cell.part, cell.level_id)
        row["counts"][col] = row["counts"].get(col, 0) + cell.count
        row["total"] += cell.count
        row["points"] += cell.count * cell.points_each()
    body = []
    for row in rows.values():
        body.append(
            {
                **row,
                "cells": [row["counts"].get((p, lv.pk if lv else None), 0) for p, lv in columns],
                "points": format_numeric(row["points"]),
            }
        )
    totals = [sum(r["cells"][i] for r in body) for i in range(len(columns))]
    part_points = {
        p: sum((c.count * c.points_each() for c in cells if c.part == p), Decimal(0)) for p in parts
    }
    return {
        "parts": [
            {
                "name": PART_NAMES[p],
                "span": sum(1 for q, _lv in columns if q == p),
                "points": format_numeric(part_points[p]),
            }
            for p in parts
        ],
        "columns": [
            {"part": PART_NAMES[p], "level": lv.name if lv else _("Mọi mức độ")}
            for p, lv in columns
        ],
        "rows": body,
        "totals": totals,
        "total_questions": sum(totals),
        "total_points": format_numeric(sum(part_points.values(), Decimal(0))),
    }
