"""Reading and showing a gradebook cell: "8,5" or "8.5" → ``Decimal("8.5")``; "Đ"/"Đạt" →
True, "CĐ"/"Chưa đạt" → False; and back with the decimal comma. Errors are Vietnamese
sentences naming the value, for the page's cells and the import's rows."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from common.vietnamese import fold, nfc
from lms.gradebook.rules import Rules

PASSED_WORDS = frozenset({"d", "dat"})
NOT_PASSED_WORDS = frozenset({"cd", "chua dat", "khong dat"})


class BadValue(ValueError):
    """A cell that is not a mark the rules accept; ``str()`` is the Vietnamese reason."""


def parse_mark(raw, rules: Rules) -> Decimal | None:
    """A mark typed or read from a sheet; None for an empty cell."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise BadValue(_("“%(value)s” không phải là điểm số.") % {"value": raw})
    if isinstance(raw, int | float | Decimal):
        # A spreadsheet's float (8.5 → "8.5"): its shortest repr is what the person typed.
        text = repr(float(raw)) if isinstance(raw, float) else str(raw)
    else:
        text = nfc(str(raw)).strip()
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise BadValue(_("“%(value)s” không phải là điểm số.") % {"value": text}) from None
    if not value.is_finite():
        raise BadValue(_("“%(value)s” không phải là điểm số.") % {"value": text})
    shown = text.replace(".", ",")
    if not rules.in_scale(value):
        raise BadValue(
            _("Điểm %(value)s nằm ngoài thang điểm %(min)s–%(max)s.")
            % {"value": shown, "min": _bound(rules.scale_min), "max": _bound(rules.scale_max)}
        )
    if not rules.has_allowed_places(value):
        raise BadValue(
            _("Điểm %(value)s có quá %(places)d chữ số thập phân.")
            % {"value": shown, "places": rules.decimals}
        )
    return rules.round(value)


def _bound(value: Decimal) -> str:
    """A scale's end as people write it: 10 → "10", 2.5 → "2,5"."""
    if value == value.to_integral():
        return str(int(value))
    return str(value).replace(".", ",")


def parse_verdict(raw) -> bool | None:
    """Đạt / Chưa đạt of a comment subject; None for an empty cell."""
    if raw is None:
        return None
    text = fold(nfc(str(raw))).strip().replace(".", "")
    if not text:
        return None
    if text in PASSED_WORDS:
        return True
    if text in NOT_PASSED_WORDS:
        return False
    raise BadValue(
        _("“%(value)s” không phải là Đạt (Đ) hay Chưa đạt (CĐ).") % {"value": str(raw).strip()}
    )


def vn_mark(value: Decimal | None) -> str:
    """A mark with the decimal comma ("8,5"); empty for None."""
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",")


def vn_verdict(passed: bool | None, *, short: bool = True) -> str:
    if passed is None:
        return ""
    if short:
        return _("Đ") if passed else _("CĐ")
    return _("Đạt") if passed else _("Chưa đạt")


def column_label(column: str) -> str:
    """ "tx2" → "ĐĐGtx2", "gk" → "ĐĐGgk", "ck" → "ĐĐGck"."""
    return f"ĐĐG{column}"
