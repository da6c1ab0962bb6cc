"""The preview page of a Word import: every question as the student will see it, its
problems beside it; the teacher leaves questions out and saves the rest, or nothing."""

from __future__ import annotations

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from question_bank.import_jobs import ImportJob
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank
from tests.question_bank.formats.docx_builder import (
    FRACTION_LATEX,
    FRACTION_OMML,
    PICTURE,
    DocBuilder,
    run,
)

pytestmark = pytest.mark.django_db
UPLOAD = "/admin/ngan-hang-cau-hoi/nhap/"


@pytest.fixture
def teacher_bank():
    teacher = make_user(role=Role.TEACHER, school=make_school())
    return teacher, make_bank(teacher, scope="school")


def ten_good_two_bad() -> bytes:
    b = DocBuilder()
    for n in range(1, 11):
        para = b.p(f"Câu {n}. Câu hỏi số {n}: tính ")
        if n == 3:
            b.omml(para, FRACTION_OMML)
        if n == 4:
            b.picture(para, PICTURE)
        b.p("A. 1\t", run("B.", u=True), f" {n}\tC. 3\tD. 4")
    b.p("Câu 11. Câu này không đánh dấu đáp án")
    b.p("A. 1\tB. 2\tC. 3\tD. 4")
    b.p("Câu 12. Câu này cũng không có đáp án")
    b.p("A. một\tB. hai\tC. ba\tD. bốn")
    return b.bytes()


def upload(client, bank, data, callbacks) -> ImportJob:
    with callbacks(execute=True):
        response = client.post(
            UPLOAD,
            {"bank": bank.pk, "file": SimpleUploadedFile("de-12-cau.docx", data)},
        )
    assert response.status_code == 302
    return ImportJob.objects.get()


def items(page: str):
    return lxml.html.fromstring(page).find_class("import-item")


def test_preview_shows_every_question_with_its_problems_beside_it(
    client, teacher_bank, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, ten_good_two_bad(), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.PREVIEW, job.report
    page = client.get(f"{UPLOAD}{job.pk}/").content.decode()
    found = items(page)
    assert [el.get("data-ref") for el in found] == [f"Câu {n}" for n in range(1, 13)]
    for el in found[:10]:
        assert el.find_class("question"), "rendered as the student sees it"
        assert el.find_class("is-correct")[0].text_content().strip().startswith("B.")
        assert not el.find_class("errors")
    for el in found[10:]:
        [errors] = el.find_class("errors")
        assert "đáp án" in errors.text_content()
    text = found[2].text_content()
    assert f"\\({FRACTION_LATEX}\\)" in text  # KaTeX typesets it on the page
    assert "vendor/katex/katex.min.js" in page
    [img] = found[3].xpath(".//img")
    assert img.get("src").startswith("data:image/png;base64,")
    assert "Trắc nghiệm" in found[0].text_content()
    assert 'name="leave_out" value="Câu 11"' in page


def test_teacher_leaves_out_the_bad_questions_and_saves_the_rest(
    client, teacher_bank, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, ten_good_two_bad(), django_capture_on_commit_callbacks)
    confirm = f"{UPLOAD}{job.pk}/xac-nhan/"

    # One bad question still in: nothing is saved, the page says which one.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm, {"leave_out": ["Câu 11"]}, follow=True)
    assert "Câu 12 còn lỗi" in response.content.decode()
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW and not Question.objects.exists()

    # Both bad ones and a good one the teacher does not want: 9 saved.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, {"leave_out": ["Câu 11", "Câu 12", "Câu 5", "Câu 99"]})
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.report
    assert job.report["created"] == 9
    assert job.report["leave_out"] == ["Câu 5", "Câu 11", "Câu 12"]  # unknown refs ignored
    stems = list(Question.objects.values_list("stem", flat=True))
    assert len(stems) == 9 and not any("số 5:" in s for s in stems)


def test_leaving_out_everything_saves_nothing(
    client, teacher_bank, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, ten_good_two_bad(), django_capture_on_commit_callbacks)
    refs = [f"Câu {n}" for n in range(1, 13)]
    response = client.post(f"{UPLOAD}{job.pk}/xac-nhan/", {"leave_out": refs}, follow=True)
    assert "không có câu nào để lưu" in response.content.decode()
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW and not Question.objects.exists()


def test_another_teacher_cannot_see_or_choose(
    client, teacher_bank, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, ten_good_two_bad(), django_capture_on_commit_callbacks)
    other = make_user(role=Role.TEACHER, school=make_school())
    client.force_login(other)
    page = client.get(f"{UPLOAD}{job.pk}/")
    assert "Câu hỏi số 1" not in page.content.decode()
    client.post(f"{UPLOAD}{job.pk}/xac-nhan/", {"leave_out": ["Câu 11", "Câu 12"]})
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW and "leave_out" not in job.report
