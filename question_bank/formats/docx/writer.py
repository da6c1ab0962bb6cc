"""The OOXML side of writing a .docx: paragraphs, formatted runs, pictures and tables.

:class:`Writer` wraps a python-docx document; HTML content goes through
:class:`~.html_flow.Flow`. The question-file layout (:mod:`.layout`) and the exam papers
(:mod:`question_bank.assembly.render_docx`) both build on it.
"""

from __future__ import annotations

import hashlib
import io
import re

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Emu
from lxml import etree

from question_bank.formats.docx.html_flow import Flow
from question_bank.formats.docx.ooxml import RED, STRIKE, SUB, SUP, XML_SPACE, B, I, U, W

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_CONTENT_TYPES = {
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf",
    "wmf": "image/x-wmf", "svg": "image/svg+xml", "webp": "image/webp",
}  # fmt: skip
_MAX_WIDTH_PX = 600  # about 16 cm, the text width of an A4 page


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


def _html_rows(table_el) -> list:
    """The ``<tr>`` of a table, inside ``thead``/``tbody``/``tfoot`` or not."""
    rows = []
    for child in table_el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if tr.tag == "tr")
    return rows


def _grid(rows: list) -> tuple[list[dict], dict[tuple[int, int], tuple[int, bool]], int]:
    """Where each cell starts: per row ``{column: (colspan, rowspan, td)}``; the positions
    covered by a rowspan from above (``(span, True)`` where a merged cell continues); and the
    number of columns."""
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
    return layout, covered, max([ncols] + [c + 1 for (_, c) in covered])


class Writer:
    def __init__(self):
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self.sect = self.body.find(W + "sectPr")
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
        p = etree.Element(W + "p")
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
        r = etree.SubElement(p, W + "r")
        if fmt:
            rpr = etree.SubElement(r, W + "rPr")
            if fmt & B:
                etree.SubElement(rpr, W + "b")
            if fmt & I:
                etree.SubElement(rpr, W + "i")
            if fmt & STRIKE:
                etree.SubElement(rpr, W + "strike")
            if fmt & RED:
                etree.SubElement(rpr, W + "color").set(W + "val", "FF0000")
            if fmt & U:
                etree.SubElement(rpr, W + "u").set(W + "val", "single")
            if fmt & (SUB | SUP):
                etree.SubElement(rpr, W + "vertAlign").set(
                    W + "val", "subscript" if fmt & SUB else "superscript"
                )
        t = etree.SubElement(r, W + "t")
        t.text = text
        if text[0] == " " or text[-1] == " " or "  " in text:
            t.set(XML_SPACE, "preserve")

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
        r = etree.SubElement(p, W + "r")
        etree.SubElement(r, W + "drawing").append(inline)

    # -- tables --------------------------------------------------------------------------------
    def table(self, add, table_el, assets: dict[str, bytes]) -> None:
        """An HTML ``<table>`` as a Word table (colspan/rowspan become merged cells)."""
        rows = _html_rows(table_el)
        if not rows:
            return
        layout, covered, ncols = _grid(rows)
        tbl = etree.Element(W + "tbl")
        tblpr = etree.SubElement(tbl, W + "tblPr")
        etree.SubElement(tblpr, W + "tblStyle").set(W + "val", "TableGrid")
        tblw = etree.SubElement(tblpr, W + "tblW")
        tblw.set(W + "w", "0")
        tblw.set(W + "type", "auto")
        grid = etree.SubElement(tbl, W + "tblGrid")
        col_w = str(max(400, 9000 // max(ncols, 1)))
        for _ in range(ncols):
            etree.SubElement(grid, W + "gridCol").set(W + "w", col_w)
        for r, row in enumerate(layout):
            tr = etree.SubElement(tbl, W + "tr")
            c = 0
            while c < ncols:
                c += self.table_cell(tr, row.get(c), covered.get((r, c)), assets)
        add(tbl)

    def table_cell(self, tr, cell, cover, assets: dict[str, bytes]) -> int:
        """One ``w:tc``: a cell that starts here, the continuation of one merged from above,
        or an empty filler; returns the columns it spans."""
        if cell is not None:
            cs, rs, td = cell
            tc = self._tc(tr, cs, "restart" if rs > 1 else "")
            flow = Flow(self, tc.append, assets, heading=None)
            flow.render_element(td, bold=td.tag == "th")
            flow.finish()
            if tc[-1].tag != W + "p":
                self.new_p(tc.append)
            return cs
        if cover is not None and cover[1]:
            tc = self._tc(tr, cover[0], "continue")
            self.new_p(tc.append)
            return cover[0]
        self.new_p(self._tc(tr, 1, "").append)
        return 1

    def _tc(self, tr, span: int, vmerge: str):
        tc = etree.SubElement(tr, W + "tc")
        tcpr = etree.SubElement(tc, W + "tcPr")
        if span > 1:
            etree.SubElement(tcpr, W + "gridSpan").set(W + "val", str(span))
        if vmerge == "restart":
            etree.SubElement(tcpr, W + "vMerge").set(W + "val", "restart")
        elif vmerge == "continue":
            etree.SubElement(tcpr, W + "vMerge")
        return tc

    # -- document ------------------------------------------------------------------------------
    def para(self, text: str = "", fmt: int = 0, *, center: bool = False):
        p = self.new_p(self.body_add)
        if center:
            ppr = etree.SubElement(p, W + "pPr")
            etree.SubElement(ppr, W + "jc").set(W + "val", "center")
        if text:
            self.run(p, text, fmt)
        return p

    def html(self, html: str, assets: dict[str, bytes], heading=None) -> None:
        """Render ``html``; ``heading`` (a paragraph) receives the first inline content."""
        flow = Flow(self, self.body_add, assets, heading=heading)
        flow.render(html)
        flow.finish()
