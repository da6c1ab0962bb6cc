"""Word (.docx) question files the way Vietnamese teachers write them → :class:`ParseResult`.

The file is opened through :class:`~common.safefiles.SafeZip` and every XML part is read
with :func:`~common.safefiles.parse_xml`; ``word/document.xml`` is parsed once and its
body walked in order, so a 10 000-question file takes seconds.

What is understood (Azota / McMIX / HC-MIX conventions and the 2025 exam format):

* ``PHẦN I`` / ``PHẦN II`` / ``PHẦN III`` (also "Phần 1", any case or accents): one choice,
  Đúng/Sai statements ``a)``–``d)``, short numeric answers; ``PHẦN IV`` or no section: the
  type is read from the content.
* ``Câu N.`` / ``Câu N:`` / ``Bài N`` starts a question (``(0,5 điểm)``, ``(NB)`` after the
  number are read as points and level). Markers in the stem, removed from the text:
  ``[giữ thứ tự]`` (never shuffle the options), ``[cố định]`` (never move the question),
  ``[NB]`` ``[TH]`` ``[VD]`` ``[VDC]`` (level) and the type markers ``[nhiều đáp án]``,
  ``[trả lời ngắn]``, ``[tự luận]``.
* Options ``A.``–``H.`` one per paragraph, several on a line (tabs/spaces) or in a layout
  table. The key: the option letter (or the whole option) underlined or red, a leading ``*``,
  the only bold letter, a ``Đáp án: B`` line, ``Chọn B`` in the solution, or an answer table
  / answer lines (``1-A``, ``1.A``, ``1A``; a row of numbers over a row of letters).
  ``D#.`` or texts such as "Cả A và B đều đúng" make an option fixed.
* Đúng/Sai: the true statements marked like correct options, or ``Đáp án: a) Đ, b) S, …``
  (also ``a-Đ b-S``, ``ĐSĐS``).
* ``Đáp án: -1,5`` (short numeric; ``± 0,1`` adds a tolerance), ``Đáp án: Hà Nội | Ha Noi``
  (short text, ``|`` separates accepted answers), ``Lời giải:`` / ``Hướng dẫn giải:`` →
  solution, ``Hướng dẫn chấm:`` → marking guide (an essay's only ``Lời giải`` is its guide).
* Matching: a ``Ghép nối:`` line, then ``1) vế trái → vế phải`` lines (``→ X`` alone is an
  extra answer). Ordering: a ``Sắp xếp:`` line, then the items ``1) …`` in the right order.
  Cloze: ``[1: đáp án|đáp án khác]`` in the stem (``[1: *đúng|sai]`` a drop-down,
  ``[1: =1,5 ± 0,1]`` a number) becomes ``{{1}}``.
* Groups: ``Nhóm 1`` … ``Hết nhóm``, or "Dùng thông tin sau để trả lời câu 5 và câu 6",
  "Đọc đoạn văn sau và trả lời các câu từ 7 đến 10": the text before the first question is
  the shared stimulus.
* Content keeps bold/italic/underline/strike, sub/superscripts, tables, images (assets),
  Word equations (LaTeX via :mod:`question_bank.formats.omml`), ``$…$`` typed LaTeX, and
  MathType OLE equations as their preview image (flagged for review). Word's automatic
  list numbers ("Câu %1.", "%1.") are read as the text Word shows.
* A paragraph that starts with a zero-width space is plain content, whatever it looks like;
  the exporter protects such lines (a stem line "A. …", "1.A 2.B" …) that way.

Questions with errors are left out of ``result.questions`` and each error is a
:class:`Problem` whose ``where`` is the question's ref ("Câu 3", or "Phần II, Câu 3" when the
file has sections).
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from common.safefiles import SafeZip, parse_xml, resolve_member
from question_bank.formats.base import (
    LEVEL_CODES,
    Blank,
    Choice,
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.formats.docx.omml_read import omml_to_latex
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, parse_numeric

__all__ = ["MATHTYPE_REVIEW", "parse_docx"]

MATHTYPE_REVIEW = "Công thức MathType (OLE) được giữ dưới dạng ảnh — cần kiểm tra"

_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _WNS + "}"
_MN = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"

W_P, W_R, W_T, W_TBL, W_TR, W_TC = (_W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_TCPR = _W + "pPr", _W + "rPr", _W + "tcPr"
W_SDT, W_SDTCONTENT = _W + "sdt", _W + "sdtContent"
M_OMATH, M_OMATHPARA = _MN + "oMath", _MN + "oMathPara"
MC_ALT, MC_CHOICE, MC_FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
_INLINE_CONTAINERS = {
    _W + t
    for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
}
_BLOCK_CONTAINERS = {_W + t for t in ("customXml", "ins", "moveTo")}

# Run formatting as bits.
B, I, U, RED, SUB, SUP, STRIKE = 1, 2, 4, 8, 16, 32, 64  # noqa: E741 - run formatting bits
RENDER = B | I | U | SUB | SUP | STRIKE
_TAGS = ((B, "b"), (I, "i"), (U, "u"), (STRIKE, "s"), (SUB, "sub"), (SUP, "sup"))
OBJ = "\ufffc"  # one character standing for an image or an equation in a line's text
# A zero-width space at the start of a paragraph says "plain content": the exporter puts it
# before text that would otherwise read as a marker (a stem line starting "A. …").
ZWSP = "\u200b"

_SYMBOL_FONT = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2D: "−", 0x44: "Δ", 0x46: "Φ", 0x47: "Γ", 0x4C: "Λ",
    0x50: "Π", 0x51: "Θ", 0x53: "Σ", 0x57: "Ω", 0x58: "Ξ", 0x59: "Ψ", 0x5C: "∴", 0x5E: "⊥",
    0x61: "α", 0x62: "β", 0x63: "χ", 0x64: "δ", 0x65: "ε", 0x66: "φ", 0x67: "γ", 0x68: "η",
    0x69: "ι", 0x6A: "ϕ", 0x6B: "κ", 0x6C: "λ", 0x6D: "μ", 0x6E: "ν", 0x70: "π", 0x71: "θ",
    0x72: "ρ", 0x73: "σ", 0x74: "τ", 0x75: "υ", 0x77: "ω", 0x78: "ξ", 0x79: "ψ", 0x7A: "ζ",
    0xA2: "′", 0xA3: "≤", 0xA5: "∞", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓",
    0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•",
    0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪",
    0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈", 0xCF: "∉", 0xD0: "∠",
    0xD1: "∇", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐",
    0xDE: "⇒", 0xE5: "∑", 0xF2: "∫",
}  # fmt: skip


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp + 32) for cp in range(0x41, 0x5B)}
    for cp in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    return table


_FOLD = _fold_table()


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one character (offsets stay valid)."""
    return text.translate(_FOLD)


# ---------------------------------------------------------------------------------------
# Patterns (on folded text unless said otherwise)
# ---------------------------------------------------------------------------------------

_RE_SECTION = re.compile(r"\s*phan\s+(iv|iii|ii|i|[1-4])(?![a-z0-9])")
_RE_QUESTION = re.compile(r"\s*(?:cau|bai|question)\s*(\d{1,5})(?![\d,.]\d)")
_QUESTION_WORDS = {"c": "Câu", "b": "Bài", "q": "Question"}
_RE_PAREN = re.compile(r"\s*\(\s*([^()]{1,40}?)\s*\)")
_RE_POINTS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:diem|d)\.?")
_LEVELS = {
    "nb": "biet", "nhan biet": "biet", "biet": "biet", "th": "hieu", "thong hieu": "hieu",
    "hieu": "hieu", "vd": "van_dung", "van dung": "van_dung", "vdc": "van_dung_cao",
    "van dung cao": "van_dung_cao",
}  # fmt: skip
_RE_GROUP = re.compile(r"\s*nhom\s*(\d+)\s*(?:[.:)\-–]\s*|$)")
_RE_GROUP_END = re.compile(r"\s*het\s+nhom\b")
_RE_END = re.compile(r"[\s\-–—_.*=~]*het[\s\-–—_.*=~!]*$")
_RE_ANSWER_HEADING = re.compile(
    r"\s*(?:bang\s+)?dap\s+an(?:\s+(?:trac\s+nghiem|phan\s+\w+|de\s+\S+|chi\s+tiet|va\s+.*))?\s*[:.]?\s*$"
)
_RE_HEADING_KIND = re.compile(r"\s*(?:(?:phan|[ivx]+\s*[.)/])\s*)?(trac nghiem|tu luan)\b")
_RE_ANSWER = re.compile(
    r"\s*(?:dap\s+an|dap\s+so|da(?=\s*:))(?:\s+dung)?\s*"
    r"(?:[:.]|(?=\s+(?:[a-h]\b|[-+]?\d|\\\(|\$))|$)\s*"
)
_RE_GUIDE = re.compile(
    r"\s*(?:huong\s+dan\s+cham|bieu\s+diem|thang\s+diem|dap\s+an\s+va\s+(?:huong\s+dan\s+cham|bieu\s+diem))"
    r"\s*(?:[:.]|$)\s*"
)
_RE_SOLUTION = re.compile(
    r"\s*(?:(?:loi\s+giai|huong\s+dan\s+giai|giai\s+chi\s+tiet)(?:\s+chi\s+tiet)?\s*(?:[:.]|$)"
    r"|(?:huong\s+dan|goi\s+y(?:\s+giai)?|giai|hdg|hd)\s*(?:[:]|$))\s*"
)
_RE_PAIRS = re.compile(r"\s*(ghep\s+noi|noi\s+cot|sap\s+xep|thu\s+tu\s+dung)\s*:?\s*$")
_RE_PAIR_LINE = re.compile(r"\s*(\d{1,2})\s*[.)\-]\s*")
_RE_GROUP_HINT = re.compile(r"\bsau\b")
_RE_GROUP_START = re.compile(
    r"\s*(?:dung|doc|su\s+dung|dua\s+vao|can\s+cu|quan\s+sat|theo|xem|tham\s+khao|cho)\b"
)
_RE_GROUP_VERB = re.compile(r"tra\s+loi|cho\s+(?:cac\s+)?cau|dung\s+cho")
_RE_GROUP_FIRST = re.compile(r"\bcau(?:\s+hoi)?\s*(?:tu\s*|so\s*)?(\d+)")
_RE_FIXED = re.compile(
    r"^(?:ca\s+[a-h](?:\s*,\s*[a-h])*\s*(?:va|,)\s*[a-h]\b"
    r"|[a-h](?:\s*,\s*[a-h])*\s+va\s+[a-h]\s+(?:deu|dung|sai)"
    r"|(?:ca|tat\s+ca)\s+(?:hai|ba|bon|nam|2|3|4|5|cac)\b"
    r"|tat\s+ca\s+(?:deu|dap\s+an|phuong\s+an)"
    r"|khong\s+co\s+(?:dap\s+an|phuong\s+an|y|cau|menh\s+de|ket\s+qua)"
    r"|(?:both|all|none|neither)\b)"
    r"|(?:cac|nhung)\s+(?:dap\s+an|phuong\s+an|y|cau|menh\s+de|ket\s+qua)\s+(?:o\s+)?tren"
)

# On original text.
_RE_OPT = re.compile(r"(?<!\S)(\*?)([A-H])(#?)\s*[.)]")
_RE_STMT = re.compile(r"\s*(\*?)([a-h])(#?)\s*[).]")
_RE_KEY_TOKEN = re.compile(r"(\d{1,4})\s*[-.:)/]?\s*([A-H])(?![A-Za-z0-9])")
_RE_KEY_SEP = re.compile(r"[\s,;|]*")
_RE_KEY_CELL = re.compile(r"\s*(?:[Cc]âu\s*)?(\d{1,4})\s*[-.:)/]?\s*(\S.*?)\s*")
_RE_MARKER = re.compile(
    r"\[\s*(giữ thứ tự|cố định|nhiều đáp án|trả lời ngắn|tự luận|NB|TH|VD|VDC)\s*\]\s*",
    re.IGNORECASE,
)
_MARKER_LEVEL = {"nb": "biet", "th": "hieu", "vd": "van_dung", "vdc": "van_dung_cao"}
_RE_CLOZE = re.compile(r"\[(\d{1,3}):\s*([^\[\]<>]*?)\s*\]")
_RE_CHOOSE = re.compile(
    r"(?:[Cc]họn|[Đđ]áp án(?: đúng)?(?: là)?:?)\s+(?:đáp án\s+|phương án\s+|câu\s+)?([A-H])(?![A-Za-z0-9])"
)
_RE_TF_ITEM = re.compile(r"(?<![a-z])([a-h])\s*[).:\-]?\s*(dung|sai|d|s)(?![a-z])")
_RE_TF_COMPACT = re.compile(r"[ds](?:[\s,;\-]*[ds])*")
_RE_DOLLAR = re.compile(r"\$\$([^$<]+?)\$\$|\$(?!\s)([^$<]*?[^$\s\\])\$")
_RE_ASSET = re.compile(r'src="asset:([^"]+)"')
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}


# ---------------------------------------------------------------------------------------
# Lines: a paragraph (or part of one, split at line breaks) with formatted segments
# ---------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return html_lib.escape(text, quote=False).replace("\t", " ").replace(ZWSP, "")


_WRAP_CACHE: dict[int, tuple[str, str]] = {}


def _wrap(text: str, fmt: int) -> str:
    if not fmt or not text:
        return text
    tags = _WRAP_CACHE.get(fmt)
    if tags is None:
        names = [t for f, t in _TAGS if fmt & f]
        tags = ("".join(f"<{t}>" for t in names), "".join(f"</{t}>" for t in reversed(names)))
        _WRAP_CACHE[fmt] = tags
    return tags[0] + text + tags[1]


def _dollar_math(html: str) -> str:
    def repl(m):
        if m.group(1) is not None:
            return "\\[" + m.group(1).strip() + "\\]"
        return "\\(" + m.group(2).strip() + "\\)"

    return _RE_DOLLAR.sub(repl, html)


class _Line:
    """Segments ``(text, fmt, html, extra)``: text runs (html None) or objects (text OBJ)."""

    __slots__ = ("_starts", "segs", "text")

    def __init__(self, segs: list):
        self.segs = segs
        self.text = "".join(s[0] for s in segs)
        self._starts: list[int] | None = None

    def is_empty(self) -> bool:
        return not self.text.strip() and not any(s[2] for s in self.segs)

    def extras(self):
        for seg in self.segs:
            if seg[3] is not None:
                yield seg[3]

    def fmt_at(self, index: int) -> int:
        if self._starts is None:
            starts, pos = [], 0
            for seg in self.segs:
                starts.append(pos)
                pos += len(seg[0])
            self._starts = starts
        i = bisect_right(self._starts, index) - 1
        while i >= 0 and not self.segs[i][0]:
            i -= 1
        return self.segs[i][1] if i >= 0 else 0

    def all_flag(self, a: int, b: int, flag: int) -> bool:
        """Every visible character in ``[a, b)`` carries ``flag`` (and there is one)."""
        pos = 0
        seen = False
        for text, fmt, html, _ in self.segs:
            end = pos + len(text)
            if end > a and pos < b and html is None:
                piece = text[max(0, a - pos) : b - pos]
                if piece.strip():
                    if not fmt & flag:
                        return False
                    seen = True
            pos = end
            if pos >= b:
                break
        return seen

    def html(self, a: int = 0, b: int | None = None, drop: int = 0) -> str:
        text = self.text
        n = len(text)
        if b is None or b > n:
            b = n
        while a < b and (text[a].isspace() or text[a] == ZWSP):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] == ZWSP):
            b -= 1
        if a >= b:
            return ""
        keep = RENDER & ~drop
        out: list[str] = []
        buf: list[str] = []
        cur = 0
        pos = 0
        for seg_text, fmt, seg_html, _ in self.segs:
            end = pos + len(seg_text)
            if end <= a:
                pos = end
                continue
            if pos >= b:
                break
            if seg_html is not None:
                if buf:
                    out.append(_wrap(_escape("".join(buf)), cur))
                    buf.clear()
                out.append(seg_html)
            else:
                f = fmt & keep
                if f != cur and buf:
                    out.append(_wrap(_escape("".join(buf)), cur))
                    buf.clear()
                cur = f
                buf.append(seg_text[max(0, a - pos) : b - pos])
            pos = end
        if buf:
            out.append(_wrap(_escape("".join(buf)), cur))
        result = "".join(out)
        if "$" in result:
            result = _dollar_math(result)
        return result


@dataclass
class _Cell:
    items: list
    span: int
    vmerge: str  # "", "restart", "continue"
    col: int


class _Table:
    __slots__ = ("_html", "rows")

    def __init__(self, rows: list[list[_Cell]]):
        self.rows = rows
        self._html: str | None = None

    def cells(self):
        for row in self.rows:
            yield from row

    def lines(self):
        """Every line of the table, cells in reading order (nested tables included)."""
        for cell in self.cells():
            for item in cell.items:
                if isinstance(item, _Table):
                    yield from item.lines()
                else:
                    yield item

    def cell_text(self, cell: _Cell) -> str:
        return " ".join(
            it.text.strip() for it in cell.items if isinstance(it, _Line) and it.text.strip()
        )

    def extras(self):
        for line in self.lines():
            yield from line.extras()

    def html(self) -> str:
        if self._html is None:
            self._html = self._render()
        return self._html

    def _render(self) -> str:
        rows = self.rows
        out = ["<table><tbody>"]
        for r, row in enumerate(rows):
            out.append("<tr>")
            for cell in row:
                if cell.vmerge == "continue":
                    continue
                attrs = ""
                if cell.span > 1:
                    attrs += f' colspan="{cell.span}"'
                if cell.vmerge == "restart":
                    span = 1
                    for below in rows[r + 1 :]:
                        match = next((c for c in below if c.col == cell.col), None)
                        if match is None or match.vmerge != "continue":
                            break
                        span += 1
                    if span > 1:
                        attrs += f' rowspan="{span}"'
                parts = []
                for item in cell.items:
                    part = item.html()
                    if part:
                        parts.append(part)
                out.append(f"<td{attrs}>{'<br>'.join(parts)}</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
        return "".join(out)


# ---------------------------------------------------------------------------------------
# Reading the package: relationships, styles, numbering, images
# ---------------------------------------------------------------------------------------


def _on(el) -> bool:
    val = el.get(_W + "val")
    return val is None or val.lower() not in ("0", "false", "off", "none")


_RED_CACHE: dict[str, bool] = {}


def _is_red(val: str | None) -> bool:
    if not val:
        return False
    red = _RED_CACHE.get(val)
    if red is None:
        red = False
        if len(val) == 6:
            try:
                r, g, b = int(val[0:2], 16), int(val[2:4], 16), int(val[4:6], 16)
                red = r >= 0xC0 and g <= 0x40 and b <= 0x40
            except ValueError:
                red = False
        _RED_CACHE[val] = red
    return red


def _masks(rpr) -> tuple[int, int, str | None]:
    """(bits set, bits cleared, character style id) of a ``w:rPr``."""
    on = off = 0
    style = None
    for c in rpr:
        tag = c.tag
        if tag == _W + "b":
            if _on(c):
                on |= B
            else:
                off |= B
        elif tag == _W + "i":
            if _on(c):
                on |= I
            else:
                off |= I
        elif tag == _W + "u":
            if (c.get(_W + "val") or "single") != "none":
                on |= U
            else:
                off |= U
        elif tag == _W + "color":
            if _is_red(c.get(_W + "val")):
                on |= RED
            else:
                off |= RED
        elif tag == _W + "vertAlign":
            val = c.get(_W + "val")
            if val == "superscript":
                on |= SUP
                off |= SUB
            elif val == "subscript":
                on |= SUB
                off |= SUP
            else:
                off |= SUB | SUP
        elif tag in (_W + "strike", _W + "dstrike"):
            if _on(c):
                on |= STRIKE
            else:
                off |= STRIKE
        elif tag == _W + "rStyle":
            style = c.get(_W + "val")
    return on, off, style


class _Styles:
    def __init__(self, tree):
        self.defs: dict[str, tuple[str | None, int, int]] = {}
        self.resolved: dict[str, int] = {}
        self.default_para: str | None = None
        self.base = 0
        if tree is None:
            return
        root = tree.getroot()
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if defaults is not None:
            self.base = _masks(defaults)[0]
        for st in root.iter(_W + "style"):
            sid = st.get(_W + "styleId")
            if not sid:
                continue
            if st.get(_W + "type") == "paragraph" and _on_attr(st.get(_W + "default")):
                self.default_para = sid
            based = st.find(_W + "basedOn")
            rpr = st.find(_W + "rPr")
            on, off, _ = _masks(rpr) if rpr is not None else (0, 0, None)
            self.defs[sid] = (based.get(_W + "val") if based is not None else None, on, off)

    def flags(self, sid: str | None, depth: int = 0) -> int:
        if sid is None:
            return self.base
        cached = self.resolved.get(sid)
        if cached is not None:
            return cached
        spec = self.defs.get(sid)
        if spec is None or depth > 20:
            return self.base
        parent, on, off = spec
        flags = (self.flags(parent, depth + 1) & ~off) | on
        self.resolved[sid] = flags
        return flags


def _on_attr(val: str | None) -> bool:
    return val is not None and val.lower() in ("1", "true", "on")


def _alpha(n: int, upper: bool) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out if upper else out.lower()


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt == "upperLetter":
        return _alpha(n, True)
    if fmt == "lowerLetter":
        return _alpha(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Automatic list numbers ("Câu %1.", "%1.") rendered as text, like Word shows them."""

    def __init__(self, tree):
        self.abstract: dict[str, dict[int, tuple[int, str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if tree is None:
            return
        root = tree.getroot()
        for an in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in an.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl") or 0)
                start = _val_int(lvl.find(_W + "start"), 1)
                fmt_el = lvl.find(_W + "numFmt")
                fmt = fmt_el.get(_W + "val") if fmt_el is not None else "decimal"
                text_el = lvl.find(_W + "lvlText")
                text = text_el.get(_W + "val") if text_el is not None else ""
                rpr = lvl.find(_W + "rPr")
                levels[ilvl] = (
                    start,
                    fmt or "decimal",
                    text or "",
                    _masks(rpr)[0] if rpr is not None else 0,
                )
            self.abstract[an.get(_W + "abstractNumId") or ""] = levels
        for num in root.iter(_W + "num"):
            aid_el = num.find(_W + "abstractNumId")
            overrides = {}
            for ov in num.iter(_W + "lvlOverride"):
                so = ov.find(_W + "startOverride")
                if so is not None:
                    overrides[int(ov.get(_W + "ilvl") or 0)] = _val_int(so, 1)
            self.nums[num.get(_W + "numId") or ""] = (
                aid_el.get(_W + "val") if aid_el is not None else "",
                overrides,
            )

    def label(self, num_id: str, ilvl: int) -> tuple[str | None, int]:
        spec = self.nums.get(num_id)
        if spec is None:
            return None, 0
        aid, overrides = spec
        levels = self.abstract.get(aid)
        if not levels or ilvl not in levels:
            return None, 0
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < 10:
                    counters[lv] = start - 1
        start, fmt, text, masks = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if fmt in ("bullet", "none") or not text:
            return None, 0

        def repl(m):
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            if lv is None:
                return ""
            value = counters[k] if counters[k] is not None else lv[0]
            return _format_number(value, lv[1])

        return re.sub(r"%(\d)", repl, text), masks


def _val_int(el, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_W + "val") or default)
    except ValueError:
        return default


def _style_px(style: str | None) -> tuple[int | None, int | None]:
    """Width/height in px from a VML ``style`` ("width:45pt;height:18pt")."""
    if not style:
        return None, None
    out: dict[str, int] = {}
    for part in style.split(";"):
        if ":" not in part:
            continue
        key, val = (s.strip().lower() for s in part.split(":", 1))
        if key not in ("width", "height"):
            continue
        m = re.match(r"([\d.]+)\s*(pt|px|in|cm|mm)?", val)
        if not m:
            continue
        num = float(m.group(1))
        unit = m.group(2) or "px"
        factor = {"pt": 96 / 72, "px": 1, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4}[unit]
        out[key] = max(1, round(num * factor))
    return out.get("width"), out.get("height")


class _Package:
    """The parts of the .docx besides the body: relationships, styles, numbering, media."""

    def __init__(self, zf: SafeZip):
        self.zf = zf
        self.rels: dict[str, tuple[str, str]] = {}
        rels_name = "word/_rels/document.xml.rels"
        if rels_name in zf:
            tree = parse_xml(zf.read(rels_name), name=rels_name)
            for rel in tree.getroot().iter(_PR + "Relationship"):
                self.rels[rel.get("Id") or ""] = (
                    rel.get("Target") or "",
                    rel.get("TargetMode") or "",
                )
        self.styles = _Styles(self._tree("word/styles.xml"))
        self.numbering = _Numbering(self._tree("word/numbering.xml"))
        self.images: dict[str, tuple[str, bytes] | None] = {}
        self.names: dict[str, str] = {}

    def _tree(self, name: str):
        if name not in self.zf:
            return None
        try:
            return parse_xml(self.zf.read(name), name=name)
        except ImportRejected:
            return None

    def image(self, rid: str | None) -> tuple[str, bytes] | None:
        if not rid:
            return None
        if rid in self.images:
            return self.images[rid]
        result = None
        target, mode = self.rels.get(rid, ("", ""))
        if target and mode.lower() != "external":
            try:
                path = resolve_member("word/document.xml", target)
                data = self.zf.read(path)
            except (ImportRejected, KeyError):
                data = None
            if data is not None:
                name = self.names.get(path)
                if name is None:
                    name = posixpath.basename(path) or "image"
                    if name in self.names.values():
                        stem, ext = posixpath.splitext(name)
                        name = f"{stem}_{len(self.names)}{ext}"
                    self.names[path] = name
                result = (name, data)
        self.images[rid] = result
        return result


# ---------------------------------------------------------------------------------------
# Body → lines and tables
# ---------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, pkg: _Package):
        self.pkg = pkg
        self.styles = pkg.styles

    def items(self, parent):
        for child in parent:
            tag = child.tag
            if tag == W_P:
                yield from self.paragraph(child)
            elif tag == W_TBL:
                yield self.table(child)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self.items(content)
            elif tag in _BLOCK_CONTAINERS:
                yield from self.items(child)
            elif tag == M_OMATHPARA:  # math directly in the body (rare)
                segs: list = []
                self.math(child, segs, display=True)
                if segs:
                    yield _Line(segs)

    # -- paragraphs ------------------------------------------------------------------------
    def paragraph(self, p) -> list[_Line]:
        ppr = p.find(W_PPR)
        style_id = self.styles.default_para
        label = None
        label_masks = 0
        mark_masks = (0, 0)
        if ppr is not None:
            ps = ppr.find(_W + "pStyle")
            if ps is not None:
                style_id = ps.get(_W + "val") or style_id
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                num_el = num_pr.find(_W + "numId")
                lvl_el = num_pr.find(_W + "ilvl")
                num_id = num_el.get(_W + "val") if num_el is not None else None
                if num_id and num_id != "0":
                    label, label_masks = self.pkg.numbering.label(num_id, _val_int(lvl_el, 0))
            mark = ppr.find(W_RPR)
            if mark is not None:
                on, off, _ = _masks(mark)
                mark_masks = (on, off)
        base = self.styles.flags(style_id)
        segs: list = []
        if label:
            fmt = (base & ~mark_masks[1]) | mark_masks[0] | label_masks
            segs.append((label + " ", fmt, None, None))
        self.inline(p, base, segs)
        if None not in segs:
            line = _Line(segs)
            return [] if line.is_empty() else [line]
        lines, cur = [], []
        for seg in segs:
            if seg is None:
                if cur:
                    lines.append(_Line(cur))
                cur = []
            else:
                cur.append(seg)
        if cur:
            lines.append(_Line(cur))
        return [ln for ln in lines if not ln.is_empty()]

    def inline(self, parent, base: int, segs: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self.run(child, base, segs)
            elif tag in _INLINE_CONTAINERS:
                self.inline(child, base, segs)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self.inline(content, base, segs)
            elif tag == M_OMATH:
                self.math(child, segs, display=False)
            elif tag == M_OMATHPARA:
                self.math(child, segs, display=True)
            elif tag == MC_ALT:
                branch = _choose(child)
                if branch is not None:
                    self.inline(branch, base, segs)

    def run(self, r, base: int, segs: list) -> None:
        fmt = base
        for c in r:
            tag = c.tag
            if tag == W_RPR:
                on, off, style = _masks(c)
                if style is not None:  # a character style adds its own formatting
                    fmt |= self.styles.flags(style) & ~self.styles.base
                fmt = (fmt & ~off) | on
            elif tag == W_T:
                text = c.text
                if text:
                    if not text.isascii():
                        text = unicodedata.normalize("NFC", text)
                    _add_text(segs, text, fmt)
            elif tag == _W + "tab" or tag == _W + "ptab":
                _add_text(segs, "\t", fmt)
            elif tag == _W + "br" or tag == _W + "cr":
                segs.append(None)
            elif tag == _W + "sym":
                _add_text(segs, _symbol(c), fmt)
            elif tag == _W + "noBreakHyphen":
                _add_text(segs, "-", fmt)
            elif tag == _W + "drawing":
                self.drawing(c, segs)
            elif tag == _W + "pict":
                self.vml(c, segs)
            elif tag == _W + "object":
                self.ole(c, segs)
            elif tag == MC_ALT:
                branch = _choose(c)
                if branch is not None:
                    wrapper_fmt = fmt
                    for inner in branch:
                        if inner.tag == _W + "drawing":
                            self.drawing(inner, segs)
                        elif inner.tag == _W + "pict":
                            self.vml(inner, segs)
                        elif inner.tag == _W + "object":
                            self.ole(inner, segs)
                        elif inner.tag == W_R:
                            self.run(inner, wrapper_fmt, segs)

    def math(self, el, segs: list, *, display: bool) -> None:
        if display:
            maths = list(el.iter(M_OMATH)) or [el]
            for om in maths:
                latex = omml_to_latex(om)
                if latex:
                    segs.append((OBJ, 0, "\\[" + _escape(latex) + "\\]", None))
        else:
            latex = omml_to_latex(el)
            if latex:
                segs.append((OBJ, 0, "\\(" + _escape(latex) + "\\)", None))

    # -- images and objects ------------------------------------------------------------------
    def image(self, rid, width, height, segs: list, reason: str | None = None) -> None:
        info = self.pkg.image(rid)
        if info is None:
            segs.append(
                (
                    "",
                    0,
                    "",
                    (None, None, "Ảnh liên kết ngoài hoặc bị thiếu trong tệp — cần kiểm tra"),
                )
            )
            return
        name, data = info
        attrs = ""
        if width:
            attrs += f' width="{int(width)}"'
        if height:
            attrs += f' height="{int(height)}"'
        segs.append((OBJ, 0, f'<img src="asset:{name}"{attrs}>', (name, data, reason)))

    def drawing(self, d, segs: list) -> None:
        blip = next(d.iter(_A + "blip"), None)
        if blip is None:
            if next(d.iter(_W + "txbxContent"), None) is not None:
                segs.append(
                    (
                        "",
                        0,
                        "",
                        (None, None, "Hộp văn bản (text box) trong Word bị bỏ qua — cần kiểm tra"),
                    )
                )
            return
        rid = blip.get(_R + "embed") or blip.get(_R + "link")
        extent = next(d.iter(_WP + "extent"), None)
        width = height = None
        if extent is not None:
            try:
                width = round(int(extent.get("cx") or 0) / 9525) or None
                height = round(int(extent.get("cy") or 0) / 9525) or None
            except ValueError:
                width = height = None
        self.image(rid, width, height, segs)

    def vml(self, pict, segs: list) -> None:
        data = next(pict.iter(_V + "imagedata"), None)
        if data is None:
            if next(pict.iter(_W + "txbxContent"), None) is not None:
                segs.append(
                    (
                        "",
                        0,
                        "",
                        (None, None, "Hộp văn bản (text box) trong Word bị bỏ qua — cần kiểm tra"),
                    )
                )
            return
        shape = data.getparent()
        width, height = _style_px(shape.get("style") if shape is not None else None)
        self.image(data.get(_R + "id") or data.get(_R + "pict"), width, height, segs)

    def ole(self, obj, segs: list) -> None:
        ole = next(obj.iter(_O + "OLEObject"), None)
        prog = (ole.get("ProgID") or "") if ole is not None else ""
        if not prog or prog.lower().startswith("equation") or "mathtype" in prog.lower():
            reason = MATHTYPE_REVIEW
        else:
            reason = f"Đối tượng nhúng {prog} được giữ dưới dạng ảnh — cần kiểm tra"
        data = next(obj.iter(_V + "imagedata"), None)
        if data is None:
            segs.append(("", 0, "", (None, None, reason)))
            return
        shape = data.getparent()
        width, height = _style_px(shape.get("style") if shape is not None else None)
        self.image(data.get(_R + "id") or data.get(_R + "pict"), width, height, segs, reason)

    # -- tables --------------------------------------------------------------------------------
    def table(self, tbl) -> _Table:
        rows = []
        for tr in tbl.iterchildren(W_TR):
            row = []
            col = 0
            for tc in tr.iterchildren(W_TC):
                span = 1
                vmerge = ""
                tcpr = tc.find(W_TCPR)
                if tcpr is not None:
                    span = max(1, _val_int(tcpr.find(_W + "gridSpan"), 1))
                    vm = tcpr.find(_W + "vMerge")
                    if vm is not None:
                        vmerge = "restart" if vm.get(_W + "val") == "restart" else "continue"
                row.append(_Cell(list(self.items(tc)), span, vmerge, col))
                col += span
            rows.append(row)
        return _Table(rows)


def _choose(alt):
    """The branch of ``mc:AlternateContent`` to read: a picture we understand."""
    for choice in alt.iterchildren(MC_CHOICE):
        if next(choice.iter(_A + "blip"), None) is not None:
            return choice
    fallback = alt.find(MC_FALLBACK)
    if fallback is not None:
        return fallback
    return alt.find(MC_CHOICE)


def _symbol(el) -> str:
    raw = el.get(_W + "char") or ""
    try:
        code = int(raw, 16)
    except ValueError:
        return ""
    private = code >= 0xF000  # Symbol/Wingdings characters live in the private use area
    if private:
        code -= 0xF000
    font = (el.get(_W + "font") or "").lower()
    if "symbol" in font or (private and code in _SYMBOL_FONT):
        return _SYMBOL_FONT.get(code, chr(code))
    return chr(code)


def _add_text(segs: list, text: str, fmt: int) -> None:
    if segs:
        last = segs[-1]
        if last is not None and last[2] is None and last[1] == fmt and last[3] is None:
            segs[-1] = (last[0] + text, fmt, None, None)
            return
    segs.append((text, fmt, None, None))


# ---------------------------------------------------------------------------------------
# A question block → a draft question
# ---------------------------------------------------------------------------------------


@dataclass
class _Opt:
    letter: str
    html: list[str]
    marked: bool = False
    bold: bool = False
    fixed: bool = False
    full: str = ""  # the whole line, for statements that turn out to be essay sub-parts


@dataclass
class _Draft:
    number: str
    part: int | None
    ref: str
    group: str
    stem: list[str] = field(default_factory=list)
    options: list[_Opt] = field(default_factory=list)
    stmts: list[_Opt] = field(default_factory=list)
    answer: list[str] | None = None  # html pieces of the "Đáp án:" value
    solution: list[str] = field(default_factory=list)
    guide: list[str] = field(default_factory=list)
    pairs_kind: str = ""
    pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)
    reviews: list[str] = field(default_factory=list)
    points: float | None = None
    level: str = ""
    table_key: tuple[str, object] | None = None
    late_solution: list[str] = field(default_factory=list)
    late_key: str = ""

    @property
    def n(self) -> int:
        return int(self.number)


def _join_html(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return "".join(p if p.startswith("<table") else f"<p>{p}</p>" for p in parts)


def _collect(draft_assets: dict, reviews: list, item) -> None:
    for name, data, reason in item.extras():
        if name is not None:
            draft_assets[name] = data
        if reason and reason not in reviews:
            reviews.append(reason)


def _split_options(line: _Line) -> list[tuple[re.Match, int, int]]:
    """Option matches on a line that starts with one: (match, text start, text end)."""
    text = line.text
    start = len(text) - len(text.lstrip())
    first = _RE_OPT.match(text, start)
    if first is None:
        return []
    found = [first]
    expected = ord(first.group(2)) + 1
    for m in _RE_OPT.finditer(text, first.end()):
        before = text[: m.start()]
        strong = before.endswith("\t") or len(before) - len(before.rstrip()) >= 2
        if ord(m.group(2)) == expected or strong:
            found.append(m)
            expected = ord(m.group(2)) + 1
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        out.append((m, m.end(), end))
    return out


def _make_opt(line: _Line, m: re.Match, a: int, b: int) -> _Opt:
    letter_pos = m.start(2)
    fmt = line.fmt_at(letter_pos)
    marked = bool(m.group(1)) or bool(fmt & (U | RED))
    drop = 0
    if line.all_flag(a, b, U):
        marked = True
        drop = U
    elif line.all_flag(a, b, RED):
        marked = True
    html = line.html(a, b, drop)
    fixed = bool(m.group(3)) or bool(_RE_FIXED.search(_fold(plain_text(html))))
    return _Opt(m.group(2).upper(), [html] if html else [], marked, bool(fmt & B), fixed)


def _parse_tf(text: str) -> dict[str, bool] | None:
    """``a) Đ, b) S`` / ``a-Đúng b-Sai`` / ``ĐSĐS`` → {letter: value}."""
    folded = _fold(text).strip().rstrip(".;")
    if not folded:
        return None
    compact = _RE_TF_COMPACT.fullmatch(folded)
    if compact and re.search(r"[Dd]", text):
        compact = None  # a plain "D" is an option letter, not Đúng
    if compact:
        values = [c == "d" for c in re.sub(r"[^ds]", "", folded)]
        if 1 <= len(values) <= 8:
            return {chr(ord("a") + i): v for i, v in enumerate(values)}
    words = re.findall(r"\b(dung|sai)\b", folded)
    if words and not re.sub(r"\b(?:dung|sai)\b|[\s,;.\-]", "", folded):
        return {chr(ord("a") + i): w == "dung" for i, w in enumerate(words[:8])}
    out = {}
    for m in _RE_TF_ITEM.finditer(folded):
        out[m.group(1)] = m.group(2) in ("d", "dung")
    rest = _RE_TF_ITEM.sub("", folded)
    if out and not re.sub(r"[\s,;.\-:]", "", rest):
        return out
    return None


def _numeric_key(text: str) -> tuple[str, float]:
    value = text.strip()
    value = re.sub(r"^\\\(|\\\)$|^\$|\$$", "", value).strip()
    value = value.rstrip(".;").strip()
    tolerance = 0.0
    m = re.match(r"(.*?)\s*(?:±|\+-|\+/-|\\pm)\s*(.+)$", value)
    if m:
        try:
            tolerance = float(parse_numeric(m.group(2)))
            value = m.group(1).strip()
        except NumericAnswerError:
            pass
    return value, tolerance


def _is_numeric(text: str) -> bool:
    value, _ = _numeric_key(text)
    try:
        parse_numeric(value)
    except NumericAnswerError:
        return False
    return True


def _letters(text: str) -> list[str] | None:
    m = re.fullmatch(r"\s*([A-H](?:\s*[,;]?\s*(?:và\s+)?[A-H])*)\s*\.?\s*", text)
    if not m:
        return None
    return re.findall(r"[A-H]", m.group(1))


class _Interpreter:
    """Turns the lines of one ``Câu N`` block into a draft."""

    def __init__(self, draft: _Draft, part: int | None):
        self.d = draft
        self.part = part
        self.state = "stem"
        self.resume = "stem"

    def feed(self, item) -> None:
        d = self.d
        if isinstance(item, _Table):
            _collect(d.assets, d.reviews, item)
            if (
                self.state in ("stem", "options")
                and self.part not in (2, 3)
                and _option_table(item)
            ):
                for line in item.lines():
                    self.line(line)
                return
            self.add_html(item.html())
            return
        _collect(d.assets, d.reviews, item)
        self.line(item)

    def add_html(self, html: str) -> None:
        d = self.d
        state = self.state
        if state == "stem":
            d.stem.append(html)
        elif state == "options" and d.options:
            d.options[-1].html.append(html)
        elif state == "stmts" and d.stmts:
            d.stmts[-1].html.append(html)
        elif state == "solution":
            d.solution.append(html)
        elif state == "guide":
            d.guide.append(html)
        elif state == "answer" and d.answer is not None:
            d.answer.append(html)
        elif state == "pairs":
            d.stem.append(html)
        else:
            d.stem.append(html)

    def line(self, line: _Line) -> None:
        d = self.d
        text = line.text
        folded = _fold(text)
        if m := _RE_GUIDE.match(folded):
            self.state = "guide"
            rest = line.html(m.end())
            if rest:
                d.guide.append(rest)
            return
        if m := _RE_SOLUTION.match(folded):
            self.state = "solution"
            rest = line.html(m.end())
            if rest:
                d.solution.append(rest)
            return
        if d.answer is None and self.state != "pairs" and (m := _RE_ANSWER.match(folded)):
            value = line.html(m.end())
            d.answer = [value] if value else []
            if not value:  # "Đáp án:" alone: the key follows on the next lines
                self.resume = self.state
                self.state = "answer"
            return
        if self.state == "answer":
            if d.answer is not None and (
                _parse_tf(text) is not None or _letters(text) or _is_numeric(text)
            ):
                d.answer.append(line.html())
                return
            self.state = self.resume
        if self.state in ("solution", "guide"):
            (d.solution if self.state == "solution" else d.guide).append(line.html())
            return
        if m := _RE_PAIRS.match(folded):
            self.state = "pairs"
            d.pairs_kind = "ordering" if "sap" in m.group(1) or "thu" in m.group(1) else "matching"
            return
        if self.state == "pairs":
            self.pair_line(line)
            return
        first = text.lstrip()[:1]
        if (
            self.part not in (2, 3)
            and (self.state != "stmts" or first in ("A", "*"))
            and first
            and first in "ABCDEFGH*"
            and (opts := _split_options(line))
        ):
            for m, a, b in opts:
                d.options.append(_make_opt(line, m, a, b))
            self.state = "options"
            return
        if self.part not in (1, 3) and self.state != "options":
            m = _RE_STMT.match(text)
            if m:
                letter_pos = m.start(2)
                fmt = line.fmt_at(letter_pos)
                a = m.end()
                marked = bool(m.group(1)) or bool(fmt & (U | RED))
                drop = 0
                if line.all_flag(a, len(text), U):
                    marked, drop = True, U
                elif line.all_flag(a, len(text), RED):
                    marked = True
                html = line.html(a, None, drop)
                opt = _Opt(m.group(2), [html] if html else [], marked, bool(fmt & B))
                opt.full = line.html()
                d.stmts.append(opt)
                self.state = "stmts"
                return
        self.add_html(line.html())

    def pair_line(self, line: _Line) -> None:
        d = self.d
        text = line.text
        m = _RE_PAIR_LINE.match(text)
        start = m.end() if m else len(text) - len(text.lstrip())
        if d.pairs_kind == "ordering":
            if m is None and d.pairs:  # a continuation of the previous item
                d.pairs[-1][0].append(line.html())
                return
            d.pairs.append(([line.html(start)], []))
            return
        arrow = text.find("→", start)
        if arrow < 0:
            arrow = text.find("->", start)
            width = 2
        else:
            width = 1
        if arrow < 0:
            if d.pairs:  # a continuation of the previous answer
                d.pairs[-1][1].append(line.html())
            return
        d.pairs.append(([line.html(start, arrow)], [line.html(arrow + width)]))


def _option_table(table: _Table) -> bool:
    found = False
    for cell in table.cells():
        lines = [it for it in cell.items if isinstance(it, _Line)]
        if not lines:
            if any(isinstance(it, _Table) for it in cell.items):
                return False
            continue
        if not _RE_OPT.match(lines[0].text.lstrip()):
            return False
        found = True
    return found


def _marked_letters(opts: list[_Opt], *, single_bold: bool) -> set[str] | None:
    marked = {o.letter for o in opts if o.marked}
    if marked:
        return marked
    bold = {o.letter for o in opts if o.bold}
    if bold and len(bold) < len(opts) and (len(bold) == 1 or not single_bold):
        return bold
    return None


def _order_errors(opts: list[_Opt], kind: str, first: str) -> list[str]:
    errors = []
    letters = [o.letter for o in opts]
    dups = sorted({x for x in letters if letters.count(x) > 1})
    for x in dups:
        label = f"{x}." if kind == "phương án" else f"{x})"
        errors.append(f"{kind} {label} bị lặp lại")
    expected = [chr(ord(first) + i) for i in range(len(letters))]
    if not dups and letters != expected:
        errors.append(f"các {kind} không theo thứ tự {', '.join(expected)}: {', '.join(letters)}")
    return errors


def _build(d: _Draft) -> tuple[ParsedQuestion, list[str]]:
    errors = list(d.errors)
    flags: set[str] = set()
    level = d.level

    def marker(m):
        key = m.group(1).lower()
        if key in _MARKER_LEVEL:
            nonlocal level
            level = _MARKER_LEVEL[key]
        else:
            flags.add(key)
        return ""

    stem_parts = [_RE_MARKER.sub(marker, p).strip() for p in d.stem]
    stem = _join_html(stem_parts)
    # Statement-looking lines ("a) …") that are not Đúng/Sai statements belong to the stem.
    extra = [_RE_MARKER.sub(marker, x).strip() for s in d.stmts for x in (s.full, *s.html[1:])]
    stem_all = _join_html(stem_parts + extra)
    solution = _join_html(d.solution + d.late_solution)
    guide = _join_html(d.guide)
    # An answer is inline: a display equation in it is read as an inline one.
    answer_html = (
        _join_html(d.answer).replace("\\[", "\\(").replace("\\]", "\\)") if d.answer else ""
    )
    answer_text = plain_text(answer_html) if d.answer is not None else None
    part = d.part if d.part in (1, 2, 3) else None
    q = ParsedQuestion(qtype=QType.ESSAY, stem=stem, ref=d.ref, group=d.group, part=part)
    q.points = d.points
    q.level = level if level in LEVEL_CODES else ""
    q.keep_option_order = "giữ thứ tự" in flags
    q.keep_position = "cố định" in flags
    q.needs_review = list(d.reviews)
    forced = next((f for f in ("nhiều đáp án", "trả lời ngắn", "tự luận") if f in flags), "")

    if d.part == 1 or (d.part not in (2, 3) and d.options and forced != "tự luận"):
        errors += _order_errors(d.options, "phương án", "A")
        marked = _marked_letters(d.options, single_bold=True)
        key: set[str] | None = None
        if answer_text:
            letters = _letters(answer_text)
            if letters is None and (lm := re.match(r"\s*([A-H])(?:[.):]|\s|$)", answer_text)):
                letters = [lm.group(1)]
            if letters is None:
                errors.append(
                    f"dòng “Đáp án: {answer_text}” không ghi rõ phương án đúng (A, B, C…)"
                )
            else:
                key = set(letters)
        if d.table_key is not None and d.table_key[0] == "letters":
            table = set(d.table_key[1])
            if key is not None and key != table:
                errors.append(
                    f"bảng đáp án ghi {', '.join(sorted(table))} nhưng dòng “Đáp án” ghi {', '.join(sorted(key))}"
                )
            key = key or table
        if marked and key and marked != key and any(o.marked for o in d.options):
            errors.append(
                f"đáp án ghi {', '.join(sorted(key))} nhưng phương án được đánh dấu là {', '.join(sorted(marked))}"
            )
        correct = key or marked
        if not correct and d.late_key:
            correct = {d.late_key}
        if not correct and solution:
            found = _RE_CHOOSE.findall(plain_text(solution))
            if found:
                correct = {found[-1]}
        correct = correct or set()
        letters_present = {o.letter for o in d.options}
        for letter in sorted(correct - letters_present):
            if d.options:
                errors.append(f"đáp án {letter} không có trong các phương án")
        many = len(correct) > 1
        if d.part == 1:
            q.qtype = QType.SINGLE_CHOICE
        elif forced == "nhiều đáp án" or many:
            q.qtype = QType.MULTIPLE_RESPONSE
        else:
            q.qtype = QType.SINGLE_CHOICE
        q.choices = [
            Choice(
                text=_join_html(o.html), correct=o.letter in correct, fixed=o.fixed, ident=o.letter
            )
            for o in d.options
        ]
        q.stem = stem_all
        q.solution = solution
    elif d.part == 2 or (
        d.part != 3
        and d.stmts
        and forced != "tự luận"
        and (
            (answer_text and _parse_tf(answer_text) is not None)
            or any(s.marked for s in d.stmts)
            or (d.table_key is not None and d.table_key[0] == "tf")
        )
    ):
        q.qtype = QType.TRUE_FALSE
        errors += _order_errors(d.stmts, "mệnh đề", "a")
        values: dict[str, bool] | None = None
        if answer_text:
            values = _parse_tf(answer_text)
            if values is None:
                errors.append(
                    f"không đọc được dòng “Đáp án: {answer_text}” (cần dạng a) Đ, b) S, …)"
                )
        if values is None and d.table_key is not None and d.table_key[0] == "tf":
            values = dict(d.table_key[1])
        if values is None:
            marked = _marked_letters(d.stmts, single_bold=False)
            if marked is not None:
                values = {s.letter: s.letter in marked for s in d.stmts}
        if values is None and d.stmts:
            errors.append(
                "các mệnh đề Đúng/Sai chưa được đánh dấu (gạch chân hoặc tô đỏ mệnh đề đúng, "
                "hoặc thêm dòng “Đáp án: a) Đ, b) S, …”)"
            )
            values = {}
        elif values is not None:
            missing = [s.letter for s in d.stmts if s.letter not in values]
            for letter in missing:
                errors.append(f"mệnh đề {letter}) chưa được đánh dấu Đúng/Sai")
        values = values or {}
        q.choices = [
            Choice(text=_join_html(s.html), correct=bool(values.get(s.letter)), ident=s.letter)
            for s in d.stmts
        ]
        q.shuffle_statements = not q.keep_option_order
        q.keep_option_order = False
        q.solution = solution
    elif d.part == 3:
        q.qtype = QType.SHORT_NUMERIC
        if d.stmts:  # statement-looking lines in Part III belong to the stem
            q.stem = stem_all
        value = answer_text
        if not value and d.table_key is not None and d.table_key[0] == "num":
            value = str(d.table_key[1])
        if not value:
            errors.append("thiếu dòng “Đáp án: …” (câu trả lời ngắn phần III)")
        else:
            q.numeric_answer, q.tolerance = _numeric_key(value)
        q.solution = solution
    elif d.pairs_kind:
        q.solution = solution
        if d.pairs_kind == "ordering":
            q.qtype = QType.ORDERING
            q.choices = [
                Choice(text=_join_html(left), ident=str(i))
                for i, (left, _) in enumerate(d.pairs, 1)
            ]
        else:
            q.qtype = QType.MATCHING
            q.choices = [
                Choice(text=_join_html(left), match=_join_html(right)) for left, right in d.pairs
            ]
        if d.stmts:
            q.stem = stem_all
    elif answer_text is not None and forced != "tự luận":
        q.stem = stem_all
        q.solution = solution
        if forced != "trả lời ngắn" and answer_text and _is_numeric(answer_text):
            q.qtype = QType.SHORT_NUMERIC
            q.numeric_answer, q.tolerance = _numeric_key(answer_text)
        else:
            q.qtype = QType.SHORT_TEXT
            alternatives = [a.strip() for a in answer_html.split("|")]
            if not answer_text:
                errors.append("dòng “Đáp án:” để trống")
            q.choices = [Choice(text=a, correct=True) for a in alternatives if plain_text(a)]
    elif d.table_key is not None and d.table_key[0] == "num" and not d.stmts:
        q.qtype = QType.SHORT_NUMERIC
        q.numeric_answer, q.tolerance = _numeric_key(str(d.table_key[1]))
        q.solution = solution
    elif _RE_CLOZE.search(stem) and forced != "tự luận":
        q.qtype = QType.CLOZE
        q.stem, q.blanks = _cloze(stem_all)
        q.solution = solution
    else:
        q.qtype = QType.ESSAY
        q.stem = stem_all
        if guide:
            q.marking_guide = guide
            q.solution = solution
        else:
            q.marking_guide = solution

    if forced == "trả lời ngắn" and q.qtype not in (QType.SHORT_TEXT, QType.SHORT_NUMERIC):
        errors.append("câu có đánh dấu [trả lời ngắn] nhưng thiếu dòng “Đáp án: …”")
    if guide and q.qtype != QType.ESSAY:
        q.marking_guide = guide
    errors += [
        e
        for e in validate_question(_with_assets(q, d.assets))
        if e not in errors and not (e == "thiếu đáp án số" and any("Đáp án" in x for x in errors))
    ]
    return q, errors


def _with_assets(q: ParsedQuestion, assets: dict[str, bytes]) -> ParsedQuestion:
    refs = set()
    texts = [q.stem, q.solution, q.general_feedback, q.marking_guide]
    for c in q.choices:
        texts += [c.text, c.feedback, c.match]
    for t in texts:
        if "asset:" in t:
            refs.update(_RE_ASSET.findall(t))
    q.assets = {name: assets[name] for name in sorted(refs) if name in assets}
    return q


def _cloze(stem: str) -> tuple[str, list[Blank]]:
    blanks: list[Blank] = []

    def repl(m):
        raw = html_lib.unescape(m.group(2))
        blank = Blank()
        alternatives = [a.strip() for a in raw.split("|")]
        if len(alternatives) == 1 and alternatives[0].startswith("="):
            value, tol = _numeric_key(alternatives[0][1:])
            blank.kind = "numeric"
            blank.tolerance = tol
            blank.answers = [Choice(text=value, correct=True)]
        elif any(a.startswith("*") for a in alternatives):
            blank.kind = "choice"
            blank.answers = [
                Choice(text=_escape(a.lstrip("*").strip()), correct=a.startswith("*"))
                for a in alternatives
                if a.lstrip("*").strip()
            ]
        else:
            blank.answers = [Choice(text=_escape(a), correct=True) for a in alternatives if a]
        blanks.append(blank)
        return "{{" + str(len(blanks)) + "}}"

    return _RE_CLOZE.sub(repl, stem), blanks


# ---------------------------------------------------------------------------------------
# The document: sections, groups, questions, answer tables
# ---------------------------------------------------------------------------------------


@dataclass
class _GroupState:
    key: str
    title: str
    items: list = field(default_factory=list)
    first: int | None = None
    last: int | None = None
    count: int = 0
    explicit: bool = False  # "Nhóm k" (ends at "Hết nhóm"), not an instruction line


class _Document:
    def __init__(self):
        self.result = ParseResult(format="docx")
        self.part: int | None = None
        self.section_label = ""
        self.block: tuple[_Draft, _Interpreter] | None = None
        self.group: _GroupState | None = None
        self.groups: list[tuple[_GroupState, ParsedGroup]] = []
        self.drafts: list[_Draft] = []
        self.by_number: dict[int, list[_Draft]] = {}
        self.keys: list[tuple[int, str, int | None]] = []
        self.answer_mode = False
        self.key_part: int | None = None
        self.late: _Draft | None = None
        self.group_count = 0

    # -- stream ------------------------------------------------------------------------------
    def feed(self, item) -> None:
        if isinstance(item, _Table):
            self.table(item)
        else:
            self.line(item)

    def line(self, line: _Line) -> None:
        text = line.text
        folded = _fold(text)
        if self.answer_mode:
            self.answer_line(line, folded)
            return
        if m := _RE_SECTION.match(folded):
            self.close_question()
            self.close_group()
            self.part = _section_part(m, folded)
            self.section_label = _ROMAN_OUT[_ROMAN[m.group(1)]]
            return
        if (
            len(text) < 90
            and _RE_ANSWER_HEADING.match(folded)
            and ("bang" in folded[:12] or text.strip() == text.strip().upper())
            and not (self.block is not None and ":" in text)
        ):
            self.close_question()
            self.close_group()
            self.answer_mode = True
            self.key_part = self.part
            return
        if keys := _key_tokens(text, 2):
            self.add_keys(keys)
            return
        if _RE_GROUP_END.match(folded):
            self.close_question()
            self.close_group()
            return
        if m := _RE_GROUP.match(folded):
            self.close_question()
            self.close_group()
            self.open_group(_clean_title(text[m.end() :]), folded[m.end() :])
            self.group.explicit = True
            return
        if (m := _RE_QUESTION.match(folded)) and self.question_start(line, folded, m):
            return
        if "sau" in folded and "cau" in folded and self.group_instruction(text, folded):
            return
        if _RE_END.match(folded):
            self.close_question()
            self.close_group()
            return
        if (
            len(text) < 100
            and (m := _RE_HEADING_KIND.match(folded))
            and text[m.start(1) : m.end(1)].isupper()
        ):
            self.close_question()
            self.close_group()
            if m.group(1) == "tu luan" or self.part in (2, 3):
                self.part = None
            return
        if self.block is not None:
            self.block[1].feed(line)
        elif self.group is not None:
            self.group.items.append(line)

    def table(self, table: _Table) -> None:
        keys = _table_keys(table, self.answer_mode)
        if keys:
            self.add_keys(keys)
            return
        if self.answer_mode:
            if self.late is not None:
                _collect(self.late.assets, self.late.reviews, table)
                self.late.late_solution.append(table.html())
            return
        if _structural(table):
            for line in table.lines():
                self.line(line)
            return
        if self.block is not None:
            self.block[1].feed(table)
        elif self.group is not None:
            self.group.items.append(table)

    # -- pieces ------------------------------------------------------------------------------
    def ref(self, number: str, word: str = "Câu") -> str:
        if self.section_label:
            return f"Phần {self.section_label}, {word} {number}"
        return f"{word} {number}"

    def question_start(self, line: _Line, folded: str, m: re.Match) -> bool:
        text = line.text
        pos = m.end()
        points = None
        level = ""
        while True:
            pm = _RE_PAREN.match(folded, pos)
            if not pm:
                break
            inner = pm.group(1).strip()
            if pt := _RE_POINTS.fullmatch(inner):
                points = float(pt.group(1).replace(",", "."))
            elif inner in _LEVELS:
                level = _LEVELS[inner]
            else:
                break
            pos = pm.end()
        rest = text[pos:]
        pm = re.match(r"\s*[.:)]", rest)
        if pm:
            pos += pm.end()
        elif rest and not rest[0].isspace():
            return False
        number = m.group(1)
        n = int(number)
        group = self.group
        in_range = (
            group is None or group.first is None or group.first <= n <= (group.last or group.first)
        )
        if group is not None and not in_range:
            if group.count:
                self.close_group()
            else:
                group.first = group.last = None  # renumbered: rely on Hết nhóm
        self.close_question()
        group = self.group
        draft = _Draft(
            number=number,
            part=self.part,
            ref=self.ref(number, _QUESTION_WORDS[folded[m.start() :].lstrip()[0]]),
            group=group.key if group else "",
        )
        draft.points = points
        draft.level = level
        interp = _Interpreter(draft, self.part)
        _collect(draft.assets, draft.reviews, line)
        head = line.html(pos)
        if head:
            draft.stem.append(head)
        self.block = (draft, interp)
        if group is not None:
            group.count += 1
        return True

    def group_instruction(self, text: str, folded: str) -> bool:
        if text.lstrip().startswith(ZWSP):
            return False
        if not _RE_GROUP_START.match(folded) or not _RE_GROUP_HINT.search(folded):
            return False
        if self.group is not None and self.group.explicit and self.group.count == 0:
            return False  # the instruction of the "Nhóm" just opened: part of its stimulus
        if not _RE_GROUP_VERB.search(folded):
            return False
        first = _RE_GROUP_FIRST.search(folded)
        if first is None:
            return False
        numbers = [int(x) for x in re.findall(r"\d+", folded[first.start() :])]
        if not numbers:
            return False
        self.close_question()
        self.close_group()
        self.open_group(_clean_title(text), "", (min(numbers), max(numbers)))
        return True

    def open_group(self, title: str, folded_rest: str, rng: tuple[int, int] | None = None) -> None:
        self.group_count += 1
        group = _GroupState(key=f"nhom-{self.group_count}", title=title)
        if rng is None and folded_rest and (first := _RE_GROUP_FIRST.search(folded_rest)):
            numbers = [int(x) for x in re.findall(r"\d+", folded_rest[first.start() :])]
            if numbers:
                rng = (min(numbers), max(numbers))
        if rng is not None:
            group.first, group.last = rng
        self.group = group

    def close_group(self) -> None:
        group = self.group
        if group is None:
            return
        self.close_question()
        self.group = None
        assets: dict[str, bytes] = {}
        reviews: list[str] = []
        parts = []
        for item in group.items:
            _collect(assets, reviews, item)
            html = item.html()
            if html:
                parts.append(html)
        stimulus = _join_html(parts)
        refs = set(_RE_ASSET.findall(stimulus))
        pg = ParsedGroup(
            key=group.key,
            stimulus=stimulus,
            title=group.title,
            assets={k: v for k, v in assets.items() if k in refs},
        )
        self.groups.append((group, pg))

    def close_question(self) -> None:
        if self.block is None:
            return
        draft, _ = self.block
        self.block = None
        self.drafts.append(draft)
        self.by_number.setdefault(draft.n, []).append(draft)

    # -- answers -----------------------------------------------------------------------------
    def add_keys(self, keys: list[tuple[int, str]]) -> None:
        part = self.key_part if self.answer_mode else self.part
        self.keys.extend((n, value, part) for n, value in keys)

    def answer_line(self, line: _Line, folded: str) -> None:
        if m := _RE_SECTION.match(folded):
            self.key_part = _section_part(m, folded)
            self.late = None
            return
        if keys := _key_tokens(line.text, 1):
            self.add_keys(keys)
            return
        if (m := _RE_QUESTION.match(folded)) is not None:
            n = int(m.group(1))
            candidates = self.by_number.get(n, [])
            preferred = [d for d in candidates if d.part == self.key_part] or candidates
            if preferred:
                self.late = preferred[0]
                rest = line.html(m.end())
                rest = re.sub(r"^\s*[.:)]\s*", "", rest)
                if rest:
                    self.late.late_solution.append(rest)
                self.scan_late_key(line.text)
                return
            self.answer_mode = False
            self.late = None
            self.part = self.key_part
            self.line(line)
            return
        if self.late is not None:
            _collect(self.late.assets, self.late.reviews, line)
            html = line.html()
            if html:
                self.late.late_solution.append(html)
            self.scan_late_key(line.text)

    def scan_late_key(self, text: str) -> None:
        if self.late is not None and not self.late.late_key:
            found = _RE_CHOOSE.search(text)
            if found:
                self.late.late_key = found.group(1)

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> ParseResult:
        self.close_question()
        self.close_group()
        result = self.result
        self.apply_keys()
        valid_groups: set[str] = set()
        for draft in self.drafts:
            q, errors = _build(draft)
            if errors:
                for message in errors:
                    result.problems.append(Problem(where=draft.ref, message=message))
                continue
            _with_assets(q, draft.assets)
            result.questions.append(q)
            if q.group:
                valid_groups.add(q.group)
        for state, group in self.groups:
            if group.key in valid_groups:
                result.groups.append(group)
            elif state.count == 0:
                result.problems.append(
                    Problem(
                        where=f"Nhóm {group.key.rsplit('-', 1)[-1]}",
                        message="nhóm không có câu hỏi nào",
                        severity="warning",
                    )
                )
        return result

    def apply_keys(self) -> None:
        used: set[int] = set()
        for n, raw, part in self.keys:
            kind, value = _classify_key(raw)
            if kind is None:
                continue
            candidates = [d for d in self.by_number.get(n, []) if _accepts(d, kind)]
            same_part = [d for d in candidates if d.part == part]
            pool = same_part or candidates
            free = [d for d in pool if id(d) not in used]
            target = (free or pool or [None])[0]
            if target is None:
                self.result.problems.append(
                    Problem(
                        where=f"Câu {n}", message="có trong bảng đáp án nhưng đề không có câu này"
                    )
                )
                continue
            used.add(id(target))
            target.table_key = (kind, value)


_RE_KIND_TF = re.compile(r"dung\s*(?:hoac|/|-|–)?\s*sai")
_RE_KIND_SHORT = re.compile(r"tra\s+loi\s+ngan")
_RE_KIND_ESSAY = re.compile(r"tu\s+luan|cac\s+dang\s+khac")
_RE_KIND_CHOICE = re.compile(r"nhieu\s+(?:phuong\s+an|lua\s+chon)|lua\s+chon")


def _section_part(m: re.Match, folded: str) -> int | None:
    """1/2/3 for the 2025 parts, None for other sections (the type comes from the content)."""
    title = folded[m.end() :]
    if _RE_KIND_TF.search(title):
        return 2
    if _RE_KIND_SHORT.search(title):
        return 3
    if _RE_KIND_ESSAY.search(title):
        return None
    if _RE_KIND_CHOICE.search(title):
        return 1
    part = _ROMAN[m.group(1)]
    return part if part in (1, 2, 3) else None


def _accepts(d: _Draft, kind: str) -> bool:
    if kind == "letters":
        return bool(d.options) or d.part == 1
    if kind == "tf":
        return bool(d.stmts) or d.part == 2
    return d.part == 3 or (not d.options and not d.stmts and d.part is None)


def _classify_key(raw: str) -> tuple[str | None, object]:
    raw = raw.strip()
    letters = _letters(raw)
    if letters:
        return "letters", letters
    if re.search(r"[ĐđSs]", raw) and (tf := _parse_tf(raw)) is not None:
        return "tf", tf
    if _is_numeric(raw):
        return "num", raw
    return None, None


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(".:").strip()


def _key_tokens(text: str, minimum: int) -> list[tuple[int, str]]:
    if not text or not any(ch.isdigit() for ch in text[:6]):
        return []
    tokens = _RE_KEY_TOKEN.findall(text)
    if len(tokens) < minimum:
        return []
    rest = _RE_KEY_TOKEN.sub(" ", text)
    if _RE_KEY_SEP.fullmatch(rest) is None:
        return []
    return [(int(n), letter) for n, letter in tokens]


_HEADER_WORDS = {"cau", "cau hoi", "dap an", "da", "d/a", "so cau", "stt", "key", "phan i",
                 "phan ii", "phan iii", "phan 1", "phan 2", "phan 3", ""}  # fmt: skip


def _table_keys(table: _Table, lenient: bool) -> list[tuple[int, str]]:
    """Keys of an answer table, or [] when the table is not one."""
    rows = [[table.cell_text(c).strip() for c in row] for row in table.rows]
    if not rows or sum(len(r) for r in rows) > 2000:
        return []
    return (
        _cell_keys(rows, lenient)
        or _row_pair_keys(rows, lenient)
        or _column_pair_keys(rows, lenient)
    )


def _is_header(text: str) -> bool:
    return _fold(text).strip(" :.") in _HEADER_WORDS


def _cell_keys(rows: list[list[str]], lenient: bool) -> list[tuple[int, str]]:
    """Every cell is "1-A", "1.A", "1A", "Câu 1: ĐSĐS" …"""
    keys = []
    for t in (t for row in rows for t in row):
        if not t or _is_header(t):
            continue
        m = _RE_KEY_CELL.fullmatch(t)
        if not m:
            return []
        kind, _ = _classify_key(m.group(2))
        if kind is None or (kind == "num" and not lenient):
            return []
        keys.append((int(m.group(1)), m.group(2)))
    return keys if len(keys) >= 2 or (keys and lenient) else []


def _row_pair_keys(rows: list[list[str]], lenient: bool) -> list[tuple[int, str]]:
    """A row of question numbers over a row of answers, possibly repeated."""
    if len(rows) < 2 or len(rows) % 2:
        return []
    keys = []
    labelled = False
    for r in range(0, len(rows), 2):
        top, bottom = rows[r], rows[r + 1]
        if len(top) != len(bottom):
            return []
        for i, (a, b) in enumerate(zip(top, bottom, strict=True)):
            if i == 0 and not a.isdigit():
                if not _is_header(a):
                    return []
                labelled = True
                continue
            if not a:
                continue
            if not a.isdigit():
                return []
            if not b:
                continue
            kind, _ = _classify_key(b)
            if kind is None or (kind == "num" and not (lenient or labelled)):
                return []
            keys.append((int(a), b))
    if keys and (lenient or labelled or len(keys) >= 2):
        return keys
    return []


def _column_pair_keys(rows: list[list[str]], lenient: bool) -> list[tuple[int, str]]:
    """Columns "Câu | Đáp án" (one or more pairs of columns)."""
    width = len(rows[0])
    if width < 2 or width % 2 or any(len(r) != width for r in rows):
        return []
    labelled = all(_is_header(h) for h in rows[0])
    keys = []
    for row in rows[1:] if labelled else rows:
        for i in range(0, width, 2):
            a, b = row[i], row[i + 1]
            if not a and not b:
                continue
            if not a.isdigit():
                return []
            kind, _ = _classify_key(b)
            if kind is None or (kind == "num" and not (lenient or labelled)):
                return []
            keys.append((int(a), b))
    if keys and (labelled or lenient):
        return keys
    return []


def looks_structural(text: str) -> bool:
    """Would this paragraph, inside a question, be read as something other than content?

    The exporter asks before writing content paragraphs, and protects those that would with
    a leading zero-width space.
    """
    stripped = text.lstrip()
    if not stripped:
        return False
    folded = _fold(stripped)
    if any(
        rx.match(folded)
        for rx in (
            _RE_SECTION, _RE_QUESTION, _RE_GROUP, _RE_GROUP_END, _RE_END, _RE_ANSWER_HEADING,
            _RE_HEADING_KIND, _RE_ANSWER, _RE_GUIDE, _RE_SOLUTION, _RE_PAIRS, _RE_PAIR_LINE,
        )
    ):  # fmt: skip
        return True
    if _RE_OPT.match(stripped) or _RE_STMT.match(stripped) or _key_tokens(stripped, 1):
        return True
    return bool(_RE_GROUP_START.match(folded)) and "sau" in folded and "cau" in folded


def _structural(table: _Table) -> bool:
    for line in table.lines():
        folded = _fold(line.text)
        if _RE_QUESTION.match(folded) or _RE_SECTION.match(folded) or _RE_GROUP.match(folded):
            return True
    return False


# ---------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------


def parse_docx(data: bytes, filename: str = "") -> ParseResult:
    """Read a Word question file (see the module docstring for the conventions)."""
    label = f"Tệp {filename}: " if filename else ""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRejected(
            f"{label}đây là tệp Word 97–2003 (.doc) — hãy mở bằng Word và lưu lại dạng .docx"
        )
    if data[:2] != b"PK":
        raise ImportRejected(f"{label}không phải tệp Word .docx (tệp .docx là một tệp nén zip)")
    zf = SafeZip(data, name=filename)
    if "word/document.xml" not in zf:
        raise ImportRejected(f"{label}không phải tệp Word .docx: thiếu phần word/document.xml")
    pkg = _Package(zf)
    tree = parse_xml(zf.read("word/document.xml"), name="word/document.xml", huge=True)
    body = tree.getroot().find(_W + "body")
    if body is None:
        raise ImportRejected(f"{label}tệp Word không có nội dung (thiếu w:body)")
    reader = _Reader(pkg)
    document = _Document()
    for item in reader.items(body):
        document.feed(item)
    del tree, body
    return document.finish()
