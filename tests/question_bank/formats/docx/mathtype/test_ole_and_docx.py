"""MathType objects in Word files: the OLE container, and the .docx reader's hook.

The .docx files are built with python-docx the way Word stores a MathType equation:
``w:object`` holding a VML preview picture (WMF) and ``o:OLEObject`` whose ``r:id`` points at
``word/embeddings/oleObject1.bin``, an OLE compound file (:mod:`.ole_builder`) with the
"Equation Native" stream (EQNOLEFILEHDR + MTEF, :mod:`.mtef_builder`).
"""

from __future__ import annotations

import random
import struct

import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from question_bank.formats.docx import MATHTYPE_REVIEW, export, parse, reader, wmf
from question_bank.formats.docx.mathtype import (
    MAX_OLE_BYTES,
    MtefError,
    OleError,
    is_equation_progid,
    ole_to_latex,
)
from question_bank.formats.docx.mathtype.ole import equation_stream, mtef_from_stream, mtef_version
from tests.question_bank.formats.docx.mathtype.mtef_builder import (
    SYMBOL,
    V3,
    arrow,
    char,
    eq,
    fence,
    frac,
    integral,
    line,
    matrix,
    ole_stream,
    sqrt,
    sub,
    sup,
    tmpl,
    v,
)
from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file
from tests.question_bank.formats.docx_builder import (
    O_NS,
    R_NS,
    V_NS,
    W_NS,
    WMF_BYTES,
    DocBuilder,
    run,
)

FRACTION = eq(v("y="), frac(v("2x+1"), v("x-1")))
ROOT = eq(sqrt(v("x"), v("3")), v("=2"))
MATRIX = eq(fence(1, matrix(2, 2, [line(v(c)) for c in "1234"])))
INTEGRAL = eq(integral(v("x") + sup(v("2")) + v("dx"), v("0"), v("1")))
CHEMISTRY = eq(v("CaCO"), sub(v("3")), arrow(v("t") + char("°", SYMBOL)), v("CaO+CO"), sub(v("2")))
EE3 = V3.eq(V3.v("x"), V3.tmpl(15, 0, V3.NULL, V3.line(V3.v("2"))), V3.v("−1"))
BROKEN = eq(tmpl(26, 1, line(v("12")), line(v("3"))))  # long division: no faithful LaTeX


# ---------------------------------------------------------------------------------------------
# The OLE container
# ---------------------------------------------------------------------------------------------


def test_equation_native_stream_read_from_an_ole_file():
    obj = ole_file(ole_stream(FRACTION))
    assert equation_stream(obj)[:2] == struct.pack("<H", 28)
    assert ole_to_latex(obj) == r"y=\dfrac{2x+1}{x-1}"


def test_header_length_comes_from_its_first_word():
    mtef = eq(v("x"))
    longer = struct.pack("<HIHI", 32, 0x20000, 0, len(mtef)) + b"\x00" * 20 + mtef
    assert mtef_from_stream(longer) == mtef
    assert mtef_from_stream(ole_stream(mtef) + b"\x00" * 100) == mtef  # padding after cbObject


def test_versions_are_told_apart():
    assert mtef_version(mtef_from_stream(ole_stream(FRACTION))) == 5
    assert mtef_version(mtef_from_stream(ole_stream(EE3))) == 3
    assert ole_to_latex(ole_file(ole_stream(EE3))) == "x^2-1"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"not an OLE file at all", OleError),
        (ole_file(ole_stream(FRACTION), name="Workbook"), OleError),  # an embedded Excel sheet
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, OleError),  # a damaged container
        (b"\x00" * (MAX_OLE_BYTES + 1), OleError),
        (ole_file(b"\x1c\x00\x00"), MtefError),  # header cut short
        (ole_file(struct.pack("<HIHI", 4, 0, 0, 0) + b"\x00" * 40), MtefError),  # bad cbHdr
    ],
    ids=["not OLE", "no equation stream", "damaged", "too large", "short header", "bad header"],
)
def test_bad_objects_raise_named_errors(data, error):
    with pytest.raises(error) as err:
        ole_to_latex(data)
    assert str(err.value)


def test_equation_prog_ids():
    for prog in ("Equation.DSMT4", "Equation.DSMT6", "Equation.3", " equation.dsmt36 "):
        assert is_equation_progid(prog)
    for prog in ("Excel.Sheet.12", "ChemDraw.Document.6.0", "Word.Document.12", ""):
        assert not is_equation_progid(prog)


# ---------------------------------------------------------------------------------------------
# The .docx reader
# ---------------------------------------------------------------------------------------------

OLE_CT = "application/vnd.openxmlformats-officedocument.oleObject"


def mathtype(
    b: DocBuilder,
    para,
    bin_data: bytes | None,
    *,
    prog: str = "Equation.DSMT4",
    preview: bytes = WMF_BYTES,
):
    """Append a MathType object: WMF ``preview`` + OLE part (``bin_data``, or none at all)."""
    image_rid = b._image_rel(preview, "wmf", "image/x-wmf")
    rid_attr = ""
    if bin_data is not None:
        b._media += 1
        part = Part(
            PackURI(f"/word/embeddings/oleObject{b._media}.bin"),
            OLE_CT,
            bin_data,
            b.doc.part.package,
        )
        rid_attr = f' r:id="{b.doc.part.relate_to(part, RT.OLE_OBJECT)}"'
    xml = (
        f'<w:r xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}">'
        '<w:object w:dxaOrig="1200" w:dyaOrig="400">'
        '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:60pt;height:20pt" o:ole="">'
        f'<v:imagedata r:id="{image_rid}" o:title=""/></v:shape>'
        f'<o:OLEObject Type="Embed" ProgID="{prog}" ShapeID="_x0000_i1025" '
        f'DrawAspect="Content" ObjectID="_1700000001"{rid_attr}/>'
        "</w:object></w:r>"
    )
    para._p.append(etree.fromstring(xml))


def exam(objects: dict[str, tuple[bytes | None, str]]) -> bytes:
    """One multiple-choice question per object: the equation in the stem, key B underlined."""
    b = DocBuilder()
    for n, (name, (data, prog)) in enumerate(objects.items(), start=1):
        para = b.p(f"Câu {n}. ({name}) Tính ")
        mathtype(b, para, data, prog=prog)
        b.p("A. 1\t", run("B.", u=True), " 2\tC. 3\tD. 4")
    return b.bytes()


def by_stem(result):
    return {q.stem.split(")")[0].split("(")[-1]: q for q in result.questions}


def test_mathtype_and_equation_3_objects_become_latex():
    eqs = {
        "phân số": (FRACTION, r"y=\dfrac{2x+1}{x-1}"),
        "căn": (ROOT, r"\sqrt[3]{x}=2"),
        "ma trận": (MATRIX, r"\left( \begin{matrix} 1 &amp; 2 \\ 3 &amp; 4 \end{matrix} \right)"),
        "tích phân": (INTEGRAL, r"\int_0^1 x^2dx"),
        "hoá học": (CHEMISTRY, r"CaCO_3\xrightarrow{t^{\circ}}CaO+CO_2"),
        "eq3": (EE3, "x^2-1"),
    }
    data = exam(
        {
            name: (ole_file(ole_stream(mtef)), "Equation.3" if name == "eq3" else "Equation.DSMT4")
            for name, (mtef, _) in eqs.items()
        }
    )
    result = parse(data, filename="mathtype.docx")
    assert not result.problems
    questions = by_stem(result)
    for name, (_, latex) in eqs.items():
        q = questions[name]
        assert f"\\({latex}\\)" in q.stem, (name, q.stem)
        assert not q.needs_review and not q.assets
        assert [c.correct for c in q.choices] == [False, True, False, False]


def test_an_unconvertible_or_missing_equation_keeps_its_picture_and_is_flagged():
    data = exam(
        {
            "chia dài": (ole_file(ole_stream(BROKEN)), "Equation.DSMT4"),
            "hỏng": (b"garbage", "Equation.DSMT4"),
            "thiếu": (None, "Equation.DSMT4"),
            "đúng": (ole_file(ole_stream(FRACTION)), "Equation.DSMT4"),
        }
    )
    questions = by_stem(parse(data, filename="mathtype.docx"))
    why = {  # the converter's reason is named in the note
        "chia dài": "phép chia dài",
        "hỏng": "đối tượng nhúng không phải tệp OLE hợp lệ",
        "thiếu": "",  # no embedded part at all: nothing to say but the note
    }
    for name in ("chia dài", "hỏng", "thiếu"):
        q = questions[name]
        note = reader.mathtype_review(why[name])
        assert q.needs_review == [note, wmf.NOT_SHOWN]  # WMF_BYTES is no real WMF
        assert MATHTYPE_REVIEW.startswith("Công thức MathType không chuyển được, đang hiển thị ảnh")
        [(asset, preview)] = q.assets.items()
        assert preview == WMF_BYTES and f'src="asset:{asset}"' in q.stem
    assert not questions["đúng"].needs_review


def test_a_huge_embedded_object_is_not_read():
    noise = random.Random(21).randbytes(MAX_OLE_BYTES)  # incompressible: not a zip bomb
    data = exam({"lớn": (ole_file(ole_stream(FRACTION)) + noise, "Equation.DSMT4")})
    [q] = parse(data, filename="huge.docx").questions
    why = "không đọc được đối tượng nhúng: thiếu trong tệp hoặc lớn hơn 4 MB"
    assert q.needs_review == [reader.mathtype_review(why), wmf.NOT_SHOWN]
    assert "\\(" not in q.stem


def test_other_embedded_objects_are_not_read_as_equations():
    data = exam({"excel": (ole_file(ole_stream(FRACTION)), "Excel.Sheet.12")})
    [q] = parse(data, filename="excel.docx").questions
    assert q.needs_review == [
        "Đối tượng nhúng Excel.Sheet.12 được giữ dưới dạng ảnh — cần kiểm tra",
        wmf.NOT_SHOWN,
    ]
    assert "\\(" not in q.stem


def test_converted_equations_export_back_to_word():
    data = exam({"phân số": (ole_file(ole_stream(FRACTION)), "Equation.DSMT4")})
    result = parse(data, filename="mathtype.docx")
    again = parse(export(result.questions, result.groups), filename="again.docx")
    [q] = again.questions
    assert r"\frac{2x+1}{x-1}" in q.stem  # written as a Word equation, read back as LaTeX
