"""Questions → a Word (.docx) file in the convention :mod:`.docx_import` reads back.

Layout (so that export → import round-trips):

* An optional title, then — when the set has 2025-exam types — ``PHẦN I`` (one choice),
  ``PHẦN II`` (Đúng/Sai), ``PHẦN III`` (short numeric, at most 4 characters) and
  ``PHẦN IV. CÁC DẠNG KHÁC`` for everything else; without 2025 types there are no sections.
  Numbering ``Câu N.`` restarts in each part.
* After ``Câu N.``: ``(2 điểm)`` when the question has points, then markers
  ``[NB]``/``[TH]``/``[VD]``/``[VDC]`` (level), ``[giữ thứ tự]`` (options/statements never
  shuffled), ``[cố định]`` (question never moved), and, only where the content alone would be
  read as another type, ``[nhiều đáp án]`` / ``[trả lời ngắn]`` / ``[tự luận]``.
* One choice / multiple response: ``A.`` … one per paragraph; every correct option's letter
  is underlined and red; a fixed option is written ``D#.``.
* Đúng/Sai: ``a)`` … then ``Đáp án: a) Đ, b) S, c) Đ, d) S``.
* Short numeric: ``Đáp án: -1,5`` (``Đáp án: 3,14 ± 0,01`` with a tolerance).
* Short text: ``Đáp án: Hà Nội | Thủ đô Hà Nội`` (``|`` separates accepted answers).
* Essay: ``Hướng dẫn chấm:`` then the marking guide.
* Matching: a ``Ghép nối:`` line, then ``1) vế trái → vế phải`` per pair and ``→ X`` for an
  extra answer that matches no premise.
* Ordering: a ``Sắp xếp:`` line, then ``1) …``, ``2) …`` in the correct order.
* Cloze: each ``{{n}}`` is written ``[n: đáp án|đáp án khác]`` (text; ``|`` separates accepted
  answers), ``[n: *đúng|sai|sai]`` (drop-down, ``*`` marks the right option) or
  ``[n: =1,5 ± 0,1]`` (number).
* ``Lời giải:`` then the solution, for every type.
* Groups: ``Nhóm k. <title>``, the stimulus, the group's questions, ``Hết nhóm``.

Content: ``b``/``i``/``u``/``s``/``sub``/``sup`` become run formatting, ``<table>`` a Word
table (colspan/rowspan merged), ``<img src="asset:NAME">`` a picture from the assets
(media file named ``NAME``; width/height from the attributes, else the image's own size up
to the page width), ``\\(…\\)``/``\\[…\\]`` native Word equations.

Content paragraphs that the importer would read as markers (a stem line "A. …", "Đáp án: …")
start with a zero-width space, and an option's text that contains "… B. …" gets one before
the letter, so they stay content on import.

Not carried: choice feedback, general feedback, partial-credit fractions, case sensitivity
of short text answers, blank points; an essay's solution without a marking guide comes back
as the marking guide; a group whose questions belong to different parts is written whole in
PHẦN IV (its questions lose their part).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import io
import re
from bisect import bisect_right
from decimal import Decimal

import docx
import lxml.html
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Emu
from lxml import etree

from question_bank.formats.base import ParsedGroup, ParsedQuestion, QType
from question_bank.formats.docx.ooxml import ZWSP
from question_bank.formats.docx.patterns import looks_structural
from question_bank.formats.docx.omml_read import latex_to_omml
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, format_numeric, parse_numeric

__all__ = ["export_docx"]

_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _WNS + "}"
_MN = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

B, I, U, RED, SUB, SUP, STRIKE = 1, 2, 4, 8, 16, 32, 64  # noqa: E741 - run formatting bits
_INLINE = {"b": B, "strong": B, "i": I, "em": I, "u": U, "ins": U, "s": STRIKE, "strike": STRIKE,
           "del": STRIKE, "sub": SUB, "sup": SUP}  # fmt: skip
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure",
          "figcaption", "caption", "ul", "ol", "hr", "section", "article", "header", "footer"}  # fmt: skip
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_LETTERS = "ABCDEFGH"
_LEVEL_MARK = {"biet": "NB", "hieu": "TH", "van_dung": "VD", "van_dung_cao": "VDC"}
_CONTENT_TYPES = {
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf",
    "wmf": "image/x-wmf", "svg": "image/svg+xml", "webp": "image/webp",
}  # fmt: skip
_MAX_WIDTH_PX = 600  # about 16 cm, the text width of an A4 page
_SECTION_TITLES = {
    1: "PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn",
    2: "PHẦN II. Câu trắc nghiệm đúng sai",
    3: "PHẦN III. Câu trắc nghiệm trả lời ngắn",
    4: "PHẦN IV. CÁC DẠNG KHÁC",
}
_RE_CLOZE_LIKE = re.compile(r"\[\d{1,3}:[^\[\]]*\]")
_RE_BLANK = re.compile(r"\{\{(\d+)\}\}")


def export_docx(
    questions: list[ParsedQuestion],
    groups: list[ParsedGroup] | None = None,
    *,
    title: str = "",
) -> bytes:
    """A .docx holding ``questions`` (and their ``groups``) that :func:`parse_docx` reads back."""
    writer = _Writer()
    writer.write(list(questions), list(groups or []), title)
    return writer.save()


def _sniff_ext(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpeg"
    if data.startswith(b"GIF8"):
        return "gif"
    if data.startswith(b"BM"):
        return "bmp"
    if data[40:44] == b" EMF":
        return "emf"
    if data.startswith((b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")):
        return "wmf"
    if data.lstrip()[:5] in (b"<?xml", b"<svg "):
        return "svg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return "png"


def _image_size(data: bytes) -> tuple[int, int] | None:
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            return img.size
    except Exception:  # EMF/WMF on this platform, broken bytes …
        return None


def _int_attr(el, name: str) -> int | None:
    val = el.get(name)
    if not val:
        return None
    m = re.match(r"\s*(\d+(?:\.\d+)?)", val)
    return round(float(m.group(1))) if m else None


class _Writer:
    def __init__(self):
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self.sect = self.body.find(_W + "sectPr")
        self.part = self.doc.part
        self.images: dict[str, tuple[str, str]] = {}  # sha1 → (rId, media name)
        self.media_names: set[str] = set()
        self.shape_id = 0

    # -- package -------------------------------------------------------------------------------
    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def body_add(self, el) -> None:
        if self.sect is not None:
            self.sect.addprevious(el)
        else:
            self.body.append(el)

    def new_p(self, add) -> etree._Element:
        p = etree.Element(_W + "p")
        add(p)
        return p

    def image_rid(self, name: str, data: bytes) -> tuple[str, str]:
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        known = self.images.get(digest)
        if known is not None:
            return known
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext not in _CONTENT_TYPES:
            ext = _sniff_ext(data)
        stem = re.sub(
            r"[^\w\-]+", "_", name.rsplit(".", 1)[0] if "." in name else name, flags=re.ASCII
        )
        stem = stem.strip("_") or "image"
        media = f"{stem}.{ext}"
        n = 1
        while media.lower() in self.media_names:
            n += 1
            media = f"{stem}_{n}.{ext}"
        self.media_names.add(media.lower())
        image_part = ImagePart(PackURI(f"/word/media/{media}"), _CONTENT_TYPES[ext], data)
        rid = f"rIdHL{len(self.images) + 1}"
        self.part.rels.add_relationship(RT.IMAGE, image_part, rid)
        self.images[digest] = (rid, media)
        return rid, media

    # -- runs ----------------------------------------------------------------------------------
    def run(self, p, text: str, fmt: int = 0) -> None:
        text = _BAD_XML.sub("", text)
        if not text:
            return
        r = etree.SubElement(p, _W + "r")
        if fmt:
            rpr = etree.SubElement(r, _W + "rPr")
            if fmt & B:
                etree.SubElement(rpr, _W + "b")
            if fmt & I:
                etree.SubElement(rpr, _W + "i")
            if fmt & STRIKE:
                etree.SubElement(rpr, _W + "strike")
            if fmt & RED:
                etree.SubElement(rpr, _W + "color").set(_W + "val", "FF0000")
            if fmt & U:
                etree.SubElement(rpr, _W + "u").set(_W + "val", "single")
            if fmt & (SUB | SUP):
                etree.SubElement(rpr, _W + "vertAlign").set(
                    _W + "val", "subscript" if fmt & SUB else "superscript"
                )
        t = etree.SubElement(r, _W + "t")
        t.text = text
        if text[0] == " " or text[-1] == " " or "  " in text:
            t.set(_XML_SPACE, "preserve")

    def picture(self, p, img, assets: dict[str, bytes]) -> None:
        src = img.get("src") or ""
        name = src[6:] if src.startswith("asset:") else ""
        data = assets.get(name) if name else None
        if data is None:
            self.run(p, f"[ảnh: {name or src}]")
            return
        rid, media = self.image_rid(name, data)
        width, height = _int_attr(img, "width"), _int_attr(img, "height")
        if not width or not height:
            size = _image_size(data)
            if size and size[0] and size[1]:
                if width:
                    height = round(width * size[1] / size[0])
                elif height:
                    width = round(height * size[0] / size[1])
                else:
                    width, height = size
            else:
                width, height = width or 200, height or 100
        if width > _MAX_WIDTH_PX:
            height = round(height * _MAX_WIDTH_PX / width)
            width = _MAX_WIDTH_PX
        self.shape_id += 1
        inline = CT_Inline.new_pic_inline(
            self.shape_id, rid, media, Emu(width * 9525), Emu(max(1, height) * 9525)
        )
        r = etree.SubElement(p, _W + "r")
        etree.SubElement(r, _W + "drawing").append(inline)

    # -- tables --------------------------------------------------------------------------------
    def table(self, add, table_el, assets: dict[str, bytes]) -> None:
        rows = []
        for child in table_el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(tr for tr in child if tr.tag == "tr")
        if not rows:
            return
        layout: list[dict[int, tuple[int, int, object]]] = []
        covered: dict[tuple[int, int], tuple[int, bool]] = {}
        ncols = 0
        for r, tr in enumerate(rows):
            row: dict[int, tuple[int, int, object]] = {}
            c = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                    continue
                while (r, c) in covered:
                    c += covered[(r, c)][0] if covered[(r, c)][1] else 1
                cs = max(1, min(_int_attr(td, "colspan") or 1, 50))
                rs = max(1, min(_int_attr(td, "rowspan") or 1, len(rows) - r))
                row[c] = (cs, rs, td)
                for dr in range(1, rs):
                    covered[(r + dr, c)] = (cs, True)
                    for dc in range(1, cs):
                        covered[(r + dr, c + dc)] = (1, False)
                c += cs
                ncols = max(ncols, c)
            layout.append(row)
        ncols = max([ncols] + [c + 1 for (_, c) in covered])
        tbl = etree.Element(_W + "tbl")
        tblpr = etree.SubElement(tbl, _W + "tblPr")
        etree.SubElement(tblpr, _W + "tblStyle").set(_W + "val", "TableGrid")
        tblw = etree.SubElement(tblpr, _W + "tblW")
        tblw.set(_W + "w", "0")
        tblw.set(_W + "type", "auto")
        grid = etree.SubElement(tbl, _W + "tblGrid")
        col_w = str(max(400, 9000 // max(ncols, 1)))
        for _ in range(ncols):
            etree.SubElement(grid, _W + "gridCol").set(_W + "w", col_w)
        for r, row in enumerate(layout):
            tr = etree.SubElement(tbl, _W + "tr")
            c = 0
            while c < ncols:
                if c in row:
                    cs, rs, td = row[c]
                    tc = self._tc(tr, cs, "restart" if rs > 1 else "")
                    flow = _Flow(self, tc.append, assets, heading=None)
                    flow.render_element(td, bold=td.tag == "th")
                    flow.finish()
                    if tc[-1].tag != _W + "p":
                        self.new_p(tc.append)
                    c += cs
                elif (r, c) in covered and covered[(r, c)][1]:
                    cs = covered[(r, c)][0]
                    tc = self._tc(tr, cs, "continue")
                    self.new_p(tc.append)
                    c += cs
                else:
                    tc = self._tc(tr, 1, "")
                    self.new_p(tc.append)
                    c += 1
        add(tbl)

    def _tc(self, tr, span: int, vmerge: str):
        tc = etree.SubElement(tr, _W + "tc")
        tcpr = etree.SubElement(tc, _W + "tcPr")
        if span > 1:
            etree.SubElement(tcpr, _W + "gridSpan").set(_W + "val", str(span))
        if vmerge == "restart":
            etree.SubElement(tcpr, _W + "vMerge").set(_W + "val", "restart")
        elif vmerge == "continue":
            etree.SubElement(tcpr, _W + "vMerge")
        return tc

    # -- document ------------------------------------------------------------------------------
    def para(self, text: str = "", fmt: int = 0, *, center: bool = False):
        p = self.new_p(self.body_add)
        if center:
            ppr = etree.SubElement(p, _W + "pPr")
            etree.SubElement(ppr, _W + "jc").set(_W + "val", "center")
        if text:
            self.run(p, text, fmt)
        return p

    def html(self, html: str, assets: dict[str, bytes], heading=None) -> None:
        """Render ``html``; ``heading`` (a paragraph) receives the first inline content."""
        flow = _Flow(self, self.body_add, assets, heading=heading)
        flow.render(html)
        flow.finish()

    def write(self, questions: list[ParsedQuestion], groups: list[ParsedGroup], title: str) -> None:
        if title:
            p = self.para(center=True)
            self.run(p, title, B)
        by_key = {g.key: g for g in groups}
        has_2025 = any(
            q.qtype in (QType.SINGLE_CHOICE, QType.TRUE_FALSE, QType.SHORT_NUMERIC)
            for q in questions
        )

        def section(q: ParsedQuestion) -> int:
            if not has_2025:
                return 0
            if q.qtype == QType.SINGLE_CHOICE:
                return 1
            if q.qtype == QType.TRUE_FALSE:
                return 2
            if q.qtype == QType.SHORT_NUMERIC and len(q.numeric_answer.strip()) <= 4:
                return 3
            return 4

        sections = {id(q): section(q) for q in questions}
        members: dict[str, list[ParsedQuestion]] = {}
        for q in questions:
            if q.group:
                members.setdefault(q.group, []).append(q)
        for key, qs in members.items():
            parts = {sections[id(q)] for q in qs}
            if len(parts) > 1:  # a group must stay together: other types' section
                for q in qs:
                    sections[id(q)] = 4
            if key not in by_key:
                by_key[key] = ParsedGroup(key=key)
        group_numbers: dict[str, int] = {}
        for part in (0, 1, 2, 3, 4):
            chosen = [q for q in questions if sections[id(q)] == part]
            if not chosen:
                continue
            if part:
                self.para(_SECTION_TITLES[part], B)
            number = 0
            done: set[str] = set()
            in_part: dict[str, list[ParsedQuestion]] = {}
            for q in chosen:
                if q.group:
                    in_part.setdefault(q.group, []).append(q)
            for q in chosen:
                if q.group:
                    if q.group in done:
                        continue
                    done.add(q.group)
                    group = by_key[q.group]
                    k = group_numbers.setdefault(q.group, len(group_numbers) + 1)
                    title = " ".join(group.title.split())
                    label = f"Nhóm {k}." + (f" {title}" if title else "")
                    self.para(label, B)
                    if group.stimulus:
                        self.html(group.stimulus, group.assets)
                    for member in in_part[q.group]:
                        number += 1
                        self.question(member, number)
                    self.para("Hết nhóm", I)
                    continue
                number += 1
                self.question(q, number)

    def question(self, q: ParsedQuestion, number: int) -> None:
        head = self.para()
        label = f"Câu {number}"
        if q.points is not None:
            points = _number(q.points)
            if points:
                label += f" ({points} điểm)"
        self.run(head, label + ".", B)
        marks = []
        if q.level in _LEVEL_MARK:
            marks.append(_LEVEL_MARK[q.level])
        keep_order = q.keep_option_order or (
            q.qtype == QType.TRUE_FALSE and not q.shuffle_statements
        )
        if keep_order:
            marks.append("giữ thứ tự")
        if q.keep_position:
            marks.append("cố định")
        correct = [c for c in q.choices if c.correct]
        if q.qtype == QType.MULTIPLE_RESPONSE and len(correct) < 2:
            marks.append("nhiều đáp án")
        if q.qtype == QType.SHORT_TEXT and correct and _numeric(plain_text(correct[0].text)):
            marks.append("trả lời ngắn")
        if q.qtype == QType.ESSAY and _RE_CLOZE_LIKE.search(q.stem or ""):
            marks.append("tự luận")
        self.run(head, " " + "".join(f"[{m}] " for m in marks))
        stem = q.stem or ""
        if q.qtype == QType.CLOZE:
            stem = _RE_BLANK.sub(lambda m: _blank_text(q, int(m.group(1))), stem)
        self.html(stem, q.assets, heading=head)

        if q.qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
            for i, c in enumerate(q.choices[:8]):
                p = self.para()
                letter = _LETTERS[i] + ("#" if c.fixed else "") + "."
                self.run(p, letter, (U | RED) if c.correct else 0)
                self.run(p, " ")
                self.html(c.text, q.assets, heading=p)
                _guard_inline_options(p)
        elif q.qtype == QType.TRUE_FALSE:
            values = []
            for i, c in enumerate(q.choices[:8]):
                letter = _LETTERS[i].lower()
                p = self.para()
                self.run(p, f"{letter}) ")
                self.html(c.text, q.assets, heading=p)
                values.append(f"{letter}) {'Đ' if c.correct else 'S'}")
            self.para("Đáp án: " + ", ".join(values))
        elif q.qtype == QType.SHORT_NUMERIC:
            key = q.numeric_answer.strip()
            if q.tolerance:
                key += " ± " + _number(q.tolerance)
            self.para("Đáp án: " + key)
        elif q.qtype == QType.SHORT_TEXT:
            p = self.para("Đáp án: ")
            for i, c in enumerate(correct):
                if i:
                    self.run(p, " | ")
                inline = c.text.replace("\\[", "\\(").replace("\\]", "\\)")
                self.html(inline, q.assets, heading=p)
        elif q.qtype == QType.MATCHING:
            self.para("Ghép nối:")
            k = 0
            for c in q.choices:
                p = self.para()
                if plain_text(c.text) or "<img" in c.text:
                    k += 1
                    self.run(p, f"{k}) ")
                    self.html(c.text, q.assets, heading=p)
                    self.run(p, " → ")
                else:
                    self.run(p, "→ ")
                self.html(c.match, q.assets, heading=p)
        elif q.qtype == QType.ORDERING:
            self.para("Sắp xếp:")
            for i, c in enumerate(q.choices, start=1):
                p = self.para(f"{i}) ")
                self.html(c.text, q.assets, heading=p)
        if q.marking_guide:
            p = self.para("Hướng dẫn chấm:", B)
            self.html(q.marking_guide, q.assets)
        if q.solution:
            p = self.para("Lời giải:", B)
            self.html(q.solution, q.assets)


_RE_INLINE_OPTION = re.compile(r"(?<!\S)\*?[A-H]#?\s*[.)]")


def _guard_inline_options(p) -> None:
    """Keep "… B. …" inside an option's text from being read as the next option on import."""
    ts = list(p.iter(_W + "t"))
    texts = [t.text or "" for t in ts]
    full = "".join(texts)
    positions = [m.start() for m in _RE_INLINE_OPTION.finditer(full) if m.start() > 0]
    if not positions:
        return
    starts = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
    for at in reversed(positions):
        i = bisect_right(starts, at) - 1
        while i > 0 and not texts[i]:
            i -= 1
        off = at - starts[i]
        texts[i] = texts[i][:off] + ZWSP + texts[i][off:]
        ts[i].text = texts[i]


def _number(value: float) -> str:
    """A float written the Vietnamese way: 0.25 → "0,25"."""
    try:
        return format_numeric(Decimal(repr(float(value))))
    except (NumericAnswerError, ArithmeticError, ValueError, TypeError):
        return str(value).replace(".", ",")


def _numeric(text: str) -> bool:
    try:
        parse_numeric(text)
    except NumericAnswerError:
        return False
    return True


def _blank_text(q: ParsedQuestion, n: int) -> str:
    if not 1 <= n <= len(q.blanks):
        return "{{" + str(n) + "}}"
    blank = q.blanks[n - 1]
    answers = [plain_text(a.text).replace("|", "/").replace("]", ")") for a in blank.answers]
    if blank.kind == "numeric":
        value = next(
            (plain_text(a.text) for a in blank.answers if a.correct), answers[0] if answers else ""
        )
        body = "=" + value
        if blank.tolerance:
            body += " ± " + _number(blank.tolerance)
    elif blank.kind == "choice":
        body = "|".join(
            ("*" if a.correct else "") + t for a, t in zip(blank.answers, answers, strict=True)
        )
    else:
        body = "|".join(t for a, t in zip(blank.answers, answers, strict=True) if a.correct)
    return html_lib.escape(f"[{n}: {body}]", quote=False)


class _Flow:
    """Writes an HTML fragment as paragraphs; inline content goes to the current paragraph."""

    def __init__(self, writer: _Writer, add, assets: dict[str, bytes], heading=None):
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
            text = "".join(t.text or "" for t in p.iter(_W + "t"))
            if looks_structural(text):
                r = etree.Element(_W + "r")
                etree.SubElement(r, _W + "t").text = ZWSP
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
                etree.SubElement(p, _MN + "oMathPara").append(latex_to_omml(m.group(2).strip()))
                self.p = None
            pos = m.end()
        if pos < len(text):
            rest = text[pos:]
            if self.p is None:
                rest = rest.lstrip()
            if rest:
                self.w.run(self.para(), rest, self.fmt)
