"""Moodle XML import/export: Moodle's own fixtures, hand-written edge cases, round trips."""

import base64
import copy
import time
import urllib.parse

import pytest
from lxml import etree

from question_bank.formats import moodle_xml
from question_bank.formats.base import (
    Blank,
    Choice,
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    QType,
    validate_question,
)
from question_bank.formats.moodle_xml.shared import split_category_path

from .fixtures import fixture_path

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
GIF = b"GIF89a" + bytes(range(200, 256))


def quiz(*questions: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>"
    ).encode()


def question(qtype: str, body: str, name: str = "Q", text: str = "<p>Đề bài</p>") -> str:
    return (
        f'<question type="{qtype}"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext>'
        f"{body}</question>"
    )


# --- Moodle's fixtures --------------------------------------------------------------------------


def test_nested_categories_fixture():
    result = moodle_xml.parse(
        fixture_path("moodle", "nested_categories_with_questions.xml").read_bytes(),
        filename="nested_categories_with_questions.xml",
    )
    assert result.format == "moodle_xml"
    assert result.problems == []
    # 1 essay ("Kappa Essay Question") + 4 truefalse (Iota, Kappa, Lambda, Mu).
    assert result.counts_by_type() == {"true_false": 4, "essay": 1}
    by_name = {q.name: q for q in result.questions}
    assert {name: q.category for name, q in by_name.items()} == {
        "Iota Question": ["Iota"],
        "Kappa Essay Question": ["Iota", "Kappa"],
        "Kappa Question": ["Iota", "Kappa"],
        "Lambda Question": ["Iota", "Kappa", "Lambda"],
        "Mu Question": ["Iota", "Mu"],
    }
    iota = by_name["Iota Question"]
    assert iota.ref == "Câu 1 (“Iota Question”)"
    assert iota.stem == "<p>Testing Iota Question</p>"
    assert iota.points == 1.0
    assert len(iota.choices) == 1 and iota.choices[0].text == "" and iota.choices[0].correct
    essay = by_name["Kappa Essay Question"]
    assert essay.qtype == QType.ESSAY and essay.ref == "Câu 2 (“Kappa Essay Question”)"
    assert essay.stem == "Testing Kappa Essay Question"  # moodle_auto_format, no markup


def test_invalid_grades_fixture_is_one_error():
    result = moodle_xml.parse(
        fixture_path("moodle", "error_invalid_grades.xml").read_bytes(),
        filename="error_invalid_grades.xml",
    )
    assert result.questions == []
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.where.startswith("Câu 1 (“Question with <strong>invalid grades</strong>")
    # 33 % is not a Moodle grade, and 33 + 33.33333 + 33.33333 does not make 100 %.
    assert "33%" in error.message and "không phải là mức điểm Moodle cho phép" in error.message
    assert "tổng điểm các phương án đúng là 99,67%, phải bằng 100%" in error.message


# --- Hand-written cases ---------------------------------------------------------------------------


def test_categories_tags_and_refs():
    data = quiz(
        '<question type="category"><category><text>$course$/top/Default for Toán/Đại số//Giải tích</text>'
        '</category><info format="moodle_auto_format"><text>x</text></info><idnumber>7</idnumber></question>',
        question(
            "essay",
            "<tags><tag><text>lớp 12</text></tag><tag><text>hoclieu:level:van_dung</text></tag>"
            "<tag><text>hoclieu:part:3</text></tag><tag><text>hoclieu:keep_position</text></tag>"
            "<tag><text>hoclieu:difficulty:0.4</text></tag></tags>",
            name="Tự luận",
        ),
        '<question type="category"><category><text>$system$/Chung</text></category></question>',
        question("essay", "", name=""),
    )
    result = moodle_xml.parse(data, filename="quiz.xml")
    first, second = result.questions
    assert first.category == ["Default for Toán", "Đại số/Giải tích"]
    assert first.tags == ["lớp 12"]
    assert (first.level, first.part, first.keep_position, first.difficulty) == (
        "van_dung",
        3,
        True,
        0.4,
    )
    assert first.ref == "Câu 1 (“Tự luận”)"
    assert second.category == ["Chung"] and second.ref == "Câu 2"
    assert split_category_path("$course$/top") == []
    assert split_category_path("$module$/top/A/B") == ["A", "B"]


def test_multichoice_single_and_multiple():
    single = question(
        "multichoice",
        "<single>true</single><shuffleanswers>0</shuffleanswers>"
        '<answer fraction="100" format="html"><text>Hà Nội</text><feedback><text>Đúng rồi</text></feedback></answer>'
        '<answer fraction="50" format="html"><text>Hà Nội cũ</text></answer>'
        '<answer fraction="-33.33333" format="html"><text>Huế</text></answer>'
        '<answer fraction="0" format="html"><text></text></answer>',
        name="Một",
    )
    multiple = question(
        "multichoice",
        "<single>false</single>"
        '<answer fraction="33.33333"><text>2</text></answer>'
        '<answer fraction="33.33333"><text>3</text></answer>'
        '<answer fraction="33.33333"><text>5</text></answer>'
        '<answer fraction="-100"><text>4</text></answer>',
        name="Nhiều",
    )
    no_full = question(
        "multichoice",
        '<single>true</single><answer fraction="50"><text>a</text></answer>'
        '<answer fraction="0"><text>b</text></answer>',
        name="Thiếu 100",
    )
    result = moodle_xml.parse(quiz(single, multiple, no_full), filename="quiz.xml")
    one, many = result.questions
    assert one.qtype == QType.SINGLE_CHOICE and one.keep_option_order
    assert [(c.text, c.correct, c.fraction) for c in one.choices] == [
        ("Hà Nội", True, 1.0),
        ("Hà Nội cũ", False, 0.5),  # partial credit kept, only the 100 % answer is "correct"
        ("Huế", False, -0.3333333),
    ]
    assert one.choices[0].feedback == "Đúng rồi"
    assert many.qtype == QType.MULTIPLE_RESPONSE and not many.keep_option_order
    assert [c.correct for c in many.choices] == [True, True, True, False]
    (error,) = result.errors
    assert error.where == "Câu 3 (“Thiếu 100”)"
    assert error.message.startswith("không có phương án nào được 100% điểm (cao nhất 50%)")


def test_truefalse_feedbacks():
    data = quiz(
        question(
            "truefalse",
            '<answer fraction="0"><text>true</text><feedback><text>Sai rồi</text></feedback></answer>'
            '<answer fraction="100"><text>false</text><feedback><text>Chính xác</text></feedback></answer>',
        )
    )
    (q,) = moodle_xml.parse(data, filename="quiz.xml").questions
    assert q.qtype == QType.TRUE_FALSE
    assert q.stem == "<p>Đề bài</p>"
    (statement,) = q.choices
    assert statement.text == "" and statement.correct is False
    assert "Chính xác" in statement.feedback and "Sai rồi" in statement.feedback


def test_embedded_image_files():
    name = "hình 1.png"
    encoded = base64.b64encode(PNG).decode()
    quoted = urllib.parse.quote(name)
    data = quiz(
        '<question type="shortanswer"><name><text>Ảnh</text></name>'
        f'<questiontext format="html"><text><![CDATA[<p>Nhìn <img src="@@PLUGINFILE@@/{quoted}" alt=""></p>]]></text>'
        f'<file name="{name}" path="/" encoding="base64">{encoded}</file></questiontext>'
        '<generalfeedback format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/x.gif">]]></text>'
        f'<file name="x.gif" path="/" encoding="base64">{base64.b64encode(GIF).decode()}</file>'
        "</generalfeedback>"
        '<usecase>1</usecase><answer fraction="100"><text>Con mèo</text></answer>'
        '<answer fraction="0"><text>Con chó</text><feedback><text>Sai</text></feedback></answer>'
        '<answer fraction="0"><text>*</text><feedback><text>Sai</text></feedback></answer></question>',
        question("essay", "", name="Thiếu tệp", text='<img src="@@PLUGINFILE@@/a%20b.png">'),
        question(
            "essay",
            '<generalfeedback><text>x</text><file name="a.png" path="/" encoding="base64">@@not base64@@</file>'
            "</generalfeedback>",
            name="Base64 hỏng",
        ),
    )
    result = moodle_xml.parse(data, filename="quiz.xml")
    q = result.questions[0]
    assert q.qtype == QType.SHORT_TEXT and q.case_sensitive
    assert f'src="asset:{name}"' in q.stem
    assert q.general_feedback == '<img src="asset:x.gif">'
    assert q.assets == {name: PNG, "x.gif": GIF}
    # SHORT_TEXT keeps the accepted answers; a 0 % answer is named in a warning, "*" silently dropped.
    assert [(c.text, c.correct) for c in q.choices] == [("Con mèo", True)]
    assert [str(w) for w in result.warnings] == [
        "Câu 1 (“Ảnh”): bỏ qua đáp án 0 điểm “Con chó” (chỉ giữ các đáp án được chấp nhận)"
    ]
    assert validate_question(q) == []
    errors = {p.where: p.message for p in result.errors}
    assert errors["Câu 2 (“Thiếu tệp”)"] == "thiếu tệp ảnh “a b.png”"
    assert (
        errors["Câu 3 (“Base64 hỏng”)"]
        == "tệp đính kèm “a.png” không giải mã được (dữ liệu base64 hỏng)"
    )


def test_cloze_multianswer():
    text = (
        "<p>Thủ đô: {1:SHORTANSWER:=Hà Nội#Đúng~%50%Ha Noi#Thiếu dấu~*#Sai}. "
        "Chọn: {2:MULTICHOICE:Huế~=Hà Nội~Đà Nẵng}. "
        "Số: {:NUMERICAL:=3.5:0.1~%50%3.5:1}. "
        "Chữ hoa: {1:SAC:=HN}. Tập: {1:SA:=x^\\{2\\}}. Nhiều: {1:MULTIRESPONSE:%50%a~%50%b~%-100%c}</p>"
    )
    (q,) = moodle_xml.parse(
        quiz(question("multianswer", "", text=text)), filename="quiz.xml"
    ).questions
    assert q.qtype == QType.CLOZE
    assert q.stem == (
        "<p>Thủ đô: {{1}}. Chọn: {{2}}. Số: {{3}}. Chữ hoa: {{4}}. Tập: {{5}}. Nhiều: {{6}}</p>"
    )
    text_blank, choice_blank, numeric_blank, case_blank, latex_blank, multi = q.blanks
    assert text_blank.kind == "text" and text_blank.points == 1.0
    assert [(a.text, a.correct, a.fraction, a.feedback) for a in text_blank.answers] == [
        ("Hà Nội", True, 1.0, "Đúng"),
        ("Ha Noi", True, 0.5, "Thiếu dấu"),  # the "*" catch-all is not an accepted answer
    ]
    assert choice_blank.kind == "choice" and choice_blank.points == 2.0
    assert [a.correct for a in choice_blank.answers] == [False, True, False]
    assert numeric_blank.kind == "numeric" and numeric_blank.points == 1.0
    assert numeric_blank.answers[0].text == "3,5" and numeric_blank.tolerance == 0.1
    assert case_blank.case_sensitive
    assert latex_blank.answers[0].text == "x^{2}"
    assert [a.correct for a in multi.answers] == [True, True, False]
    assert validate_question(q) == []


def test_matching_ordering_and_drag_drop():
    matching = question(
        "matching",
        "<shuffleanswers>false</shuffleanswers>"
        '<subquestion format="html"><text><![CDATA[<p>Hà Nội</p>]]></text><answer><text>Việt Nam</text></answer></subquestion>'
        '<subquestion format="html"><text>Viêng Chăn</text><answer><text>Lào</text></answer></subquestion>'
        '<subquestion format="html"><text></text><answer><text>Cam &lt;pu&gt; chia</text></answer></subquestion>',
        name="Ghép",
    )
    too_few = question(
        "matching",
        '<subquestion format="html"><text>A</text><answer><text>1</text></answer></subquestion>',
        name="Một cặp",
    )
    ordering = question(
        "ordering",
        "<layouttype>VERTICAL</layouttype>"
        '<answer fraction="2.0000000" format="html"><text>Hai</text></answer>'
        '<answer fraction="1.0000000" format="html"><text>Một</text></answer>'
        '<answer fraction="3.0000000" format="html"><text>Ba</text></answer>',
        name="Thứ tự",
    )
    ddwtos = question(
        "ddwtos",
        "<dragbox><text>đỏ</text><group>1</group></dragbox><dragbox><text>xanh</text><group>1</group></dragbox>"
        "<dragbox><text>một</text><group>2</group></dragbox><dragbox><text>hai</text><group>2</group></dragbox>",
        name="Kéo thả",
        text="<p>Lá cờ màu [[1]], có [[3]] ngôi sao.</p>",
    )
    gapselect = question(
        "gapselect",
        "<selectoption><text>A</text><group>1</group></selectoption>"
        "<selectoption><text>B</text><group>1</group></selectoption>",
        name="Chọn",
        text="<p>Chọn [[2]]</p>",
    )
    result = moodle_xml.parse(
        quiz(matching, too_few, ordering, ddwtos, gapselect), filename="quiz.xml"
    )
    m, o, d, g = result.questions
    assert m.qtype == QType.MATCHING and m.keep_option_order
    assert [(c.text, c.match) for c in m.choices] == [
        ("<p>Hà Nội</p>", "Việt Nam"),
        ("Viêng Chăn", "Lào"),
        ("", "Cam &lt;pu&gt; chia"),  # a distractor answer; plain text escaped
    ]
    assert [str(p) for p in result.errors] == ["Câu 2 (“Một cặp”): câu ghép nối cần ít nhất 2 cặp"]
    assert o.qtype == QType.ORDERING and [c.text for c in o.choices] == ["Một", "Hai", "Ba"]
    assert d.qtype == QType.CLOZE and d.stem == "<p>Lá cờ màu {{1}}, có {{2}} ngôi sao.</p>"
    assert [[(a.text, a.correct) for a in b.answers] for b in d.blanks] == [
        [("đỏ", True), ("xanh", False)],
        [("một", True), ("hai", False)],
    ]
    assert g.stem == "<p>Chọn {{1}}</p>" and [a.correct for a in g.blanks[0].answers] == [
        False,
        True,
    ]


def test_numerical_decimal_comma():
    data = quiz(
        question(
            "numerical",
            "<defaultgrade>0.25</defaultgrade>"
            '<answer fraction="100"><text>-1.5</text><tolerance>0.05</tolerance></answer>'
            '<answer fraction="0"><text>*</text><tolerance>0</tolerance></answer>',
            name="Số",
        ),
        question(
            "numerical",
            '<answer fraction="100"><text>2.50</text></answer><answer fraction="50"><text>2.4</text></answer>'
            "<units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit></units>",
            name="Đơn vị",
        ),
    )
    result = moodle_xml.parse(data, filename="quiz.xml")
    first, second = result.questions
    assert first.qtype == QType.SHORT_NUMERIC
    assert (first.numeric_answer, first.tolerance, first.points) == ("-1,5", 0.05, 0.25)
    assert second.numeric_answer == "2,5"
    warnings = [w.message for w in result.warnings]
    assert any("đơn vị" in w for w in warnings) and any("đáp án số khác" in w for w in warnings)


def test_description_and_unsupported_types():
    data = quiz(
        question("description", "", name="Giới thiệu"),
        question("calculated", "", name="Tính"),
        question("random", "", name="Ngẫu nhiên"),
        question("essay", "", name="Thật"),
    )
    result = moodle_xml.parse(data, filename="quiz.xml")
    assert [q.ref for q in result.questions] == ["Câu 4 (“Thật”)"]
    assert [str(p) for p in result.warnings] == [
        "Câu 1 (“Giới thiệu”): bỏ qua mục mô tả (description), không phải câu hỏi"
    ]
    assert [str(p) for p in result.errors] == [
        "Câu 2 (“Tính”): loại câu hỏi “calculated” chưa được hỗ trợ",
        "Câu 3 (“Ngẫu nhiên”): loại câu hỏi “random” chưa được hỗ trợ",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<quiz><question type="essay"><name><text>&xxe;</text></name></question></quiz>',
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><quiz>&b;</quiz>',
        b"<html><body>not moodle</body></html>",
        b"Who's buried in Grant's tomb?{~Grant =no one}",
        b"",
    ],
    ids=["xxe", "billion-laughs", "not-quiz", "not-xml", "empty"],
)
def test_rejected_files(data):
    with pytest.raises(ImportRejected):
        moodle_xml.parse(data, filename="bai.xml")


def test_not_quiz_message_is_vietnamese():
    with pytest.raises(ImportRejected, match="không phải tệp Moodle XML"):
        moodle_xml.parse(b"<questestinterop/>", filename="quiz.xml")


# --- Export → import round trip -------------------------------------------------------------------


def _all_types() -> tuple[list[ParsedQuestion], list[ParsedGroup]]:
    img = "đồ thị.png"
    common = {"category": ["Toán 12", "Hàm số/Đạo hàm"], "tags": ["lớp 12", "hàm số"]}
    questions = [
        ParsedQuestion(
            qtype=QType.SINGLE_CHOICE,
            name="Một đáp án",
            stem=r"<p>Đạo hàm của \(x^2\) là</p>",
            choices=[
                Choice(text=r"\(2x\)", correct=True, fraction=1.0, feedback="<p>Đúng</p>"),
                Choice(text=r"\(x\)", fraction=0.0),
                Choice(text="Cả A và B đều sai", fraction=0.0, fixed=True),
            ],
            keep_option_order=True,
            level="biet",
            part=1,
            points=0.25,
            source_id="Q-001",
            **common,
        ),
        ParsedQuestion(
            qtype=QType.MULTIPLE_RESPONSE,
            name="Nhiều đáp án",
            stem="<p>Số nguyên tố</p>",
            choices=[
                Choice(text="2", correct=True, fraction=0.5),
                Choice(text="3", correct=True, fraction=0.5),
                Choice(text="4", fraction=-1.0, feedback="4 = 2·2"),
            ],
            general_feedback="<p>Nhắc lại định nghĩa.</p>",
            solution="<p>2 và 3 chỉ chia hết cho 1 và chính nó.</p>",
            **common,
        ),
        ParsedQuestion(
            qtype=QType.TRUE_FALSE,
            name="Chùm Đúng/Sai",
            stem=f'<p>Cho hàm số \\(y = x^3 - 3x\\) có đồ thị như hình.</p><p><img src="asset:{img}"></p>',
            choices=[
                Choice(text=r"Hàm số đồng biến trên \((1; +\infty)\).", correct=True, ident="a"),
                Choice(
                    text=r"\(y'(0) = 0\).", correct=False, ident="b", feedback="<p>y'(0) = −3</p>"
                ),
                Choice(text="Hàm số có hai điểm cực trị.", correct=True, ident="c"),
                Choice(text=r"Giá trị cực đại bằng \(-2\).", correct=False, ident="d"),
            ],
            assets={img: PNG},
            part=2,
            level="hieu",
            shuffle_statements=False,
            solution=r"<p>\[y' = 3x^2 - 3\]</p>",
            difficulty=0.4,
            points=1.0,
            **common,
        ),
        ParsedQuestion(
            qtype=QType.TRUE_FALSE,
            name="Một mệnh đề",
            stem="<p>Số 1 là số nguyên tố.</p>",
            choices=[Choice(text="", correct=False, feedback="<p>1 không phải số nguyên tố.</p>")],
        ),
        ParsedQuestion(
            qtype=QType.SHORT_NUMERIC,
            name="Trả lời ngắn",
            stem=r"<p>Nghiệm của \(2x + 3 = 0\)</p>",
            numeric_answer="-1,5",
            tolerance=0.05,
            part=3,
            level="van_dung",
            keep_position=True,
            **common,
        ),
        ParsedQuestion(
            qtype=QType.SHORT_TEXT,
            name="Chữ",
            stem="<p>Thủ đô của Việt Nam?</p>",
            choices=[
                Choice(text="Hà Nội", correct=True, fraction=1.0, feedback="Đúng"),
                Choice(text="Ha Noi", correct=True, fraction=0.5),
            ],
            case_sensitive=True,
        ),
        ParsedQuestion(
            qtype=QType.ESSAY,
            name="Tự luận",
            stem="<p>Phân tích bài thơ.</p>",
            marking_guide=f'<p>Ý 1: 0,5 điểm</p><img src="asset:{img}">',
            assets={img: PNG},
            group="g1",
        ),
        ParsedQuestion(
            qtype=QType.CLOZE,
            name="Điền khuyết",
            stem="<p>Sông {{1}} chảy qua {{2}}; \\(\\pi \\approx\\) {{3}}</p>",
            blanks=[
                Blank(
                    kind="text",
                    answers=[Choice(text="Hồng", correct=True, fraction=1.0, feedback="Tốt")],
                ),
                Blank(
                    kind="choice",
                    points=2.0,
                    answers=[
                        Choice(text="Huế", fraction=0.0),
                        Choice(text="Hà Nội", correct=True, fraction=1.0),
                    ],
                ),
                Blank(
                    kind="numeric",
                    tolerance=0.01,
                    answers=[Choice(text="3,14", correct=True, fraction=1.0)],
                ),
            ],
            group="g1",
        ),
        ParsedQuestion(
            qtype=QType.MATCHING,
            name="Ghép",
            stem="<p>Ghép thủ đô với nước</p>",
            choices=[
                Choice(text="<p>Hà Nội</p>", match="Việt Nam"),
                Choice(text="Viêng Chăn", match="Lào"),
                Choice(text="", match="Campuchia"),
            ],
        ),
        ParsedQuestion(
            qtype=QType.ORDERING,
            name="Sắp xếp",
            stem="<p>Sắp xếp theo thời gian</p>",
            choices=[Choice(text="Lý"), Choice(text="Trần"), Choice(text="Lê")],
            keep_option_order=True,
        ),
    ]
    groups = [
        ParsedGroup(
            key="g1",
            title="Đoạn văn 1",
            stimulus='<p>Đọc đoạn văn sau.</p><img src="asset:bản đồ.gif">',
            assets={"bản đồ.gif": GIF},
        ),
        ParsedGroup(key="g2", stimulus="<p>Nhóm không có câu nào</p>"),
    ]
    return questions, groups


def _fraction(c: Choice) -> float:
    return c.fraction if c.fraction is not None else (1.0 if c.correct else 0.0)


def _assert_same(original: ParsedQuestion, back: ParsedQuestion) -> None:
    for name in (
        "qtype", "stem", "numeric_answer", "tolerance", "case_sensitive", "solution",
        "general_feedback", "marking_guide", "points", "name", "category", "tags", "level",
        "difficulty", "part", "group", "keep_option_order", "keep_position",
        "shuffle_statements", "assets", "source_id",
    ):  # fmt: skip
        assert getattr(back, name) == getattr(original, name), (original.name, name)
    assert len(back.choices) == len(original.choices)
    for a, b in zip(original.choices, back.choices, strict=True):
        assert (b.text, b.correct, b.feedback, b.fixed, b.match, b.ident) == (
            a.text, a.correct, a.feedback, a.fixed, a.match, a.ident
        ), original.name  # fmt: skip
        if a.fraction is not None:
            assert b.fraction == pytest.approx(a.fraction)
    assert len(back.blanks) == len(original.blanks)
    for a, b in zip(original.blanks, back.blanks, strict=True):
        assert (b.kind, b.points, b.tolerance, b.case_sensitive) == (
            a.kind, a.points, a.tolerance, a.case_sensitive
        )  # fmt: skip
        assert [(x.text, x.correct, _fraction(x), x.feedback) for x in b.answers] == [
            (x.text, x.correct, _fraction(x), x.feedback) for x in a.answers
        ]


def test_round_trip_every_type():
    questions, groups = _all_types()
    for q in questions:
        assert validate_question(q) == [], q.name
    data = moodle_xml.export(copy.deepcopy(questions), copy.deepcopy(groups))
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    types = [q.get("type") for q in root.iter("question")]
    categories = [
        q.findtext("category/text") for q in root.iter("question") if q.get("type") == "category"
    ]
    # one per change of path: common, none, common, none ("/" inside a name is written "//")
    assert categories == ["$course$/top/Toán 12/Hàm số//Đạo hàm", "$course$/top"] * 2
    assert {"multichoice", "truefalse", "multianswer", "numerical", "shortanswer", "essay",
            "matching", "ordering", "description"} <= set(types)  # fmt: skip
    cluster = next(q for q in root.iter("question") if q.findtext("name/text") == "Chùm Đúng/Sai")
    assert cluster.get("type") == "multianswer"
    assert "hoclieu:true_false" in [t.findtext("text") for t in cluster.iter("tag")]
    assert cluster.findtext("questiontext/text").count(":MULTICHOICE:") == 4
    assert cluster.find("questiontext/file").get("name") == "đồ thị.png"
    assert "@@PLUGINFILE@@/%C4%91%E1%BB%93%20th%E1%BB%8B.png" in cluster.findtext(
        "questiontext/text"
    )
    numerical = next(q for q in root.iter("question") if q.get("type") == "numerical")
    assert numerical.findtext("answer/text") == "-1.5"  # Moodle wants the dot

    result = moodle_xml.parse(data, filename="quiz.xml")
    assert result.problems == []
    assert len(result.questions) == len(questions)
    for original, back in zip(questions, result.questions, strict=True):
        _assert_same(original, back)
    assert result.groups == groups


def test_round_trip_true_false_cluster_without_marker():
    """A Moodle user who edits the cluster may lose the HTML comment; statements still come back."""
    questions, _ = _all_types()
    cluster = questions[2]
    data = moodle_xml.export([cluster]).replace(b"<!--hoclieu:statements-->", b"")
    (back,) = moodle_xml.parse(data, filename="quiz.xml").questions
    assert back.qtype == QType.TRUE_FALSE
    assert [(c.text, c.correct) for c in back.choices] == [
        (c.text, c.correct) for c in cluster.choices
    ]


def test_ten_thousand_questions_parse_quickly():
    questions, _ = _all_types()
    many = [questions[i % len(questions)] for i in range(10_000)]
    data = moodle_xml.export(many)
    started = time.perf_counter()
    result = moodle_xml.parse(data, filename="quiz.xml")
    elapsed = time.perf_counter() - started
    assert len(result.questions) == 10_000 and not result.errors
    assert elapsed < 30, f"parsing 10 000 questions took {elapsed:.1f}s"


def test_export_default_fractions_and_category_less_questions():
    q = ParsedQuestion(
        qtype=QType.MULTIPLE_RESPONSE,
        stem="<p>Chọn các số chẵn</p>",
        choices=[Choice(text="2", correct=True), Choice(text="4", correct=True), Choice(text="5")],
    )
    root = etree.fromstring(moodle_xml.export([q]))
    assert [q.get("type") for q in root] == ["multichoice"]  # no category: none written
    assert root.findtext("question/name/text") == "Chọn các số chẵn"  # a name is required
    assert [a.get("fraction") for a in root.iter("answer")] == ["50", "50", "-100"]
    (back,) = moodle_xml.parse(etree.tostring(root), filename="quiz.xml").questions
    assert [(c.correct, c.fraction) for c in back.choices] == [
        (True, 0.5),
        (True, 0.5),
        (False, -1.0),
    ]
