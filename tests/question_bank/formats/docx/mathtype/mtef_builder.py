"""A small MTEF writer for tests and the benchmark: equations built from MathType's published
record layout (MTEF 5 as MathType 4+ writes it, MTEF 3 as Equation Editor 3.0 writes it).

Items are ``bytes`` (records); helpers compose them the way MathType does: a script template
follows its base, an empty slot is a null LINE, a big operator's slots are main, lower,
upper, then the operator character.

    eq(v("y="), frac(v("2x+1"), v("x-1")))             # y = (2x+1)/(x-1)
"""

from __future__ import annotations

import struct

# Typefaces.
TEXT, FUNCTION, VARIABLE, LCGREEK, UCGREEK, SYMBOL, VECTOR, NUMBER = 1, 2, 3, 4, 5, 6, 7, 8
MTEXTRA, EXPAND, MARKER, SPACE = 11, 22, 23, 24
END, LINE, CHAR, TMPL, PILE, MATRIX, EMBELL = range(7)
NULL = bytes([LINE, 0x01])  # an empty slot
LOWER, UPPER, SUM_STYLE = 0x10, 0x20, 0x40


def _u16(value: int) -> bytes:
    return struct.pack("<H", value)


# ---------------------------------------------------------------------------------------
# MTEF 5
# ---------------------------------------------------------------------------------------


def char(ch: str | int, face: int = VARIABLE, *, embells=(), func_start=False, nudge=False):
    code = ch if isinstance(ch, int) else ord(ch)
    opts = (0x01 if embells else 0) | (0x02 if func_start else 0) | (0x08 if nudge else 0)
    out = bytes([CHAR, opts]) + (b"\x81\x7f" if nudge else b"") + bytes([face + 128]) + _u16(code)
    if embells:
        out += b"".join(bytes([EMBELL, 0, e]) for e in embells) + bytes([END])
    return out


def char8(position: int, face: int) -> bytes:
    """A character written only by its 8-bit font position (no MTCode)."""
    return bytes([CHAR, 0x20 | 0x04, face + 128, position])


def _face(ch: str) -> int:
    if ch.isdigit():
        return NUMBER
    if ch.isascii() and ch.isalpha():
        return VARIABLE
    if "α" <= ch <= "ω":
        return LCGREEK
    if "Α" <= ch <= "Ω":
        return UCGREEK
    return SYMBOL


def v(s: str) -> bytes:
    """Math characters: digits as numbers, letters as variables, the rest as symbols."""
    return b"".join(char(ch, _face(ch)) for ch in s)


def text(s: str) -> bytes:
    return b"".join(char(ch, TEXT) for ch in s)


def fn(name: str) -> bytes:
    """A function name (sin, log, tg …) in the function style."""
    return b"".join(char(ch, FUNCTION, func_start=i == 0) for i, ch in enumerate(name))


def line(*items: bytes) -> bytes:
    return bytes([LINE, 0]) + b"".join(items) + bytes([END])


def tmpl(selector: int, variation: int, *subs: bytes, options: int = 0) -> bytes:
    var = bytes([variation & 127 | 128, variation >> 8]) if variation > 127 else bytes([variation])
    return bytes([TMPL, 0, selector]) + var + bytes([options]) + b"".join(subs) + bytes([END])


def pile(*lines: bytes, halign: int = 1, valign: int = 1) -> bytes:
    return bytes([PILE, 0, halign, valign]) + b"".join(lines) + bytes([END])


def _parts(values: list[int]) -> bytes:
    raw = bytearray((2 * len(values) + 7) // 8)
    for i, val in enumerate(values):
        raw[i // 4] |= (val & 3) << (2 * (i % 4))
    return bytes(raw)


def matrix(rows: int, cols: int, cells: list[bytes], *, h_just: int = 2, row_parts=None,
           col_parts=None) -> bytes:  # fmt: skip
    rp = _parts(row_parts or [0] * (rows + 1))
    cp = _parts(col_parts or [0] * (cols + 1))
    return (bytes([MATRIX, 0, 1, h_just, 1, rows, cols]) + rp + cp + b"".join(cells)
            + bytes([END]))  # fmt: skip


def _preferences() -> bytes:
    """ENCODING_DEF, FONT_DEFs and EQN_PREFS as MathType writes them before the equation."""
    out = bytes([19]) + b"WinAllBasicCodePages\x00"
    out += bytes([17, 5]) + b"Times New Roman\x00"
    out += bytes([17, 3]) + b"Symbol\x00"
    out += bytes([17, 5]) + b"Courier New\x00"
    out += bytes([17, 4]) + b"MT Extra\x00"
    # EQN_PREFS: options, 2 sizes ("12 pt", "58 %"), 1 spacing ("150 %"), 12 styles.
    out += bytes([18, 0, 2, 0x21, 0x2F, 0x45, 0x8F, 1, 0x41, 0x50, 0xF0])
    styles = [(1, 0), (1, 0), (1, 2), (2, 2), (2, 0), (2, 0), (1, 1), (1, 0), (3, 0), (1, 0),
              (4, 0), (0, None)]  # fmt: skip
    out += bytes([len(styles)])
    for font, style in styles:
        out += bytes([font]) + (bytes([style]) if font else b"")
    return out


def eq(*items: bytes, inline: bool = True, body: bytes | None = None) -> bytes:
    """A whole MTEF 5 stream: header, preferences, full size, one line of ``items``."""
    header = bytes([5, 1, 0, 7, 0]) + b"DSMT7\x00" + bytes([1 if inline else 0])
    return header + _preferences() + bytes([10]) + (body or line(*items)) + bytes([END])


def ole_stream(mtef: bytes) -> bytes:
    """The "Equation Native" stream: a 28-byte EQNOLEFILEHDR then the MTEF."""
    return struct.pack("<HIHI", 28, 0x00020000, 0xC1C0, len(mtef)) + b"\x00" * 16 + mtef


# -- composites --------------------------------------------------------------------------------


def frac(num: bytes, den: bytes, variation: int = 0) -> bytes:
    return tmpl(11, variation, line(num), line(den))


def sqrt(radicand: bytes, index: bytes | None = None) -> bytes:
    return tmpl(10, 1 if index else 0, line(radicand), line(index) if index else NULL)


def sup(s: bytes) -> bytes:
    return tmpl(28, 0, NULL, line(s))


def sub(s: bytes) -> bytes:
    return tmpl(27, 0, line(s), NULL)


def subsup(lo: bytes, hi: bytes) -> bytes:
    return tmpl(29, 0, line(lo), line(hi))


def fence(selector: int, inner: bytes, sides: int = 3) -> bytes:
    chars = b""
    pairs = {0: "⟨⟩", 1: "()", 2: "{}", 3: "[]", 4: "||", 5: "‖‖", 6: "⌊⌋", 7: "⌈⌉"}
    left, right = pairs.get(selector, "[]")
    if sides & 1:
        chars += char(left, EXPAND)
    if sides & 2:
        chars += char(right, EXPAND)
    return tmpl(selector, sides, line(inner), chars)


def system(*rows: bytes, bracket: bool = False) -> bytes:
    """A system (hệ): a left brace (or bracket, "hoặc") around a left-aligned pile."""
    return tmpl(3 if bracket else 2, 1, line(pile(*(line(r) for r in rows))),
                char("[" if bracket else "{", EXPAND))  # fmt: skip


def integral(body: bytes, lower: bytes | None = None, upper: bytes | None = None,
             *, count: int = 1) -> bytes:  # fmt: skip
    var = count | (LOWER if lower else 0) | (UPPER if upper else 0)
    slots = line(body) + (line(lower) if lower else NULL) + (line(upper) if upper else NULL)
    return tmpl(15, var, slots, char("∫∬∭"[count - 1], SYMBOL))


def big(selector: int, op: str, body: bytes, lower=None, upper=None) -> bytes:
    var = SUM_STYLE | (LOWER if lower else 0) | (UPPER if upper else 0)
    slots = line(body) + (line(lower) if lower else NULL) + (line(upper) if upper else NULL)
    return tmpl(selector, var, slots, char(op, SYMBOL))


def limit(lower: bytes, body: bytes = b"") -> bytes:
    return tmpl(23, LOWER, line(fn("lim")), line(lower), NULL) + body


def arrow(top: bytes | None, bottom: bytes | None = None, *, ch: str = "→") -> bytes:
    var = 0x20 | (0x4 if top else 0) | (0x8 if bottom else 0)
    return tmpl(14, var, line(top) if top else NULL, line(bottom) if bottom else NULL,
                char(ch, SYMBOL))  # fmt: skip


def accent(selector: int, inner: bytes, variation: int = 0, mark: str = "^") -> bytes:
    return tmpl(selector, variation, line(inner), char(mark, EXPAND))


# ---------------------------------------------------------------------------------------
# MTEF 3 (Equation Editor 3.0): options in the high nibble of the record type
# ---------------------------------------------------------------------------------------


class V3:
    @staticmethod
    def char(ch: str | int, face: int = VARIABLE, embells=()) -> bytes:
        code = ch if isinstance(ch, int) else ord(ch)
        out = bytes([CHAR | (0x20 if embells else 0), face + 128]) + _u16(code)
        if embells:
            out += b"".join(bytes([EMBELL, e]) for e in embells) + bytes([END])
        return out

    @staticmethod
    def v(s: str) -> bytes:
        return b"".join(V3.char(ch, _face(ch)) for ch in s)

    @staticmethod
    def fn(name: str) -> bytes:
        return b"".join(V3.char(ch, FUNCTION) for ch in name)

    NULL = bytes([LINE | 0x10])

    @staticmethod
    def line(*items: bytes) -> bytes:
        return bytes([LINE]) + b"".join(items) + bytes([END])

    @staticmethod
    def tmpl(selector: int, variation: int, *subs: bytes) -> bytes:
        return bytes([TMPL, selector, variation, 0]) + b"".join(subs) + bytes([END])

    @staticmethod
    def pile(*lines: bytes, halign: int = 1) -> bytes:
        return bytes([PILE, halign, 1]) + b"".join(lines) + bytes([END])

    @staticmethod
    def matrix(rows: int, cols: int, cells: list[bytes]) -> bytes:
        parts = _parts([0] * (rows + 1)) + _parts([0] * (cols + 1))
        return bytes([MATRIX, 1, 2, 1, rows, cols]) + parts + b"".join(cells) + bytes([END])

    @staticmethod
    def eq(*items: bytes) -> bytes:
        header = bytes([3, 1, 1, 3, 0])
        return header + bytes([10]) + V3.line(*items) + bytes([END])
