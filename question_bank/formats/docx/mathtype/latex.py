"""The MTEF tree (:mod:`.mtef`) → LaTeX that KaTeX renders and :mod:`..omml_write` reads.

A line is written item by item. In MTEF a script template follows its base, so
``x`` then ``tmSUP(2)`` is written ``x^{2}``; runs of text-style characters become one
``\\text{…}`` (Vietnamese kept), runs of function-style letters one ``\\sin`` or
``\\operatorname{tg}``. Templates are written by :mod:`.templates`.

What has no faithful LaTeX raises :class:`~.errors.Unconvertible` (a MathType private
character, a template or an embellishment we do not know): the caller shows the picture
instead. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata

from common.vietnamese import nfc
from question_bank.formats.docx.mathtype.errors import Unconvertible
from question_bank.formats.docx.mathtype.mtef import Char, Equation, Line, Matrix, Pile, Template
from question_bank.formats.docx.mathtype.pieces import group, join
from question_bank.formats.docx.mathtype.symbols import (
    DEGREE,
    FN_EXPAND,
    FN_FUNCTION,
    FN_MARKER,
    FN_SPACE,
    FN_VECTOR,
    LATEX_FUNCS,
    MATH_CHARS,
    PRIMES,
    SPACES,
    TEXT_ESCAPES,
    TEXT_FACES,
    TEXT_PUNCT,
    VN_FUNCS,
)
from question_bank.formats.docx.mathtype.templates import template_latex

_SPACES_RE = re.compile(r"\s+")
_ASCII_MATH = {
    "{": "\\{", "}": "\\}", "#": "\\#", "$": "\\$", "%": "\\%", "&": "\\&", "_": "\\_",
    '"': "''",
}  # fmt: skip
SCRIPT_SELECTORS = {27, 28, 29}  # tmSUB, tmSUP, tmSUBSUP

# Embellishments (EMBELL records on a character): wrapping commands and suffixes.
_EMBELL_WRAP = {
    2: "\\dot", 3: "\\ddot", 4: "\\dddot", 24: "\\ddddot", 8: "\\tilde", 9: "\\hat",
    11: "\\vec", 12: "\\overleftarrow", 13: "\\overleftrightarrow",
    14: "\\overrightharpoon", 15: "\\overleftharpoon", 17: "\\bar", 21: "\\xcancel",
    22: "\\cancel", 23: "\\bcancel", 29: "\\underline", 30: "\\utilde",
    33: "\\underrightarrow", 34: "\\underleftarrow", 35: "\\underleftrightarrow",
}  # fmt: skip
_EMBELL_STACK = {19: ("\\overset", "\\frown"), 20: ("\\overset", "\\smile"),
                 31: ("\\underset", "\\frown"), 32: ("\\underset", "\\smile")}  # fmt: skip
_EMBELL_PRIME = {5: "'", 6: "''", 18: "'''"}
_NOT = 10
_NEGATED = {
    "=": "\\ne", "\\in": "\\notin", "<": "\\nless", ">": "\\ngtr", "\\le": "\\nleq",
    "\\ge": "\\ngeq", "\\subset": "\\not\\subset", "\\subseteq": "\\nsubseteq",
    "\\supseteq": "\\nsupseteq", "\\parallel": "\\nparallel", "\\mid": "\\nmid",
    "\\sim": "\\nsim", "\\cong": "\\ncong", "\\exists": "\\nexists", "\\equiv": "\\not\\equiv",
}  # fmt: skip


def equation_to_latex(eq: Equation) -> str:
    """LaTeX for a whole equation (without ``\\(…\\)``)."""
    latex = _SPACES_RE.sub(" ", Writer().line(eq.body, top=True)).strip()
    return latex + " " if latex.endswith("\\") else latex  # keep a final "\\ " space


class _Out:
    """The pieces of one line and which scripts the current base already carries."""

    __slots__ = ("parts", "scripts")

    def __init__(self):
        self.parts: list[str] = []
        self.scripts: set[str] = set()

    def add(self, latex: str) -> None:
        if latex:
            self.parts.append(latex)
            self.scripts = set()

    def script(self, sub: str, sup: str) -> None:
        if not sub and not sup:
            return
        if not self.parts or (sub and "sub" in self.scripts) or (sup and "sup" in self.scripts):
            self.parts.append("{}")
            self.scripts = set()
        if sub:
            self.parts.append("_" + group(sub))
            self.scripts.add("sub")
        if sup:
            self.parts.append("^" + group(sup))
            self.scripts.add("sup")

    def prime(self, primes: str) -> None:
        if not self.parts or "sup" in self.scripts:
            self.parts.append("{}")
            self.scripts = set()
        self.parts.append(primes)

    def text(self) -> str:
        return join(self.parts)


class Writer:
    """Writes lines, piles and matrices; templates go to :mod:`.templates`."""

    def __init__(self):
        self.script_depth = 0  # > 0 inside scripts, limits and arrow labels

    # -- containers ---------------------------------------------------------------------
    def slot(self, node, *, script: bool = False) -> str:
        """A template slot (a line or a pile), optionally at script level."""
        if node is None:
            return ""
        if script:
            self.script_depth += 1
        try:
            if isinstance(node, Pile):
                return self.pile(node)
            if isinstance(node, Line):
                return self.line(node)
            raise Unconvertible("một ô của mẫu công thức có cấu trúc lạ")
        finally:
            if script:
                self.script_depth -= 1

    def line(self, line: Line, *, top: bool = False) -> str:
        if line.null:
            return ""
        items = [it for it in line.items if not isinstance(it, int)]
        if top and len(items) == 1 and isinstance(items[0], Pile):
            return self.pile(items[0], top=True)
        out = _Out()
        i = 0
        while i < len(items):
            it = items[i]
            if isinstance(it, Char):
                i = self.chars(items, i, out)
                continue
            if isinstance(it, Template):
                if it.selector in SCRIPT_SELECTORS:
                    self.script(it, out)
                else:
                    out.add(template_latex(self, it))
            elif isinstance(it, Pile):
                out.add(self.pile(it))
            elif isinstance(it, Matrix):
                out.add(self.matrix(it))
            elif isinstance(it, Line):
                out.add(self.line(it))
            i += 1
        return out.text()

    def script(self, t: Template, out: _Out) -> None:
        slots = t.slots
        sub = sup = ""
        self.script_depth += 1
        try:
            if t.selector == 27:  # tmSUB
                sub = self.slot(slots[0]) if slots else ""
            elif t.selector == 28:  # tmSUP: an empty subscript slot comes first
                sup = self.slot(slots[-1]) if slots else ""
            else:
                sub = self.slot(slots[0]) if slots else ""
                sup = self.slot(slots[1]) if len(slots) > 1 else ""
        finally:
            self.script_depth -= 1
        if t.variation & 0x1:  # tvSU_PRECEDES: the scripts come before what they belong to
            out.add("{}" + ("_" + group(sub) if sub else "") + ("^" + group(sup) if sup else ""))
            out.scripts = {name for name, part in (("sub", sub), ("sup", sup)) if part}
            return
        out.script(sub, sup)

    def pile(self, pile: Pile, *, top: bool = False) -> str:
        rows = [self.line(ln) for ln in pile.lines]
        if len(rows) == 1:
            return rows[0]
        if pile.halign == 4 and top:  # aligned at the relations
            return "\\begin{aligned} " + " \\\\ ".join(_align(r) for r in rows) + " \\end{aligned}"
        col = {2: "c", 3: "r", 5: "r"}.get(pile.halign, "l")
        return "\\begin{array}{" + col + "} " + " \\\\ ".join(rows) + " \\end{array}"

    def matrix(self, m: Matrix) -> str:
        if m.rows * m.cols != len(m.cells) or not m.rows or not m.cols:
            raise Unconvertible("ma trận có số ô không khớp số hàng, số cột")
        cells = [self.line(c) for c in m.cells]
        rows = [" & ".join(cells[r * m.cols : (r + 1) * m.cols]) for r in range(m.rows)]
        col = {1: "l", 3: "r"}.get(m.h_just, "c")
        if not any(m.col_parts) and not any(m.row_parts):
            if col == "c":
                return "\\begin{matrix} " + " \\\\ ".join(rows) + " \\end{matrix}"
            return "\\begin{array}{" + col * m.cols + "} " + " \\\\ ".join(rows) + " \\end{array}"
        rule = {0: "", 1: "|", 2: ":", 3: ":"}
        spec = "".join(rule[m.col_parts[c]] + col for c in range(m.cols)) + rule[m.col_parts[-1]]
        hline = {0: "", 1: "\\hline ", 2: "\\hdashline ", 3: "\\hdashline "}
        body = hline[m.row_parts[0]]
        for r, row in enumerate(rows):
            body += row + (" \\\\ " if r < m.rows - 1 or m.row_parts[-1] else " ")
            body += hline[m.row_parts[r + 1]]
        return "\\begin{array}{" + spec + "} " + body + "\\end{array}"

    # -- characters ---------------------------------------------------------------------
    def chars(self, items: list, i: int, out: _Out) -> int:
        """Write the character at ``items[i]`` (or the text or function run it starts)."""
        c = items[i]
        if c.typeface in TEXT_FACES and _is_text_char(c):
            j = i
            while j < len(items) and isinstance(items[j], Char) and items[j].typeface in TEXT_FACES:
                if not _is_text_char(items[j]):
                    break
                j += 1
            out.add(_text("".join(chr(ch.code) for ch in items[i:j])))
            return j
        if c.typeface == FN_FUNCTION and _is_letter(c):
            j = i + 1
            while j < len(items) and _function_letter(items[j]) and not items[j].func_start:
                j += 1
            out.add(_function("".join(chr(ch.code) for ch in items[i:j])))
            return j
        ch = chr(c.code) if c.code else ""
        if ch == DEGREE and not c.embells:
            out.script("", "\\circ")
        elif ch in PRIMES and not c.embells:
            out.prime(PRIMES[ch])
        elif ch == "," and _digit_at(items, i - 1) and _digit_at(items, i + 1):
            out.add("{,}")  # decimal comma: no space after it
        else:
            latex, primes = char_latex(c)
            out.add(latex)
            if primes:
                out.prime(primes)
        return i + 1


def char_latex(c: Char) -> tuple[str, str]:
    """A math character with its embellishments → (LaTeX, primes that follow it)."""
    if c.typeface == FN_MARKER:
        return "", ""
    code = c.code
    if c.typeface == FN_SPACE or 0xEF00 <= code <= 0xEF0F or 0xEB00 <= code <= 0xEB0F:
        return SPACES.get(code & 0xFF, "\\,"), ""
    if not code:
        raise Unconvertible("một kí tự của phông MT Extra không xác định được")
    if 0xE000 <= code <= 0xF8FF:
        raise Unconvertible(f"kí tự riêng của MathType (U+{code:04X})")
    if 0xD800 <= code <= 0xDFFF:  # half of a surrogate pair: not a character on its own
        raise Unconvertible(f"mã kí tự không hợp lệ (U+{code:04X})")
    ch = chr(code)
    latex = _math_char(ch, c.typeface)
    primes = ""
    for e in c.embells:
        if e in _EMBELL_PRIME:
            primes += _EMBELL_PRIME[e]
        elif e == _NOT:
            latex = _NEGATED.get(latex, "\\not " + latex)
        elif e in _EMBELL_WRAP:
            latex = _EMBELL_WRAP[e] + "{" + latex + "}"
        elif e in _EMBELL_STACK:
            cmd, mark = _EMBELL_STACK[e]
            latex = cmd + "{" + mark + "}{" + latex + "}"
        else:
            raise Unconvertible(f"dấu trang trí kí tự loại {e}")
    return latex, primes


def _math_char(ch: str, typeface: int) -> str:
    if typeface == FN_VECTOR and ch.isascii() and ch.isalnum():
        return "\\mathbf{" + ch + "}"
    mapped = MATH_CHARS.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        if ch.isprintable():
            return _ASCII_MATH.get(ch, ch)
        raise Unconvertible(f"kí tự điều khiển U+{ord(ch):04X}")
    if ch in PRIMES:
        return PRIMES[ch]
    if ch == DEGREE:
        return "^{\\circ}"
    if ch.isalpha() or unicodedata.category(ch).startswith("N"):
        return _text(ch)
    if typeface == FN_EXPAND:
        raise Unconvertible(f"kí tự co giãn “{ch}” đứng riêng")
    raise Unconvertible(f"kí hiệu “{ch}” (U+{ord(ch):04X})")


def _is_letter(c) -> bool:
    return isinstance(c, Char) and 0 < c.code < 0x80 and chr(c.code).isalpha()


def _function_letter(c) -> bool:
    return isinstance(c, Char) and c.typeface == FN_FUNCTION and _is_letter(c) and not c.embells


def _is_text_char(c: Char) -> bool:
    if c.embells or not c.code or 0xD800 <= c.code <= 0xF8FF:
        return False
    ch = chr(c.code)
    return ch.isalnum() or ch in TEXT_PUNCT or unicodedata.category(ch) == "Mn"


def _digit_at(items: list, i: int) -> bool:
    return 0 <= i < len(items) and isinstance(items[i], Char) and chr(items[i].code).isdigit()


def _text(raw: str) -> str:
    if raw.strip() == "" and raw:
        return "\\ " * len(raw)
    return "\\text{" + "".join(TEXT_ESCAPES.get(ch, ch) for ch in nfc(raw)) + "}"


def _function(name: str) -> str:
    if name in LATEX_FUNCS:
        return "\\" + name
    if len(name) == 1:
        return "\\mathrm{" + name + "}"
    if name in VN_FUNCS or name.isalpha():
        return "\\operatorname{" + name + "}"
    return "\\mathrm{" + name + "}"


def _align(row: str) -> str:
    """Put the alignment point of ``aligned`` before the first relation of a row."""
    m = re.search(
        r"(?<![\\{])(=|<|>|\\(?:le|ge|ne|approx|equiv|Leftrightarrow|Rightarrow)(?![A-Za-z]))", row
    )
    if m is None:
        return "&" + row
    return row[: m.start()] + "&" + row[m.start() :]
