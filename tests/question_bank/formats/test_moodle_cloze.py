"""Moodle's embedded answers (Cloze, ``multianswer``) import into the cloze type: every
MULTICHOICE variant (MC, MCV, MCH, MCS…, MULTIRESPONSE), SHORTANSWER (SA/MW) and its
case-sensitive forms (SAC/MWC), NUMERICAL (NM) with tolerances; any other sub-question kind
is a named Vietnamese error naming the question and the code. The XML is written here in
Moodle's syntax ``{weight:TYPE:=right#feedback~wrong#feedback}``."""

import pytest

from question_bank.formats import moodle_xml
from question_bank.formats.base import QType, validate_question

from .test_moodle_xml import question, quiz


def _parse(text: str, name: str = "Cloze"):
    return moodle_xml.parse(
        quiz(question("multianswer", "", name=name, text=text)), filename="q.xml"
    )


def _one(text: str):
    result = _parse(text)
    assert [p for p in result.problems if p.severity != "warning"] == []
    (q,) = result.questions
    assert q.qtype == QType.CLOZE and validate_question(q) == []
    return q


@pytest.mark.parametrize(
    "code",
    ["MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH", "MULTICHOICE_S",
     "MCS", "MULTICHOICE_VS", "MCVS", "MULTICHOICE_HS", "MCHS"],
)  # fmt: skip
def test_multichoice_variants_are_drop_downs(code):
    q = _one(f"<p>Thủ đô là {{2:{code}:Huế#Sai rồi~=Hà Nội#Đúng~Đà Nẵng}}.</p>")
    assert q.stem == "<p>Thủ đô là {{1}}.</p>"
    (blank,) = q.blanks
    assert blank.kind == "choice" and blank.points == 2.0
    assert [(a.text, a.correct, a.feedback) for a in blank.answers] == [
        ("Huế", False, "Sai rồi"), ("Hà Nội", True, "Đúng"), ("Đà Nẵng", False, ""),
    ]  # fmt: skip


def test_multiresponse_keeps_every_right_option():
    q = _one("<p>Số nguyên tố: {1:MULTIRESPONSE:%50%2~%50%3~%-100%4}</p>")
    assert [(a.text, a.correct, a.fraction) for a in q.blanks[0].answers] == [
        ("2", True, 0.5), ("3", True, 0.5), ("4", False, -1.0),
    ]  # fmt: skip


@pytest.mark.parametrize(("code", "case"), [("SHORTANSWER", False), ("SA", False), ("MW", False),
                                            ("SHORTANSWER_C", True), ("SAC", True), ("MWC", True)])  # fmt: skip
def test_short_answer_and_case(code, case):
    q = _one(f"<p>Kí hiệu của sắt: {{1:{code}:=Fe#Đúng~%50%fe#Viết hoa chữ đầu~*#Sai}}</p>")
    (blank,) = q.blanks
    assert blank.kind == "text" and blank.case_sensitive is case
    # the "*" catch-all is not an accepted answer
    assert [(a.text, a.fraction) for a in blank.answers] == [("Fe", 1.0), ("fe", 0.5)]


@pytest.mark.parametrize("code", ["NUMERICAL", "NM"])
def test_numerical_with_tolerance(code):
    q = _one(
        f"<p>g = {{1:{code}:=9.8:0.05#Đúng~%50%9.8:0.5#Gần đúng}} m/s²; n = {{1:{code}:=3}}</p>"
    )
    tolerant, exact = q.blanks
    assert tolerant.kind == "numeric" and tolerant.tolerance == 0.05
    assert [(a.text, a.fraction) for a in tolerant.answers] == [("9,8", 1.0), ("9,8", 0.5)]
    assert exact.answers[0].text == "3" and exact.tolerance == 0


def test_several_kinds_in_one_question():
    q = _one("<p>{1:SA:=Hà Nội} có {1:NM:=5:0} quận trung tâm, ở miền {1:MCH:=Bắc~Nam}.</p>")
    assert [b.kind for b in q.blanks] == ["text", "numeric", "choice"]
    assert q.stem == "<p>{{1}} có {{2}} quận trung tâm, ở miền {{3}}.</p>"


@pytest.mark.parametrize("code", ["REGEXP", "CALCULATED", "ORDERING"])
def test_other_kinds_are_a_named_error(code):
    result = _parse(f"<p>Điền: {{1:SA:=x}} và {{1:{code}:=abc}}</p>", name="Câu biểu thức")
    errors = [p for p in result.problems if p.severity != "warning"]
    assert len(errors) == 1
    message = f"{errors[0].where}: {errors[0].message}"
    assert "Câu biểu thức" in message  # the question
    assert f"{{1:{code}:=abc}}" in message and f"“{code}”" in message  # the code
    assert "chưa được hỗ trợ" in message
    assert not result.questions or result.questions[0].qtype != QType.ESSAY
