"""How the preview lists questions: file order, the unbuilt ones beside their neighbours,
pictures inlined, HTML sanitised."""

from __future__ import annotations

from question_bank.formats.base import Choice, ParsedQuestion, ParseResult, Problem, QType
from question_bank.formats.docx import wmf
from question_bank.import_preview import NOT_SHOWN_PICTURE, preview_items
from tests.question_bank.formats.docx_builder import PICTURE


def q(ref: str, stem: str = "Câu hỏi", **kw) -> ParsedQuestion:
    choices = [Choice("1", correct=True), Choice("2")]
    return ParsedQuestion(qtype=QType.SINGLE_CHOICE, stem=stem, choices=choices, ref=ref, **kw)


def test_unbuilt_questions_sit_beside_their_neighbours_in_each_part():
    refs = ["Phần I, Câu 1", "Phần I, Câu 2", "Phần II, Câu 1", "Phần II, Câu 3"]
    result = ParseResult(format="docx", questions=[q(r) for r in refs])
    result.problems = [
        Problem("Phần II, Câu 2", "không có đáp án đúng được đánh dấu"),
        Problem("Phần I, Câu 3", "thiếu phương án"),
        Problem("Phần I, Câu 2", "ảnh quá lớn", severity="warning"),
        Problem("", "tệp có phần lạ"),
    ]
    found = preview_items(result)["items"]
    assert [it["ref"] for it in found] == [
        "Phần I, Câu 1",
        "Phần I, Câu 2",
        "Phần I, Câu 3",
        "Phần II, Câu 1",
        "Phần II, Câu 2",
        "Phần II, Câu 3",
        "",
    ]
    assert found[1]["warnings"] == ["ảnh quá lớn"] and not found[1]["problems"]
    assert found[2]["broken"] and found[2]["problems"] == ["thiếu phương án"]


def test_pictures_are_inlined_and_html_is_sanitised():
    stem = (
        'Hình <img src="asset:a.png"> và <img src="asset:b.wmf">'
        '<script>alert(1)</script><b onclick="x()">đậm</b>'
    )
    result = ParseResult(
        format="docx",
        questions=[q("Câu 1", stem, assets={"a.png": PICTURE, "b.wmf": b"\x01\x00"})],
    )
    [item] = preview_items(result)["items"]
    assert 'src="data:image/png;base64,' in item["stem"]
    assert NOT_SHOWN_PICTURE in item["stem"]
    assert item["review"] == [wmf.NOT_SHOWN]  # whatever the format, the teacher is told
    assert "<script" not in item["stem"] and "onclick" not in item["stem"]
    assert [c["correct"] for c in item["choices"]] == [True, False]
    assert item["choices"][0]["label"] == "A"
