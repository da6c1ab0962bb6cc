"""Chemistry helpers: formulas, molar masses, equations, electron configurations."""

from __future__ import annotations

import re
from fractions import Fraction

from demo.generator.data import tables

_MASS = {
    "H": 1, "He": 4, "Li": 7, "Be": 9, "B": 11, "C": 12, "N": 14, "O": 16, "F": 19, "Ne": 20,
    "Na": 23, "Mg": 24, "Al": 27, "Si": 28, "P": 31, "S": 32, "Cl": Fraction(71, 2), "Ar": 40,
    "K": 39, "Ca": 40, "Cr": 52, "Mn": 55, "Fe": 56, "Cu": 64, "Zn": 65, "Br": 80, "Ag": 108,
    "I": 127, "Ba": 137, "Pb": 207,
}  # fmt: skip


_MOLAR_VOLUME = Fraction(2479, 100)  # L/mol at 25 °C and 1 bar (đkc)


_TOKEN = re.compile(r"[A-Z][a-z]?|\(|\)|\d+")


def _atoms(formula: str) -> dict[str, int]:
    """Element counts of a formula such as Fe2(SO4)3, (C17H35COO)3C3H5 or CuSO4·5H2O."""
    total: dict[str, int] = {}
    for part in formula.split("·"):
        lead = re.match(r"^(\d*)(.*)$", part)
        mult = int(lead.group(1) or 1)
        stack: list[dict[str, int]] = [{}]
        tokens = _TOKEN.findall(lead.group(2))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            i += 1
            count = 1
            if tok != "(" and i < len(tokens) and tokens[i].isdigit():
                count = int(tokens[i])
                i += 1
            if tok == "(":
                stack.append({})
            elif tok == ")":
                for el, n in stack.pop().items():
                    stack[-1][el] = stack[-1].get(el, 0) + n * count
            else:
                stack[-1][tok] = stack[-1].get(tok, 0) + count
        for el, n in stack[0].items():
            total[el] = total.get(el, 0) + n * mult
    return total


def _molar(formula: str) -> Fraction:
    return sum((Fraction(_MASS[el]) * n for el, n in _atoms(formula).items()), Fraction(0))


def _chem(formula: str, charge: int = 0) -> str:
    """HTML with subscripts (and a superscript charge): Fe2(SO4)3 → Fe<sub>2</sub>(SO<sub>4</sub>)<sub>3</sub>."""
    html = re.sub(r"(?<=[A-Za-z)\]])(\d+)", r"<sub>\1</sub>", formula)
    if charge:
        size = "" if abs(charge) == 1 else str(abs(charge))
        html += f"<sup>{size}{'+' if charge > 0 else '−'}</sup>"
    return html


def _parse_side(side: str) -> list[tuple[int, str]]:
    terms = []
    for term in side.split(" + "):
        m = re.match(r"^(\d*)(\S+)$", term.strip())
        terms.append((int(m.group(1) or 1), m.group(2)))
    return terms


def _equation(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    left, right = text.split(" -> ")
    return _parse_side(left), _parse_side(right)


def _balanced(text: str) -> bool:
    left, right = _equation(text)

    def count(side):
        total: dict[str, int] = {}
        for coef, formula in side:
            for el, n in _atoms(formula).items():
                total[el] = total.get(el, 0) + coef * n
        return total

    return count(left) == count(right)


def _eq_html(text: str, blanks: bool = False, cond: str = "") -> str:
    """An equation in HTML; with ``blanks`` every coefficient is a cloze gap {{n}}."""
    left, right = _equation(text)
    n = 0

    def side(terms):
        nonlocal n
        out = []
        for coef, formula in terms:
            if blanks:
                n += 1
                out.append(f"{{{{{n}}}}}{_chem(formula)}")
            else:
                out.append(("" if coef == 1 else str(coef)) + _chem(formula))
        return " + ".join(out)

    arrow = " → " if not cond else f" \u2192<sup>{cond}</sup> "
    return side(left) + arrow + side(right)


_REACTIONS = tables("hoa-hoc")["reactions"]


_ELEMENTS = tables("hoa-hoc")["elements"]


_SYMBOLS = tables("hoa-hoc")["symbols"]


_ROMAN = tables("hoa-hoc")["roman"]


def _configuration(z: int) -> list[tuple[str, int]]:
    out = []
    for orbital, cap in (("1s", 2), ("2s", 2), ("2p", 6), ("3s", 2), ("3p", 6), ("4s", 2)):
        if z <= 0:
            break
        n = min(cap, z)
        out.append((orbital, n))
        z -= n
    return out


def _config_html(config) -> str:
    return " ".join(f"{o}<sup>{n}</sup>" for o, n in config)


def _position(z: int) -> tuple[int, str, int]:
    """(period, group, valence electrons) for Z ≤ 20."""
    config = _configuration(z)
    period = int(config[-1][0][0])
    outer = sum(n for o, n in config if int(o[0]) == period)
    group = "VIIIA" if z in (2, 10, 18) else _ROMAN[outer]
    return period, group, outer
