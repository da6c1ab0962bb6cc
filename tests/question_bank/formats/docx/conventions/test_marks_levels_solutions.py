"""Azota / OLM style levels and Đúng/Sai, keys by mark, fixed options and solution blocks,
each on a .docx built here with python-docx."""

import pytest

from question_bank.formats.base import QType
from question_bank.formats.docx import parse
from question_bank.html import plain_text
from tests.question_bank.formats.docx_builder import DocBuilder, run


def read(b: DocBuilder):
    return parse(b.bytes(), filename="de.docx")


def key(q):
    return [c.ident for c in q.choices if c.correct]


def fixed(q):
    return [c.ident for c in q.choices if c.fixed]


def messages(result):
    return [str(p) for p in result.problems]


def test_level_markers_become_the_level_and_leave_the_stem():
    b = DocBuilder()
    heads = ["Câu 1. [NB]", "Câu 2. [TH]", "Câu 3: [VD]", "Câu 4. [VDC]", "Câu 5 (NB).",
             "Câu 6 [<VD>]:", "Câu 7 [TH]."]  # fmt: skip
    for n, head in enumerate(heads, start=1):
        b.p(f"{head} Hỏi số {n}?")
        b.p(run("A", u=True), ". x\tB. y")
    r = read(b)
    assert not r.problems, messages(r)
    levels = [q.level for q in r.questions]
    assert levels == ["biet", "hieu", "van_dung", "van_dung_cao", "biet", "van_dung", "hieu"]
    assert [plain_text(q.stem) for q in r.questions] == [f"Hỏi số {n}?" for n in range(1, 8)]


def test_tf_marker_with_red_statements_and_a_level():
    b = DocBuilder()
    b.p("Câu 1. [TF] [TH] Cho hàm số y = x². Xét các mệnh đề:")
    b.p(run("a) Hàm số đồng biến trên (0; +∞).", color="FF0000"))
    b.p("b) Hàm số nghịch biến trên ℝ.")
    b.p(run("c)", u=True), " Đồ thị đi qua gốc toạ độ.")
    b.p("d) Giá trị lớn nhất bằng 0.")
    b.p("Lời giải: y' = 2x.")
    r = read(b)
    assert not r.problems, messages(r)
    (q,) = r.questions
    assert q.qtype == QType.TRUE_FALSE and q.level == "hieu"
    assert [c.correct for c in q.choices] == [True, False, True, False]
    assert "2x" in plain_text(q.solution)


@pytest.mark.parametrize(
    "parts",
    [
        (run("C", color="FF0000"), ". 3"),  # red letter
        (run("C", color="0000FF"), ". 3"),  # blue letter (nothing red or underlined)
        (run("C. 3", color="0070C0"),),  # the whole option blue
        (run("C", u=True), ". 3"),  # underlined letter
        (run("C. 3", u=True),),  # the whole option underlined
        (run("C. 3", color="C00000"),),  # the whole option red
        (run("C", u=True, color="FF0000"), ". 3"),  # red and underlined: one mark
        ("*C. 3",),  # a star before the letter
    ],
)
def test_key_marks(parts):
    b = DocBuilder()
    b.p("Câu 1. 1 + 2 bằng")
    b.p("A. 1")
    b.p("B. 2")
    b.p(*parts)
    b.p("D. 4")
    r = read(b)
    assert not r.problems, messages(r)
    (q,) = r.questions
    assert q.qtype == QType.SINGLE_CHOICE and key(q) == ["C"]
    assert plain_text(q.choices[2].text).strip() == "3"


def test_conflicting_marks_are_flagged_in_vietnamese():
    b = DocBuilder()
    b.p("Câu 2. Chọn một.")
    b.p("*A. một")
    b.p("B. hai")
    b.p(run("C", color="FF0000"), ". ba")
    r = read(b)
    assert not r.questions
    (p,) = r.errors
    assert p.where == "Câu 2" and "các phương án được đánh dấu bằng những cách khác nhau" in (
        p.message
    )
    assert "A: dấu *" in p.message and "C: tô đỏ" in p.message


def test_fixed_option_markers():
    b = DocBuilder()
    b.p("Câu 1. Chọn.")
    b.p("A. một")
    b.p("B. hai")
    b.p(run("C", u=True), ". ba")
    b.p("#D. Cả A, B, C đều sai")
    b.p("Câu 2. Chọn.")
    b.p(run("A", u=True), ". một\tB. hai\tC. ba\tD#. bốn")
    b.p("Câu 3. Chọn.")
    b.p("A. một")
    b.p(run("B", u=True), ". hai")
    b.p("C. Tất cả đều đúng")
    b.p("D. Không có đáp án nào đúng")
    b.p("Câu 4. Chọn (chữ cái in nghiêng: không đảo).")
    b.p(run("A", u=True), ". một")
    b.p("B. hai")
    b.p(run("C", i=True), ". ba")
    b.p(run("D", i=True), ". bốn")
    b.p("Câu 5. Mọi chữ cái in nghiêng là kiểu chữ, không phải dấu.")
    b.p(run("A", i=True, u=True), ". một\t", run("B", i=True), ". hai")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2, q3, q4, q5 = r.questions
    assert fixed(q1) == ["D"] and fixed(q2) == ["D"]
    assert fixed(q3) == ["C", "D"] and fixed(q4) == ["C", "D"] and fixed(q5) == []
    assert key(q1) == ["C"] and key(q4) == ["A"]
    assert plain_text(q1.choices[3].text) == "Cả A, B, C đều sai"
    assert not any("#" in c.text for q in r.questions for c in q.choices)


@pytest.mark.parametrize(
    "heading", ["Lời giải:", "Hướng dẫn giải:", "Hướng dẫn:", "HD:", "Giải chi tiết", "Giải:"]
)
def test_solution_blocks(heading):
    b = DocBuilder()
    b.p("Câu 1. 2 + 3 bằng")
    b.p("A. 4\t", run("B", u=True), ". 5")
    b.p(run(heading, b=True))
    b.p("Ta có 2 + 3 = 5.")
    b.p("Vậy chọn B.")
    b.p("Câu 2. 1 + 1 bằng")
    b.p(run("A", u=True), ". 2\tB. 3")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2 = r.questions
    assert "2 + 3 = 5" in plain_text(q1.solution) and "Vậy chọn B" in plain_text(q1.solution)
    assert "2 + 3 = 5" not in plain_text(q1.stem) and not q2.solution


def test_solution_on_the_heading_line_and_choose_in_the_solution():
    b = DocBuilder()
    b.p("Câu 1. 2 + 3 bằng")
    b.p("A. 4\tB. 5\tC. 6")
    b.p("Hướng dẫn giải: 2 + 3 = 5. Chọn B.")
    r = read(b)
    assert not r.problems, messages(r)
    (q,) = r.questions
    assert key(q) == ["B"] and plain_text(q.solution).startswith("2 + 3 = 5")
