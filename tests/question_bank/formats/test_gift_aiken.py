"""GIFT and Aiken import: Moodle's fixtures and Vietnamese samples."""

import unicodedata

import pytest

from question_bank.formats import aiken
from question_bank.formats import gift as gift_format
from question_bank.formats.base import ImportRejected, QType, validate_question

from .fixtures import fixture_path


def nfd(text: str) -> bytes:
    """Text as a Mac/older Word would save it: decomposed diacritics."""
    return unicodedata.normalize("NFD", text).encode()


# --- GIFT -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gift():
    return gift_format.parse(
        fixture_path("moodle", "questions.gift.txt").read_bytes(), filename="questions.gift.txt"
    )


def test_gift_fixture_counts(gift):
    assert gift.format == "gift"
    assert gift.errors == [] and gift.warnings == []
    assert gift.counts_by_type() == {
        "essay": 1,  # Q8 "How are you? {}"
        "matching": 1,  # "Moodle activities": four "=… -> …" pairs plus the distractor "= -> Chat"
        "single_choice": 1,  # Q2: one "=yellow" and two "~" answers
        "multiple_response": 1,  # "colours": only "~%…%" answers, no "=" → several right answers
        "short_numeric": 1,  # Q5 "{#3:2~#Completely wrong}"
        "short_text": 1,  # "Shortanswer": only "=" answers (Frog, %50%Cat; %0%* is dropped)
        "true_false": 3,  # Q1 {FALSE#…#…####…}, "2-08 TSL" {T} and "2-08 TSL" {TRUE}
    }
    assert [q.ref for q in gift.questions] == [
        "Dòng 2 (“Q8”)",
        "Dòng 5 (“Moodle activities”)",
        "Dòng 14 (“Q2”)",
        "Dòng 22 (“colours”)",
        "Dòng 31 (“Q5”)",
        "Dòng 34 (“Shortanswer”)",
        "Dòng 41 (“Q1”)",
        "Dòng 46 (“2-08 TSL”)",
        "Dòng 49 (“2-08 TSL”)",
    ]
    for q in gift.questions:
        assert validate_question(q) == [], q.ref


def test_gift_fixture_keys(gift):
    by_name = {q.name: q for q in gift.questions}
    colours = by_name["colours"]
    assert colours.qtype == QType.MULTIPLE_RESPONSE
    assert [(c.text, c.correct, c.fraction) for c in colours.choices] == [
        ("yellow", True, 0.5),
        ("red", False, -1.0),
        ("off-beige", True, 0.5),
        ("blue", False, -1.0),
    ]
    assert colours.choices[0].feedback == "right; good!"

    q2 = by_name["Q2"]
    assert [(c.text, c.correct) for c in q2.choices] == [
        ("yellow", True),
        ("red", False),
        ("blue", False),
    ]
    assert q2.choices[1].feedback == "wrong, it's yellow"

    q5 = by_name["Q5"]
    assert (q5.qtype, q5.numeric_answer, q5.tolerance) == (QType.SHORT_NUMERIC, "3", 2.0)
    # The stray '";' after the block is kept where Moodle puts it, after a "_____" gap.
    assert q5.stem == 'What is a number from 1 to 5? _____";'

    matching = by_name["Moodle activities"]
    assert matching.stem == "Match the <b>activity</b> to the description."
    assert [(c.text, c.match) for c in matching.choices] == [
        ("An activity supporting asynchronous discussions.", "Forum"),
        ("A teacher asks a question and specifies a choice of multiple responses.", "Choice"),
        ("A bank of record entries which participants can add to.", "Database"),
        ("<p>A collection of web pages that anyone can add to or edit.</p>", "Wiki"),  # [markdown]
        ("", "Chat"),  # distractor
    ]

    short = by_name["Shortanswer"]
    assert [(c.text, c.correct, c.fraction, c.feedback) for c in short.choices] == [
        ("Frog", True, 1.0, "Good!"),
        ("Cat", True, 0.5, "What is it with Moodlers and cats?"),
    ]  # "=%0%*#Completely wrong" is a catch-all, not an accepted answer

    q1 = by_name["Q1"]
    assert q1.qtype == QType.TRUE_FALSE and len(q1.choices) == 1
    assert q1.choices[0].correct is False and q1.choices[0].text == ""
    assert "42 is the Ultimate Answer." in q1.choices[0].feedback
    assert "You gave the right answer." in q1.choices[0].feedback
    assert q1.general_feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert [q.choices[0].correct for q in gift.questions if q.name == "2-08 TSL"] == [True, True]
    assert by_name["Q8"].qtype == QType.ESSAY and by_name["Q8"].stem == "How are you?"


GIFT_VI = """\
// Đề ôn tập địa lí
$CATEGORY: $course$/top/Địa lí/Lớp 10

// [tag:địa lí] [tag:hoclieu:level:biet] [id:DL-01]
::Thủ đô::Thủ đô của Việt Nam là {=Hà Nội#Chính xác ~Huế ~Đà Nẵng}.

::Sông::Sông {=Hồng ~Mê Kông} chảy qua Hà Nội.

::Điền::Thành phố {=Hồ Chí Minh =TP HCM} là thành phố lớn nhất.

::Số pi::[html]<p>Giá trị gần đúng của \\(\\pi\\) là</p>{#3.14:0.01}

::Khoảng::Chọn một số từ 1 đến 5{#1..5}

::Thoát\\: kí tự::Tính 2 \\= 1 + 1 \\{luôn\\} \\~ đúng \\#1{T}

::Nhiều::Số nguyên tố?
{
  ~%50%2
  ~%50%3

  ~%-100%4
}

::Tiêu đề::Chỉ là lời giới thiệu, không có phần đáp án.

::Thiếu::Câu này thiếu dấu đóng {=a ~b

::Sai::Không có đáp án đúng {~a ~b}

::Tự luận::[markdown]Trình bày **ý kiến**.\\n\\nĐoạn thứ hai.{
####[html]<p>Gợi ý: nêu 3 ý.</p>}
"""


def test_gift_vietnamese_sample():
    result = gift_format.parse(b"\xef\xbb\xbf" + nfd(GIFT_VI), filename="dia-li.gift")
    by_name = {q.name: q for q in result.questions}
    assert list(by_name) == [
        "Thủ đô", "Sông", "Điền", "Số pi", "Khoảng", "Thoát: kí tự", "Nhiều", "Tự luận",
    ]  # fmt: skip
    for q in result.questions:
        assert q.category == ["Địa lí", "Lớp 10"]
        assert unicodedata.is_normalized("NFC", q.stem)
        assert validate_question(q) == [], q.name

    capital = by_name["Thủ đô"]
    assert capital.qtype == QType.SINGLE_CHOICE
    assert capital.stem == "Thủ đô của Việt Nam là _____."  # closing punctuation only: Moodle's gap
    assert capital.choices[0].text == "Hà Nội" and capital.choices[0].feedback == "Chính xác"
    assert capital.tags == ["địa lí"] and capital.level == "biet" and capital.source_id == "DL-01"

    river = by_name["Sông"]
    assert river.qtype == QType.CLOZE and river.stem == "Sông {{1}} chảy qua Hà Nội."
    (blank,) = river.blanks
    assert blank.kind == "choice" and [(a.text, a.correct) for a in blank.answers] == [
        ("Hồng", True),
        ("Mê Kông", False),
    ]
    fill = by_name["Điền"]
    assert fill.qtype == QType.CLOZE and fill.blanks[0].kind == "text"
    assert [a.text for a in fill.blanks[0].answers] == ["Hồ Chí Minh", "TP HCM"]

    pi = by_name["Số pi"]
    assert pi.stem == r"<p>Giá trị gần đúng của \(\pi\) là</p>"
    assert (pi.numeric_answer, pi.tolerance) == ("3,14", 0.01)
    assert (by_name["Khoảng"].numeric_answer, by_name["Khoảng"].tolerance) == ("3", 2.0)

    escaped = by_name["Thoát: kí tự"]
    assert escaped.qtype == QType.TRUE_FALSE
    assert escaped.stem == "Tính 2 = 1 + 1 {luôn} ~ đúng #1"

    several = by_name["Nhiều"]  # a blank line inside the braces does not split the question
    assert several.qtype == QType.MULTIPLE_RESPONSE and len(several.choices) == 3

    essay = by_name["Tự luận"]
    assert essay.qtype == QType.ESSAY
    assert essay.stem == "<p>Trình bày **ý kiến**.</p><p>Đoạn thứ hai.</p>"
    assert essay.general_feedback == "<p>Gợi ý: nêu 3 ý.</p>"

    assert [str(p) for p in result.warnings] == [
        "Dòng 25 (“Tiêu đề”): bỏ qua mục mô tả (description), không phải câu hỏi"
    ]
    errors = {p.where: p.message for p in result.errors}
    assert errors == {
        "Dòng 27 (“Thiếu”)": "thiếu dấu “}” đóng phần đáp án",
        "Dòng 29 (“Sai”)": "tổng điểm các phương án đúng là 0%, phải bằng 100%; "
        "không có đáp án đúng được đánh dấu",
    }


def test_gift_backslashes_and_latex():
    # Hand-written LaTeX keeps its single backslashes; Moodle's export doubles them.
    data = (
        "::Viết tay::Tính \\(\\frac\\{1\\}\\{2\\} \\neq 1\\) {T}\n\n"
        "::Từ Moodle::Tính \\\\(x^2\\\\) {T}\n\n"
        "::Xuống dòng::Dòng một\\nDòng hai {T}\n"
    )
    by_name = {
        q.name: q.stem for q in gift_format.parse(data.encode(), filename="cau-hoi.gift").questions
    }
    assert by_name == {
        "Viết tay": r"Tính \(\frac{1}{2} \neq 1\)",
        "Từ Moodle": r"Tính \(x^2\)",
        "Xuống dòng": "Dòng một<br>Dòng hai",
    }


def test_gift_must_be_utf8():
    with pytest.raises(ImportRejected, match="tệp GIFT phải được lưu với mã hoá UTF-8"):
        gift_format.parse("Thủ đô {=Hà Nội ~Huế}".encode("utf-16"), filename="cau-hoi.gift")


def test_gift_crlf_and_windows_line_ends():
    result = gift_format.parse(
        b"::A::Hai c\xe1\xba\xa7u {T}\r\n\r\n::B::1 + 1 = {#2}\r\n", filename="cau-hoi.gift"
    )
    assert [(q.ref, q.qtype) for q in result.questions] == [
        ("Dòng 1 (“A”)", QType.TRUE_FALSE),
        ("Dòng 3 (“B”)", QType.SHORT_NUMERIC),
    ]


# --- Aiken ----------------------------------------------------------------------------------------


def test_aiken_fixture():
    result = aiken.parse(
        fixture_path("moodle", "questions.aiken.txt").read_bytes(), filename="questions.aiken.txt"
    )
    assert result.format == "aiken" and result.problems == []
    assert result.counts_by_type() == {"single_choice": 2}
    first, second = result.questions
    assert first.ref == "Dòng 1" and first.stem == "The Moodle project was started by:"
    assert [c.ident for c in first.choices] == ["A", "B", "C", "D"]
    assert [c.text for c in first.correct_choices] == ["Martin Dougiamas"]
    assert second.ref == "Dòng 8"
    # Plain text: markup in an Aiken question is shown, not interpreted.
    assert '&lt;html class="cool"&gt; &amp; images:' in second.stem
    assert [c.text for c in second.correct_choices] == ["True"]


def test_aiken_errors_fixture():
    result = aiken.parse(
        fixture_path("moodle", "aiken_errors.txt").read_bytes(), filename="aiken_errors.txt"
    )
    assert [q.stem for q in result.questions] == ["A good question", "A second good question"]
    assert [q.ref for q in result.questions] == ["Dòng 9", "Dòng 18"]
    assert [c.text for c in result.questions[1].correct_choices] == ["Correct (No space)"]
    assert result.warnings == []
    errors = result.errors
    assert [e.where for e in errors] == ["Dòng 1", "Dòng 5", "Dòng 14"]
    assert errors[0].message == "cần ít nhất 2 phương án, chỉ có 1"
    assert (
        "ANSWER “Question not started” không phải là chữ cái của một phương án" in errors[1].message
    )
    assert "thiếu nội dung câu hỏi" in errors[1].message
    assert errors[2].message == "thiếu dòng ANSWER"


AIKEN_VI = """\
Thủ đô của Việt Nam là
thành phố nào?
A. Huế
B. Hà Nội
C) Đà Nẵng
ANSWER: B

Câu hỏi không có phương án
ANSWER: A

Câu hỏi sai chữ cái
A. Một
B. Hai
ANSWER: E
ANSWER: A
"""


def test_aiken_vietnamese_sample():
    result = aiken.parse(b"\xef\xbb\xbf" + nfd(AIKEN_VI), filename="cau-hoi.txt")
    (q,) = result.questions
    assert q.stem == "Thủ đô của Việt Nam là<br>thành phố nào?"
    assert unicodedata.is_normalized("NFC", q.stem)
    assert [(c.text, c.correct) for c in q.choices] == [
        ("Huế", False),
        ("Hà Nội", True),
        ("Đà Nẵng", False),
    ]
    assert [str(p) for p in result.errors] == [
        "Dòng 8: câu hỏi không có phương án nào; ANSWER “A” không phải là chữ cái của một phương án",
        "Dòng 11: ANSWER “E” không phải là chữ cái của một phương án",
        "Dòng 15: dòng ANSWER không thuộc câu hỏi nào",
    ]


def test_aiken_must_be_utf8():
    with pytest.raises(ImportRejected, match="UTF-8"):
        aiken.parse(
            b"C\xe2u h\xf3i\nA. a\nB. b\nANSWER: A", filename="cau-hoi.txt"
        )  # Windows-1252 bytes
