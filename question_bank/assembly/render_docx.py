"""An assembled paper as Word documents: the paper of a version and the marking guide.

The layout follows :mod:`.render_html` (header in two columns, mã đề box, parts with their
instructions, "Câu n.", options A.–D. on 4/2/1 tab stops, Đúng/Sai statements a)–d),
"------ HẾT ------") on A4 in Times New Roman, the Vietnamese convention that every Word
install covers. Question HTML goes through the Word exporter's writer
(:class:`question_bank.formats.docx.writer.Writer`), so math becomes native equations
(OMML) and stored images are embedded.
"""

from __future__ import annotations

from lxml import etree

from question_bank.assembly.measure import text_width_pt
from question_bank.assembly.paper import (
    PART_MC,
    PART_SHORT,
    PART_TF,
    PART_TITLES,
    AssembledPaper,
    PaperVersion,
    VersionItem,
    part_instruction,
)
from question_bank.assembly.render_html import (
    CHOICE_TYPES,
    END_NOTES,
    LETTERS,
    STATEMENT_LETTERS,
    cloze_stem,
    format_points,
    header_context,
    option_columns,
    question_label,
    question_runs,
    scoring_rules,
)
from question_bank.formats.docx.ooxml import B, I
from question_bank.formats.docx.ooxml import W as _W
from question_bank.formats.docx.writer import Writer
from question_bank.images import collect_assets

__all__ = ["marking_guide_docx", "version_docx"]

FONT = "Times New Roman"
FONT_HALF_POINTS = 24  # 12 pt
PAGE_W, PAGE_H = 11906, 16838  # A4 in twentieths of a point
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1020, 1020, 1134, 850
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
_OPTION_INDENT = 283  # 0.5 cm
_TAB_GAP_PT = 6.0  # the least room left between an option and the next tab stop


def _set(parent, tag: str, **attrs) -> etree._Element:
    """The child ``w:tag`` of ``parent`` (created when missing) with ``attrs`` set."""
    el = parent.find(_W + tag)
    if el is None:
        el = etree.SubElement(parent, _W + tag)
    for key, value in attrs.items():
        el.set(_W + key, str(value))
    return el


# Word rejects properties out of schema order: children are sorted by these lists.
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "pBdr", "shd",
              "tabs", "spacing", "ind", "jc", "rPr"]  # fmt: skip
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "strike", "color", "sz", "szCs", "u",
              "bdr", "vertAlign", "lang"]  # fmt: skip
_TBLPR_ORDER = ["tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblCellMar"]


def _sort(parent, order: list[str]) -> None:
    """Put ``parent``'s children in schema order (unknown ones last, in their order)."""
    rank = {_W + name: k for k, name in enumerate(order)}
    children = list(parent)
    children.sort(key=lambda el: rank.get(el.tag, len(order)))
    for el in children:
        parent.append(el)


def _ppr(p) -> etree._Element:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        ppr = etree.Element(_W + "pPr")
        p.insert(0, ppr)
    return ppr


class _PaperWriter(Writer):
    """The exporter's writer with page setup, fonts, footers and exam-paper building blocks."""

    def __init__(self, footer_label: str = ""):
        super().__init__()
        self.assets: dict[str, bytes] = {}
        self._page_setup()
        self._default_font()
        self._footer(footer_label)

    # -- document setup --------------------------------------------------------------------------
    def _page_setup(self) -> None:
        _set(self.sect, "pgSz", w=PAGE_W, h=PAGE_H)
        _set(
            self.sect,
            "pgMar",
            top=MARGIN_TOP,
            bottom=MARGIN_BOTTOM,
            left=MARGIN_LEFT,
            right=MARGIN_RIGHT,
            header=567,
            footer=454,
            gutter=0,
        )

    def _default_font(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(_W + "docDefaults")
        rpr = defaults.find(f"{_W}rPrDefault/{_W}rPr")
        fonts = rpr.find(_W + "rFonts")
        # Theme fonts (Calibri…) win over explicit names: drop them.
        for key in list(fonts.attrib):
            fonts.attrib.pop(key)
        for key in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(_W + key, FONT)
        _set(rpr, "sz", val=FONT_HALF_POINTS)
        _set(rpr, "szCs", val=FONT_HALF_POINTS)
        _set(rpr, "lang", val="vi-VN")
        ppr = defaults.find(f"{_W}pPrDefault/{_W}pPr")
        _set(ppr, "spacing", after=40, before=0, line=264, lineRule="auto")

    def _footer(self, label: str) -> None:
        footer = self.doc.sections[0].footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        _set(_ppr(p), "jc", val="center")
        self.sized(p, "Trang ", size=20)
        self.field(p, "PAGE", size=20)
        self.sized(p, "/", size=20)
        self.field(p, "NUMPAGES", size=20)
        if label:
            self.sized(p, f" – {label}", size=20)

    def save(self) -> bytes:
        footer = self.doc.sections[0].footer._element
        for root in (self.body, footer):
            for tag, order in (("pPr", _PPR_ORDER), ("rPr", _RPR_ORDER), ("tblPr", _TBLPR_ORDER)):
                for el in root.iter(_W + tag):
                    _sort(el, order)
        return super().save()

    # -- runs and paragraphs ---------------------------------------------------------------------
    def sized(self, p, text: str, fmt: int = 0, *, size: int | None = None, box: bool = False):
        """A run like :meth:`run`, with a size in half-points and an optional box around it."""
        before = len(p)
        self.run(p, text, fmt)
        if len(p) == before:
            return
        r = p[-1]
        if size or box:
            rpr = r.find(_W + "rPr")
            if rpr is None:
                rpr = etree.Element(_W + "rPr")
                r.insert(0, rpr)
            if box:
                _set(rpr, "bdr", val="single", sz=6, space=2, color="000000")
            if size:
                _set(rpr, "sz", val=size)
                _set(rpr, "szCs", val=size)

    def field(self, p, code: str, *, size: int | None = None) -> None:
        """A complex field (PAGE, NUMPAGES…) with a placeholder result Word updates."""
        for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None),
                           ("text", "1"), ("end", None)):  # fmt: skip
            r = etree.SubElement(p, _W + "r")
            if size:
                rpr = etree.SubElement(r, _W + "rPr")
                _set(rpr, "sz", val=size)
            if kind == "instr":
                t = etree.SubElement(r, _W + "instrText")
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = text
            elif kind == "text":
                etree.SubElement(r, _W + "t").text = text
            else:
                etree.SubElement(r, _W + "fldChar").set(_W + "fldCharType", kind)

    def line(self, add, text: str = "", fmt: int = 0, *, center=False, size=None, box=False,
             before: int | None = None, indent: int | None = None):  # fmt: skip
        """A paragraph appended with ``add`` (the body or a table cell)."""
        p = self.new_p(add)
        ppr = _ppr(p)
        if center:
            _set(ppr, "jc", val="center")
        if before is not None:
            _set(ppr, "spacing", before=before)
        if indent:
            _set(ppr, "ind", left=indent)
        if text:
            self.sized(p, text, fmt, size=size, box=box)
        if not len(ppr):
            p.remove(ppr)
        return p

    def content(self, html: str, heading=None) -> None:
        """Question HTML (images from the media storage become embedded pictures)."""
        self.html(collect_assets(html or "", self.assets), self.assets, heading=heading)

    # -- tables ----------------------------------------------------------------------------------
    def grid(self, widths: list[int], rows: int, *, borders: bool, center=False):
        """An empty fixed-width table; returns it and its cells as ``cells[row][col]``."""
        tbl = etree.Element(_W + "tbl")
        pr = etree.SubElement(tbl, _W + "tblPr")
        if borders:
            _set(pr, "tblStyle", val="TableGrid")
        _set(pr, "tblW", w=sum(widths), type="dxa")
        if center:
            _set(pr, "jc", val="center")
        _set(pr, "tblLayout", type="fixed")
        edges = _set(pr, "tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _set(edges, edge, val="single" if borders else "nil", sz=4, space=0, color="000000")
        grid = etree.SubElement(tbl, _W + "tblGrid")
        for w in widths:
            etree.SubElement(grid, _W + "gridCol").set(_W + "w", str(w))
        cells = []
        for _ in range(rows):
            tr = etree.SubElement(tbl, _W + "tr")
            row = []
            for w in widths:
                tc = etree.SubElement(tr, _W + "tc")
                _set(etree.SubElement(tc, _W + "tcPr"), "tcW", w=w, type="dxa")
                row.append(tc)
            cells.append(row)
        self.body_add(tbl)
        return tbl, cells

    def cell_text(self, tc, text: str, fmt: int = 0, *, center=True, size=None) -> None:
        self.line(tc.append, text, fmt, center=center, size=size)

    # -- the paper -------------------------------------------------------------------------------
    def header(self, paper: AssembledPaper, *, stamp: bool = True) -> None:
        info = header_context(paper)
        h = paper.header
        _, cells = self.grid([TEXT_W * 42 // 100, TEXT_W - TEXT_W * 42 // 100], 1, borders=False)
        left, right = cells[0]
        if h.authority:
            self.line(left.append, h.authority.upper(), center=True)
        if h.organisation:
            self.line(left.append, h.organisation.upper(), B, center=True)
        self.line(left.append, "―――――", center=True, size=16)
        if stamp and info["stamp"]:
            self.line(left.append, info["stamp"], B, center=True, box=True)
        self.line(right.append, h.exam_title.upper(), B, center=True)
        if h.school_year:
            self.line(right.append, h.school_year.upper(), B, center=True)
        if info["subject_line"]:
            self.line(right.append, info["subject_line"], B, center=True)
        self.line(right.append, info["duration_line"], I, center=True)
        self.line(right.append, "―――――", center=True, size=16)

    def candidate(self, code: str) -> None:
        _, cells = self.grid([TEXT_W * 68 // 100, TEXT_W - TEXT_W * 68 // 100], 1, borders=False)
        left, right = cells[0]
        self.line(left.append, "Họ, tên thí sinh: " + "." * 60, before=80)
        self.line(left.append, "Số báo danh: " + "." * 66)
        p = self.line(right.append, center=True, before=160)
        _set(_ppr(p), "jc", val="right")
        self.sized(p, f" Mã đề thi: {code} ", B, box=True)

    def part_heading(self, part: int, count: int) -> None:
        self.line(self.body_add, PART_TITLES[part], B, before=160)
        self.line(self.body_add, part_instruction(part, count))

    def question(self, item: VersionItem, stimulus: str = "", note: str = "") -> None:
        data = item.data
        if stimulus:
            if note:
                self.line(self.body_add, note, B | I, before=80)
            self.content(stimulus)
        qtype = data.get("qtype", "")
        stem = cloze_stem(data.get("stem")) if qtype == "cloze" else data.get("stem") or ""
        head = self.line(self.body_add, before=60)
        self.run(head, question_label(item) + " ", B)
        self.content(stem, heading=head)
        texts = [c.get("text") or "" for c in data.get("choices") or []]
        if qtype == "true_false":
            for i, text in enumerate(texts[: len(STATEMENT_LETTERS)]):
                p = self.line(self.body_add, indent=_OPTION_INDENT)
                self.run(p, f"{STATEMENT_LETTERS[i]}) ", B)
                self.content(text, heading=p)
        elif texts and (qtype in CHOICE_TYPES or item.part == PART_MC):
            self.options(texts[: len(LETTERS)])

    def options(self, texts: list[str]) -> None:
        """A. B. C. D. on one line (4 tab stops), two lines (2) or one line each.

        The columns are chosen by the options' typeset width against the tab stops: an
        option must end a little before the next stop, or Word would jump the tab to the
        stop after it. Each label is glued to its option by a no-break space.
        """
        line_pt = (TEXT_W - _OPTION_INDENT) / 20
        columns = option_columns(
            texts,
            line_pt=line_pt - _TAB_GAP_PT,
            gap_pt=_TAB_GAP_PT,
            label_gap_pt=text_width_pt("\u00a0"),
            math_scale=1.0,
        )
        step = (TEXT_W - _OPTION_INDENT) // columns
        p = None
        for i, text in enumerate(texts):
            if i % columns == 0:
                p = self.line(self.body_add, indent=_OPTION_INDENT)
                if columns > 1:
                    tabs = _set(_ppr(p), "tabs")
                    for k in range(1, columns):
                        tab = etree.SubElement(tabs, _W + "tab")
                        tab.set(_W + "val", "left")
                        tab.set(_W + "pos", str(_OPTION_INDENT + k * step))
            else:
                etree.SubElement(etree.SubElement(p, _W + "r"), _W + "tab")
            self.run(p, f"{LETTERS[i]}.\u00a0", B)
            self.content(text, heading=p)

    def end(self) -> None:
        self.line(self.body_add, "------ HẾT ------", B, center=True, before=240)
        for note in END_NOTES:
            self.line(self.body_add, note, I, size=22)

    # -- the marking guide -----------------------------------------------------------------------
    def key_table(self, header: list[str], rows: list[list[str]], first_w: int = 1000) -> None:
        width = min(700, (TEXT_W - first_w) // max(1, len(header) - 1))
        _, cells = self.grid([first_w] + [width] * (len(header) - 1), 1 + len(rows), borders=True)
        for r, values in enumerate([header, *rows]):
            for c, value in enumerate(values):
                self.cell_text(cells[r][c], value, B if r == 0 or c == 0 else 0)
        self.line(self.body_add, size=8)

    def keys(self, version: PaperVersion) -> None:
        self.line(self.body_add, f"Mã đề {version.code}", B, before=120)
        for part, title in ((PART_MC, "PHẦN I"), (PART_TF, "PHẦN II"), (PART_SHORT, "PHẦN III")):
            items = version.part_items(part)
            if not items:
                continue
            self.line(self.body_add, title, B)
            if part == PART_TF:
                width = max(len(i.key) for i in items) or 4
                header = ["Câu"] + [f"{STATEMENT_LETTERS[k]})" for k in range(width)]
                self.key_table(header, [[str(i.number), *list(i.key)] for i in items])
                continue
            label = "Chọn" if part == PART_MC else "Đáp án"
            size = len(items) if len(items) <= 12 else 10
            for k in range(0, len(items), size):
                chunk = items[k : k + size]
                self.key_table(
                    ["Câu"] + [str(i.number) for i in chunk], [[label] + [i.key for i in chunk]]
                )


def version_docx(paper: AssembledPaper, version: PaperVersion) -> bytes:
    """The paper (đề thi) of one version as a .docx, math as native Word equations."""
    w = _PaperWriter(footer_label=f"Mã đề {version.code}")
    w.header(paper)
    w.candidate(version.code)
    for part in version.parts:
        items = version.part_items(part)
        w.part_heading(part, len(items))
        for stimulus, note, item in question_runs(items):
            w.question(item, stimulus, note)
    w.end()
    return w.save()


def marking_guide_docx(paper: AssembledPaper) -> bytes:
    """Đáp án và hướng dẫn chấm as a .docx: every version's key, the scoring rules and the
    worked solutions of the first version."""
    w = _PaperWriter(footer_label="Hướng dẫn chấm")
    w.header(paper, stamp=False)
    w.line(w.body_add, "ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM", B, center=True, size=28, before=200)
    if paper.title:
        w.line(w.body_add, paper.title, B, center=True)
    w.line(w.body_add, "I. ĐÁP ÁN", B, before=200)
    for version in paper.versions:
        w.keys(version)
    w.line(w.body_add, "II. CÁCH TÍNH ĐIỂM", B, before=200)
    w.line(w.body_add, f"Tổng điểm toàn bài: {format_points(paper.total_points)} điểm.")
    for title, lines in scoring_rules(paper):
        w.line(w.body_add, title, B, before=80)
        for text in lines:
            w.line(w.body_add, "– " + text, indent=_OPTION_INDENT)
    source = paper.versions[0]
    w.line(w.body_add, f"III. HƯỚNG DẪN GIẢI (Mã đề {source.code})", B, before=200)
    for part in source.parts:
        items = source.part_items(part)
        w.line(w.body_add, PART_TITLES[part], B, before=160)
        for stimulus, note, item in question_runs(items):
            w.question(item, stimulus, note)
            if item.key:
                key = item.key
                if part == PART_TF:
                    key = ", ".join(f"{STATEMENT_LETTERS[i]}) {m}" for i, m in enumerate(key))
                w.line(w.body_add, f"Đáp án: {key}", B, indent=_OPTION_INDENT)
            for label, html in (("Hướng dẫn chấm:", item.data.get("marking_guide")),
                                ("Lời giải:", item.data.get("solution"))):  # fmt: skip
                if html:
                    w.line(w.body_add, label, B | I, indent=_OPTION_INDENT)
                    w.content(html)
    w.end()
    return w.save()
