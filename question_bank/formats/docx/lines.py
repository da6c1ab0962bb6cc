"""Lines (a paragraph, or part of one split at a line break) and tables, with their HTML.

A :class:`Line` is a list of segments ``(text, fmt, html, extra)``: text runs (``html`` is
None) or objects (an image or an equation: text :data:`~.ooxml.OBJ`, ``html`` given,
``extra`` the asset or the review note it carries).
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from dataclasses import dataclass

from question_bank.formats.docx.ooxml import FORMAT_TAGS, RENDER, ZWSP

_RE_DOLLAR = re.compile(r"\$\$([^$<]+?)\$\$|\$(?!\s)([^$<]*?[^$\s\\])\$")


# ---------------------------------------------------------------------------------------
# Lines: a paragraph (or part of one, split at line breaks) with formatted segments
# ---------------------------------------------------------------------------------------


def escape_text(text: str) -> str:
    return html_lib.escape(text, quote=False).replace("\t", " ").replace(ZWSP, "")


_WRAP_CACHE: dict[int, tuple[str, str]] = {}


def _wrap(text: str, fmt: int) -> str:
    if not fmt or not text:
        return text
    tags = _WRAP_CACHE.get(fmt)
    if tags is None:
        names = [t for f, t in FORMAT_TAGS if fmt & f]
        tags = ("".join(f"<{t}>" for t in names), "".join(f"</{t}>" for t in reversed(names)))
        _WRAP_CACHE[fmt] = tags
    return tags[0] + text + tags[1]


def _dollar_math(html: str) -> str:
    def repl(m):
        if m.group(1) is not None:
            return "\\[" + m.group(1).strip() + "\\]"
        return "\\(" + m.group(2).strip() + "\\)"

    return _RE_DOLLAR.sub(repl, html)


class Line:
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

    def flagged_spans(self, flag: int) -> list[tuple[int, int]]:
        """``[a, b)`` ranges of contiguous text carrying ``flag``, without the blanks at
        their ends."""
        spans: list[list[int]] = []
        pos = 0
        for text, fmt, html, _ in self.segs:
            end = pos + len(text)
            if html is None and fmt & flag:
                if spans and spans[-1][1] == pos:
                    spans[-1][1] = end
                elif text.strip():
                    spans.append([pos, end])
            pos = end
        return [self._trimmed(a, b) for a, b in spans]

    def html(self, a: int = 0, b: int | None = None, drop: int = 0) -> str:
        """The HTML of characters ``[a, b)`` without the blanks at either end: the
        formatting in :data:`RENDER` except ``drop``, objects as they are, ``$…$`` as math."""
        a, b = self._trimmed(a, b)
        if a >= b:
            return ""
        result = self._segments_html(a, b, RENDER & ~drop)
        if "$" in result:
            result = _dollar_math(result)
        return result

    def _trimmed(self, a: int, b: int | None) -> tuple[int, int]:
        """``[a, b)`` within the text, without whitespace and zero-width spaces at its ends."""
        text = self.text
        n = len(text)
        if b is None or b > n:
            b = n
        while a < b and (text[a].isspace() or text[a] == ZWSP):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] == ZWSP):
            b -= 1
        return a, b

    def _segments_html(self, a: int, b: int, keep: int) -> str:
        """The segments over ``[a, b)``: runs of text with the same ``keep`` formatting in
        one set of tags, objects' HTML between them."""
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
                    out.append(_wrap(escape_text("".join(buf)), cur))
                    buf.clear()
                out.append(seg_html)
            else:
                f = fmt & keep
                if f != cur and buf:
                    out.append(_wrap(escape_text("".join(buf)), cur))
                    buf.clear()
                cur = f
                buf.append(seg_text[max(0, a - pos) : b - pos])
            pos = end
        if buf:
            out.append(_wrap(escape_text("".join(buf)), cur))
        return "".join(out)


@dataclass
class Cell:
    items: list
    span: int
    vmerge: str  # "", "restart", "continue"
    col: int


class Table:
    __slots__ = ("_html", "rows")

    def __init__(self, rows: list[list[Cell]]):
        self.rows = rows
        self._html: str | None = None

    def cells(self):
        for row in self.rows:
            yield from row

    def lines(self):
        """Every line of the table, cells in reading order (nested tables included)."""
        for cell in self.cells():
            for item in cell.items:
                if isinstance(item, Table):
                    yield from item.lines()
                else:
                    yield item

    def cell_text(self, cell: Cell) -> str:
        return " ".join(
            it.text.strip() for it in cell.items if isinstance(it, Line) and it.text.strip()
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
