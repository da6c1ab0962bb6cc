"""Issue 21, acceptance 3: the preview page of a Word import with 10 good and 2 bad
questions shows the 12 questions rendered, the 2 problems beside theirs; the teacher leaves
one bad question out, fixes the key of the other in place and saves: 11 questions exist with
the fixed key. A save with a problem left unresolved still saves nothing. Through the real
views with Django's test client, the forms filled as a browser would."""

from __future__ import annotations

import lxml.html
import pytest
from wagtail.models import ModelLogEntry

from question_bank.formats.base import QType
from question_bank.import_jobs import ImportJob
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.question_bank.formats.docx_builder import DocBuilder, run
from tests.question_bank.import_edit.helpers import (
    UPLOAD,
    confirm,
    fix_form,
    item_by_ref,
    items,
    messages_of,
    post_fix,
    upload,
)

pytestmark = pytest.mark.django_db


def ten_good_two_bad() -> bytes:
    """Câu 1–10 with B underlined; Câu 11 with no key marked; Câu 12 with a red A and an
    underlined C (two ways of marking: flagged, never read as multiple response)."""
    b = DocBuilder()
    for n in range(1, 11):
        b.p(f"Câu {n}. Câu hỏi số {n}: chọn số {n}.")
        b.p("A. 1\t", run("B", u=True), f". {n}\tC. 3\tD. 4")
    b.p("Câu 11. Câu này không đánh dấu đáp án")
    b.p("A. 1\tB. 2\tC. 3\tD. 4")
    b.p("Câu 12. Câu này có hai cách đánh dấu")
    b.p(run("A", color="FF0000"), ". một")
    b.p("B. hai")
    b.p(run("C", u=True), ". ba")
    b.p("D. bốn")
    return b.bytes()


def test_leave_one_out_fix_the_other_and_save_eleven(
    client, teacher_bank, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, ten_good_two_bad(), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.PREVIEW, job.report

    # Given the preview: 12 questions rendered as the student sees them, 2 with problems.
    page = client.get(f"{UPLOAD}{job.pk}/").content.decode()
    found = items(page)
    assert [el.get("data-ref") for el in found] == [f"Câu {n}" for n in range(1, 13)]
    assert all(el.find_class("question") for el in found)
    bad = [el for el in found if el.find_class("errors")]
    assert [el.get("data-ref") for el in bad] == ["Câu 11", "Câu 12"]
    assert "không có đáp án đúng" in bad[0].find_class("errors")[0].text_content()
    assert "khác nhau" in bad[1].find_class("errors")[0].text_content()
    assert "A: tô đỏ" in bad[1].find_class("errors")[0].text_content()

    # A save with both problems (or one) unresolved saves nothing.
    response = confirm(client, job, ["Câu 11"], django_capture_on_commit_callbacks)
    assert "Câu 12 còn lỗi" in messages_of(response)
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW and not Question.objects.exists()

    # A fix that is still wrong (a single-choice question with A and C) gets its error in
    # Vietnamese beside the question, and still blocks the save.
    data = fix_form(item_by_ref(page, "Câu 12"))
    assert data["qtype"] == QType.MULTIPLE_RESPONSE and data["key"] == ["0", "2"]
    data["qtype"] = QType.SINGLE_CHOICE
    response = post_fix(client, job, data)
    assert "Câu 12 sau khi sửa vẫn còn lỗi" in messages_of(response)
    el = item_by_ref(response.content.decode(), "Câu 12")
    assert "câu một lựa chọn chỉ được một" in el.find_class("errors")[0].text_content()
    assert confirm(client, job, ["Câu 11"], django_capture_on_commit_callbacks).status_code == 200
    assert not Question.objects.exists()

    # The teacher fixes the key in place: C only.
    data["key"] = ["2"]
    response = post_fix(client, job, data)
    assert "Đã sửa Câu 12" in messages_of(response)
    page = response.content.decode()
    el = item_by_ref(page, "Câu 12")
    assert not el.find_class("errors") and el.find_class("import-fixed-badge")
    assert "khác nhau" in el.find_class("resolved")[0].text_content()  # shown as fixed
    [correct] = el.find_class("is-correct")
    assert correct.text_content().strip().startswith("C.")
    assert "Câu 12:" not in " ".join(
        li.text_content() for li in lxml.html.fromstring(page).find_class("import-errors")
    )
    assert fix_form(el)["key"] == ["2"]  # the form shows the fix back

    # Leaves Câu 11 out and saves: 11 questions, Câu 12 with its fixed key.
    confirm(client, job, ["Câu 11"], django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.report
    assert job.report["created"] == 11 and Question.objects.count() == 11
    fixed = Question.objects.get(stem__contains="hai cách đánh dấu")
    assert fixed.qtype == QType.SINGLE_CHOICE
    assert [c.correct for c in fixed.choices.order_by("sort_order")] == [False, False, True, False]
    assert not Question.objects.filter(stem__contains="không đánh dấu").exists()
    entry = ModelLogEntry.objects.filter(action="question_bank.import").latest("pk")
    assert entry.data["left_out"] == [
        {"where": "Câu 11", "reasons": ["không có đáp án đúng được đánh dấu"]}
    ]
    [record] = entry.data["fixes"]
    assert record["position"] == 12 and record["where"] == "Câu 12"
    assert record["qtype"] == "single_choice" and record["key"] == [2]
    assert "khác nhau" in record["resolved"][0]
    # The job's page once saved: what was left out, no "nothing was saved" alarm.
    done = client.get(f"{UPLOAD}{job.pk}/").content.decode()
    assert "Đã nhập 11 câu hỏi." in done and "Câu 11" in done
    assert "Chưa có câu hỏi nào được lưu" not in done and "import-errors" not in done


def test_another_teacher_cannot_fix(client, teacher_bank, django_capture_on_commit_callbacks):
    from accounts.models import Role

    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, ten_good_two_bad(), django_capture_on_commit_callbacks)
    data = fix_form(item_by_ref(client.get(f"{UPLOAD}{job.pk}/").content.decode(), "Câu 11"))
    client.force_login(make_user(role=Role.TEACHER, school=make_school()))
    response = client.post(f"{UPLOAD}{job.pk}/sua/", {**data, "key": ["1"]})
    assert response.status_code in (302, 403, 404)
    job.refresh_from_db()
    assert "fixes" not in job.report
