"""Text helpers: templates, LaTeX, decimal comma, polynomials."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from demo.generator.core import _key
from question_bank.numeric import format_numeric


def _t(template: str, **values) -> str:
    """Fill ``<name>`` placeholders (keeps LaTeX braces readable)."""
    for name, value in values.items():
        template = template.replace(f"<{name}>", str(value))
    return template


def _m(tex: str) -> str:
    return f"\\({tex}\\)"


def _md(tex: str) -> str:
    return f"\\[{tex}\\]"


def _sol(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines if line)


def _dec(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def _round(value, places: int = 0) -> Decimal:
    return _dec(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _vn(value, places: int | None = None) -> str:
    """A number the Vietnamese way (decimal comma), rounded when ``places`` is given."""
    number = _round(value, places) if places is not None else _dec(value)
    if places is None and not isinstance(value, (int, Decimal)):
        number = _round(number, 10)
    return format_numeric(number)


def _tn(value, places: int | None = None) -> str:
    """A number inside LaTeX: the decimal comma wrapped so it does not add a space."""
    return _vn(value, places).replace(",", "{,}")


def _fx(value, decimals: bool = True) -> str:
    """An exact rational number in LaTeX: integer, short decimal or \\frac."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    if not decimals:
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1 and value.denominator <= 20:
        return _tn(value)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _p(value) -> str:
    """A factor in a product: negative numbers in brackets."""
    text = _fx(value)
    return f"\\left({text}\\right)" if Fraction(value) < 0 else text


def _poly(coeffs: Sequence, var: str = "x") -> str:
    """LaTeX polynomial from coefficients, highest degree first."""
    deg = len(coeffs) - 1
    terms: list[tuple[str, str]] = []
    for i, c in enumerate(coeffs):
        power = deg - i
        c = Fraction(c)
        if c == 0:
            continue
        mono = "" if power == 0 else var if power == 1 else f"{var}^{power}"
        a = abs(c)
        body = mono if mono and a == 1 else _fx(a, decimals=False) + mono
        terms.append(("-" if c < 0 else "+", body))
    if not terms:
        return "0"
    text = ("-" if terms[0][0] == "-" else "") + terms[0][1]
    for sign, body in terms[1:]:
        text += f" {sign} {body}"
    return text


def _lin(a, b, var: str = "x") -> str:
    return _poly([a, b], var)


def _peval(coeffs: Sequence, x):
    total = 0
    for c in coeffs:
        total = total * x + c
    return total


def _pder(coeffs: Sequence) -> list:
    deg = len(coeffs) - 1
    return [c * (deg - i) for i, c in enumerate(coeffs[:-1])]


def _p3(value, places: int = 0) -> str | None:
    """A Part III key (at most four characters) or None when it does not fit."""
    text = _vn(value, places)
    return text if len(text) <= 4 else None


def _uniq(values: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {_key(v) for v in exclude}
    out = []
    for v in values:
        k = _key(v)
        if k and k not in seen:
            seen.add(k)
            out.append(v)
    return out


def _mix(r: random.Random, n: int = 4) -> list[bool]:
    """Truth values for a Đúng/Sai cluster: at least one true and one false."""
    trues = r.randint(1, n - 1)
    values = [True] * trues + [False] * (n - trues)
    r.shuffle(values)
    return values
