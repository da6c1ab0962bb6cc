"""Cloze passages with numbered gaps whose options are listed per gap → one choice question per
gap sharing the passage, on .docx files built here with python-docx."""

from question_bank.formats.base import QType
from question_bank.formats.docx import parse
from question_bank.html import plain_text
from tests.question_bank.formats.docx_builder import DocBuilder, run


def read(b: DocBuilder):
    return parse(b.bytes(), filename="de.docx")


def key(q):
    return [c.ident for c in q.choices if c.correct]


def texts(q):
    return [plain_text(c.text).strip() for c in q.choices]


def messages(result):
    return [str(p) for p in result.problems]


def test_option_lines_after_the_gap_numbers():
    b = DocBuilder()
    b.p(
        "Read the following passage and mark the letter A, B, C or D to indicate the "
        "correct option that best fits each of the numbered blanks from 1 to 3."
    )
    b.p("My town is (1) ______ and quiet. People (2) ______ friendly. We (3) ______ it.")
    b.p(run("1", b=True), ". ", run("A", u=True), ". small\tB. smaller\tC. smallest\tD. smally")
    b.p("(2) ", run("A", u=True), ". are\tB. is\tC. be\tD. being")
    b.p("3. A. loves\tB. loving\t", run("C", color="FF0000"), ". love\tD. loved")
    b.p("Question 4. Pick one. A. x\t", run("B", u=True), ". y")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2, q3, _ = r.questions
    (g,) = r.groups
    assert plain_text(g.stimulus) == (
        "My town is (1) ______ and quiet. People (2) ______ friendly. We (3) ______ it."
    )
    assert [q.group for q in r.questions] == [g.key, g.key, g.key, ""]
    assert [plain_text(q.stem) for q in (q1, q2, q3)] == [f"Chỗ trống ({n})" for n in (1, 2, 3)]
    assert texts(q1) == ["small", "smaller", "smallest", "smally"]
    assert [key(q) for q in r.questions] == [["A"], ["A"], ["C"], ["B"]]
    assert all(q.qtype == QType.SINGLE_CHOICE for q in r.questions)


def test_vietnamese_instruction_with_gap_lines_and_a_key_line():
    b = DocBuilder()
    b.p("Đọc đoạn văn sau và chọn phương án đúng cho các chỗ trống từ câu 1 đến câu 2.")
    b.p("Hà Nội là (1) ______ của Việt Nam, nằm bên bờ sông (2) ______.")
    b.p("1. A. thủ đô\tB. tỉnh\tC. làng\tD. xã")
    b.p("2. A. Hương\tB. Hồng\tC. Hậu\tD. Mã")
    b.p("1-A 2-B")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2 = r.questions
    assert [key(q) for q in (q1, q2)] == [["A"], ["B"]]
    assert q1.group == q2.group != ""


def test_a_numbered_option_line_without_its_gap_stays_text():
    b = DocBuilder()
    b.p("Đọc đoạn văn sau và trả lời câu 1.")
    b.p("Đoạn văn không có chỗ trống nào.")
    b.p("5. A. đây không phải\tB. một câu hỏi\tC. vì không có chỗ trống (5)")
    b.p("Câu 1. Hỏi?")
    b.p(run("A", u=True), ". x\tB. y")
    r = read(b)
    assert not r.problems, messages(r)
    (q,) = r.questions
    (g,) = r.groups
    assert "5. A. đây không phải" in plain_text(g.stimulus) and q.group == g.key
