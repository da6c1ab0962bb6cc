"""Word (.docx) import/export and OMML ↔ LaTeX: pure unit tests, no database."""

import io
import re
import zipfile

import pytest
from lxml import etree

from question_bank.formats.base import (
    Blank,
    Choice,
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    QType,
)
from question_bank.formats.docx import MATHTYPE_REVIEW, export, parse, wmf
from question_bank.formats.docx.omml_read import omml_to_latex
from question_bank.formats.docx.omml_write import latex_to_omml
from question_bank.formats.docx.ooxml import M_NS
from question_bank.html import plain_text
from tests.question_bank.formats.docx_builder import (
    EXAM_KEY,
    FRACTION_LATEX,
    INTEGRAL_LATEX,
    PICTURE,
    W_NS,
    WMF_BYTES,
    DocBuilder,
    error_exam,
    error_exam_2025,
    exam_2025,
    png_bytes,
    run,
)

M = f"{{{M_NS}}}"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def visible(html: str) -> str:
    return squash(plain_text(html))


def by_ref(result):
    return {q.ref: q for q in result.questions}


# ---------------------------------------------------------------------------------------------
# OMML ↔ LaTeX
# ---------------------------------------------------------------------------------------------

FORMULAS = [
    r"y = \frac{2x+1}{x-1}",
    r"\int_0^1 (x^2+1)\,dx",
    r"\sqrt{x^2+3}",
    r"\lim_{x \to 2} \frac{x^2-4}{x-2}",
    r"\log_2 (x-1) \le 3",
    r"\vec{AB}",
    r"\begin{cases} x+y=3 \\ x-y=1 \end{cases}",
    r"\Delta ABC",
    r"30^\circ",
    r"\overline{z}",
    r"\sqrt[3]{x+1}",
    r"\sum_{k=1}^n k^2 = \frac{n(n+1)(2n+1)}{6}",
    r"\sin^2 x + \cos^2 x = 1",
    r"x \in \left[ 0; \pi \right]",
    r"f'(x) = 3x^2 - 6x",
    r"\alpha + \beta = \frac{\pi}{2}",
    r"|x - 1| \ge 2",
    r"\left( \frac{1}{2} \right)^x",
    r"A \cup B = \varnothing",
    r"\Rightarrow x \ne \pm 1",
    r"\ln x > 0 \Leftrightarrow x > 1",
    r"\widehat{ABC} = 60^\circ",
    r"\overrightarrow{AB} + \overrightarrow{BC} = \overrightarrow{AC}",
    r"\tan \alpha = \frac{\sqrt{3}}{3}",
    r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
    r"e^{2x+1} > 1",
    r"x_1 + x_2 = -\frac{b}{a}",
    r"\int_1^e \ln x\,dx",
    r"C_n^k = \frac{n!}{k!(n-k)!}",
    r"\mathrm{H}_2\mathrm{SO}_4",
    r"v = 5\text{ m/s}",
    r"\lim_{x \to +\infty} \left( 1 + \frac{1}{x} \right)^x = e",
    r"\sin \left( 2x + \frac{\pi}{3} \right) = \frac{\sqrt{3}}{2}",
    r"\binom{n}{k}",
    r"x \in \mathbb{R}",
    r"\cos \alpha \cdot \cos \beta",
]


@pytest.mark.parametrize("latex", FORMULAS)
def test_latex_omml_latex_round_trip(latex):
    element = latex_to_omml(latex)
    assert element.tag == M + "oMath"
    assert squash(omml_to_latex(element)) == squash(latex)


def test_latex_to_omml_builds_native_structures():
    frac = latex_to_omml(r"y = \frac{2x+1}{x-1}")
    assert frac.find(f"{M}f/{M}num") is not None
    root = latex_to_omml(r"\sqrt[3]{x}")
    assert "".join(root.find(f"{M}rad/{M}deg").itertext()) == "3"
    cases = latex_to_omml(r"\begin{cases} x=1 \\ y=2 \end{cases}")
    d = cases.find(f"{M}d")
    assert d.find(f"{M}dPr/{M}begChr").get(M + "val") == "{"
    assert len(d.findall(f"{M}e/{M}eqArr/{M}e")) == 2
    integral = latex_to_omml(r"\int_0^1 x\,dx")
    assert integral.find(f"{M}nary/{M}naryPr/{M}chr").get(M + "val") == "∫"
    lim = latex_to_omml(r"\lim_{x \to 0} x")
    assert lim.find(f"{M}func/{M}fName/{M}limLow") is not None


def _omml(inner: str):
    return etree.fromstring(f'<m:oMath xmlns:m="{M_NS}" xmlns:w="{W_NS}">{inner}</m:oMath>')


def _r(text: str, sty: str | None = None) -> str:
    rpr = f'<m:rPr><m:sty m:val="{sty}"/></m:rPr>' if sty else ""
    return f"<m:r>{rpr}<m:t>{text}</m:t></m:r>"


# What Word itself writes (defaults omitted, brackets as m:d, functions as m:func …).
SIN = f"<m:func><m:fName>{_r('sin', 'p')}</m:fName><m:e>{_r('x')}</m:e></m:func>"
INTEGRAL = (
    f"<m:nary><m:sub>{_r('0')}</m:sub><m:sup>{_r('π')}</m:sup><m:e>{_r('f(x)dx')}</m:e></m:nary>"
)
SUM = (
    '<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr>'
    f"<m:sub>{_r('i=1')}</m:sub><m:sup>{_r('n')}</m:sup><m:e>{_r('i')}</m:e></m:nary>"
)
ROOT = f'<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>{_r("2")}</m:e></m:rad>'
CASES = (
    '<m:d><m:dPr><m:begChr m:val="{"/><m:endChr m:val=""/></m:dPr>'
    f"<m:e><m:eqArr><m:e>{_r('x=1')}</m:e><m:e>{_r('y=2')}</m:e></m:eqArr></m:e></m:d>"
)
VECTOR = f'<m:acc><m:accPr><m:chr m:val="\u20d7"/></m:accPr><m:e>{_r("u")}</m:e></m:acc>'
ANGLE = f"<m:acc><m:e>{_r('ABC')}</m:e></m:acc>"
CONJUGATE = f'<m:bar><m:barPr><m:pos m:val="top"/></m:barPr><m:e>{_r("z")}</m:e></m:bar>'
LIMIT = (
    f"<m:func><m:fName><m:limLow><m:e>{_r('lim', 'p')}</m:e><m:lim>{_r('x→0')}</m:lim>"
    f"</m:limLow></m:fName><m:e>{_r('x')}</m:e></m:func>"
)
SCRIPTS = (
    f"<m:sSubSup><m:e>{_r('C')}</m:e><m:sub>{_r('n')}</m:sub><m:sup>{_r('k')}</m:sup></m:sSubSup>"
)
LINEAR = f'<m:f><m:fPr><m:type m:val="lin"/></m:fPr><m:num>{_r("a")}</m:num><m:den>{_r("b")}</m:den></m:f>'
MATRIX = (
    f"<m:m><m:mr><m:e>{_r('1')}</m:e><m:e>{_r('0')}</m:e></m:mr>"
    f"<m:mr><m:e>{_r('0')}</m:e><m:e>{_r('1')}</m:e></m:mr></m:m>"
)
WORD_OMML = [
    (f"{_r('x')}<m:d><m:e>{_r('a+b')}</m:e></m:d>", r"x\left(a+b\right)"),
    (SIN, r"\sin x"),
    (INTEGRAL, r"\int_0^\pi f(x)dx"),
    (SUM, r"\sum_{i=1}^n i"),
    (ROOT, r"\sqrt{2}"),
    (CASES, r"\begin{cases} x=1 \\ y=2 \end{cases}"),
    (VECTOR, r"\vec{u}"),
    (ANGLE, r"\widehat{ABC}"),
    (CONJUGATE, r"\overline{z}"),
    (LIMIT, r"\lim_{x\to 0} x"),
    (SCRIPTS, "C_n^k"),
    (_r("30°; a≤b≠c; α∈ℝ"), r"30^\circ; a\le b\ne c; \alpha \in \mathbb{R}"),
    (LINEAR, "a/b"),
    (MATRIX, r"\begin{matrix} 1 & 0 \\ 0 & 1 \end{matrix}"),
    (f"<m:borderBox><m:e>{_r('E=mc')}</m:e></m:borderBox>", "E=mc"),
    (f"<m:unknownThing><m:e>{_r('x+1')}</m:e></m:unknownThing>", "x+1"),
]


@pytest.mark.parametrize(("inner", "expected"), WORD_OMML)
def test_omml_to_latex_reads_word_equations(inner, expected):
    assert squash(omml_to_latex(_omml(inner))) == squash(expected)


@pytest.mark.parametrize(
    "latex", [r"\frac{1", r"}}}x{{", r"\left( x", r"\begin{cases} x", "^_^", r"\foo{x}+1"]
)
def test_broken_or_unknown_latex_never_raises(latex):
    element = latex_to_omml(latex)
    assert element.tag == M + "oMath"
    omml_to_latex(element)  # and back, without raising


def test_unknown_latex_command_is_kept_literally():
    assert squash(omml_to_latex(latex_to_omml(r"\foo{x}+1"))) == squash(r"\foo{x}+1")


def _scripts(element) -> list[tuple[str, str, str | None]]:
    """(base text, subscript text, base run style) of every m:sSub in ``element``."""
    out = []
    for s in element.iter(M + "sSub"):
        sty = s.find(f"{M}e/{M}r/{M}rPr/{M}sty")
        out.append(
            (
                "".join(s.find(M + "e").itertext()),
                "".join(s.find(M + "sub").itertext()),
                sty.get(M + "val") if sty is not None else None,
            )
        )
    return out


@pytest.mark.parametrize("latex", [r"\ce{H2SO4}", r"\mathrm{H_2SO_4}", r"\mathrm {H_{2}SO_{4}}"])
def test_chemistry_becomes_upright_text_with_subscripts(latex):
    element = latex_to_omml(latex)
    assert _scripts(element) == [("H", "2", "p"), ("SO", "4", "p")]
    text = "".join(element.itertext())
    assert "\\" not in text and "_" not in text and "ce" not in text
    assert squash(omml_to_latex(element)) == squash(r"\mathrm{H}_2\mathrm{SO}_4")


def test_chemical_equation_has_coefficients_charges_and_arrows():
    element = latex_to_omml(r"\ce{2H2 + O2 -> 2H2O} \quad \ce{Cu^2+ + OH-}")
    assert _scripts(element) == [("H", "2", "p"), ("O", "2", "p"), ("H", "2", "p")]
    text = "".join(element.itertext())
    assert "→" in text and "\\" not in text and "->" not in text
    charges = [
        ("".join(s.find(M + "e").itertext()), "".join(s.find(M + "sup").itertext()))
        for s in element.iter(M + "sSup")
    ]
    assert charges == [("Cu", "2+"), ("OH", "-")]
    assert squash(omml_to_latex(element)) == squash(
        r"2\mathrm{H}_2\;+\;\mathrm{O}_2\;\to\;2\mathrm{H}_2\mathrm{O}\quad"
        r"\mathrm{Cu}^{2+}\;+\;\mathrm{OH}^-"
    )


# ---------------------------------------------------------------------------------------------
# The reference 2025 exam
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exam():
    return parse(exam_2025(), filename="de-thi.docx")


def test_exam_reads_every_question_and_key(exam):
    assert exam.format == "docx"
    assert exam.problems == []
    questions = by_ref(exam)
    assert list(questions) == [ref for ref, *_ in EXAM_KEY]
    for ref, qtype, part, key in EXAM_KEY:
        q = questions[ref]
        assert q.qtype.value == qtype, ref
        assert q.part == part, ref
        if qtype == "single_choice":
            assert len(q.choices) == 4, ref
            assert [c.ident for c in q.choices if c.correct] == key, ref
        elif qtype == "true_false":
            assert {c.ident: c.correct for c in q.choices} == key, ref
        else:
            assert q.numeric_answer == key, ref
    assert exam.counts_by_type() == {"single_choice": 12, "true_false": 3, "short_numeric": 3}


def test_exam_options_text_without_markers(exam):
    q = by_ref(exam)
    assert [c.text for c in q["Phần I, Câu 2"].choices] == ["1", "4", "7", "9"]  # one line, tabs
    assert [c.text for c in q["Phần I, Câu 3"].choices] == ["Osaka", "Kyoto", "Nagoya", "Tokyo"]
    assert [c.text for c in q["Phần I, Câu 4"].choices] == ["Bạc", "Đồng", "Vàng", "Nhôm"]  # no "*"
    assert [c.text for c in q["Phần I, Câu 8"].choices] == ["3", "5", "7", "9"]  # layout table
    assert q["Phần I, Câu 1"].stem == "Giá trị của 2 + 3 bằng"


def test_exam_formatting_tables_and_images(exam):
    q = by_ref(exam)
    # Chemical formulas keep their subscripts; the red marking is not kept as formatting.
    assert q["Phần I, Câu 7"].choices[0].text == "H<sub>2</sub>SO<sub>4</sub>"
    assert q["Phần I, Câu 7"].choices[2].text == "HNO<sub>3</sub>"
    assert "x<sup>2</sup>" in q["Phần II, Câu 1"].stem
    assert q["Phần II, Câu 2"].choices[1].text == "Zn tác dụng với HCl sinh ra khí H<sub>2</sub>."
    stem = q["Phần I, Câu 8"].stem
    assert (
        "<table><tbody><tr><td>x</td><td>1</td><td>2</td></tr><tr><td>y</td><td>3</td><td>5</td></tr>"
        in stem
    )
    names = re.findall(r'src="asset:([^"]+)"', stem)
    assert len(names) == 1
    assert q["Phần I, Câu 8"].assets == {names[0]: PICTURE}


def test_exam_equations(exam):
    q = by_ref(exam)
    assert f"\\({FRACTION_LATEX}\\)" in q["Phần I, Câu 6"].stem
    assert f"\\({INTEGRAL_LATEX}\\)" in q["Phần III, Câu 2"].stem


def test_exam_mathtype_object_kept_as_image_for_review(exam):
    q = by_ref(exam)["Phần III, Câu 3"]
    # WMF_BYTES is no real metafile: it cannot become a PNG, and that is said too.
    assert q.needs_review == [MATHTYPE_REVIEW, wmf.NOT_SHOWN]
    [(name, data)] = q.assets.items()
    assert name.endswith(".wmf")
    assert data == WMF_BYTES
    assert f'src="asset:{name}"' in q.stem
    assert all(not other.needs_review for other in exam.questions if other is not q)


def test_exam_group_and_stimulus(exam):
    [group] = exam.groups
    assert "Một ô tô chuyển động thẳng đều" in group.stimulus
    assert "Dùng thông tin sau" in group.title
    members = [q.ref for q in exam.questions if q.group == group.key]
    assert members == ["Phần I, Câu 9", "Phần I, Câu 10"]


def test_exam_fixed_options_markers_and_solutions(exam):
    q = by_ref(exam)
    fixed = [c.ident for c in q["Phần I, Câu 11"].choices if c.fixed]
    assert fixed == ["C", "D"]
    assert q["Phần I, Câu 11"].choices[2].text == "Đường saccarozơ"  # "#" stripped
    assert q["Phần I, Câu 11"].keep_option_order is False
    assert q["Phần I, Câu 12"].keep_option_order is True
    assert "giữ thứ tự" not in q["Phần I, Câu 12"].stem
    assert visible(q["Phần I, Câu 1"].solution) == squash("Ta có 2 + 3 = 5. Vậy chọn B.")
    assert visible(q["Phần III, Câu 1"].solution) == squash("2x = −3 nên x = −1,5.")
    assert "Đáp án" not in q["Phần III, Câu 1"].stem + q["Phần III, Câu 1"].solution


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


def test_error_file_names_every_bad_question():
    result = parse(error_exam(), filename="")
    assert [q.ref for q in result.questions] == ["Câu 1", "Câu 6"]
    problems = {(p.where, p.message) for p in result.errors}
    assert ("Câu 2", "không có đáp án đúng được đánh dấu") in problems
    assert ("Câu 3", "phương án B. bị lặp lại") in problems
    assert ("Câu 4", "cần ít nhất 2 phương án, chỉ có 1") in problems
    assert ("Câu 5", "các phương án không theo thứ tự A, B, C, D: A, C, B, D") in problems
    assert ("Câu 9", "có trong bảng đáp án nhưng đề không có câu này") in problems
    assert {p.where for p in result.errors} == {"Câu 2", "Câu 3", "Câu 4", "Câu 5", "Câu 9"}
    assert [c.correct for c in result.questions[1].choices] == [False, False, True, False]


def test_error_file_2025_parts():
    result = parse(error_exam_2025(), filename="")
    assert [q.ref for q in result.questions] == ["Phần I, Câu 2", "Phần III, Câu 3"]
    messages = {p.where: p.message for p in result.errors}
    assert "có 2 đáp án được đánh dấu đúng" in messages["Phần I, Câu 1"]
    assert "chưa được đánh dấu" in messages["Phần II, Câu 1"]
    assert messages["Phần II, Câu 2"] == "mệnh đề d) chưa được đánh dấu Đúng/Sai"
    assert messages["Phần III, Câu 1"].startswith("thiếu dòng “Đáp án")
    assert "tối đa 4 ký tự" in messages["Phần III, Câu 2"]


def test_answer_table_disagreeing_with_the_marks_is_an_error():
    b = DocBuilder()
    b.p("Câu 1. Hỏi")
    b.p(run("A.", u=True), " một\tB. hai")
    b.p("1.B 2.A")
    result = parse(b.bytes(), filename="")
    assert result.questions == []
    assert {p.where for p in result.errors} == {"Câu 1", "Câu 2"}


def test_not_a_docx_is_rejected():
    with pytest.raises(ImportRejected, match="không phải tệp Word"):
        parse(b"Hello, this is plain text", filename="a.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(ImportRejected, match=r"word/document\.xml"):
        parse(buf.getvalue(), filename="b.docx")
    with pytest.raises(ImportRejected, match=r"\.doc"):
        parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, filename="c.doc")
    with pytest.raises(ImportRejected):
        parse(b"PK\x03\x04broken", filename="d.docx")


# ---------------------------------------------------------------------------------------------
# Other conventions
# ---------------------------------------------------------------------------------------------


def test_without_sections_types_come_from_the_content():
    b = DocBuilder()
    b.p("Câu 1. Các số chẵn là")
    b.p(run("A.", u=True), " 2\tB. 3\t", run("C.", u=True), " 4\tD. 5")
    b.p("Câu 2. Xét các mệnh đề")
    b.p("a) một")
    b.p("b) hai")
    b.p("Đáp án: a-Đ b-S")
    b.p("Câu 3. Tính 1/4")
    b.p("Đáp án: 0,25")
    b.p("Câu 4. Thủ đô của Việt Nam?")
    b.p("Đáp án: Hà Nội | Ha Noi")
    b.p("Câu 5. Giải các phương trình sau:")
    b.p("a) x + 1 = 0")
    b.p("b) 2x = 4")
    b.p("Lời giải: a) x = −1; b) x = 2.")
    b.p("Câu 6. Hỏi chọn")
    b.p("A. một\tB. hai\tC. ba\tD. bốn")
    b.p("Lời giải: Tính ra được hai. Chọn B.")
    b.p("Câu 7. Số nguyên tố là $p$ với $p^2 = 49$, $$p = 7$$")
    b.p("Đáp án: 7")
    result = parse(b.bytes(), filename="")
    assert result.problems == []
    q = result.questions
    assert [x.qtype for x in q] == [
        QType.MULTIPLE_RESPONSE,
        QType.TRUE_FALSE,
        QType.SHORT_NUMERIC,
        QType.SHORT_TEXT,
        QType.ESSAY,
        QType.SINGLE_CHOICE,
        QType.SHORT_NUMERIC,
    ]
    assert [c.correct for c in q[0].choices] == [True, False, True, False]
    assert [c.correct for c in q[1].choices] == [True, False]
    assert q[2].numeric_answer == "0,25"
    assert [c.text for c in q[3].choices] == ["Hà Nội", "Ha Noi"]
    assert "a) x + 1 = 0" in q[4].stem and q[4].choices == []
    assert visible(q[4].marking_guide) == squash("a) x = −1; b) x = 2.")
    assert [c.correct for c in q[5].choices] == [False, True, False, False]
    assert q[6].stem == r"Số nguyên tố là \(p\) với \(p^2 = 49\), \[p = 7\]"
    assert all(x.part is None for x in q)


def test_answer_keys_as_lines_and_unlabelled_table():
    b = DocBuilder()
    for n in range(1, 5):
        b.p(f"Câu {n}. Câu hỏi {n}")
        b.p("A. a\tB. b\tC. c\tD. d")
    b.p("ĐÁP ÁN")
    b.p("1.A 2.C")
    b.table([["3", "4"], ["D", "B"]])
    result = parse(b.bytes(), filename="")
    assert result.problems == []
    assert [[c.ident for c in q.correct_choices] for q in result.questions] == [
        ["A"],
        ["C"],
        ["D"],
        ["B"],
    ]


def test_detailed_solutions_after_the_answer_table():
    b = DocBuilder()
    b.p("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn")
    b.p("Câu 1. Hỏi một")
    b.p("A. a\tB. b\tC. c\tD. d")
    b.p("Câu 2. Hỏi hai")
    b.p("A. a\tB. b\tC. c\tD. d")
    b.p("HƯỚNG DẪN GIẢI")
    b.p("ĐÁP ÁN")
    b.p("Câu 1. Chọn C.")
    b.p("Vì c đúng.")
    b.p("Câu 2. Ta có b đúng. Chọn B.")
    result = parse(b.bytes(), filename="")
    assert result.problems == []
    first, second = result.questions
    assert [c.ident for c in first.correct_choices] == ["C"]
    assert [c.ident for c in second.correct_choices] == ["B"]
    assert "Vì c đúng" in first.solution


def test_nhom_until_het_nhom_and_points_and_level():
    b = DocBuilder()
    b.p(run("Nhóm 1.", b=True), " Đọc đoạn văn sau và trả lời các câu từ 1 đến 2")
    b.p("Ngày xưa có một ", run("cậu bé", i=True), ".")
    b.p("Câu 1 (0,5 điểm). [NB] Cậu bé là ai?")
    b.p(run("A.", u=True), " Nam\tB. Nữ")
    b.p("Câu 2 (TH): Cậu bé ở đâu?")
    b.p("A. Phố\t", run("B.", color="FF0000"), " Làng")
    b.p("Hết nhóm")
    b.p("Câu 3. [cố định] Câu ngoài nhóm")
    b.p("A. x\t", run("B.", u=True), " y")
    result = parse(b.bytes(), filename="")
    assert result.problems == []
    [group] = result.groups
    assert group.stimulus == "Ngày xưa có một <i>cậu bé</i>."
    q1, q2, q3 = result.questions
    assert (q1.group, q2.group, q3.group) == (group.key, group.key, "")
    assert (q1.points, q1.level, q2.level) == (0.5, "biet", "hieu")
    assert q1.stem == "Cậu bé là ai?"
    assert q3.keep_position is True and q3.stem == "Câu ngoài nhóm"


def test_word_automatic_numbering_is_read_as_text():
    b = DocBuilder()
    numbering = b.doc.part.numbering_part.element
    ns = f'xmlns:w="{W_NS}"'
    numbering.append(
        etree.fromstring(
            f'<w:abstractNum {ns} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        etree.fromstring(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    b.p("Câu 1. Chọn chữ cái thứ hai")
    for text in ("a", "b", "c"):
        para = b.p(text)
        ppr = para._p.get_or_add_pPr()
        ppr.append(
            etree.fromstring(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )
    b.p("Đáp án: B")
    [q] = parse(b.bytes(), filename="").questions
    assert [(c.ident, c.text, c.correct) for c in q.choices] == [
        ("A", "a", False),
        ("B", "b", True),
        ("C", "c", False),
    ]


# ---------------------------------------------------------------------------------------------
# Export → import
# ---------------------------------------------------------------------------------------------


def key_of(q: ParsedQuestion):
    if q.qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE, QType.TRUE_FALSE):
        return [(visible(c.text), c.correct, c.fixed) for c in q.choices]
    if q.qtype == QType.SHORT_NUMERIC:
        return (q.numeric_answer, q.tolerance)
    if q.qtype == QType.SHORT_TEXT:
        return [visible(c.text) for c in q.choices if c.correct]
    if q.qtype == QType.MATCHING:
        return [(visible(c.text), visible(c.match)) for c in q.choices]
    if q.qtype == QType.ORDERING:
        return [visible(c.text) for c in q.choices]
    if q.qtype == QType.CLOZE:
        return [
            (b.kind, [(visible(a.text), a.correct) for a in b.answers], b.tolerance)
            for b in q.blanks
        ]
    return visible(q.marking_guide)


def assert_same(before: list[ParsedQuestion], after: list[ParsedQuestion]) -> None:
    assert len(after) == len(before)
    for a, b in zip(before, after, strict=True):
        assert b.qtype == a.qtype, a.ref
        assert visible(b.stem) == visible(a.stem), a.ref
        assert key_of(b) == key_of(a), a.ref
        assert visible(b.solution) == visible(a.solution), a.ref
        assert sorted(b.assets.values()) == sorted(a.assets.values()), a.ref


def test_reference_exam_round_trips(exam):
    data = export(exam.questions, exam.groups, title="Đề xuất lại")
    again = parse(data, filename="")
    assert again.problems == []
    assert_same(exam.questions, again.questions)
    assert [(q.part, q.keep_option_order) for q in again.questions] == [
        (q.part, q.keep_option_order) for q in exam.questions
    ]
    [group] = again.groups
    assert visible(group.stimulus) == visible(exam.groups[0].stimulus)
    assert [q.ref for q in again.questions if q.group] == ["Phần I, Câu 9", "Phần I, Câu 10"]
    # The equations went through Word's native format.
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        document = zf.read("word/document.xml").decode()
    assert "<m:oMath" in document and "<m:f>" in document


def nine_types() -> tuple[list[ParsedQuestion], list[ParsedGroup]]:
    picture = png_bytes((10, 200, 10), (30, 15))
    table = "<table><tbody><tr><td>x</td><td>1</td></tr><tr><td>y</td><td><b>2</b></td></tr></tbody></table>"
    questions = [
        ParsedQuestion(
            QType.SINGLE_CHOICE,
            stem=r"Đồ thị hàm số \(y = \frac{2x+1}{x-1}\) và <b>H<sub>2</sub>O</b>",
            choices=[
                Choice(r"\(x = 1\)", correct=True),
                Choice("<i>x</i> = 2"),
                Choice("x = 3"),
                Choice("Cả A và B đều đúng", fixed=True),
            ],
            solution=r"Ta có \[\lim_{x \to 1} y = \infty\]",
            group="g1",
            level="hieu",
            points=0.25,
        ),
        ParsedQuestion(
            QType.TRUE_FALSE,
            stem=f'Cho hình <img src="asset:hinh.png" width="30" height="15"> và bảng {table}',
            choices=[
                Choice("a đúng", True),
                Choice("b sai"),
                Choice("c đúng", True),
                Choice("d sai"),
            ],
            assets={"hinh.png": picture},
            group="g1",
        ),
        ParsedQuestion(
            QType.SHORT_NUMERIC, stem="Tính x", numeric_answer="-1,5", solution="x = −1,5"
        ),
        ParsedQuestion(
            QType.MULTIPLE_RESPONSE,
            stem="Chọn các số chẵn",
            choices=[Choice("2", True), Choice("3"), Choice("4", True)],
        ),
        ParsedQuestion(
            QType.MULTIPLE_RESPONSE, stem="Chỉ một đúng", choices=[Choice("x", True), Choice("y")]
        ),
        ParsedQuestion(
            QType.SHORT_TEXT,
            stem="Thủ đô của Việt Nam",
            choices=[Choice("Hà Nội", True), Choice("Ha Noi", True)],
        ),
        ParsedQuestion(QType.SHORT_TEXT, stem="Năm thống nhất", choices=[Choice("1975", True)]),
        ParsedQuestion(
            QType.ESSAY, stem="Phân tích bài thơ", marking_guide="Ý 1: 1 điểm<br>Ý 2: <b>1 điểm</b>"
        ),
        ParsedQuestion(
            QType.MATCHING,
            stem="Ghép thủ đô với quốc gia",
            choices=[
                Choice("Hà Nội", match="Việt Nam"),
                Choice("Tokyo", match="Nhật Bản"),
                Choice("", match="Lào"),
            ],
        ),
        ParsedQuestion(
            QType.ORDERING, stem="Sắp xếp tăng dần", choices=[Choice("1"), Choice("2"), Choice("3")]
        ),
        ParsedQuestion(
            QType.CLOZE,
            stem="Thủ đô là {{1}}, π ≈ {{2}}, nước {{3}}",
            blanks=[
                Blank(answers=[Choice("Hà Nội", True), Choice("HN", True)]),
                Blank(kind="numeric", answers=[Choice("3,14", True)], tolerance=0.01),
                Blank(kind="choice", answers=[Choice("sôi", True), Choice("đóng băng")]),
            ],
        ),
        ParsedQuestion(QType.SHORT_NUMERIC, stem="Số lớn", numeric_answer="12345", tolerance=0.5),
    ]
    groups = [ParsedGroup("g1", stimulus="Đọc <b>đoạn văn</b> sau", title="Dùng chung")]
    return questions, groups


def test_nine_types_round_trip():
    questions, groups = nine_types()
    questions.append(
        ParsedQuestion(
            QType.SINGLE_CHOICE,
            stem="Câu ngoài nhóm",
            choices=[
                Choice("x"),
                Choice("y", True),
                Choice("Không có đáp án nào đúng", fixed=True),
            ],
            keep_option_order=True,
        )
    )
    result = parse(export(questions, groups), filename="")
    assert result.problems == []
    # PHẦN I, then PHẦN III, then PHẦN IV with the group (one choice + Đúng/Sai stay together)
    # and the other types, in their order; "12345" is too long for PHẦN III.
    expected = [questions[12], questions[2], questions[0], questions[1], *questions[3:12]]
    assert_same(expected, result.questions)
    assert {q.qtype for q in result.questions} == set(QType)
    assert [q.part for q in result.questions] == [1, 3] + [None] * 11
    outside, _, grouped, *_ = result.questions
    assert outside.keep_option_order is True
    assert [c.fixed for c in outside.choices] == [False, False, True]
    assert (grouped.level, grouped.points) == ("hieu", 0.25)
    [group] = result.groups
    assert group.title == "Dùng chung" and group.stimulus == "Đọc <b>đoạn văn</b> sau"
    assert [q.qtype for q in result.questions if q.group == group.key] == [
        QType.SINGLE_CHOICE,
        QType.TRUE_FALSE,
    ]
    assert result.questions[3].stem.count("<td>") == 4
    assert result.questions[-1].tolerance == 0.5


def test_export_without_2025_types_has_no_sections():
    questions, _ = nine_types()
    others = [
        q
        for q in questions
        if q.qtype not in (QType.SINGLE_CHOICE, QType.TRUE_FALSE, QType.SHORT_NUMERIC)
    ]
    data = export(others, [])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "PHẦN" not in zf.read("word/document.xml").decode()
    result = parse(data, filename="")
    assert result.problems == []
    assert_same(others, result.questions)
    assert [q.ref for q in result.questions][:2] == ["Câu 1", "Câu 2"]


def test_export_marks_the_key_underlined_and_red():
    q = ParsedQuestion(QType.SINGLE_CHOICE, stem="Hỏi", choices=[Choice("a"), Choice("b", True)])
    with zipfile.ZipFile(io.BytesIO(export([q], []))) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    w = f"{{{W_NS}}}"
    runs = [r for r in root.iter(w + "r") if "".join(r.itertext()) == "B."]
    [letter] = runs
    assert letter.find(f"{w}rPr/{w}u") is not None
    assert letter.find(f"{w}rPr/{w}color").get(w + "val") == "FF0000"


def test_matching_ordering_with_continuation_lines_and_statements_before_options():
    b = DocBuilder()
    b.p("Câu 1. Cho các mệnh đề sau:")
    b.p("a) 2 là số nguyên tố.")
    b.p("b) 9 là số nguyên tố.")
    b.p("Số mệnh đề đúng là")
    b.p(run("A.", u=True), " 1\tB. 2\tC. 0\tD. 3")
    b.p("Câu 2. Ghép")
    b.p("Ghép nối:")
    b.p("1) Hà Nội → Việt Nam")
    b.p("(thủ đô)")
    b.p("2) Tokyo -> Nhật Bản")
    b.p("Câu 3. Sắp xếp các bước")
    b.p("Sắp xếp:")
    b.p("1) Đun nước")
    b.p("cho sôi")
    b.p("2) Pha trà")
    result = parse(b.bytes(), filename="")
    assert result.problems == []
    choice, matching, ordering = result.questions
    assert choice.qtype == QType.SINGLE_CHOICE
    assert choice.stem == (
        "<p>Cho các mệnh đề sau:</p><p>a) 2 là số nguyên tố.</p><p>b) 9 là số nguyên tố.</p>"
        "<p>Số mệnh đề đúng là</p>"
    )
    assert [c.correct for c in choice.choices] == [True, False, False, False]
    assert [(c.text, c.match) for c in matching.choices] == [
        ("Hà Nội", "<p>Việt Nam</p><p>(thủ đô)</p>"),
        ("Tokyo", "Nhật Bản"),
    ]
    assert [c.text for c in ordering.choices] == ["<p>Đun nước</p><p>cho sôi</p>", "Pha trà"]


def test_export_protects_content_lines_that_look_like_markers():
    tricky = "Dàn ý<br>A. Mở bài<br>a) ý một<br>Câu 2 trong đề cũ<br>Đáp án: tự do<br>1.A 2.B"
    questions = [
        ParsedQuestion(QType.ESSAY, stem=tricky, marking_guide="Lời giải: tuỳ bài<br>B. Thân bài"),
        ParsedQuestion(
            QType.SINGLE_CHOICE,
            stem="Chọn",
            choices=[Choice("<p>một</p><p>B. vẫn là một</p>", True), Choice("hai")],
        ),
    ]
    result = parse(export(questions, []), filename="")
    assert result.problems == []
    choice, essay = result.questions  # PHẦN I first, the essay in PHẦN IV
    assert visible(essay.stem) == visible(tricky)
    assert visible(essay.marking_guide) == visible(questions[0].marking_guide)
    assert "\u200b" not in essay.stem + essay.marking_guide
    assert [visible(c.text) for c in choice.choices] == [squash("một B. vẫn là một"), "hai"]


def test_old_style_sections_and_a_range_group():
    b = DocBuilder()
    b.p(run("I. TRẮC NGHIỆM", b=True), " (7 điểm)")
    b.p("Đọc đoạn văn sau và trả lời các câu từ 1 đến 2.")
    b.p("Mùa xuân ", run("đến", u=True), " rồi.")
    b.p("Câu 1. Mùa gì?")
    b.p("A. Xuân\tB. Hạ", run("\tC.", color="E00000"), " Thu")
    b.p("Câu 2. Từ nào được gạch chân?")
    b.p("A. Mùa\t", run("B. đến", u=True), "\tC. rồi")
    b.p("Câu 3. Ngoài nhóm")
    b.p("*A. một\tB. hai")
    b.p(run("II. TỰ LUẬN", b=True), " (3 điểm)")
    b.p("Bài 1. Viết đoạn văn tả mùa xuân.")
    b.p("Hướng dẫn chấm:")
    b.p("Đúng chủ đề: 1 điểm.")
    result = parse(b.bytes(), filename="")
    assert result.problems == []
    q1, q2, q3, essay = result.questions
    [group] = result.groups
    assert group.stimulus == "Mùa xuân <u>đến</u> rồi."
    assert [q.group for q in result.questions] == [group.key, group.key, "", ""]
    assert [c.correct for c in q1.choices] == [False, False, True]  # close red (E00000)
    assert [c.correct for c in q2.choices] == [False, True, False]  # whole option underlined
    assert q2.choices[1].text == "đến"  # the marking underline is not kept
    assert [c.correct for c in q3.choices] == [True, False]
    assert essay.qtype == QType.ESSAY and essay.ref == "Bài 1"
    assert visible(essay.marking_guide) == squash("Đúng chủ đề: 1 điểm.")
