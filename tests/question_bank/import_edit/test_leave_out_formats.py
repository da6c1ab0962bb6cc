"""Issue 21: Moodle XML, GIFT, Aiken and QTI files with good and broken questions are not
refused whole. Each broken question is listed by the preview at its place in the file with
its problems beside it; a save that leaves none out saves nothing; leaving the broken ones
out saves exactly the good ones, and the audit entry records what was left out and why.
A file the importer refuses whole (XXE, a bad zip, not XML) stays refused whole."""

from __future__ import annotations

import io
import zipfile

import pytest
from wagtail.models import ModelLogEntry

from question_bank.formats.base import ImportRejected
from question_bank.import_jobs import ImportJob
from question_bank.import_preview import preview_items, unresolved
from question_bank.importing import ImportBlocked, build_preview, import_commit, parse_checked
from question_bank.models import Question
from tests.question_bank.import_edit.helpers import UPLOAD, confirm, items, messages_of, upload

pytestmark = pytest.mark.django_db

# --- Moodle XML: 2 good, 3 broken ---------------------------------------------------------


def _mc(name: str, text: str, answers: list[tuple[int, str]]) -> str:
    options = "".join(f'<answer fraction="{f}"><text>{a}</text></answer>' for f, a in answers)
    return (
        f'<question type="multichoice"><name><text>{name}</text></name>'
        f"<questiontext><text>{text}</text></questiontext><single>true</single>"
        f"{options}</question>"
    )


MOODLE = (
    '<?xml version="1.0" encoding="UTF-8"?><quiz>'
    + _mc("tốt 1", "Thủ đô của Việt Nam là", [(100, "Hà Nội"), (0, "Huế")])
    + _mc("không đáp án", "Số nguyên tố nhỏ nhất", [(0, "1"), (50, "2"), (0, "3")])
    + '<question type="calculated"><name><text>có công thức</text></name>'
    "<questiontext><text>Tính {a} + {b}</text></questiontext></question>"
    + '<question type="truefalse"><name><text>tốt 2</text></name>'
    "<questiontext><text>Nước sôi ở 100 độ C.</text></questiontext>"
    '<answer fraction="100"><text>true</text></answer>'
    '<answer fraction="0"><text>false</text></answer></question>'
    + '<question type="hotspot-lạ"><name><text>lạ</text></name>'
    "<questiontext><text>Bấm vào bản đồ</text></questiontext></question>"
    "</quiz>"
).encode()
MOODLE_GOOD = ["Câu 1 (“tốt 1”)", "Câu 4 (“tốt 2”)"]
MOODLE_BROKEN = ["Câu 2 (“không đáp án”)", "Câu 3 (“có công thức”)", "Câu 5 (“lạ”)"]

# --- GIFT: 2 good, 3 broken ---------------------------------------------------------------
GIFT = """::tốt 1:: Thủ đô của Việt Nam là {=Hà Nội ~Huế ~Đà Nẵng}

::không đáp án:: Số nguyên tố nhỏ nhất là {~1 ~2 ~3}

::ngoặc thừa:: Tập {1; 2} có mấy phần tử? {=2 ~3} }

::tốt 2:: Nước sôi ở 100 độ C. {T}

::số hỏng:: Căn bậc hai của 4 là {#hai}
""".encode()
GIFT_GOOD = ["Dòng 1 (“tốt 1”)", "Dòng 7 (“tốt 2”)"]
GIFT_BROKEN = ["Dòng 3 (“không đáp án”)", "Dòng 5 (“ngoặc thừa”)", "Dòng 9 (“số hỏng”)"]

# --- Aiken: 2 good, 3 broken (the example) ----------------------------------------
AIKEN = """Thủ đô của Việt Nam là
A) Hà Nội
B) Huế
ANSWER: A

Số nguyên tố nhỏ nhất là
A) 1
B) 2
ANSWER: E

Câu không có phương án
ANSWER: A

Nước sôi ở bao nhiêu độ C?
A) 90
B) 100
ANSWER: B

Câu thiếu dòng đáp án
A) một
B) hai
""".encode()
AIKEN_GOOD = ["Dòng 1", "Dòng 14"]
AIKEN_BROKEN = ["Dòng 6", "Dòng 11", "Dòng 19"]


# --- QTI 2.1: 2 good, 3 broken (a zip of items) --------------------------------------------
def _item(ident: str, title: str, body: str, decls: str = "", extra: str = "") -> bytes:
    ns = "http://www.imsglobal.org/xsd/imsqti_v2p1"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><assessmentItem xmlns="{ns}" '
        f'identifier="{ident}" title="{title}" adaptive="false" timeDependent="false">'
        f'{decls}<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>'
        f"{extra}<itemBody>{body}</itemBody></assessmentItem>"
    ).encode()


def _choice_body(stem: str) -> str:
    return (
        f'<p>{stem}</p><choiceInteraction responseIdentifier="RESPONSE" shuffle="false" '
        'maxChoices="1"><simpleChoice identifier="A">Một</simpleChoice>'
        '<simpleChoice identifier="B">Hai</simpleChoice></choiceInteraction>'
    )


def _decl(key: str | None) -> str:
    correct = f"<correctResponse><value>{key}</value></correctResponse>" if key else ""
    return (
        '<responseDeclaration identifier="RESPONSE" cardinality="single" '
        f'baseType="identifier">{correct}</responseDeclaration>'
    )


TEMPLATE = (
    '<templateDeclaration identifier="A" cardinality="single" baseType="integer"/>'
    '<templateProcessing><setTemplateValue identifier="A"><randomInteger min="1" max="9"/>'
    "</setTemplateValue></templateProcessing>"
)


def qti_zip() -> bytes:
    items = {
        "items/q1.xml": _item("q1", "tốt 1", _choice_body("Một là số nào?"), _decl("A")),
        "items/q2.xml": _item("q2", "không khai báo", _choice_body("Chọn hai")),
        "items/q3.xml": _item("q3", "không đáp án", _choice_body("Chọn một"), _decl(None)),
        "items/q4.xml": _item("q4", "tốt 2", _choice_body("Hai là số nào?"), _decl("B")),
        "items/q5.xml": _item("q5", "mẫu", _choice_body("Tính A + 1"), _decl("A"), TEMPLATE),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    return out.getvalue()


QTI_GOOD = ["Tệp items/q1.xml “tốt 1”", "Tệp items/q4.xml “tốt 2”"]
QTI_BROKEN = [
    "Tệp items/q2.xml “không khai báo”",
    "Tệp items/q3.xml “không đáp án”",
    "Tệp items/q5.xml “mẫu”",
]

CASES = {
    "moodle": ("de.xml", MOODLE, MOODLE_GOOD, MOODLE_BROKEN),
    "gift": ("de.gift.txt", GIFT, GIFT_GOOD, GIFT_BROKEN),
    "aiken": ("de.txt", AIKEN, AIKEN_GOOD, AIKEN_BROKEN),
    "qti": ("de.zip", qti_zip(), QTI_GOOD, QTI_BROKEN),
}
FILE_ORDER = {
    "moodle": [MOODLE_GOOD[0], *MOODLE_BROKEN[:2], MOODLE_GOOD[1], MOODLE_BROKEN[2]],
    "gift": [GIFT_GOOD[0], *GIFT_BROKEN[:2], GIFT_GOOD[1], GIFT_BROKEN[2]],
    "aiken": [AIKEN_GOOD[0], *AIKEN_BROKEN[:2], AIKEN_GOOD[1], AIKEN_BROKEN[2]],
    "qti": [QTI_GOOD[0], *QTI_BROKEN[:2], QTI_GOOD[1], QTI_BROKEN[2]],
}
# What the teacher reads beside each broken question (a part of it).
EXPECTED = {
    "Câu 2 (“không đáp án”)": "không có phương án nào được 100% điểm",
    "Câu 3 (“có công thức”)": "calculated",
    "Câu 5 (“lạ”)": "hotspot-lạ",
    "Dòng 3 (“không đáp án”)": "không có đáp án đúng được đánh dấu",
    "Dòng 5 (“ngoặc thừa”)": "dấu ngoặc nhọn thừa",
    "Dòng 9 (“số hỏng”)": "đáp án số “hai” không đọc được",
    "Dòng 6": "ANSWER “E” không phải là chữ cái của một phương án",
    "Dòng 11": "câu hỏi không có phương án nào",
    "Dòng 19": "thiếu dòng ANSWER",
    "Tệp items/q2.xml “không khai báo”": "không có đáp án đúng (correctResponse)",
    "Tệp items/q3.xml “không đáp án”": "không có đáp án đúng (correctResponse)",
    "Tệp items/q5.xml “mẫu”": "câu hỏi có mẫu sinh số (template) chưa được hỗ trợ",
}


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_the_preview_lists_every_question_at_its_place_with_the_problems_beside(fmt, teacher_bank):
    teacher, bank = teacher_bank
    name, data, good, broken = CASES[fmt]
    preview, result = build_preview(name, data, bank, teacher)
    assert result is not None, preview.errors  # not refused whole
    assert preview.total == len(good)
    assert sorted(e.split(": ", 1)[0] for e in preview.errors) == sorted(broken)
    report = {**preview.as_dict(), **preview_items(result, preview.duplicates)}
    listed = report["items"]
    assert [it["ref"] for it in listed] == FILE_ORDER[fmt]
    for item in listed:
        if item["ref"] in good:
            assert not item["problems"] and not item.get("broken"), item
        else:
            assert any(EXPECTED[item["ref"]] in p for p in item["problems"]), item["problems"]
    # Without a choice the save would save nothing; leaving the broken ones out resolves it.
    assert set(unresolved(report, set())) == set(broken)
    assert unresolved(report, set(broken)) == []


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_a_save_that_leaves_nothing_out_saves_nothing(fmt, teacher_bank):
    teacher, bank = teacher_bank
    name, data, _good, broken = CASES[fmt]
    with pytest.raises(ImportBlocked) as blocked:
        import_commit(name, data, bank, teacher)
    assert {p.split(": ", 1)[0] for p in blocked.value.problems} == set(broken)
    with pytest.raises(ImportBlocked):  # one broken question left in is enough
        import_commit(name, data, bank, teacher, leave_out=broken[1:])
    assert not Question.objects.exists()
    assert not ModelLogEntry.objects.filter(action="question_bank.import").exists()


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_leaving_the_broken_out_saves_exactly_the_good_and_records_why(fmt, teacher_bank):
    teacher, bank = teacher_bank
    name, data, good, broken = CASES[fmt]
    summary = import_commit(name, data, bank, teacher, leave_out=broken)
    assert summary.created == len(good) == Question.objects.count()
    entry = ModelLogEntry.objects.get(action="question_bank.import")
    left = {x["where"]: x["reasons"] for x in entry.data["left_out"]}
    assert set(left) == set(broken)
    for ref, reasons in left.items():
        assert any(EXPECTED[ref] in r for r in reasons), (ref, reasons)


def test_a_broken_moodle_question_gets_its_key_on_the_page(teacher_bank):
    """A multichoice with no 100 % answer keeps its options: the teacher's key saves it."""
    teacher, bank = teacher_bank
    result = parse_checked("de.xml", MOODLE)
    position = [q.ref for q in result.in_file_order()].index(MOODLE_BROKEN[0]) + 1
    fix = {"ref": MOODLE_BROKEN[0], "qtype": "single_choice", "key": [1]}
    summary = import_commit(
        "de.xml", MOODLE, bank, teacher, leave_out=MOODLE_BROKEN[1:], fixes={str(position): fix}
    )
    assert summary.created == 3
    prime = Question.objects.get(stem__contains="nguyên tố")
    assert [c.correct for c in prime.choices.order_by("sort_order")] == [False, True, False]


def test_a_qti_choice_without_its_key_keeps_its_options_for_the_fix():
    result = parse_checked("de.zip", qti_zip())
    rejected = {q.ref: q for _i, q in result.rejected}
    q = rejected["Tệp items/q3.xml “không đáp án”"]
    assert [c.ident for c in q.choices] == ["A", "B"] and not q.correct_choices
    # Said once in QTI's words, not again in the common rule's.
    assert [p.message for p in result.problems if p.where == q.ref] == [
        "không có đáp án đúng (correctResponse)"
    ]
    assert "Tệp items/q5.xml “mẫu”" in result.unbuilt  # a template item has no content


def _bad_zip() -> bytes:
    return b"PK\x03\x04" + b"\x00" * 60


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<quiz><question type="essay"><name><text>&x;</text></name>'
    b"<questiontext><text>a</text></questiontext></question></quiz>"
)


@pytest.mark.parametrize(
    "name, data",
    [
        ("xxe.xml", XXE),
        ("hong.zip", _bad_zip()),
        ("khong-phai.xml", b"day khong phai XML"),
        ("goc-la.xml", b"<?xml version='1.0'?><html><body/></html>"),
    ],
)
def test_a_file_refused_whole_stays_refused_whole(name, data, teacher_bank):
    teacher, bank = teacher_bank
    with pytest.raises(ImportRejected):
        parse_checked(name, data)
    preview, result = build_preview(name, data, bank, teacher)
    assert result is None and len(preview.errors) == 1
    with pytest.raises(ImportBlocked):
        import_commit(name, data, bank, teacher, leave_out=[""])
    assert not Question.objects.exists()


@pytest.mark.parametrize("fmt", ["moodle", "qti"])
def test_through_the_page_the_teacher_ticks_the_broken_and_saves_the_good(
    fmt, client, teacher_bank, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    name, data, good, broken = CASES[fmt]
    job = upload(client, bank, data, django_capture_on_commit_callbacks, name=name)
    assert job.state == ImportJob.State.PREVIEW, job.report
    page = client.get(f"{UPLOAD}{job.pk}/").content.decode()
    found = items(page)
    assert [el.get("data-ref") for el in found] == FILE_ORDER[fmt]
    for el in found:
        boxes = el.xpath(".//input[@name='leave_out']")
        assert [b.get("value") for b in boxes] == [el.get("data-ref")]  # "Bỏ qua câu này"
        assert bool(el.find_class("errors")) == (el.get("data-ref") in broken)
    response = confirm(client, job, broken[:-1], django_capture_on_commit_callbacks)
    assert f"{broken[-1]} còn lỗi" in messages_of(response)
    assert not Question.objects.exists()
    confirm(client, job, broken, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.report
    assert job.report["created"] == len(good) == Question.objects.count()
    assert set(job.report["leave_out"]) == set(broken)


def test_a_question_the_reader_trips_on_is_one_problem_not_the_file(monkeypatch):
    """An unexpected failure inside one GIFT question or one QTI item (a reader's bug) is
    that question's problem, at its place; the others are read (and it is logged)."""
    from question_bank.formats import gift
    from question_bank.formats.qti import reader as qti_reader

    real_answers = gift._read_answers

    def answers(q, body, *args):
        if "Hà Nội" in body:
            raise RuntimeError("boom")
        return real_answers(q, body, *args)

    monkeypatch.setattr(gift, "_read_answers", answers)
    result = parse_checked("de.gift.txt", GIFT)
    assert [p.message for p in result.problems if p.where == "Dòng 1"] == [gift.UNREADABLE]
    assert result.unbuilt["Dòng 1"] == 0 and len(result.questions) == 1

    real_read = qti_reader.ItemReader.read

    def read(self):
        if self.root.get("identifier") == "q4":
            raise KeyError("boom")
        return real_read(self)

    monkeypatch.setattr(qti_reader.ItemReader, "read", read)
    result = parse_checked("de.zip", qti_zip())
    where = "Tệp items/q4.xml “tốt 2”"
    assert [p.message for p in result.problems if p.where == where] == [qti_reader.UNREADABLE]
    assert result.unbuilt[where] == 3  # after q1, q2 (rejected) and q3 (rejected)
    assert [q.ref for q in result.questions] == [QTI_GOOD[0]]


# --- a passage that cannot be read takes its questions with it -------------------------------
def _tagged(xml: str, tag: str) -> str:
    return xml.replace("</question>", f"<tags><tag><text>{tag}</text></tag></tags></question>")


PASSAGE_BROKEN = (
    '<?xml version="1.0" encoding="UTF-8"?><quiz>'
    + _tagged(
        '<question type="description"><name><text>đoạn văn</text></name>'
        '<questiontext format="html"><text><![CDATA[<p>Đọc đoạn văn <img src="@@PLUGINFILE@@/hinh.png"></p>]]></text>'
        '<file name="hinh.png" path="/" encoding="base64">không-phải-base64!</file></questiontext></question>',
        "hoclieu:stimulus:g1",
    )
    + _tagged(
        _mc("theo đoạn văn", "Ý chính của đoạn văn là", [(100, "A"), (0, "B")]), "hoclieu:group:g1"
    )
    + _mc("độc lập", "Thủ đô của Việt Nam là", [(100, "Hà Nội"), (0, "Huế")])
    + "</quiz>"
).encode()


def test_a_question_whose_passage_cannot_be_read_is_never_saved_without_it(teacher_bank):
    teacher, bank = teacher_bank
    result = parse_checked("doan-van.xml", PASSAGE_BROKEN)
    problems = {p.where: p.message for p in result.errors}
    assert "Câu 1 (“đoạn văn”)" in problems, problems
    assert "ngữ liệu chung của câu này" in problems["Câu 2 (“theo đoạn văn”)"]
    with pytest.raises(ImportBlocked):  # the passage left out, its question still in
        import_commit(
            "doan-van.xml", PASSAGE_BROKEN, bank, teacher, leave_out=["Câu 1 (“đoạn văn”)"]
        )
    assert not Question.objects.exists()
    summary = import_commit(
        "doan-van.xml",
        PASSAGE_BROKEN,
        bank,
        teacher,
        leave_out=["Câu 1 (“đoạn văn”)", "Câu 2 (“theo đoạn văn”)"],
    )
    assert summary.created == 1 and summary.stimuli == 0
    assert Question.objects.get().stimulus is None
