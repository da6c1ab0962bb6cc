"""Export → import keeps questions whose text looks like the new conventions as they are."""

from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.formats.docx import export, parse
from question_bank.html import plain_text


def test_text_that_looks_like_a_convention_stays_content():
    essay = ParsedQuestion(
        qtype=QType.ESSAY, stem="So sánh các cách: A. đun B. lọc C. chưng cất", marking_guide="x"
    )
    choice = ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem="Cho ba điểm A. B. C. thẳng hàng. Chọn",
        choices=[Choice(text="đúng", correct=True), Choice(text="sai")],
    )
    lines = ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem="<p>Xét:</p><p>Con 2: một dòng</p><p>[&lt;Ans=B&gt;]</p><p>[&lt;$&gt;] dòng</p>",
        choices=[Choice(text="một", correct=True), Choice(text="hai")],
    )
    r = parse(export([essay, choice, lines], []), filename="x.docx")
    assert not r.problems, r.problems
    c, ln, e = r.questions  # the export writes PHẦN I (one choice) before PHẦN IV (essay)
    assert e.qtype == QType.ESSAY and "A. đun B. lọc" in plain_text(e.stem)
    assert c.qtype == QType.SINGLE_CHOICE and "A. B. C." in plain_text(c.stem)
    assert [x.correct for x in c.choices] == [True, False]
    assert ln.qtype == QType.SINGLE_CHOICE and len(ln.choices) == 2
    for text in ("Con 2: một dòng", "[<Ans=B>]", "[<$>] dòng"):
        assert text in plain_text(ln.stem)
