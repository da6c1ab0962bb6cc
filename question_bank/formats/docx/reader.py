"""The body of ``word/document.xml`` → a stream of :class:`Line` and :class:`Table` items.

Runs keep their formatting bits; Word equations become ``\\(…\\)``/``\\[…\\]`` LaTeX
(:mod:`.omml_read`), and so do MathType / Equation Editor 3.0 objects (:mod:`.mathtype`);
pictures, VML images and OLE objects that cannot be read become asset references, with a
review note when they need a person's eye.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

from common.safefiles import resolve_member
from common.vietnamese import nfc
from question_bank.formats.base import ImportRejected
from question_bank.formats.docx import wmf
from question_bank.formats.docx.lines import Cell, Line, Table, escape_text
from question_bank.formats.docx.mathtype import (
    MAX_OLE_BYTES,
    MathTypeError,
    is_equation_progid,
    ole_to_latex,
)
from question_bank.formats.docx.omml_read import omml_to_latex
from question_bank.formats.docx.ooxml import (
    BLOCK_CONTAINERS,
    DML,
    INLINE_CONTAINERS,
    M_OMATH,
    M_OMATHPARA,
    MC_ALT,
    MC_CHOICE,
    MC_FALLBACK,
    OBJ,
    OFFICE,
    REL,
    VML,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_SDT,
    W_SDTCONTENT,
    W_T,
    W_TBL,
    W_TC,
    W_TCPR,
    W_TR,
    WPD,
    W,
)
from question_bank.formats.docx.package import Package, run_masks, val_int
from question_bank.formats.docx.symbol_fonts import decode_char, decode_text, table_for

MATHTYPE_REVIEW = "Công thức MathType không chuyển được, đang hiển thị ảnh — cần kiểm tra"
OLE_UNREADABLE = "không đọc được đối tượng nhúng: thiếu trong tệp hoặc lớn hơn {size}"


def _size(n: int) -> str:
    """4 MB, 1 KB: the limits as a teacher reads them."""
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def mathtype_review(why: str = "") -> str:
    """The review note of an equation shown as its picture, with the converter's reason."""
    if not why:
        return MATHTYPE_REVIEW
    why = why[:1].lower() + why[1:]
    return f"Công thức MathType không chuyển được ({why}), đang hiển thị ảnh — cần kiểm tra"


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


# ---------------------------------------------------------------------------------------
# Body → lines and tables
# ---------------------------------------------------------------------------------------


class Reader:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.styles = pkg.styles
        self.metafiles: dict[bytes, bytes] | None = None  # metafile digest → PNG
        self.body = None
        self.latex: dict[str, str | None] = {}  # OLE part → LaTeX (None: not convertible)
        self.latex_why: dict[str, str] = {}  # OLE part → why it is not convertible
        self.metafile_note = wmf.NOT_SHOWN

    def items(self, parent):
        if self.body is None:
            self.body = parent  # the first call reads the body (metafile batches scan it)
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
            elif tag in BLOCK_CONTAINERS:
                yield from self.items(child)
            elif tag == M_OMATHPARA:  # math directly in the body (rare)
                segs: list = []
                self.math(child, segs, display=True)
                if segs:
                    yield Line(segs)

    # -- paragraphs ------------------------------------------------------------------------
    def paragraph(self, p) -> list[Line]:
        ppr = p.find(W_PPR)
        style_id = self.styles.default_para
        label, label_masks, mark_masks = None, 0, (0, 0)
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                style_id = ps.get(W + "val") or style_id
            label, label_masks = self.list_label(ppr)
            mark = ppr.find(W_RPR)
            if mark is not None:
                on, off, _ = run_masks(mark)
                mark_masks = (on, off)
        base = self.styles.flags(style_id)
        segs: list = []
        if label:
            fmt = (base & ~mark_masks[1]) | mark_masks[0] | label_masks
            segs.append((label + " ", fmt, None, None))
        self.inline(p, base, segs)
        return [ln for ln in _split_lines(segs) if not ln.is_empty()]

    def list_label(self, ppr) -> tuple[str | None, int]:
        """The automatic number Word shows before the paragraph ("Câu 3.") and its format."""
        num_pr = ppr.find(W + "numPr")
        if num_pr is None:
            return None, 0
        num_el = num_pr.find(W + "numId")
        num_id = num_el.get(W + "val") if num_el is not None else None
        if not num_id or num_id == "0":
            return None, 0
        return self.pkg.numbering.label(num_id, val_int(num_pr.find(W + "ilvl"), 0))

    def inline(self, parent, base: int, segs: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self.run(child, base, segs)
            elif tag in INLINE_CONTAINERS:
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
        font = None  # a symbol font (Wingdings, Symbol …) whose characters need mapping
        for c in r:
            tag = c.tag
            if tag == W_RPR:
                on, off, style = run_masks(c)
                if style is not None:  # a character style adds its own formatting
                    fmt |= self.styles.flags(style) & ~self.styles.base
                fmt = (fmt & ~off) | on
                font = _symbol_font(c)
            elif tag == W_T:
                text = c.text
                if text and font is not None:
                    text = decode_text(font, text)
                if text:
                    _add_text(segs, text if text.isascii() else nfc(text), fmt)
            elif tag in _RUN_CHARS:
                _add_text(segs, _RUN_CHARS[tag], fmt)
            elif tag in _BREAKS:
                segs.append(None)
            elif tag == W + "sym":
                _add_text(segs, _symbol(c), fmt)
            elif tag == MC_ALT:
                self.alternate(c, fmt, segs)
            else:
                self.embedded(c, segs)

    def alternate(self, alt, fmt: int, segs: list) -> None:
        """``mc:AlternateContent`` inside a run: the branch we understand."""
        branch = _choose(alt)
        if branch is None:
            return
        for inner in branch:
            if inner.tag == W_R:
                self.run(inner, fmt, segs)
            else:
                self.embedded(inner, segs)

    def embedded(self, el, segs: list) -> None:
        """A DrawingML picture, a VML picture or an OLE object; anything else is skipped."""
        if el.tag == W + "drawing":
            self.drawing(el, segs)
        elif el.tag == W + "pict":
            self.vml(el, segs)
        elif el.tag == W + "object":
            self.ole(el, segs)

    def math(self, el, segs: list, *, display: bool) -> None:
        if display:
            maths = list(el.iter(M_OMATH)) or [el]
            for om in maths:
                latex = omml_to_latex(om)
                if latex:
                    segs.append((OBJ, 0, "\\[" + escape_text(latex) + "\\]", None))
        else:
            latex = omml_to_latex(el)
            if latex:
                segs.append((OBJ, 0, "\\(" + escape_text(latex) + "\\)", None))

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
        if wmf.is_metafile_name(name):
            name, data = self.metafile(name, data)
        attrs = ""
        if width:
            attrs += f' width="{int(width)}"'
        if height:
            attrs += f' height="{int(height)}"'
        segs.append((OBJ, 0, f'<img src="asset:{name}"{attrs}>', (name, data, reason)))
        if wmf.is_metafile_name(name):  # not converted: no browser shows it, say so
            segs.append(("", 0, "", (None, None, self.metafile_note)))

    def metafile(self, name: str, data: bytes) -> tuple[str, bytes]:
        """A WMF/EMF picture as PNG; the metafile itself when it cannot be converted.

        The first time one is met, every metafile the body will show is converted in one
        batch (:mod:`.wmf`): the pictures, and the previews of the OLE objects that do not
        become LaTeX — not the previews of the equations that do."""
        if self.metafiles is None:
            blobs = {}
            for member in self._shown_metafiles():
                try:
                    blobs[member] = self.pkg.zf.read(member)
                except (ImportRejected, KeyError):
                    continue
            converted, self.metafile_note = wmf.convert(blobs)
            self.metafiles = {
                hashlib.sha256(blobs[m]).digest(): png for m, png in converted.items()
            }
        png = self.metafiles.get(hashlib.sha256(data).digest())
        if png is None:
            return name, data
        stem = posixpath.splitext(name)[0]
        new = f"{stem}.png" if f"{stem}.png" not in self.pkg.names.values() else f"{stem}_wmf.png"
        return new, png

    def _shown_metafiles(self) -> set[str]:
        """The package parts of the WMF/EMF pictures the body shows."""
        if self.body is None:
            return set()
        hidden = set()  # previews of equations that become LaTeX (kept alive: same proxies)
        for obj in self.body.iter(W + "object"):
            ole = next(obj.iter(OFFICE + "OLEObject"), None)
            prog = (ole.get("ProgID") or "") if ole is not None else ""
            if ole is not None and is_equation_progid(prog) and self.mathtype(ole) is not None:
                hidden.update(obj.iter(VML + "imagedata"))
        rids = {
            d.get(REL + "id") or d.get(REL + "pict")
            for d in self.body.iter(VML + "imagedata")
            if d not in hidden
        }
        rids.update(b.get(REL + "embed") for b in self.body.iter(DML + "blip"))
        parts = set()
        for rid in rids:
            target, mode = self.pkg.rels.get(rid or "", ("", ""))
            if not wmf.is_metafile_name(target) or mode.lower() == "external":
                continue
            try:
                path = resolve_member("word/document.xml", target)
            except ImportRejected:
                continue
            if path in self.pkg.zf and self.pkg.zf.size(path) <= wmf.MAX_BYTES:
                parts.add(path)
        return parts

    def drawing(self, d, segs: list) -> None:
        blip = next(d.iter(DML + "blip"), None)
        if blip is None:
            if next(d.iter(W + "txbxContent"), None) is not None:
                segs.append(
                    (
                        "",
                        0,
                        "",
                        (None, None, "Hộp văn bản (text box) trong Word bị bỏ qua — cần kiểm tra"),
                    )
                )
            return
        rid = blip.get(REL + "embed") or blip.get(REL + "link")
        extent = next(d.iter(WPD + "extent"), None)
        width = height = None
        if extent is not None:
            try:
                width = round(int(extent.get("cx") or 0) / 9525) or None
                height = round(int(extent.get("cy") or 0) / 9525) or None
            except ValueError:
                width = height = None
        self.image(rid, width, height, segs)

    def vml(self, pict, segs: list) -> None:
        data = next(pict.iter(VML + "imagedata"), None)
        if data is None:
            if next(pict.iter(W + "txbxContent"), None) is not None:
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
        self.image(data.get(REL + "id") or data.get(REL + "pict"), width, height, segs)

    def ole(self, obj, segs: list) -> None:
        ole = next(obj.iter(OFFICE + "OLEObject"), None)
        prog = (ole.get("ProgID") or "") if ole is not None else ""
        if ole is not None and is_equation_progid(prog):
            latex = self.mathtype(ole)
            if latex is not None:
                if latex:
                    segs.append((OBJ, 0, "\\(" + escape_text(latex) + "\\)", None))
                return
        if not prog or prog.lower().startswith("equation") or "mathtype" in prog.lower():
            rid = (ole.get(REL + "id") or "") if ole is not None else ""
            reason = mathtype_review(self.latex_why.get(rid, ""))
        else:
            reason = f"Đối tượng nhúng {prog} được giữ dưới dạng ảnh — cần kiểm tra"
        data = next(obj.iter(VML + "imagedata"), None)
        if data is None:
            segs.append(("", 0, "", (None, None, reason)))
            return
        shape = data.getparent()
        width, height = _style_px(shape.get("style") if shape is not None else None)
        self.image(data.get(REL + "id") or data.get(REL + "pict"), width, height, segs, reason)

    def mathtype(self, ole) -> str | None:
        """LaTeX of a MathType / Equation Editor object from its embedded equation stream;
        None when it cannot be converted (the preview picture is shown instead)."""
        rid = ole.get(REL + "id") or ""
        if rid in self.latex:
            return self.latex[rid]
        latex = None
        data = self.pkg.embedded(rid, max_bytes=MAX_OLE_BYTES)
        if data is None:
            why = OLE_UNREADABLE.format(size=_size(MAX_OLE_BYTES))
        else:
            try:
                latex = ole_to_latex(data)
            except MathTypeError as exc:
                why = str(exc)
        if rid:
            self.latex[rid] = latex
            if latex is None:
                self.latex_why[rid] = why
        return latex

    # -- tables --------------------------------------------------------------------------------
    def table(self, tbl) -> Table:
        rows = []
        for tr in tbl.iterchildren(W_TR):
            row = []
            col = 0
            for tc in tr.iterchildren(W_TC):
                span = 1
                vmerge = ""
                tcpr = tc.find(W_TCPR)
                if tcpr is not None:
                    span = max(1, val_int(tcpr.find(W + "gridSpan"), 1))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        vmerge = "restart" if vm.get(W + "val") == "restart" else "continue"
                row.append(Cell(list(self.items(tc)), span, vmerge, col))
                col += span
            rows.append(row)
        return Table(rows)


_RUN_CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "noBreakHyphen": "-"}
_BREAKS = {W + "br", W + "cr"}


def _split_lines(segs: list) -> list[Line]:
    """Segments → lines, split at the line breaks (``None``)."""
    if None not in segs:
        return [Line(segs)]
    lines, cur = [], []
    for seg in segs:
        if seg is None:
            if cur:
                lines.append(Line(cur))
            cur = []
        else:
            cur.append(seg)
    if cur:
        lines.append(Line(cur))
    return lines


def _choose(alt):
    """The branch of ``mc:AlternateContent`` to read: a picture we understand."""
    for choice in alt.iterchildren(MC_CHOICE):
        if next(choice.iter(DML + "blip"), None) is not None:
            return choice
    fallback = alt.find(MC_FALLBACK)
    if fallback is not None:
        return fallback
    return alt.find(MC_CHOICE)


def _symbol(el) -> str:
    raw = el.get(W + "char") or ""
    try:
        code = int(raw, 16)
    except ValueError:
        return ""
    return decode_char(el.get(W + "font"), code)


def _symbol_font(rpr) -> str | None:
    """The run's font when it is a symbol font (Wingdings, Symbol …)."""
    fonts = rpr.find(W + "rFonts")
    if fonts is None:
        return None
    for attr in ("ascii", "hAnsi", "cs"):
        font = fonts.get(W + attr)
        if font and table_for(font) is not None:
            return font
    return None


def _add_text(segs: list, text: str, fmt: int) -> None:
    if segs:
        last = segs[-1]
        if last is not None and last[2] is None and last[1] == fmt and last[3] is None:
            segs[-1] = (last[0] + text, fmt, None, None)
            return
    segs.append((text, fmt, None, None))
