"""Word files for the .docx importer tests, built with python-docx the way teachers type them.

:class:`DocBuilder` adds paragraphs made of runs (``run("B", u=True)``, ``run("C", color="C00000")``),
raw OMML equations, pictures, MathType-like OLE objects and tables. :func:`exam_2025` builds the
reference 2025-format exam used by ``test_docx.py``; :data:`EXAM_KEY` is what it must read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.parts.image import ImagePart
from docx.shared import Pt
from lxml import etree
from PIL import Image

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"


def png_bytes(color=(220, 30, 30), size=(24, 12)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


# A Windows metafile header (placeable): MathType previews are usually WMF or EMF.
WMF_BYTES = b"\xd7\xcd\xc6\x9a" + b"\x00" * 18 + b"\x01\x00\x09\x00" + b"\x00" * 40


@dataclass
class run:  # reads like markup: run("A", u=True)
    text: str
    b: bool = False
    i: bool = False
    u: bool = False
    color: str | None = None
    sub: bool = False
    sup: bool = False


class DocBuilder:
    def __init__(self):
        self.doc = docx.Document()
        self._media = 0

    # -- paragraphs ----------------------------------------------------------------------------
    def p(self, *parts, style: str | None = None):
        """A paragraph of strings and :class:`run` s; returns the python-docx paragraph."""
        para = self.doc.add_paragraph(style=style)
        for part in parts:
            self.add(para, part)
        return para

    def add(self, para, part) -> None:
        if isinstance(part, str):
            part = run(part)
        r = para.add_run(part.text)
        r.bold = part.b or None
        r.italic = part.i or None
        r.underline = part.u or None
        if part.color:
            r.font.color.rgb = docx.shared.RGBColor.from_string(part.color)
        if part.sub:
            r.font.subscript = True
        if part.sup:
            r.font.superscript = True

    def omml(self, para, inner_xml: str, *, display: bool = False) -> None:
        """Append a Word equation: ``inner_xml`` is the content of ``m:oMath``."""
        xml = f'<m:oMath xmlns:m="{M_NS}" xmlns:w="{W_NS}">{inner_xml}</m:oMath>'
        if display:
            xml = f'<m:oMathPara xmlns:m="{M_NS}" xmlns:w="{W_NS}">{xml}</m:oMathPara>'
        para._p.append(etree.fromstring(xml))

    def picture(self, para, data: bytes, width_pt: float = 18) -> None:
        para.add_run().add_picture(io.BytesIO(data), width=Pt(width_pt))

    def _image_rel(self, data: bytes, ext: str, content_type: str) -> str:
        self._media += 1
        part = ImagePart(PackURI(f"/word/media/ole_preview{self._media}.{ext}"), content_type, data)
        return self.doc.part.relate_to(part, RT.IMAGE)

    def ole_equation(self, para, preview: bytes, *, ext: str = "wmf") -> None:
        """A MathType equation as Word stores it: ``w:object`` with a VML preview picture."""
        content_type = {"wmf": "image/x-wmf", "emf": "image/x-emf", "png": "image/png"}[ext]
        rid = self._image_rel(preview, ext, content_type)
        xml = (
            f'<w:r xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}">'
            '<w:object w:dxaOrig="1200" w:dyaOrig="400">'
            '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:60pt;height:20pt" o:ole="">'
            f'<v:imagedata r:id="{rid}" o:title=""/>'
            "</v:shape>"
            '<o:OLEObject Type="Embed" ProgID="Equation.DSMT4" ShapeID="_x0000_i1025" '
            'DrawAspect="Content" ObjectID="_1700000001"/>'
            "</w:object></w:r>"
        )
        para._p.append(etree.fromstring(xml))

    def table(self, rows: list[list]):
        """A table; each cell is a string, a :class:`run` or a list of them (one paragraph)."""
        ncols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                para = table.cell(r, c).paragraphs[0]
                for part in value if isinstance(value, list) else [value]:
                    self.add(para, part)
        return table

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The reference 2025 exam
# ---------------------------------------------------------------------------------------------

FRACTION_OMML = (
    "<m:r><m:t>y=</m:t></m:r>"
    "<m:f><m:num><m:r><m:t>2x+1</m:t></m:r></m:num><m:den><m:r><m:t>x-1</m:t></m:r></m:den></m:f>"
)
FRACTION_LATEX = r"y=\frac{2x+1}{x-1}"
INTEGRAL_OMML = (
    '<m:nary><m:naryPr><m:limLoc m:val="subSup"/></m:naryPr>'
    "<m:sub><m:r><m:t>0</m:t></m:r></m:sub><m:sup><m:r><m:t>1</m:t></m:r></m:sup>"
    "<m:e><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup>"
    "<m:r><m:t>dx</m:t></m:r></m:e></m:nary>"
)
INTEGRAL_LATEX = r"\int_0^1 x^2dx"
PICTURE = png_bytes()
TABLE_PICTURE = png_bytes((30, 30, 220), (16, 16))

# (ref, type, part, key): key is the correct letters, {letter: bool} or the numeric answer.
EXAM_KEY = [
    ("Phần I, Câu 1", "single_choice", 1, ["B"]),  # underlined letter
    ("Phần I, Câu 2", "single_choice", 1, ["C"]),  # red letter, options on one line
    ("Phần I, Câu 3", "single_choice", 1, ["D"]),  # the only bold letter, two per line
    ("Phần I, Câu 4", "single_choice", 1, ["A"]),  # leading *
    ("Phần I, Câu 5", "single_choice", 1, ["A"]),  # only in the answer table
    ("Phần I, Câu 6", "single_choice", 1, ["C"]),  # OMML equation, underlined letter
    ("Phần I, Câu 7", "single_choice", 1, ["A"]),  # whole option red, H2SO4
    ("Phần I, Câu 8", "single_choice", 1, ["B"]),  # table + image in the stem, layout table
    ("Phần I, Câu 9", "single_choice", 1, ["D"]),  # group
    ("Phần I, Câu 10", "single_choice", 1, ["B"]),  # group
    ("Phần I, Câu 11", "single_choice", 1, ["D"]),  # fixed options
    ("Phần I, Câu 12", "single_choice", 1, ["A"]),  # [giữ thứ tự], "Đáp án: A"
    ("Phần II, Câu 1", "true_false", 2, {"a": True, "b": False, "c": True, "d": False}),
    ("Phần II, Câu 2", "true_false", 2, {"a": False, "b": True, "c": False, "d": False}),
    ("Phần II, Câu 3", "true_false", 2, {"a": True, "b": False, "c": True, "d": False}),
    ("Phần III, Câu 1", "short_numeric", 3, "-1,5"),
    ("Phần III, Câu 2", "short_numeric", 3, "0,25"),
    ("Phần III, Câu 3", "short_numeric", 3, "12"),
]


def _options(b: DocBuilder, correct: str, texts: list[str], *, how: str = "u") -> None:
    for letter, text in zip("ABCD", texts, strict=False):
        mark = letter == correct
        b.p(run(f"{letter}.", b=True, u=mark and how == "u"), f" {text}")


def exam_2025() -> bytes:
    b = DocBuilder()
    b.p(run("SỞ GIÁO DỤC VÀ ĐÀO TẠO", b=True))
    b.p(run("ĐỀ KIỂM TRA THỬ TỐT NGHIỆP THPT 2025", b=True))
    b.p("Thời gian làm bài: 90 phút")
    b.p(
        run("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn.", b=True),
        " Thí sinh trả lời từ câu 1 đến câu 12. Mỗi câu hỏi thí sinh chỉ chọn một phương án.",
    )

    # 1: underlined letter, one option per paragraph
    b.p(run("Câu 1.", b=True), " Giá trị của 2 + 3 bằng")
    _options(b, "B", ["4", "5", "6", "7"])
    b.p(run("Lời giải:", b=True), " Ta có 2 + 3 = 5.")
    b.p("Vậy chọn B.")

    # 2: red letter, all options on one line separated by tabs
    b.p(run("Câu 2:", b=True), " Số nào là số nguyên tố?")
    b.p("A. 1\tB. 4\t", run("C.", color="C00000"), " 7\tD. 9")

    # 3: bold letter (the only one), two options per line
    b.p(run("Câu 3.", b=True), " Thủ đô của Nhật Bản là")
    b.p("A. Osaka\t\tB. Kyoto")
    b.p("C. Nagoya\t\t", run("D.", b=True), " Tokyo")

    # 4: leading *
    b.p("Câu 4. Kim loại dẫn điện tốt nhất là")
    b.p("*A. Bạc")
    b.p("B. Đồng")
    b.p("C. Vàng")
    b.p("D. Nhôm")

    # 5: key only in the answer table
    b.p("Câu 5. Đơn vị của lực là")
    b.p("A. Niutơn\tB. Jun\tC. Oát\tD. Paxcan")

    # 6: a Word equation in the stem
    para = b.p("Câu 6. Tiệm cận đứng của đồ thị hàm số ")
    b.omml(para, FRACTION_OMML)
    b.add(para, " là")
    b.p("A. x = -1")
    b.p("B. y = 2")
    b.p(run("C.", u=True), " x = 1")
    b.p("D. y = 1")

    # 7: chemical formulas, the whole correct option red
    b.p("Câu 7. Công thức của axit sunfuric là")
    b.p(
        run("A. H", color="FF0000"),
        run("2", color="FF0000", sub=True),
        run("SO", color="FF0000"),
        run("4", color="FF0000", sub=True),
    )
    b.p("B. HCl")
    b.p("C. HNO", run("3", sub=True))
    b.p("D. H", run("2", sub=True), "S")

    # 8: a table and a picture in the stem, options in a layout table
    b.p("Câu 8. Cho bảng số liệu sau:")
    b.table([["x", "1", "2"], ["y", "3", "5"]])
    para = b.p("và hình vẽ ")
    b.picture(para, PICTURE)
    b.p("Giá trị của y khi x = 2 là")
    b.table([["A. 3", [run("B.", u=True), " 5"], "C. 7", "D. 9"]])

    # 9–10: a group with a shared stimulus
    b.p(run("Dùng thông tin sau để trả lời câu 9 và câu 10.", i=True))
    b.p("Một ô tô chuyển động thẳng đều với vận tốc 54 km/h.")
    b.p("Câu 9. Vận tốc của ô tô tính theo m/s là")
    b.p("A. 10 m/s\tB. 12 m/s\tC. 14 m/s\t", run("D.", u=True), " 15 m/s")
    b.p("Câu 10. Quãng đường ô tô đi được trong 2 giờ là")
    b.p("A. 100 km\t", run("B.", u=True), " 108 km\tC. 110 km\tD. 120 km")

    # 11: fixed options (a "#" letter and a "Cả A và B" text)
    b.p("Câu 11. Chất nào sau đây là chất điện li?")
    b.p("A. NaCl")
    b.p("B. HCl")
    b.p("C#. Đường saccarozơ")
    b.p(run("D.", u=True), " Cả A và B đều đúng")

    # 12: [giữ thứ tự] and an "Đáp án:" line
    b.p("Câu 12. [giữ thứ tự] Số lớn nhất trong các số sau là")
    b.p("A. 9\tB. 8\tC. 7\tD. 6")
    b.p("Đáp án: A")

    b.p(run("PHẦN II. Câu trắc nghiệm đúng sai.", b=True), " Thí sinh trả lời từ câu 1 đến câu 3.")
    b.p("Câu 1. Cho hàm số y = x", run("2", sup=True), " − 4x + 3.")
    b.p(run("a)", u=True), " Đồ thị hàm số đi qua điểm (1; 0).")
    b.p("b) Hàm số đồng biến trên ℝ.")
    b.p(run("c)", u=True), " Đỉnh của parabol là (2; −1).")
    b.p("d) Hàm số có giá trị lớn nhất.")

    b.p("Câu 2. Xét phản ứng của kim loại với axit.")
    b.p("a) Cu tác dụng với HCl loãng.")
    b.p(
        run("b) Zn tác dụng với HCl sinh ra khí H", color="FF0000"),
        run("2", color="FF0000", sub=True),
        run(".", color="FF0000"),
    )
    b.p("c) Ag tác dụng với H", run("2", sub=True), "SO", run("4", sub=True), " loãng.")
    b.p("d) Au tan trong HCl.")

    b.p("Câu 3. Cho dãy số u", run("n", sub=True), " = 2n + 1.")
    b.p("a) u", run("1", sub=True), " = 3.")
    b.p("b) Dãy số giảm.")
    b.p("c) u", run("5", sub=True), " = 11.")
    b.p("d) Dãy số bị chặn trên.")
    b.p("Đáp án: a) Đ, b) S, c) Đ, d) S")

    b.p(
        run("PHẦN III. Câu trắc nghiệm trả lời ngắn.", b=True),
        " Thí sinh trả lời từ câu 1 đến câu 3.",
    )
    b.p("Câu 1. Nghiệm của phương trình 2x + 3 = 0 là bao nhiêu?")
    b.p("Đáp án: -1,5")
    b.p(run("Lời giải:", b=True))
    b.p("2x = −3 nên x = −1,5.")
    para = b.p("Câu 2. Tính ")
    b.omml(para, INTEGRAL_OMML)
    b.add(para, " rồi trừ đi 1/12 (làm tròn đến hàng phần trăm).")
    b.p("Đáp án: 0,25")
    para = b.p("Câu 3. Tính giá trị của biểu thức ")
    b.ole_equation(para, WMF_BYTES)
    b.p("Đáp án: 12")

    b.p(run("BẢNG ĐÁP ÁN", b=True))
    b.table(
        [
            ["Câu", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
            ["Đáp án", "B", "C", "D", "A", "A", "C", "A", "B", "D", "B", "D", "A"],
        ]
    )
    return b.bytes()


def error_exam() -> bytes:
    """No sections: a good question among bad ones, and an answer table naming a missing one."""
    b = DocBuilder()
    b.p("Câu 1. Câu đúng mẫu")
    b.p(run("A.", u=True), " một\tB. hai\tC. ba\tD. bốn")
    b.p("Câu 2. Không đánh dấu đáp án")
    b.p("A. một\tB. hai\tC. ba\tD. bốn")
    b.p("Câu 3. Trùng chữ cái")
    b.p(run("A.", u=True), " một")
    b.p("B. hai")
    b.p("B. ba")
    b.p("D. bốn")
    b.p("Câu 4. Chỉ một phương án")
    b.p(run("A.", u=True), " một")
    b.p("Câu 5. Sai thứ tự")
    b.p(run("A.", u=True), " một\tC. hai\tB. ba\tD. bốn")
    b.p("Câu 6. Câu đúng mẫu thứ hai")
    b.p("A. một\tB. hai\t", run("C.", color="FF0000"), " ba\tD. bốn")
    b.p("BẢNG ĐÁP ÁN")
    b.table([["1-A", "6-C", "9-B"]])
    return b.bytes()


def error_exam_2025() -> bytes:
    b = DocBuilder()
    b.p("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn")
    b.p("Câu 1. Hai đáp án được đánh dấu")
    b.p(run("A.", u=True), " một\t", run("B.", u=True), " hai\tC. ba\tD. bốn")
    b.p("Câu 2. Đúng mẫu")
    b.p("A. một\t", run("B.", u=True), " hai\tC. ba\tD. bốn")
    b.p("PHẦN II. Câu trắc nghiệm đúng sai")
    b.p("Câu 1. Chưa đánh dấu Đúng/Sai")
    b.p("a) một")
    b.p("b) hai")
    b.p("c) ba")
    b.p("d) bốn")
    b.p("Câu 2. Thiếu một mệnh đề trong dòng đáp án")
    b.p("a) một")
    b.p("b) hai")
    b.p("c) ba")
    b.p("d) bốn")
    b.p("Đáp án: a) Đ, b) S, c) Đ")
    b.p("PHẦN III. Câu trắc nghiệm trả lời ngắn")
    b.p("Câu 1. Thiếu dòng đáp án")
    b.p("Lời giải: x = 2")
    b.p("Câu 2. Đáp án quá dài")
    b.p("Đáp án: 12345")
    b.p("Câu 3. Đúng mẫu")
    b.p("Đáp án: -0,5")
    return b.bytes()
