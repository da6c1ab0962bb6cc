"""Numeric answers the Vietnamese way: decimal comma, at most four characters in Part III.

A student may type ``-1,5``, ``−1,5`` (Unicode minus), ``-1.5``, ``-1,50``, ``-3/2`` or
``,5``; they all mean the same number. Keys are written by teachers the same way.
"""

import re
import unicodedata  # NFKC (full-width digits), not the NFC of common.vietnamese
from decimal import Decimal, InvalidOperation


class NumericAnswerError(ValueError):
    pass


_MINUS = {"\u2212", "\u2013", "\u2014", "\u2010", "\u2011", "\ufe63", "\uff0d"}
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_FRACTION = re.compile(r"^([+-]?\d+)\s*/\s*(\d+)$")


def parse_numeric(value: str) -> Decimal:
    """The number a student or teacher wrote; raises NumericAnswerError with a Vietnamese reason."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    for minus in _MINUS:
        text = text.replace(minus, "-")
    text = text.replace(" ", "").replace("\u00a0", "")
    if not text:
        raise NumericAnswerError("chưa có số")
    if m := _FRACTION.match(text):
        if int(m.group(2)) == 0:
            raise NumericAnswerError("mẫu số bằng 0")
        return Decimal(int(m.group(1))) / Decimal(int(m.group(2)))
    if not _NUMBER.match(text):
        raise NumericAnswerError("chỉ gồm chữ số, dấu trừ và một dấu phẩy thập phân")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already rules this out
        raise NumericAnswerError("không đọc được số") from exc


def dot_decimal(value: Decimal | float) -> str:
    """A number as exchange formats write it: a decimal point, no exponent, no trailing zeros,
    never ``-0`` (Decimal('-1.50') → '-1.5', 1e-05 → '0.00001', 250.0 → '250')."""
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_numeric(value: Decimal | float | str) -> str:
    """A number written with the decimal comma and no trailing zeros: Decimal('-1.50') → '-1,5'."""
    number = value if isinstance(value, Decimal) else parse_numeric(str(value))
    return dot_decimal(number).replace(".", ",")


def numeric_equal(response: str, key: str, tolerance: float = 0.0) -> bool:
    """Does the student's response mean the key (within an absolute tolerance)?"""
    try:
        got = parse_numeric(response)
        want = parse_numeric(key)
    except NumericAnswerError:
        return False
    return abs(got - want) <= Decimal(str(tolerance or 0))
