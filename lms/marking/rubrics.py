"""Rubrics written as text, one criterion a line, so a teacher types (or pastes) them:

    Nội dung: Đầy đủ = 2; Thiếu ý = 1; Sai = 0
    Trình bày: Rõ ràng = 1; Chưa rõ = 0,5

Each line is ``criterion: level = points; level = points…`` (points with a decimal comma or
point, 0–100, at most two decimals). A wrong line is refused with its number and reason.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.marking.models import SCHEMA_VERSION

MAX_CRITERIA = 20
MAX_LEVELS = 10
_POINTS = re.compile(r"\d{1,3}([.,]\d{1,2})?")


def _points(text: str) -> Decimal | None:
    text = text.strip()
    if not _POINTS.fullmatch(text):
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value <= 100 else None


def _line(number: int, line: str) -> dict:
    name, sep, rest = line.partition(":")
    name = name.strip()
    if not sep or not name:
        raise ValueError(
            _("Dòng %(n)d: cần dạng “Tiêu chí: Mức = điểm; Mức = điểm”.") % {"n": number}
        )
    levels = []
    for part in [p for p in rest.split(";") if p.strip()]:
        label, eq, points = part.rpartition("=")
        value = _points(points) if eq else None
        if not label.strip() or value is None:
            raise ValueError(
                _("Dòng %(n)d: mức “%(part)s” cần dạng “Tên mức = điểm” (điểm 0–100, ví dụ 1,5).")
                % {"n": number, "part": part.strip()}
            )
        levels.append({"label": label.strip()[:100], "points": str(value)})
    if not 2 <= len(levels) <= MAX_LEVELS:
        raise ValueError(
            _("Dòng %(n)d: tiêu chí “%(name)s” cần từ 2 đến %(max)d mức.")
            % {"n": number, "name": name, "max": MAX_LEVELS}
        )
    return {"name": name[:200], "levels": levels}


def rubric_parse(text: str) -> dict:
    """The ``criteria`` JSON of a rubric from its text; ValidationError naming each wrong line."""
    rows, errors = [], []
    lines = [(n, line) for n, line in enumerate((text or "").splitlines(), 1) if line.strip()]
    for number, line in lines:
        try:
            rows.append(_line(number, line))
        except ValueError as error:
            errors.append(str(error))
    if not lines:
        errors.append(_("Hãy ghi ít nhất một tiêu chí."))
    elif len(lines) > MAX_CRITERIA:
        errors.append(_("Nhiều nhất %(max)d tiêu chí.") % {"max": MAX_CRITERIA})
    if errors:
        raise ValidationError({"text": errors})
    return {"schema_version": SCHEMA_VERSION, "criteria": rows}


def vn_points(value) -> str:
    """``Decimal("1.50")`` → ``"1,5"``."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


def rubric_text(criteria: dict) -> str:
    """The text a rubric was written as (for editing it again)."""
    lines = []
    for row in (criteria or {}).get("criteria") or []:
        levels = "; ".join(f"{lv['label']} = {vn_points(lv['points'])}" for lv in row["levels"])
        lines.append(f"{row['name']}: {levels}")
    return "\n".join(lines)


def rubric_max(criteria: dict) -> Decimal:
    """The most points the rubric gives (the best level of each criterion)."""
    return sum(
        (
            max(Decimal(lv["points"]) for lv in row["levels"])
            for row in (criteria or {}).get("criteria") or []
        ),
        Decimal(0),
    )


def levels_chosen(criteria: dict, picks: dict[int, int]) -> tuple[list[dict], dict[str, str]]:
    """The chosen level of each criterion (``picks``: criterion index → level index) and
    each criterion's error when none (or a wrong one) is chosen."""
    chosen, errors = [], {}
    for index, row in enumerate((criteria or {}).get("criteria") or []):
        pick = picks.get(index)
        if pick is None or not 0 <= pick < len(row["levels"]):
            errors[f"level_{index}"] = _("Hãy chọn mức cho tiêu chí “%(name)s”.") % {
                "name": row["name"]
            }
            continue
        level = row["levels"][pick]
        chosen.append(
            {"criterion": row["name"], "level": level["label"], "points": level["points"]}
        )
    return chosen, errors
