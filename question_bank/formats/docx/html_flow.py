"""Question HTML → Word paragraphs: inline formatting, line breaks, lists, tables, images
and ``\\(…\\)``/``\\[…\\]`` math as native equations (:mod:`.omml_write`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from question_bank.formats.docx.omml_write import latex_to_omml
from question_bank.formats.docx.ooxml import STRIKE, SUB, SUP, ZWSP, B, I, M, U, W
from question_bank.formats.docx.patterns import looks_structural
from question_bank.html import plain_text

if TYPE_CHECKING:
    from question_bank.formats.docx.writer import Writer

_INLINE = {"b": B, "strong": B, "i": I, "em": I, "u": U, "ins": U, "s": STRIKE, "strike": STRIKE,
           "del": STRIKE, "sub": SUB, "sup": SUP}  # fmt: skip
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure",
          "figcaption", "caption", "ul", "ol", "hr", "section", "article", "header", "footer"}  # fmt: skip
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


_SPACE = re.compile(r"\s+")


class Flow:
    """Writes an HTML fragment as paragraphs; inline content goes to the current paragraph."""

    def __init__(self, writer: Writer, add, assets: dict[str, bytes], heading=None):
        self.w = writer
        self.add = add
        self.assets = assets
        self.p = heading
        self.fresh = heading is not None  # the heading paragraph may absorb the first block
        self.fmt = 0
        self.created: list = []

    def para(self):
        if self.p is None:
            self.p = self.w.new_p(self.add)
            self.created.append(self.p)
        self.fresh = False
        return self.p

    def brk(self) -> None:
        if self.fresh:
            return
        self.p = None

    def finish(self) -> None:
        """Protect content paragraphs that the importer would read as markers."""
        self.p = None
        for p in self.created:
            text = "".join(t.text or "" for t in p.iter(W + "t"))
            if looks_structural(text):
                r = etree.Element(W + "r")
                etree.SubElement(r, W + "t").text = ZWSP
                p.insert(0, r)
        self.created = []

    def render(self, html: str) -> None:
        if not html:
            return
        if "<" not in html and "&" not in html:
            self.text(html)
            return
        try:
            root = lxml.html.fragment_fromstring(html, create_parent="div")
        except (etree.ParserError, ValueError):
            self.text(plain_text(html))
            return
        self.children(root)

    def render_element(self, el, *, bold: bool = False) -> None:
        old = self.fmt
        if bold:
            self.fmt |= B
        self.children(el)
        self.fmt = old

    def children(self, el) -> None:
        if el.text:
            self.text(el.text)
        for child in el:
            self.node(child)
            if child.tail:
                self.text(child.tail)

    def node(self, el) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        flag = _INLINE.get(tag)
        if flag is not None:
            old = self.fmt
            self.fmt |= flag
            self.children(el)
            self.fmt = old
        elif tag == "br":
            if self.p is None:
                self.para()
            self.fresh = False
            self.brk()
        elif tag == "table":
            self.brk()
            self.p = None
            self.fresh = False
            self.w.table(self.add, el, self.assets)
        elif tag == "img":
            self.w.picture(self.para(), el, self.assets)
        elif tag == "li":
            self.brk()
            parent = el.getparent()
            if parent is not None and parent.tag == "ol":
                index = [c for c in parent if c.tag == "li"].index(el) + 1
                self.w.run(self.para(), f"{index}. ", self.fmt)
            else:
                self.w.run(self.para(), "• ", self.fmt)
            self.children(el)
            self.brk()
        elif tag in _BLOCK:
            self.brk()
            self.children(el)
            self.brk()
        elif tag in ("script", "style"):
            return
        else:
            self.children(el)

    def text(self, text: str) -> None:
        text = _SPACE.sub(" ", text)
        if self.p is None or self.fresh:
            text = text.lstrip()
        if not text:
            return
        pos = 0
        for m in _MATH.finditer(text):
            if m.start() > pos:
                self.w.run(self.para(), text[pos : m.start()], self.fmt)
            if m.group(1) is not None:
                self.para().append(latex_to_omml(m.group(1).strip()))
            else:
                self.brk()
                self.p = None
                p = self.para()
                etree.SubElement(p, M + "oMathPara").append(latex_to_omml(m.group(2).strip()))
                self.p = None
            pos = m.end()
        if pos < len(text):
            rest = text[pos:]
            if self.p is None:
                rest = rest.lstrip()
            if rest:
                self.w.run(self.para(), rest, self.fmt)
