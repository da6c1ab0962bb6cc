"""MTEF, MathType's binary equation format, → a small tree (:class:`Equation`).

Version 5 (MathType 4 and later; "Equation.DSMT4") and version 3 (Equation Editor 3.0,
"Equation.3") are read, following MathType's published description of MTEF: records start
with a type byte, followed in v5 by an options byte and in v3 by options in the high nibble of
the type byte. Structure records (LINE, CHAR, TMPL, PILE, MATRIX) become nodes; sizes,
colours, rulers and definitions are read and dropped, except that font definitions decide the
character of a CHAR written without its MTCode. Version 3 templates are renumbered to their
version 5 selector and variation (:mod:`.mtef3`), so the LaTeX writer knows only one set.

The reader checks every length against the data and limits depth and size: a corrupt stream
raises :class:`~.errors.MtefError`, never an ``IndexError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from question_bank.formats.docx.mathtype.errors import MtefError
from question_bank.formats.docx.mathtype.symbols import (
    FN_LCGREEK,
    FN_SYMBOL,
    FN_UCGREEK,
    SYMBOL_FONT,
)

MAX_DEPTH = 60
MAX_NODES = 50_000

END, LINE, CHAR, TMPL, PILE, MATRIX, EMBELL, RULER = range(8)
FONT_STYLE_DEF, SIZE, FULL, SUB, SUB2, SYM, SUBSYM = 8, 9, 10, 11, 12, 13, 14
COLOR, COLOR_DEF, FONT_DEF, EQN_PREFS, ENCODING_DEF, FUTURE = 15, 16, 17, 18, 19, 100

OPT_NUDGE = 0x08
OPT_CHAR_EMBELL, OPT_CHAR_FUNC_START, OPT_CHAR_ENC_CHAR_8 = 0x01, 0x02, 0x04
OPT_CHAR_ENC_CHAR_16, OPT_CHAR_ENC_NO_MTCODE = 0x10, 0x20
OPT_LINE_NULL, OPT_LP_RULER, OPT_LINE_LSPACE = 0x01, 0x02, 0x04
OPT_COLOR_CMYK, OPT_COLOR_NAME = 0x01, 0x04


# ---------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Char:
    code: int  # Unicode / MTCode; 0 when the character could not be identified
    typeface: int
    embells: tuple[int, ...] = ()
    func_start: bool = False


@dataclass(slots=True)
class Line:
    items: list = field(default_factory=list)
    null: bool = False


@dataclass(slots=True)
class Pile:
    halign: int
    valign: int
    lines: list[Line]


@dataclass(slots=True)
class Matrix:
    valign: int
    h_just: int
    v_just: int
    rows: int
    cols: int
    row_parts: list[int]
    col_parts: list[int]
    cells: list[Line]


@dataclass(slots=True)
class Template:
    selector: int  # the MTEF 5 selector (v3 templates are renumbered)
    variation: int
    options: int
    items: list  # subobjects in stream order: lines (slots), piles and characters

    @property
    def slots(self) -> list:
        return [it for it in self.items if isinstance(it, (Line, Pile))]

    @property
    def chars(self) -> list[Char]:
        return [it for it in self.items if isinstance(it, Char)]


@dataclass(slots=True)
class Equation:
    version: int
    product: int  # 0 MathType, 1 Equation Editor
    inline: bool
    body: Line


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


class _Bytes:
    """A cursor over the stream; every read is bounds-checked."""

    __slots__ = ("data", "nodes", "pos")

    def __init__(self, data: bytes, pos: int = 0):
        self.data = data
        self.pos = pos
        self.nodes = 0

    def u8(self) -> int:
        if self.pos >= len(self.data):
            raise MtefError("Dữ liệu công thức MathType bị cắt cụt (thiếu byte cuối)")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def u16(self) -> int:
        return self.u8() | (self.u8() << 8)

    def uint(self) -> int:
        """MTEF unsigned integer: one byte, or 255 then a 16-bit value."""
        value = self.u8()
        return self.u16() if value == 255 else value

    def skip(self, n: int) -> None:
        if n < 0 or self.pos + n > len(self.data):
            raise MtefError("Dữ liệu công thức MathType bị cắt cụt")
        self.pos += n

    def cstr(self) -> str:
        end = self.data.find(b"\x00", self.pos)
        if end < 0:
            raise MtefError("Dữ liệu công thức MathType bị cắt cụt (chuỗi không kết thúc)")
        raw = self.data[self.pos : end]
        self.pos = end + 1
        return raw.decode("latin-1")

    def nudge(self) -> None:
        dx, dy = self.u8(), self.u8()
        if dx == 128 and dy == 128:
            self.skip(4)

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise MtefError("Công thức MathType quá lớn (quá nhiều phần tử)")


class _Fonts:
    """Encoding, font and style definitions: which font a typeface draws with."""

    def __init__(self):
        self.encodings: list[str] = ["MTCode", "Unknown", "Symbol", "MTExtra"]
        self.fonts: list[tuple[int, str]] = []  # (encoding index, name)
        self.style_defs: list[int] = []  # FONT_STYLE_DEF → font index
        self.typefaces: dict[int, int] = {}  # EQN_PREFS: typeface → font index

    def encoding(self, typeface: int) -> str:
        font = self.font(typeface)
        if font is None:
            return ""
        enc_index, name = font
        enc = self.encodings[enc_index - 1] if 0 < enc_index <= len(self.encodings) else ""
        return enc or name

    def font(self, typeface: int) -> tuple[int, str] | None:
        if typeface < 0:
            index = -typeface
            if not 0 < index <= len(self.style_defs):
                return None
            index = self.style_defs[index - 1]
        else:
            index = self.typefaces.get(typeface, 0)
        if 0 < index <= len(self.fonts):
            return self.fonts[index - 1]
        return None


class Reader5:
    def __init__(self, data: bytes):
        self.b = _Bytes(data)
        self.fonts = _Fonts()

    def equation(self) -> Equation:
        b = self.b
        b.u8()  # version
        b.u8()  # platform
        product = b.u8()
        b.u8()  # product version
        b.u8()  # product subversion
        b.cstr()  # application key ("DSMT4")
        options = b.u8()
        body = top_line(self.objects(0))
        return Equation(version=5, product=product, inline=bool(options & 1), body=body)

    def objects(self, depth: int) -> list:
        """An object list up to its END record (or the end of the stream at the top)."""
        if depth > MAX_DEPTH:
            raise MtefError("Công thức MathType lồng nhau quá sâu")
        out: list = []
        b = self.b
        while True:
            if depth == 0 and b.pos >= len(b.data):
                return out
            tag = b.u8()
            if tag == END:
                return out
            node = self.record(tag, depth)
            if node is not None:
                out.append(node)

    def record(self, tag: int, depth: int):
        handler = _RECORDS5.get(tag)
        if handler is not None:
            self.b.count()
            return handler(self, depth)
        if FULL <= tag <= SUBSYM:
            return None
        if tag >= FUTURE:
            self.b.skip(self.b.uint())
            return None
        raise MtefError(f"Bản ghi MTEF không xác định (mã {tag})")

    # -- structure -----------------------------------------------------------------------
    def line(self, depth: int) -> Line:
        b = self.b
        opts = b.u8()
        if opts & OPT_NUDGE:
            b.nudge()
        if opts & OPT_LINE_LSPACE:
            b.u16()
        if opts & OPT_LP_RULER:
            self.ruler_record()
        if opts & OPT_LINE_NULL:
            return Line([], null=True)
        return Line(self.objects(depth + 1))

    def char(self, depth: int) -> Char:
        b = self.b
        opts = b.u8()
        if opts & OPT_NUDGE:
            b.nudge()
        typeface = b.u8()
        typeface = b.u16() - 32768 if typeface == 255 else typeface - 128
        code = 0 if opts & OPT_CHAR_ENC_NO_MTCODE else b.u16()
        position = None
        if opts & OPT_CHAR_ENC_CHAR_8:
            position = b.u8()
        elif opts & OPT_CHAR_ENC_CHAR_16:
            position = b.u16()
        if not code and position is not None:
            code = font_char(self.fonts.encoding(typeface), typeface, position)
        embells: tuple[int, ...] = ()
        if opts & OPT_CHAR_EMBELL:
            embells = tuple(e for e in self.objects(depth + 1) if isinstance(e, int))
        return Char(code, typeface, embells, bool(opts & OPT_CHAR_FUNC_START))

    def template(self, depth: int) -> Template:
        b = self.b
        opts = b.u8()
        if opts & OPT_NUDGE:
            b.nudge()
        selector = b.u8()
        variation = b.u8()
        if variation & 0x80:
            variation = (variation & 0x7F) | (b.u8() << 8)
        tmpl_options = b.u8()
        return Template(selector, variation, tmpl_options, self.objects(depth + 1))

    def pile(self, depth: int) -> Pile:
        b = self.b
        opts = b.u8()
        if opts & OPT_NUDGE:
            b.nudge()
        halign, valign = b.u8(), b.u8()
        if opts & OPT_LP_RULER:
            self.ruler_record()
        lines = [it for it in self.objects(depth + 1) if isinstance(it, Line)]
        return Pile(halign, valign, lines)

    def matrix(self, depth: int) -> Matrix:
        b = self.b
        opts = b.u8()
        if opts & OPT_NUDGE:
            b.nudge()
        valign, h_just, v_just, rows, cols = b.u8(), b.u8(), b.u8(), b.u8(), b.u8()
        row_parts = _partitions(b, rows + 1)
        col_parts = _partitions(b, cols + 1)
        cells = [it for it in self.objects(depth + 1) if isinstance(it, Line)]
        return Matrix(valign, h_just, v_just, rows, cols, row_parts, col_parts, cells)

    def embell(self, depth: int) -> int:
        opts = self.b.u8()
        if opts & OPT_NUDGE:
            self.b.nudge()
        return self.b.u8()

    # -- definitions and formatting (read, mostly dropped) --------------------------------
    def ruler_record(self) -> None:
        if self.b.u8() != RULER:
            raise MtefError("Bản ghi thước (RULER) của công thức bị hỏng")
        self.ruler(0)

    def ruler(self, depth: int) -> None:
        self.b.skip(3 * self.b.u8())

    def font_style_def(self, depth: int) -> None:
        self.fonts.style_defs.append(self.b.uint())
        self.b.u8()

    def size(self, depth: int) -> None:
        skip_size(self.b)

    def color(self, depth: int) -> None:
        self.b.uint()

    def color_def(self, depth: int) -> None:
        opts = self.b.u8()
        self.b.skip(8 if opts & OPT_COLOR_CMYK else 6)
        if opts & OPT_COLOR_NAME:
            self.b.cstr()

    def font_def(self, depth: int) -> None:
        enc = self.b.uint()
        self.fonts.fonts.append((enc, self.b.cstr()))

    def eqn_prefs(self, depth: int) -> None:
        b = self.b
        b.u8()  # options
        _skip_dimensions(b)  # sizes
        _skip_dimensions(b)  # spacing
        for typeface in range(1, b.u8() + 1):
            font_index = b.uint()
            if font_index:
                b.u8()  # character style
                self.fonts.typefaces[typeface] = font_index

    def encoding_def(self, depth: int) -> None:
        self.fonts.encodings.append(self.b.cstr())


_RECORDS5 = {
    LINE: Reader5.line,
    CHAR: Reader5.char,
    TMPL: Reader5.template,
    PILE: Reader5.pile,
    MATRIX: Reader5.matrix,
    EMBELL: Reader5.embell,
    RULER: Reader5.ruler,
    FONT_STYLE_DEF: Reader5.font_style_def,
    SIZE: Reader5.size,
    COLOR: Reader5.color,
    COLOR_DEF: Reader5.color_def,
    FONT_DEF: Reader5.font_def,
    EQN_PREFS: Reader5.eqn_prefs,
    ENCODING_DEF: Reader5.encoding_def,
}


def top_line(objects: list) -> Line:
    """The equation's line: the stream holds one LINE (or PILE) after its definitions."""
    if len(objects) == 1 and isinstance(objects[0], Line):
        return objects[0]
    return Line(objects)


def skip_size(b: _Bytes) -> None:
    lsize = b.u8()
    if lsize == 101:
        b.u16()
    elif lsize == 100:
        b.u8()
        b.u16()
    else:
        b.u8()


def _partitions(b: _Bytes, lines: int) -> list[int]:
    """Two bits per partition line (0 none, 1 solid, 2 dashed, 3 dotted), rounded to bytes."""
    raw = [b.u8() for _ in range((2 * lines + 7) // 8)]
    return [(raw[i // 4] >> (2 * (i % 4))) & 3 for i in range(lines)]


def _skip_dimensions(b: _Bytes) -> None:
    """A dimension array: a count, then nibbles (unit, digits …, 0xF) packed two per byte."""
    remaining = b.u8()
    if not remaining:
        return
    while remaining:
        byte = b.u8()
        for nibble in (byte >> 4, byte & 0xF):
            if nibble == 0xF and remaining:
                remaining -= 1


def font_char(encoding: str, typeface: int, position: int) -> int:
    """The Unicode character at ``position`` of a font with this encoding (0 if unknown)."""
    enc = encoding.lower()
    if "symbol" in enc or (typeface in (FN_SYMBOL, FN_LCGREEK, FN_UCGREEK) and not enc):
        ch = SYMBOL_FONT.get(position)
        if ch is not None:
            return ord(ch)
        return position if position < 0x80 else 0
    if "extra" in enc or "mt " in enc:
        return 0  # MT Extra has no standard layout: the character stays unknown
    if position < 0x80:
        return position
    try:
        return ord(bytes([position & 0xFF]).decode("cp1252"))
    except UnicodeDecodeError:
        return 0
