"""McMIX's Word conventions, each on a .docx built here with python-docx.

Followed: McMIX's "đề thi chuẩn" as the question banks that take it publish it — ``[<br>]``
ends a question, ``[<sg>]`` … ``[<egc>]`` … ``[</sg>]`` a group with its shared content,
``(<n>)`` a question of the group, ``{<n>}`` the question (gap) ``n`` in the content — and the
``[<g0>]``/``[</g0>]`` group markers used in Word files for McMIX (no guide found for them).
"""

from question_bank.formats.base import QType
from question_bank.formats.docx import parse
from question_bank.formats.docx.mcmix import FIRST_REVIEW, NO_EGC
from question_bank.html import plain_text
from tests.question_bank.formats.docx_builder import DocBuilder, run


def read(b: DocBuilder):
    return parse(b.bytes(), filename="de.docx")


def texts(q):
    return [plain_text(c.text).strip() for c in q.choices]


def key(q):
    return [c.ident for c in q.choices if c.correct]


def messages(result):
    return [str(p) for p in result.problems]


def _options(b: DocBuilder, texts_: list[str], correct: str) -> None:
    for letter, text in zip("ABCD", texts_, strict=False):
        b.p(run(letter, u=letter == correct), f". {text}")


def test_sg_group_shares_its_content_with_its_numbered_questions():
    b = DocBuilder()
    b.p("[<sg>]")
    b.p("Questions {<1>} – {<2>} refer to the following passage.")
    b.p("Read the following passage: forest fires are governed by the weather.")
    b.p("Câu 1 trong đoạn văn này không phải là một câu hỏi.")
    b.p("[<egc>]")
    b.p("(<1>) The author's main purpose is to …")
    _options(b, ["argue", "inform", "persuade", "entertain"], "B")
    b.p("[<br>]")
    b.p("(<2>) The passage is organised as …")
    _options(b, ["a list", "a comparison", "a description", "a story"], "C")
    b.p("[<br>]")
    b.p("[</sg>]")
    b.p("Câu 3. Một câu hỏi riêng?")
    _options(b, ["x", "y"], "A")
    r = read(b)
    assert not r.problems, messages(r)
    (g,) = r.groups
    q1, q2, q3 = r.questions
    stimulus = plain_text(g.stimulus)
    assert "Questions (1) – (2) refer" in stimulus and "forest fires" in stimulus
    assert g.title == "Questions (1) – (2) refer to the following passage."
    assert "Câu 1 trong đoạn văn" in stimulus and "[<" not in g.stimulus
    assert [q.group for q in (q1, q2, q3)] == [g.key, g.key, ""]
    assert plain_text(q1.stem).strip() == "The author's main purpose is to …"
    assert [key(q) for q in (q1, q2, q3)] == [["B"], ["C"], ["A"]]
    assert all(q.qtype == QType.SINGLE_CHOICE for q in r.questions)


def test_sg_cloze_passage_gives_one_question_per_gap():
    b = DocBuilder()
    b.p("[<sg>]")
    b.p("We live in a global village, but this {<1>} ______ mean that we all {<2>} ______ alike.")
    b.p("[<egc>]")
    b.p("(<1>)")
    _options(b, ["doesn't", "didn't", "don't", "isn't"], "A")
    b.p("[<br>]")
    b.p("(<2>)")
    _options(b, ["behave", "behaves", "behaving", "behaved"], "A")
    b.p("[<br>]")
    b.p("[</sg>]")
    r = read(b)
    assert not r.problems, messages(r)
    (g,) = r.groups
    q1, q2 = r.questions
    assert "this (1) ______ mean" in plain_text(g.stimulus)
    assert [plain_text(q.stem) for q in (q1, q2)] == ["Chỗ trống (1)", "Chỗ trống (2)"]
    assert [q.group for q in (q1, q2)] == [g.key, g.key]
    assert texts(q1) == ["doesn't", "didn't", "don't", "isn't"] and key(q2) == ["A"]


def test_questions_without_cau_n_are_separated_by_br():
    b = DocBuilder()
    b.p("Thủ đô của Việt Nam là")
    _options(b, ["Huế", "Hà Nội", "Đà Nẵng", "Vinh"], "B")
    b.p("[<br>]")
    b.p("Kết quả của 2 + 2 là")
    b.p("A. 3\t", run("B", color="FF0000"), ". 4\tC. 5\tD. 6")
    b.p("Lời giải: 2 + 2 = 4.")
    b.p("[<br>]")
    b.p("[<sg>]")
    b.p("Cho hàm số y = 2x + 1.")
    b.p("[<egc>]")
    b.p("Hệ số góc của đường thẳng là")
    _options(b, ["1", "2"], "B")
    b.p("[<br>]")
    b.p("[</sg>]")
    b.p("Câu hỏi sau nhóm, cũng không đánh số?")
    _options(b, ["có", "không"], "A")
    b.p("[<br>]")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2, q3, q4 = r.questions
    assert [q.ref for q in r.questions] == ["Câu 1", "Câu 2", "Câu 3", "Câu 4"]
    assert plain_text(q1.stem).strip() == "Thủ đô của Việt Nam là"
    assert [key(q) for q in r.questions] == [["B"], ["B"], ["B"], ["A"]]
    assert "2 + 2 = 4" in plain_text(q2.solution) and "Lời giải" not in q2.stem
    (g,) = r.groups
    assert q3.group == g.key and q4.group == "" and "y = 2x + 1" in plain_text(g.stimulus)


def test_g0_group_markers_read_like_sg():
    b = DocBuilder()
    b.p("[<g0>] Dùng đoạn thông tin sau cho hai câu tiếp theo.")
    b.p("Một vật rơi tự do từ độ cao 20 m.")
    b.p("[<egc>]")
    b.p("Câu 1. Thời gian rơi là")
    _options(b, ["1 s", "2 s"], "B")
    b.p("Câu 2. Vận tốc chạm đất là")
    _options(b, ["10 m/s", "20 m/s"], "B")
    b.p("[</g0>]")
    b.p("Câu 3. Câu ngoài nhóm")
    _options(b, ["x", "y"], "A")
    r = read(b)
    assert not r.problems, messages(r)
    (g,) = r.groups
    assert [q.group for q in r.questions] == [g.key, g.key, ""]
    stimulus = plain_text(g.stimulus)
    assert "Dùng đoạn thông tin sau" in stimulus and "rơi tự do" in stimulus
    assert g.title == "Dùng đoạn thông tin sau cho hai câu tiếp theo."


def test_an_unmarked_mcmix_question_is_reported_not_an_essay():
    b = DocBuilder()
    b.p("Câu hỏi không có đáp án")
    b.p("A. một\tB. hai\tC. ba\tD. bốn")
    b.p("[<br>]")
    r = read(b)
    assert not r.questions
    (p,) = r.errors
    assert p.where == "Câu 1" and "không có đáp án đúng" in p.message


def test_a_line_between_br_and_the_next_cau_n_is_not_a_question():
    b = DocBuilder()
    b.p("Câu 1. Hỏi một?")
    _options(b, ["x", "y"], "A")
    b.p("[<br>]")
    b.p("Thí sinh trả lời các câu tiếp theo trong 10 phút.")
    b.p("Câu 2. Hỏi hai?")
    _options(b, ["x", "y"], "B")
    b.p("[<br>]")
    r = read(b)
    assert not r.problems, messages(r)
    assert [q.ref for q in r.questions] == ["Câu 1", "Câu 2"]
    assert all(q.qtype == QType.SINGLE_CHOICE for q in r.questions)


def test_an_unnumbered_essay_ended_by_br_is_kept():
    b = DocBuilder()
    b.p("Trình bày ý nghĩa của chiến thắng Điện Biên Phủ.")
    b.p("Hướng dẫn chấm: nêu được ba ý.")
    b.p("[<br>]")
    r = read(b)
    assert not r.problems, messages(r)
    (q,) = r.questions
    assert q.qtype == QType.ESSAY and "ba ý" in plain_text(q.marking_guide)


def test_title_lines_before_a_first_unnumbered_question_are_flagged():
    b = DocBuilder()
    b.p(run("ĐỀ KIỂM TRA 15 PHÚT", b=True))
    b.p("Thủ đô của Việt Nam là")
    _options(b, ["Huế", "Hà Nội"], "B")
    b.p("[<br>]")
    b.p("Thủ đô của Lào là")
    _options(b, ["Viêng Chăn", "Luông Pha Bang"], "A")
    b.p("[<br>]")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2 = r.questions
    assert "ĐỀ KIỂM TRA" in plain_text(q1.stem)
    assert q1.needs_review == [FIRST_REVIEW] and not q2.needs_review


def test_a_group_without_egc_is_reported():
    b = DocBuilder()
    b.p("[<sg>]")
    b.p("Đoạn văn chung.")
    b.p("(<1>) Câu hỏi bị nuốt vào nội dung chung")
    _options(b, ["x", "y"], "A")
    b.p("[</sg>]")
    b.p("Câu 2. Câu sau nhóm")
    _options(b, ["x", "y"], "B")
    r = read(b)
    assert [q.ref for q in r.questions] == ["Câu 2"]
    assert [(p.where, p.message) for p in r.errors] == [("Nhóm 1", NO_EGC)]
