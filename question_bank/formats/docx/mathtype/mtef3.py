"""MTEF version 3 (Equation Editor 3.0, "Equation.3") → the tree of :mod:`.mtef`.

Version 3 has a 5-byte header, keeps a record's options in the high nibble of its type byte,
stores characters as 16-bit values of their typeface's encoding and numbers its templates
differently. :func:`to_v5` renumbers each template to the version 5 selector and variation
bits with the same meaning, so one LaTeX writer serves both versions.
"""

from __future__ import annotations

from question_bank.formats.docx.mathtype.errors import MtefError
from question_bank.formats.docx.mathtype.mtef import (
    CHAR,
    EMBELL,
    END,
    FULL,
    LINE,
    MATRIX,
    MAX_DEPTH,
    PILE,
    RULER,
    SIZE,
    SUBSYM,
    TMPL,
    Char,
    Equation,
    Line,
    Matrix,
    Pile,
    Template,
    _Bytes,
    _partitions,
    font_char,
    skip_size,
    top_line,
)
from question_bank.formats.docx.mathtype.symbols import (
    FN_LCGREEK,
    FN_MTEXTRA,
    FN_SYMBOL,
    FN_UCGREEK,
)

FONT3 = 8
XF_LMOVE, XF_AUTO, XF_EMBELL, XF_NULL, XF_RULER, XF_LSPACE = 0x8, 0x1, 0x2, 0x1, 0x2, 0x4

# v5 selectors and variation bits used below.
PAREN_SELECTORS = range(0, 6)  # angle, paren, brace, brack, bar, dbar: same numbers in v5
T_FLOOR, T_CEILING, T_INTERVAL, T_ROOT, T_FRACT, T_UBAR, T_OBAR, T_ARROW = (
    6, 7, 9, 10, 11, 12, 13, 14,
)  # fmt: skip
T_INTEG, T_SUM, T_PROD, T_COPROD, T_UNION, T_INTER, T_INTOP, T_SUMOP = range(15, 23)
T_LIM, T_HBRACE, T_LDIV, T_SUB, T_SUP, T_SUBSUP, T_DIRAC, T_VEC, T_ARC = (
    23, 24, 26, 27, 28, 29, 30, 31, 34,
)  # fmt: skip
LOWER, UPPER, SUM_STYLE = (
    0x10,
    0x20,
    0x40,
)  # tvBO_LOWER, tvBO_UPPER, tvBO_SUM as MathType writes them
INT_LOOP, INT_2, INT_3 = 0x4, 0x2, 0x3


class Reader3:
    def __init__(self, data: bytes):
        self.b = _Bytes(data)
        self.v3_fonts: dict[int, str] = {}

    def equation(self) -> Equation:
        b = self.b
        b.u8()  # version
        b.u8()  # platform
        product = b.u8()
        b.u8()
        b.u8()
        return Equation(version=3, product=product, inline=True, body=top_line(self.objects(0)))

    def objects(self, depth: int) -> list:
        if depth > MAX_DEPTH:
            raise MtefError("Công thức Equation 3.0 lồng nhau quá sâu")
        out: list = []
        b = self.b
        while True:
            if depth == 0 and b.pos >= len(b.data):
                return out
            tag = b.u8()
            kind, opts = tag & 0x0F, tag >> 4
            if kind == END:
                return out
            node = self.record(kind, opts, depth)
            if node is not None:
                out.append(node)

    def record(self, kind: int, opts: int, depth: int):  # noqa: C901 - one branch per record
        b = self.b
        b.count()
        if opts & XF_LMOVE and kind in (LINE, CHAR, TMPL, PILE, MATRIX, EMBELL):
            b.nudge()
        if kind == LINE:
            if opts & XF_LSPACE:
                b.u16()
            if opts & XF_RULER:
                self.ruler_record()
            if opts & XF_NULL:
                return Line([], null=True)
            return Line(self.objects(depth + 1))
        if kind == CHAR:
            return self.char(opts, depth)
        if kind == TMPL:
            selector, variation, options = b.u8(), b.u8(), b.u8()
            return to_v5(selector, variation, options, self.objects(depth + 1))
        if kind == PILE:
            halign, valign = b.u8(), b.u8()
            if opts & XF_RULER:
                self.ruler_record()
            return Pile(halign, valign, [i for i in self.objects(depth + 1) if isinstance(i, Line)])
        if kind == MATRIX:
            valign, h_just, v_just, rows, cols = b.u8(), b.u8(), b.u8(), b.u8(), b.u8()
            row_parts, col_parts = _partitions(b, rows + 1), _partitions(b, cols + 1)
            cells = [i for i in self.objects(depth + 1) if isinstance(i, Line)]
            return Matrix(valign, h_just, v_just, rows, cols, row_parts, col_parts, cells)
        if kind == EMBELL:
            return b.u8()
        if kind == RULER:
            b.skip(3 * b.u8())
            return None
        if kind == FONT3:
            typeface = b.u8()
            b.u8()  # style
            self.v3_fonts[-typeface] = b.cstr()
            return None
        if kind == SIZE:
            skip_size(b)
            return None
        if FULL <= kind <= SUBSYM:
            return None
        raise MtefError(f"Bản ghi Equation 3.0 không xác định (mã {kind})")

    def ruler_record(self) -> None:
        if self.b.u8() & 0x0F != RULER:
            raise MtefError("Bản ghi thước (RULER) của công thức bị hỏng")
        self.b.skip(3 * self.b.u8())

    def char(self, opts: int, depth: int) -> Char:
        b = self.b
        typeface = b.u8() - 128
        value = b.u16()
        embells: tuple[int, ...] = ()
        if opts & XF_EMBELL:
            embells = tuple(e for e in self.objects(depth + 1) if isinstance(e, int))
        return Char(char_value(typeface, value, self.v3_fonts), typeface, embells, False)


def char_value(typeface: int, value: int, fonts: dict[int, str]) -> int:
    """Equation Editor keeps Unicode for most characters; Greek typefaces may hold Symbol-font
    positions and MT Extra its own positions (unknown here → 0)."""
    if typeface < 0:
        name = fonts.get(typeface, "")
        return value if value >= 0x100 else font_char(name, typeface, value)
    if typeface == FN_MTEXTRA and value < 0x100:
        return 0
    if typeface in (FN_LCGREEK, FN_UCGREEK) and value < 0x80:
        return font_char("Symbol", typeface, value)
    if typeface == FN_SYMBOL and value < 0x80 and chr(value).isalpha():
        return font_char("Symbol", typeface, value)
    return value


# ---------------------------------------------------------------------------------------
# Version 3 template numbers → version 5
# ---------------------------------------------------------------------------------------

_FENCE_SIDES = {0: 3, 1: 1, 2: 2}  # both / left only / right only → tvFENCE_L|R bits
_INTERVALS = {8: 0x22, 9: 0x33, 10: 0x23, 11: 0x12, 12: 0x30}  # LBLB RBRB RBLB LBRP LPRB
_ARROWS = {18: 0x10, 19: 0x20, 20: 0x30}  # left, right, both-headed
_INTEGRALS = {
    # selector: {variation: v5 variation}
    21: {0: 0x1, 1: 0x1 | LOWER, 2: 0x1 | LOWER | UPPER, 3: INT_LOOP | 1, 4: INT_LOOP | 1 | LOWER},
    22: {0: INT_2, 1: INT_2 | LOWER, 2: INT_2 | INT_LOOP, 3: INT_2 | INT_LOOP | LOWER},
    23: {0: INT_3, 1: INT_3 | LOWER, 2: INT_3 | INT_LOOP, 3: INT_3 | INT_LOOP | LOWER},
    24: {0: 0x1 | LOWER | UPPER | SUM_STYLE, 1: 0x1 | LOWER | SUM_STYLE,
         2: INT_LOOP | 1 | LOWER | SUM_STYLE},
    25: {0: INT_2 | INT_LOOP | LOWER | SUM_STYLE, 1: INT_2 | LOWER | SUM_STYLE},
    26: {0: INT_3 | INT_LOOP | LOWER | SUM_STYLE, 1: INT_3 | LOWER | SUM_STYLE},
}  # fmt: skip
_BIG_OPS = {29: T_SUM, 30: T_SUM, 31: T_PROD, 32: T_PROD, 33: T_COPROD, 34: T_COPROD,
            35: T_UNION, 36: T_UNION, 37: T_INTER, 38: T_INTER}  # fmt: skip
_SUM_LIMITS = {0: LOWER | SUM_STYLE, 1: LOWER | UPPER | SUM_STYLE, 2: SUM_STYLE}
_INT_LIMITS = {0: LOWER, 1: LOWER | UPPER}
_UL_LIMITS = {0: UPPER, 1: LOWER, 2: LOWER | UPPER}
_SCRIPTS = {0: T_SUP, 1: T_SUB, 2: T_SUBSUP}
_VEC_SIDES = {0: 0x1, 1: 0x2, 2: 0x3}


def to_v5(selector: int, variation: int, options: int, items: list) -> Template:  # noqa: C901
    """A version 3 template with its version 5 selector and variation."""

    def t(sel: int, var: int) -> Template:
        return Template(sel, var, options, items)

    if selector in PAREN_SELECTORS:
        return t(selector, _FENCE_SIDES.get(variation, 3))
    if selector in (6, 7):
        return t(selector, 3)
    if selector in _INTERVALS:
        return t(T_INTERVAL, _INTERVALS[selector])
    if selector == 13:
        return t(T_ROOT, variation & 1)
    if selector == 14:
        return t(T_FRACT, 1 if variation else 0)
    if selector == 15:
        return t(_SCRIPTS.get(variation, T_SUBSUP), 0)
    if selector in (16, 17):
        return t(T_UBAR if selector == 16 else T_OBAR, variation & 1)
    if selector in _ARROWS:
        return t(T_ARROW, _ARROWS[selector] | (0x8 if variation else 0x4))
    if selector in _INTEGRALS:
        return t(T_INTEG, _INTEGRALS[selector].get(variation, 0x1))
    if selector in (27, 28):
        return t(T_HBRACE, 1 if selector == 27 else 0)
    if selector in _BIG_OPS:
        limits = _SUM_LIMITS if selector % 2 else _INT_LIMITS
        return t(_BIG_OPS[selector], limits.get(variation, LOWER | UPPER))
    if selector == 39:
        return t(T_LIM, _UL_LIMITS.get(variation, LOWER))
    if selector == 40:
        return t(T_LDIV, 0 if variation else 1)
    if selector == 41:
        return t(T_FRACT, 0x2 | {1: 0x4, 2: 0x1}.get(variation, 0))
    if selector in (42, 43):
        sel, extra = (T_INTOP, 0) if selector == 42 else (T_SUMOP, SUM_STYLE)
        return t(sel, _UL_LIMITS.get(variation, LOWER | UPPER) | extra)
    if selector == 44:
        return t(_SCRIPTS.get(variation, T_SUBSUP), 0x1)
    if selector == 45:
        return t(T_DIRAC, _FENCE_SIDES.get(variation, 3))
    if selector in (46, 47):
        return t(T_VEC, _VEC_SIDES.get(variation, 0x2) | (0x4 if selector == 46 else 0))
    if selector == 48:
        return t(T_ARC, 0)
    return t(1000 + selector, variation)  # unknown: the writer says so
