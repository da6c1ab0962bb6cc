"""Conventions of the mixing tools in Word files, each on a .docx built here with python-docx.

Sources followed: HC-MIX's own documentation (hoanchan.github.io/projects/hc-mix: "Biên soạn
câu hỏi" for ``[<Ans=…>]`` and the key marks, "Câu con" for ``Con k``); the ``[<$>]`` option
marker as a Word generator writes it (no tool documents it); the 2025 English paper for
passages with numbered gaps and error identification.
"""

import re

from question_bank.formats.base import QType
from question_bank.formats.docx import parse
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


# -- HC-MIX [<Ans=…>] --------------------------------------------------------------------------


def test_hcmix_ans_line_gives_the_key_and_giai_thich_the_solution():
    b = DocBuilder()
    b.p("Câu 1: Con vật nào sau đây có cánh?")
    for t in ("A. Bò.", "B. Ngựa.", "C. Dơi.", "D. Gấu."):
        b.p(t)
    b.p("[<Ans=C>]")
    b.p("Giải thích: Chỉ có mình Dơi là bay được")
    r = read(b)
    assert not r.problems
    (q,) = r.questions
    assert q.qtype == QType.SINGLE_CHOICE
    assert key(q) == ["C"]
    assert "Dơi là bay" in plain_text(q.solution)
    assert "Ans" not in q.stem + "".join(c.text for c in q.choices)


def test_hcmix_several_ans_lines_make_a_multiple_response():
    b = DocBuilder()
    b.p("Câu 1: Loài động vật nào dưới đây thuộc họ chim?")
    for t in ("A. Rùa.", "B. Dơi.", "C. Quạ.", "D. Công.", "E. Bướm.", "F. Gà."):
        b.p(t)
    b.p("[<Ans=C  ,   D>]")
    b.p("[<Ans=   F>]")
    (q,) = read(b).questions
    assert q.qtype == QType.MULTIPLE_RESPONSE
    assert key(q) == ["C", "D", "F"]


def test_hcmix_ans_order_text_and_true_false():
    b = DocBuilder()
    b.p("Câu 1: Sắp xếp từ bé đến lớn?")
    for t in ("A. Voi.", "B. Ngựa.", "C. Gà."):
        b.p(t)
    b.p("[<Ans=c-b-a>]")
    b.p("Câu 2: Trái đất hình tròn đúng hay sai?")
    b.p("[<Ans=Sai>]")
    b.p("Câu 3: Con nào giống với con mèo nhất?")
    b.p("[<Ans=Mèo con>]")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2, q3 = r.questions
    assert q1.qtype == QType.ORDERING and texts(q1) == ["Gà.", "Ngựa.", "Voi."]
    assert q2.qtype == QType.TRUE_FALSE and [c.correct for c in q2.choices] == [False]
    assert q3.qtype == QType.SHORT_TEXT and texts(q3) == ["Mèo con"]


def test_an_ans_line_that_is_not_understood_is_reported_not_saved_as_essay():
    b = DocBuilder()
    b.p("Câu 1: Ghép nối đặc điểm với con vật?")
    for t in ("A. Người.", "B. Chim."):
        b.p(t)
    b.p("[<Ans=1-A,2-B>]")
    r = read(b)
    assert not r.questions
    (p,) = r.errors
    assert p.where == "Câu 1" and "[<Ans=1-A,2-B>]" in p.message and "ghép nối" in p.message


def test_hcmix_child_question_is_its_own_question_named_after_its_parent():
    b = DocBuilder()
    b.p("Câu 1. 1 + 1 bằng?")
    b.p("A. 1\tB. 2\tC. 3\tD. 4")
    b.p("[<Ans=B>]")
    b.p("Con 1: 2 + 2 bằng?")
    b.p("A. 4\tB. 2\tC. 3\tD. 5")
    b.p("[<Ans=A>]")
    b.p("Câu 2. 3 + 3 bằng?")
    b.p("A. 6\tB. 2\tC. 3\tD. 5")
    b.p("[<Ans=A>]")
    r = read(b)
    assert not r.errors
    refs = [q.ref for q in r.questions]
    assert refs == ["Câu 1", "Câu 1 — câu con 1", "Câu 2"]
    assert key(r.questions[1]) == ["A"]
    assert any("câu con" in n for n in r.questions[1].needs_review)


def test_dollar_option_markers_and_br_separators():
    b = DocBuilder()
    b.p("Câu 1 [<NB>]: Thủ đô của Việt Nam?")
    b.p("[<$>] Huế")
    b.p("[<$>] ", run("Hà Nội", color="FF0000"))
    b.p("[<$>] Đà Nẵng")
    b.p("[<br>]")
    b.p("Câu 2: 2 + 2?")
    b.p("[<$>] ", run("4", color="FF0000"))
    b.p("[<$>] 5")
    r = read(b)
    assert not r.problems, messages(r)
    q1, q2 = r.questions
    assert texts(q1) == ["Huế", "Hà Nội", "Đà Nẵng"] and key(q1) == ["B"]
    assert key(q2) == ["A"]
    assert "br" not in plain_text(q1.choices[2].text)


# -- key marks -----------------------------------------------------------------------------------


def test_blue_key_is_read_where_nothing_is_red_or_underlined():
    b = DocBuilder()
    b.p("Câu 1. Chọn từ đúng.")
    b.p("A. one", "\t", run("B", color="0070C0"), ". two", "\tC. three\tD. four")
    (q,) = read(b).questions
    assert q.qtype == QType.SINGLE_CHOICE and key(q) == ["B"]


def test_blue_text_in_an_option_with_a_red_key_elsewhere_is_not_a_key():
    b = DocBuilder()
    b.p("Câu 1. Chọn.")
    b.p(run("A", color="FF0000"), ". one")
    b.p(run("B. two", color="0000FF"))
    b.p("C. three")
    (q,) = read(b).questions
    assert key(q) == ["A"]


def test_underlined_letter_and_whole_underlined_option():
    b = DocBuilder()
    b.p("Câu 1. Một?")
    b.p("A. x", "\t", run("B", u=True), ". y\tC. z\tD. t")
    b.p("Câu 2. Hai?")
    b.p("A. x")
    b.p(run("B. cả câu gạch chân", u=True))
    b.p("C. z")
    q1, q2 = read(b).questions
    assert key(q1) == ["B"] and key(q2) == ["B"]
    assert "<u>" not in q2.choices[1].text


def test_a_red_a_and_an_underlined_c_are_flagged_not_multiple_response():
    b = DocBuilder()
    b.p("Câu 1. Chọn một.")
    b.p(run("A", color="FF0000"), ". một")
    b.p("B. hai")
    b.p(run("C", u=True), ". ba")
    b.p("D. bốn")
    r = read(b)
    assert not r.questions
    (p,) = r.errors
    assert p.where == "Câu 1" and "khác nhau" in p.message and "A: tô đỏ" in p.message


# -- options on the "Câu N." line -------------------------------------------------------------


def test_options_on_the_question_line():
    b = DocBuilder()
    b.p("Câu 3. Tính 1 + 2. A. 1 B. 2 ", run("C", u=True), ". 3 D. 4")
    b.p("Câu 4. Cho điểm A. Điểm nào? A. M\t", run("B", u=True), ". N")
    r = read(b)
    assert not r.errors, messages(r)
    q3, q4 = r.questions
    assert plain_text(q3.stem).strip() == "Tính 1 + 2."
    assert texts(q3) == ["1", "2", "3", "4"] and key(q3) == ["C"]
    assert plain_text(q4.stem).strip() == "Cho điểm A. Điểm nào?"
    assert texts(q4) == ["M", "N"] and key(q4) == ["B"]


def test_points_named_a_b_c_in_a_stem_are_not_options():
    b = DocBuilder()
    b.p("Câu 1. Cho tam giác có các đỉnh A. B. C. Chọn câu đúng.")
    b.p(run("A", u=True), ". đều\tB. vuông")
    (q,) = read(b).questions
    assert "đỉnh A. B. C." in plain_text(q.stem)
    assert texts(q) == ["đều", "vuông"] and key(q) == ["A"]


def test_a_choice_item_that_cannot_be_split_is_flagged_not_an_essay():
    b = DocBuilder()
    b.p("Câu 1. Tính 1 + 2")
    b.p("Các lựa chọn: A.1 hoặc B.2 hoặc C.3")
    r = read(b)
    assert not r.questions
    assert "không tách được" in r.errors[0].message


# -- sub-questions ---------------------------------------------------------------------------


def test_cau_n_m_sub_questions_share_the_stem_of_cau_n():
    b = DocBuilder()
    b.p("Câu 5. Cho hàm số y = x². Trả lời các câu sau.")
    b.p("Câu 5.1. Hàm số đồng biến trên?")
    b.p(run("A", u=True), ". (0; +∞)\tB. ℝ")
    b.p("Câu 5.2. Giá trị nhỏ nhất?")
    b.p("A. 1\t", run("B", u=True), ". 0")
    b.p("Câu 6. Câu thường?")
    b.p(run("A", u=True), ". x\tB. y")
    r = read(b)
    assert not r.problems, messages(r)
    refs = [q.ref for q in r.questions]
    assert refs == ["Câu 5.1", "Câu 5.2", "Câu 6"]
    (g,) = r.groups
    assert "y = x²" in plain_text(g.stimulus)
    assert [q.group for q in r.questions] == [g.key, g.key, ""]
    assert key(r.questions[1]) == ["B"]


def test_con_k_under_a_bare_stem_are_its_sub_questions():
    b = DocBuilder()
    b.p("Câu 7. Cho đoạn thông tin: một vật rơi tự do từ độ cao 45 m, g = 10 m/s².")
    b.p("Con 1: Thời gian rơi là")
    b.p("A. 2 s\t", run("B", u=True), ". 3 s")
    b.p("Con 2: Vận tốc chạm đất là")
    b.p(run("A", color="FF0000"), ". 30 m/s\tB. 45 m/s")
    b.p("Câu 8. Câu thường, rồi một câu con HC-MIX thay thế nó.")
    b.p(run("A", u=True), ". x\tB. y")
    b.p("Con 1: Câu thay thế.")
    b.p("A. x\t", run("B", u=True), ". y")
    r = read(b)
    assert not r.errors, messages(r)
    refs = [q.ref for q in r.questions]
    assert refs == ["Câu 7, con 1", "Câu 7, con 2", "Câu 8", "Câu 8 — câu con 1"]
    (g,) = r.groups
    assert "rơi tự do từ độ cao 45 m" in plain_text(g.stimulus)
    assert [q.group for q in r.questions] == [g.key, g.key, "", ""]
    assert [key(q) for q in r.questions] == [["B"], ["A"], ["A"], ["B"]]
    assert not r.questions[0].needs_review and r.questions[3].needs_review


# -- Đúng/Sai --------------------------------------------------------------------------------


def test_true_false_statements_with_key_line_and_tf_marker():
    b = DocBuilder()
    b.p("Câu 1 [TF]. Xét các mệnh đề:")
    for t in ("a) 2 là số chẵn", "b) 3 là số chẵn", "c) 5 là số nguyên tố", "d) 9 là số nguyên tố"):
        b.p(t)
    b.p("Đáp án: a) Đ, b) S, c) Đ, d) S")
    b.p("Câu 2. [TF] Mệnh đề đánh dấu:")
    b.p(run("a) đúng", color="0000FF"))
    b.p("b) sai")
    r = read(b)
    assert not r.errors, messages(r)
    q1, q2 = r.questions
    assert q1.qtype == QType.TRUE_FALSE
    assert [c.correct for c in q1.choices] == [True, False, True, False]
    assert q2.qtype == QType.TRUE_FALSE and [c.correct for c in q2.choices] == [True, False]


# -- English paper: error identification and cloze passages -------------------------------------


def test_error_identification_letters_under_the_sentence():
    b = DocBuilder()
    b.p("Question 1. ", run("Many", u=True), " people ", run("has", u=True), " lived ",
        run("here", u=True), " for ", run("ten years", u=True), ".")  # fmt: skip
    b.p("A          B                C           D")
    b.p("Đáp án: B")
    r = read(b)
    assert not r.errors, messages(r)
    (q,) = r.questions
    assert q.qtype == QType.SINGLE_CHOICE
    assert texts(q) == ["Many", "has", "here", "ten years"] and key(q) == ["B"]
    assert q.keep_option_order
    assert "<u>has</u>" in q.stem


def test_error_identification_with_labels_in_the_sentence_and_answer_table():
    b = DocBuilder()
    b.p("Question 1. She ", run("go", u=True), " (A) to school ", run("every", u=True),
        " (B) day ", run("by", u=True), " (C) ", run("bus", u=True), " (D).")  # fmt: skip
    b.p("Question 2. Pick one. A. x\tB. y")
    b.p("1-A 2-B")
    r = read(b)
    assert not r.errors, messages(r)
    q1, q2 = r.questions
    assert texts(q1) == ["go", "every", "by", "bus"] and key(q1) == ["A"]
    assert key(q2) == ["B"]


def test_error_identification_without_key_is_reported():
    b = DocBuilder()
    b.p("Question 1. ", run("He", u=True), " ", run("don't", u=True), " like ",
        run("the", u=True), " ", run("apples", u=True), ".")  # fmt: skip
    b.p("A B C D")
    r = read(b)
    assert not r.questions
    assert r.errors[0].message == "không có đáp án đúng được đánh dấu"


def test_cloze_passage_with_numbered_gaps_becomes_a_group_of_single_choice_items():
    b = DocBuilder()
    b.p(
        "Read the following passage and mark the letter A, B, C or D to indicate the "
        "correct option that best fits each of the numbered blanks from 1 to 3."
    )
    b.p("My town is (1) ______ and quiet. People (2) ______ friendly. We (3) ______ it.")
    b.p("Question 1. A. small\tB. smaller\tC. smallest\tD. smally")
    b.p("Question 2. ", run("A", u=True), ". are\tB. is\tC. be\tD. being")
    b.p("Question 3. A. loves\tB. loving\tC. love\tD. loved")
    b.p(
        "Mark the letter A, B, C or D to indicate the correct answer to each of the "
        "following questions."
    )
    b.p("Question 4. Pick. A. x\tB. y")
    b.p("1-A 3-C 4-B")
    r = read(b)
    assert not r.errors, messages(r)
    q1, q2, q3, q4 = r.questions
    (g,) = r.groups
    assert "(1) ______" in plain_text(g.stimulus)
    assert [q.group for q in (q1, q2, q3)] == [g.key] * 3 and q4.group == ""
    assert plain_text(q1.stem) == "Chỗ trống (1)"
    assert [key(q) for q in (q1, q2, q3, q4)] == [["A"], ["A"], ["C"], ["B"]]
    assert all(q.qtype == QType.SINGLE_CHOICE for q in r.questions)


# -- a file with unmarked questions, restarted numbering ------------------------------------------


def test_unmarked_questions_are_listed_and_the_others_are_read():
    b = DocBuilder()
    for n in range(1, 9):
        b.p(f"Câu {n}. Câu hỏi số {n}?")
        if n in (3, 7):
            b.p("A. x\tB. y\tC. z\tD. t")
        else:
            b.p("A. x\t", run("B", u=True), ". y\tC. z\tD. t")
    r = read(b)
    assert len(r.questions) == 6
    assert [p.where for p in r.errors] == ["Câu 3", "Câu 7"]
    assert all("không có đáp án đúng" in p.message for p in r.errors)


def test_restarted_numbering_names_every_question_unambiguously():
    b = DocBuilder()
    for _part in range(2):
        for n in (1, 2):
            b.p(f"Câu {n}. Hỏi?")
            b.p("A. x\tB. y")  # no key: every question is reported
    r = read(b)
    wheres = [p.where for p in r.errors]
    assert len(set(wheres)) == 4
    assert wheres[0] == "Câu 1 (lần đánh số thứ 1, câu thứ 1 trong tệp)"
    assert wheres[2] == "Câu 1 (lần đánh số thứ 2, câu thứ 3 trong tệp)"


def test_no_item_with_options_and_a_marked_key_becomes_an_essay():
    b = DocBuilder()
    b.p("Câu 1. Tính. A. 1 B. ", run("2", color="FF0000"), " C. 3 D. 4")
    b.p("Câu 2. Chọn.")
    b.p("[<$>] một")
    b.p("[<$>] ", run("hai", u=True))
    r = read(b)
    for q in r.questions:
        assert q.qtype != QType.ESSAY
    assert not any(re.search(r"\bA\.\s", plain_text(q.stem)) for q in r.questions)


def test_no_essay_in_the_shared_test_files_hides_options_or_a_key():
    from tests.question_bank.formats.docx_builder import error_exam, error_exam_2025, exam_2025

    options = re.compile(r"(?<!\S)A\s*[.)].+?(?<!\S)B\s*[.)].+?(?<!\S)C\s*[.)]", re.S)
    for data in (exam_2025(), error_exam(), error_exam_2025()):
        for q in parse(data, filename="de.docx").questions:
            if q.qtype == QType.ESSAY:
                text = plain_text(q.stem)
                assert not options.search(text) and "[<Ans" not in text, q.ref
