"""Fixing questions in place on the preview page, each kind of fix: Đúng/Sai statements, a
short answer (and its Vietnamese error when it is not a number), a type change, the texts
(sanitised, pictures kept), taking a fix back, the ticked "Bỏ qua" boxes kept across a fix,
and fixes found by position when the numbering restarts."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from question_bank.formats.base import QType
from question_bank.import_fixes import FIX_ACTION, apply_fixes
from question_bank.import_jobs import ImportJob
from question_bank.importing import QuestionCheck, parse_checked
from question_bank.models import Question
from tests.question_bank.formats.docx_builder import PICTURE, DocBuilder, run
from tests.question_bank.import_edit.helpers import (
    UPLOAD,
    confirm,
    fix_form,
    item_by_ref,
    messages_of,
    post_fix,
    upload,
)

pytestmark = pytest.mark.django_db
TF, NUM = "Phần II, Câu 1", "Phần III, Câu 1"


def three_parts() -> bytes:
    """Phần I: two good questions (one with a picture); Phần II: a Đúng/Sai question with no
    statement marked; Phần III: a short answer without its answer, one with it."""
    b = DocBuilder()
    b.p(run("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn.", b=True))
    b.p("Câu 1. Số nào là số chẵn?")
    b.p("A. 1\t", run("B", u=True), ". 2\tC. 3\tD. 4")
    para = b.p("Câu 2. Hình nào là hình vuông? ")
    b.picture(para, PICTURE)
    b.p(run("A", u=True), ". hình 1\tB. hình 2\tC. hình 3\tD. hình 4")
    b.p(run("PHẦN II. Câu trắc nghiệm đúng sai.", b=True))
    b.p("Câu 1. Cho x = 2.")
    for statement in ("a) x > 1.", "b) x < 0.", "c) x là số chẵn.", "d) x là số lẻ."):
        b.p(statement)
    b.p(run("PHẦN III. Câu trắc nghiệm trả lời ngắn.", b=True))
    b.p("Câu 1. Tính 2 + 2.")
    b.p("Câu 2. Tính 3 + 3.")
    b.p("Đáp án: 6")
    return b.bytes()


@pytest.fixture
def job(client, teacher_bank, django_capture_on_commit_callbacks):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, three_parts(), django_capture_on_commit_callbacks, "ba-phan.docx")
    assert job.state == ImportJob.State.PREVIEW, job.report
    return job


def page_item(client, job, ref):
    return item_by_ref(client.get(f"{UPLOAD}{job.pk}/").content.decode(), ref)


def test_true_false_short_answer_and_type_fixes_are_saved(
    client, job, django_capture_on_commit_callbacks
):
    # Đúng/Sai: each statement's Đ/S.
    data = fix_form(page_item(client, job, TF))
    assert data["qtype"] == QType.TRUE_FALSE and data["tf_0"] == "s"
    data.update(tf_0="d", tf_1="s", tf_2="d", tf_3="s")
    assert "Đã sửa Phần II, Câu 1" in messages_of(post_fix(client, job, data))

    # Short answer: a word is refused in Vietnamese beside the question, a number is kept.
    data = fix_form(page_item(client, job, NUM))
    assert data["qtype"] == QType.SHORT_NUMERIC and data["answers"] == ""
    data["answers"] = "bốn"
    el = item_by_ref(post_fix(client, job, data).content.decode(), NUM)
    assert "“bốn” không phải là số" in el.find_class("errors")[0].text_content()
    data["answers"] = "4"
    el = item_by_ref(post_fix(client, job, data).content.decode(), NUM)
    assert not el.find_class("errors") and el.find_class("import-fixed-badge")

    # A good question becomes multiple response with two keys.
    data = fix_form(page_item(client, job, "Phần I, Câu 1"))
    data.update(qtype=QType.MULTIPLE_RESPONSE, key=["1", "3"])
    post_fix(client, job, data)

    confirm(client, job, [], django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.report
    assert job.report["created"] == 5
    tf = Question.objects.get(stem__contains="Cho x = 2")
    assert [c.correct for c in tf.choices.order_by("sort_order")] == [True, False, True, False]
    assert Question.objects.get(stem__contains="2 + 2").numeric_answer == "4"
    even = Question.objects.get(stem__contains="số chẵn?")
    assert even.qtype == QType.MULTIPLE_RESPONSE
    assert [c.correct for c in even.choices.order_by("sort_order")] == [False, True, False, True]
    entry = ModelLogEntry.objects.filter(action="question_bank.import").latest("pk")
    assert sorted(f["where"] for f in entry.data["fixes"]) == [
        "Phần I, Câu 1",
        "Phần II, Câu 1",
        "Phần III, Câu 1",
    ]
    assert ModelLogEntry.objects.filter(action=FIX_ACTION).count() == 4


def test_texts_are_sanitised_and_the_picture_kept(client, job, django_capture_on_commit_callbacks):
    data = fix_form(page_item(client, job, "Phần I, Câu 2"))
    assert 'src="asset:image1.png"' in data["stem"]  # edited as written, not as a data: URL
    data["stem"] = data["stem"].replace("Hình nào", "<b onclick='x()'>Hình</b> nào") + (
        "<script>alert(1)</script>"
    )
    data["choice_1"] = ""  # an emptied option is removed
    data["solution"] = "Hình 1 có bốn cạnh bằng nhau và bốn góc vuông."
    el = item_by_ref(post_fix(client, job, data).content.decode(), "Phần I, Câu 2")
    [img] = el.xpath(".//div[@class='stem']//img")
    assert img.get("src").startswith("data:image/png;base64,")
    assert len(el.xpath(".//ol[@class='options']/li")) == 3
    again = fix_form(el)  # the form shows the option rows of the file, B emptied
    assert again["choice_1"] == "" and again["choice_2"] == "hình 3" and again["key"] == ["0"]
    job.refresh_from_db()
    stored = job.report["fixes"]["2"]
    assert "<script" not in stored["stem"] and "onclick" not in stored["stem"]
    assert set(stored) >= {"stem", "choices", "solution", "key", "qtype"}

    for ref in (TF, NUM):
        data = fix_form(page_item(client, job, ref))
        data.update(tf_0="d", answers="4")
        post_fix(client, job, data)
    confirm(client, job, [], django_capture_on_commit_callbacks)
    saved = Question.objects.get(stem__contains="vuông")
    assert "<b>Hình</b>" in saved.stem and "<img" in saved.stem and "script" not in saved.stem
    texts = [c.text for c in saved.choices.order_by("sort_order")]
    assert texts == ["hình 1", "hình 3", "hình 4"] and "bốn góc vuông" in saved.solution


def test_a_fix_taken_back_and_the_left_out_boxes_kept(client, job):
    data = fix_form(page_item(client, job, NUM))
    data["answers"] = "4"
    post_fix(client, job, data)
    job.refresh_from_db()
    assert job.report["total"] == 4 and not any(NUM in e for e in job.report["errors"])

    # The page's script sends the ticked "Bỏ qua" boxes along with a fix.
    data = fix_form(page_item(client, job, NUM))
    response = post_fix(
        client, job, {**data, "leave_out_sent": "1", "leave_out": [TF]}, action="reset"
    )
    assert "trở lại như trong tệp" in messages_of(response)
    page = response.content.decode()
    el = item_by_ref(page, NUM)
    assert el.find_class("errors") and not el.find_class("import-fixed-badge")
    assert item_by_ref(page, TF).xpath(".//input[@name='leave_out']")[0].get("checked") is not None
    job.refresh_from_db()
    assert job.report["fixes"] == {} and job.report["total"] == 3
    assert job.report["leave_out"] == [TF]
    assert any(e.startswith(f"{NUM}: thiếu dòng") for e in job.report["errors"])


def test_a_job_no_longer_previewed_cannot_be_fixed(client, job):
    data = fix_form(page_item(client, job, NUM))
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.DONE)
    response = post_fix(client, job, {**data, "answers": "4"})
    assert "không còn ở bước xem trước" in messages_of(response)
    job.refresh_from_db()
    assert "fixes" not in job.report
    response = client.post(f"{UPLOAD}{job.pk}/sua/", {"position": "x"}, follow=True)
    assert "Không rõ câu hỏi cần sửa" in messages_of(response)


def restarted() -> bytes:
    """Two exams in one file, both numbered from Câu 1; the second Câu 1 has no key."""
    b = DocBuilder()
    for stem in ("Đề 1: một cộng một", "Đề 2: hai cộng hai"):
        b.p(f"Câu 1. {stem}")
        if stem.startswith("Đề 1"):
            b.p("A. 1\t", run("B", u=True), ". 2\tC. 3\tD. 4")
        else:
            b.p("A. 2\tB. 3\tC. 4\tD. 5")
        b.p("Câu 2. Câu tiếp theo")
        b.p(run("A", u=True), ". có\tB. không")
    return b.bytes()


def test_fixes_are_found_by_position_when_the_numbering_restarts():
    result = parse_checked("de.docx", restarted())
    refs = [q.ref for q in result.in_file_order()]
    assert len(refs) == 4 and refs[2].startswith("Câu 1 (lần đánh số thứ 2")
    fix = {"ref": refs[2], "qtype": "single_choice", "key": [2]}
    done = apply_fixes(result, {"3": fix}, QuestionCheck())
    assert not result.errors and len(result.questions) == 4
    third = result.questions[2]
    assert "hai cộng hai" in third.stem and [c.correct for c in third.choices] == [
        False,
        False,
        True,
        False,
    ]
    assert done[0]["position"] == 3 and done[0]["resolved"]

    # A fix whose question is not at its position any more is an error, never misapplied.
    result = parse_checked("de.docx", restarted())
    apply_fixes(result, {"1": fix}, QuestionCheck())
    assert any("vị trí thứ 1" in p.message for p in result.errors)
    assert len(result.questions) == 3  # the second Câu 1 still has its own problem
