"""What the gradebook's pages show of the selectors' results: numbers with the decimal
comma, Đ/CĐ, the level's name, who entered a mark and when."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.gradebook.models import Term
from lms.gradebook.rules import FINAL, MIDTERM
from lms.gradebook.selectors import YEAR, ClassOverview, OwnClass, Sheet, SubjectResult
from lms.gradebook.values import column_label, vn_mark, vn_verdict


def term_of(raw) -> int:
    """The term asked for ("1" or "2"); the first term otherwise."""
    return int(raw) if str(raw) in {str(t) for t in Term.values} else Term.FIRST


def shown(value) -> str:
    """A result for people: "8,5", "Đ"/"CĐ", or "—" while it cannot be computed."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return vn_verdict(value)
    return vn_mark(value)


def _entered(mark) -> str:
    if mark is None or mark.entered_at is None:
        return ""
    who = mark.entered_by.get_full_name() if mark.entered_by else _("(không rõ)")
    when = timezone.localtime(mark.entered_at).strftime("%d/%m/%Y %H:%M")
    return _("%(who)s nhập lúc %(when)s (%(source)s)") % {
        "who": who,
        "when": when,
        "source": mark.get_source_display(),
    }


def _raw(mark, comment: bool):
    if mark is None:
        return None
    return mark.passed if comment else mark.value


def sheet_rows(sheet: Sheet, term: int, *, errors: dict, posted: dict) -> list[dict]:
    """One row per student: the term's cells (the posted text when the save was refused),
    ĐTBmhk of the term and ĐTBmcn."""
    rows = []
    for number, row in enumerate(sheet.rows, start=1):
        marks = row.result.cells.get(term, {})
        cells = []
        for column in sheet.columns:
            key = f"{row.student.pk}:{column}"
            mark = marks.get(column)
            raw = _raw(mark, sheet.comment)
            text = posted[key] if key in posted else ("" if raw is None else shown(raw))
            cells.append(
                {
                    "name": f"m-{row.student.pk}-{column}",
                    "text": text,
                    "verdict": raw if sheet.comment else None,
                    "error": errors.get(key, ""),
                    "title": _entered(mark),
                    "label": column_label(column),
                }
            )
        rows.append(
            {
                "number": number,
                "student": row.student,
                "cells": cells,
                "term_result": shown(row.result.terms.get(term)),
                "year_result": shown(row.result.year),
            }
        )
    return rows


def overview_rows(overview: ClassOverview, period) -> list[dict]:
    rows = []
    for number, row in enumerate(overview.rows, start=1):
        level = row.levels.get(period)
        rows.append(
            {
                "number": number,
                "student": row.student,
                "results": [shown(r.result(period)) for r in row.results],
                "level": level[1] if level else _("Chưa đủ điểm"),
                "level_code": level[0] if level else "",
            }
        )
    return rows


def _own_row(result: SubjectResult) -> dict:
    terms = []
    for term in Term.values:
        marks = result.cells.get(term, {})
        regular = [c for c in result.columns if c not in (MIDTERM, FINAL)]
        terms.append(
            {
                "regular": [shown(_raw(marks.get(c), result.comment)) for c in regular],
                "midterm": shown(_raw(marks.get(MIDTERM), result.comment)),
                "final": shown(_raw(marks.get(FINAL), result.comment)),
                "result": shown(result.terms.get(term)),
            }
        )
    return {"subject": result.subject, "terms": terms, "year": shown(result.year)}


def own_tables(classes: list[OwnClass]) -> list[dict]:
    tables = []
    for own in classes:
        levels = {}
        for period, label in ((1, _("học kỳ I")), (2, _("học kỳ II")), (YEAR, _("cả năm"))):
            level = own.levels.get(period)
            levels[label] = level[1] if level else _("Chưa đủ điểm")
        tables.append(
            {
                "school_class": own.school_class,
                "rows": [_own_row(r) for r in own.results],
                "levels": levels,
            }
        )
    return tables


__all__ = ["overview_rows", "own_tables", "sheet_rows", "shown", "term_of"]
