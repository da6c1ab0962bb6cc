"""MTEF templates (version 5 selectors) → LaTeX.

Subobject order, as MathType writes it: a fence has its main slot then its fence characters;
a radical the radicand then the index; a fraction the numerator then the denominator; a big
operator (integral, sum …) the main slot, the lower limit, the upper limit, then the operator
character; a limit template its main slot, lower, upper; an arrow its top and bottom slots
then the arrow character; accents (hat, tilde, vector, arc) their slot then the accent.
Limit bits are tvBO_LOWER 0x10, tvBO_UPPER 0x20, tvBO_SUM 0x40; an integral's low bits count
its signs (1–3) and loops (0x4, 0x8, 0xC).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.formats.docx.mathtype.errors import Unconvertible
from question_bank.formats.docx.mathtype.mtef import Line, Template
from question_bank.formats.docx.mathtype.pieces import group, join
from question_bank.formats.docx.mathtype.symbols import ARROWS, BIG_OPS, LATEX_FUNCS

if TYPE_CHECKING:
    from question_bank.formats.docx.mathtype.latex import Writer

FENCES = {
    0: ("\\langle", "\\rangle"), 1: ("(", ")"), 2: ("\\{", "\\}"), 3: ("[", "]"),
    4: ("|", "|"), 5: ("\\|", "\\|"), 6: ("\\lfloor", "\\rfloor"), 7: ("\\lceil", "\\rceil"),
    8: ("\\llbracket", "\\rrbracket"),
}  # fmt: skip
_INTERVAL_SIDES = ("(", ")", "[", "]")
LOWER, UPPER, SUM_STYLE = 0x10, 0x20, 0x40
_INTEGRALS = {1: "\\int", 2: "\\iint", 3: "\\iiint"}
_LOOP_INTEGRALS = {1: "\\oint", 2: "\\oiint", 3: "\\oiiint"}
_BIG_DEFAULT = {16: "\\sum", 17: "\\prod", 18: "\\coprod", 19: "\\bigcup", 20: "\\bigcap"}
_LIMIT_NAMES = {"\\" + name for name in LATEX_FUNCS}
_UNSUPPORTED = {
    25: "ngoặc vuông nằm ngang",
    26: "phép chia dài",
    35: "kí hiệu trạng thái (joint status)",
}


def template_latex(w: Writer, t: Template) -> str:
    """LaTeX for one template (scripts are written by the line, not here)."""
    handler = _HANDLERS.get(t.selector)
    if handler is None:
        what = _UNSUPPORTED.get(t.selector, f"mẫu công thức số {t.selector}")
        raise Unconvertible(what)
    return handler(w, t)


def _slot(w: Writer, t: Template, index: int, *, script: bool = False) -> str:
    slots = t.slots
    return w.slot(slots[index], script=script) if index < len(slots) else ""


def _fence(w: Writer, t: Template) -> str:
    left, right = FENCES[t.selector]
    sides = t.variation & 0x3 or 0x3
    inner = _slot(w, t, 0)
    if t.selector == 8:  # white brackets do not stretch in KaTeX
        return join([left + " " if sides & 1 else "", inner, " " + right if sides & 2 else ""])
    return _wrap(left if sides & 1 else ".", inner, right if sides & 2 else ".")


def _interval(w: Writer, t: Template) -> str:
    left = _INTERVAL_SIDES[t.variation & 0x3]
    right = _INTERVAL_SIDES[(t.variation >> 4) & 0x3]
    return _wrap(left, _slot(w, t, 0), right)


def _wrap(left: str, inner: str, right: str) -> str:
    return "\\left" + left + " " + inner + " \\right" + right


def _root(w: Writer, t: Template) -> str:
    radicand = _slot(w, t, 0)
    index = _slot(w, t, 1, script=True) if t.variation & 1 else ""
    if index:
        return "\\sqrt[" + index + "]{" + radicand + "}"
    return "\\sqrt{" + radicand + "}"


def _fraction(w: Writer, t: Template) -> str:
    var = t.variation
    small = bool(var & 0x1) or w.script_depth > 0
    num = _slot(w, t, 0, script=bool(var & 0x1))
    den = _slot(w, t, 1, script=bool(var & 0x1))
    if var & 0x2:  # slash fraction
        if var & 0x4:  # on the baseline: a/b, bracketed when a part is more than one token
            return _lin(num) + "/" + _lin(den)
        return "{}^{" + num + "}/_{" + den + "}"
    return ("\\frac" if small else "\\dfrac") + "{" + num + "}{" + den + "}"


def _lin(latex: str) -> str:
    if latex.isalnum() or (latex.startswith("\\") and latex[1:].isalpha()):
        return latex
    return "\\left(" + latex + "\\right)"


def _bar(w: Writer, t: Template) -> str:
    cmd = "\\underline" if t.selector == 12 else "\\overline"
    inner = _slot(w, t, 0)
    if t.variation & 1:
        inner = cmd + "{" + inner + "}"
    return cmd + "{" + inner + "}"


def _arrow(w: Writer, t: Template) -> str:
    var = t.variation
    cmd = None
    for c in t.chars:
        cmd = ARROWS.get(chr(c.code)) if c.code else None
        if cmd:
            break
    if cmd is None:
        cmd = _arrow_by_variation(var)
    slots = t.slots
    top = bottom = ""
    w.script_depth += 1
    try:
        if len(slots) >= 2:
            top, bottom = w.slot(slots[0]), w.slot(slots[1])
        elif slots:
            if var & 0x4 or not var & 0x8:
                top = w.slot(slots[0])
            else:
                bottom = w.slot(slots[0])
    finally:
        w.script_depth -= 1
    return cmd + ("[{" + bottom + "}]" if bottom else "") + "{" + top + "}"


def _arrow_by_variation(var: int) -> str:
    kind = var & 0x3
    if kind == 1:  # a pair of arrows
        return {0x10: "\\xrightequilibrium", 0x20: "\\xleftequilibrium"}.get(
            var & 0x30, "\\xrightleftarrows"
        )
    if kind == 2:  # harpoons
        return {0x10: "\\xrightequilibrium", 0x20: "\\xleftequilibrium"}.get(
            var & 0x30, "\\xrightleftharpoons"
        )
    return {0x10: "\\xleftarrow", 0x30: "\\xleftrightarrow"}.get(var & 0x30, "\\xrightarrow")


def _big_op(w: Writer, t: Template) -> str:
    var = t.variation
    op = None
    for c in t.chars:
        op = BIG_OPS.get(chr(c.code)) if c.code else None
        if op:
            break
    if op is None:
        op = _default_op(t)
    main = _slot(w, t, 0)
    lower, upper = _limits(w, t)
    sum_style = bool(var & SUM_STYLE)
    integral = op in ("\\int", "\\iint", "\\iiint", "\\oint", "\\oiint", "\\oiiint")
    head = op
    if (lower or upper) and sum_style:  # limits above and below, as MathType shows them
        head += "\\limits"
    elif (lower or upper) and not integral:
        head += "\\nolimits"
    if lower:
        head += "_" + group(lower)
    if upper:
        head += "^" + group(upper)
    return head + " " + main if main else head


def _default_op(t: Template) -> str:
    if t.selector == 15:
        count = t.variation & 0x3 or 1
        return (_LOOP_INTEGRALS if t.variation & 0xC else _INTEGRALS)[count]
    op = _BIG_DEFAULT.get(t.selector)
    if op is None:
        raise Unconvertible("toán tử lớn không rõ kí hiệu")
    return op


def _limits(w: Writer, t: Template) -> tuple[str, str]:
    """(lower, upper) of a big operator or limit: slots after the main one, as the bits say."""
    rest = t.slots[1:]
    var = t.variation
    if not var & (LOWER | UPPER):  # older streams: take the slots as they come
        var |= (LOWER if rest else 0) | (UPPER if len(rest) > 1 else 0)
    lower = upper = ""
    w.script_depth += 1
    try:
        if var & LOWER and rest:
            lower = w.slot(rest[0])
            rest = rest[1:]
        if var & UPPER and rest:
            upper = w.slot(rest[0])
    finally:
        w.script_depth -= 1
    return lower, upper


def _limit(w: Writer, t: Template) -> str:
    main = _slot(w, t, 0)
    lower, upper = _limits(w, t)
    if main in _LIMIT_NAMES:
        head = main + ("\\limits" if lower or upper else "")
        return head + ("_" + group(lower) if lower else "") + ("^" + group(upper) if upper else "")
    if lower:
        main = "\\underset{" + lower + "}{" + main + "}"
    if upper:
        main = "\\overset{" + upper + "}{" + main + "}"
    return main


def _hbrace(w: Writer, t: Template) -> str:
    main = _slot(w, t, 0)
    label = _slot(w, t, 1, script=True)
    if t.variation & 1:
        return "\\overbrace{" + main + "}" + ("^" + group(label) if label else "")
    return "\\underbrace{" + main + "}" + ("_" + group(label) if label else "")


def _dirac(w: Writer, t: Template) -> str:
    sides = t.variation & 0x3 or 0x3
    left = _slot(w, t, 0) if sides & 1 else ""
    right = _slot(w, t, 1 if sides & 1 else 0) if sides & 2 else ""
    if sides == 3:
        return "\\left\\langle " + left + " \\middle| " + right + " \\right\\rangle"
    if sides == 1:
        return "\\left\\langle " + left + " \\right|"
    return "\\left| " + right + " \\right\\rangle"


def _vector(w: Writer, t: Template) -> str:
    var = t.variation
    main = _slot(w, t, 0)
    under = bool(var & 0x4)
    if var & 0x8:  # harpoon
        if under:
            raise Unconvertible("mũi tên nửa (harpoon) dưới biểu thức")
        return ("\\overleftharpoon" if var & 0x1 else "\\overrightharpoon") + "{" + main + "}"
    sides = var & 0x3 or 0x2
    if sides == 2 and not under and _single(t):
        return "\\vec{" + main + "}"
    name = {1: "leftarrow", 2: "rightarrow", 3: "leftrightarrow"}[sides]
    return ("\\under" if under else "\\over") + name + "{" + main + "}"


def _single(t: Template) -> bool:
    """One character in the slot (a vector named by a letter: \\vec{a})."""
    slots = t.slots
    return bool(slots) and isinstance(slots[0], Line) and len(slots[0].items) == 1


def _tilde(w: Writer, t: Template) -> str:
    return ("\\tilde" if _single(t) else "\\widetilde") + "{" + _slot(w, t, 0) + "}"


def _hat(w: Writer, t: Template) -> str:
    return ("\\hat" if _single(t) else "\\widehat") + "{" + _slot(w, t, 0) + "}"


def _arc(w: Writer, t: Template) -> str:
    return "\\overset{\\frown}{" + _slot(w, t, 0) + "}"


def _strike(w: Writer, t: Template) -> str:
    var = t.variation
    main = _slot(w, t, 0)
    if var & 0x1:
        raise Unconvertible("gạch ngang xuyên biểu thức")
    cmd = {0x2: "\\cancel", 0x4: "\\bcancel", 0x6: "\\xcancel"}.get(var & 0x6)
    if cmd is None:
        raise Unconvertible("gạch chéo không rõ hướng")
    return cmd + "{" + main + "}"


def _box(w: Writer, t: Template) -> str:
    sides = t.variation & 0x1E
    if sides not in (0, 0x1E):
        raise Unconvertible("khung thiếu cạnh")
    return "\\boxed{" + _slot(w, t, 0) + "}"


_HANDLERS = {
    **dict.fromkeys(FENCES, _fence),
    9: _interval,
    10: _root,
    11: _fraction,
    12: _bar,
    13: _bar,
    14: _arrow,
    **dict.fromkeys(range(15, 23), _big_op),
    23: _limit,
    24: _hbrace,
    30: _dirac,
    31: _vector,
    32: _tilde,
    33: _hat,
    34: _arc,
    36: _strike,
    37: _box,
}
