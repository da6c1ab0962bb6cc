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

    def record(self, kind: int, opts: int, depth: int):
        b = self.b
        b.count()
        if opts & XF_LMOVE and kind in (LINE, CHAR, TMPL, PILE, MATRIX, EMBELL):
            b.nudge()
        handler = _RECORDS3.get(kind)
        if handler is not None:
            return handler(self, opts, depth)
        if FULL <= kind <= SUBSYM:
            return None
        raise MtefError(f"Bản ghi Equation 3.0 không xác định (mã {kind})")

    def line(self, opts: int, depth: int) -> Line:
        if opts & XF_LSPACE:
            self.b.u16()
        if opts & XF_RULER:
            self.ruler_record()
        if opts & XF_NULL:
            return Line([], null=True)
        return Line(self.objects(depth + 1))

    def template(self, opts: int, depth: int) -> Template:
        selector, variation, options = self.b.u8(), self.b.u8(), self.b.u8()
        return to_v5(selector, variation, options, self.objects(depth + 1))

    def pile(self, opts: int, depth: int) -> Pile:
        halign, valign = self.b.u8(), self.b.u8()
        if opts & XF_RULER:
            self.ruler_record()
        return Pile(halign, valign, [i for i in self.objects(depth + 1) if isinstance(i, Line)])

    def matrix(self, opts: int, depth: int) -> Matrix:
        b = self.b
        valign, h_just, v_just, rows, cols = b.u8(), b.u8(), b.u8(), b.u8(), b.u8()
        row_parts, col_parts = _partitions(b, rows + 1), _partitions(b, cols + 1)
        cells = [i for i in self.objects(depth + 1) if isinstance(i, Line)]
        return Matrix(valign, h_just, v_just, rows, cols, row_parts, col_parts, cells)

    def embell(self, opts: int, depth: int) -> int:
        return self.b.u8()

    def ruler(self, opts: int, depth: int) -> None:
        self.b.skip(3 * self.b.u8())

    def font(self, opts: int, depth: int) -> None:
        typeface = self.b.u8()
        self.b.u8()  # style
        self.v3_fonts[-typeface] = self.b.cstr()

    def size(self, opts: int, depth: int) -> None:
        skip_size(self.b)

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


def _script(variation: int, precedes: int) -> tuple[int, int]:
    return _SCRIPTS.get(variation, T_SUBSUP), precedes


def _big_op(selector: int, variation: int) -> tuple[int, int]:
    limits = _SUM_LIMITS if selector % 2 else _INT_LIMITS  # odd: summation-style limits
    return _BIG_OPS[selector], limits.get(variation, LOWER | UPPER)


# v3 selector → (v5 selector, v5 variation) from the v3 variation.
_V3_TEMPLATES = {
    **{sel: (lambda var, sel=sel: (sel, _FENCE_SIDES.get(var, 3))) for sel in PAREN_SELECTORS},
    6: lambda var: (T_FLOOR, 3),
    7: lambda var: (T_CEILING, 3),
    **{sel: (lambda var, sel=sel: (T_INTERVAL, _INTERVALS[sel])) for sel in _INTERVALS},
    13: lambda var: (T_ROOT, var & 1),
    14: lambda var: (T_FRACT, 1 if var else 0),
    15: lambda var: _script(var, 0),
    16: lambda var: (T_UBAR, var & 1),
    17: lambda var: (T_OBAR, var & 1),
    **{
        sel: (lambda var, sel=sel: (T_ARROW, _ARROWS[sel] | (0x8 if var else 0x4)))
        for sel in _ARROWS
    },
    **{sel: (lambda var, sel=sel: (T_INTEG, _INTEGRALS[sel].get(var, 0x1))) for sel in _INTEGRALS},
    27: lambda var: (T_HBRACE, 1),
    28: lambda var: (T_HBRACE, 0),
    **{sel: (lambda var, sel=sel: _big_op(sel, var)) for sel in _BIG_OPS},
    39: lambda var: (T_LIM, _UL_LIMITS.get(var, LOWER)),
    40: lambda var: (T_LDIV, 0 if var else 1),
    41: lambda var: (T_FRACT, 0x2 | {1: 0x4, 2: 0x1}.get(var, 0)),
    42: lambda var: (T_INTOP, _UL_LIMITS.get(var, LOWER | UPPER)),
    43: lambda var: (T_SUMOP, _UL_LIMITS.get(var, LOWER | UPPER) | SUM_STYLE),
    44: lambda var: _script(var, 0x1),
    45: lambda var: (T_DIRAC, _FENCE_SIDES.get(var, 3)),
    46: lambda var: (T_VEC, _VEC_SIDES.get(var, 0x2) | 0x4),
    47: lambda var: (T_VEC, _VEC_SIDES.get(var, 0x2)),
    48: lambda var: (T_ARC, 0),
}
_RECORDS3 = {
    LINE: Reader3.line,
    CHAR: Reader3.char,
    TMPL: Reader3.template,
    PILE: Reader3.pile,
    MATRIX: Reader3.matrix,
    EMBELL: Reader3.embell,
    RULER: Reader3.ruler,
    FONT3: Reader3.font,
    SIZE: Reader3.size,
}


def to_v5(selector: int, variation: int, options: int, items: list) -> Template:
    """A version 3 template with its version 5 selector and variation (unknown ones keep a
    number the LaTeX writer refuses)."""
    convert = _V3_TEMPLATES.get(selector)
    sel, var = convert(variation) if convert else (1000 + selector, variation)
    return Template(sel, var, options, items)
