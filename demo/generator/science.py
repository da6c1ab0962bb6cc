"""Helpers of the science subjects: scientific notation, units, fact questions."""

from __future__ import annotations

import math

from demo.generator.builders import _it, _sc
from demo.generator.text import _sol, _tn, _vn


def _sci(value: float, digits: int = 3) -> str:
    """Scientific notation in TeX: 3{,}13\\cdot 10^{19}."""
    if value == 0:
        return "0"
    exp = math.floor(math.log10(abs(value)))
    mant = value / 10**exp
    if round(abs(mant), digits - 1) >= 10:
        exp += 1
        mant /= 10
    text = _tn(mant, digits - 1)
    return text if exp == 0 else text + r"\cdot 10^{" + str(exp) + "}"


def _u(value, unit: str, places: int | None = None) -> str:
    """A quantity in running text: "12,5 m/s"."""
    return _vn(value, places) + " " + unit


def _facts_template(facts, subject: str, grade: int):
    """Single-choice questions from fixed facts (stem, key, wrong, lesson, y, level, explanation)."""

    def template(r):
        stem, key, wrong, lesson, y, level, why = r.choice(facts)
        q_ = _sc(r, stem, key, wrong, _sol(why), none_option=False)
        return _it(q_, subject, grade, lesson, y, level)

    return template
