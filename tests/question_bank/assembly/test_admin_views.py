"""The admin pages: a matrix from a template, the spec table, assembly and its errors."""

import pytest
from django.urls import reverse

from accounts.models import Role
from question_bank.assembly.models import ExamMatrix, Paper
from tests.accounts.factories import make_school, make_user
from tests.question_bank.assembly.bank import toan_bank

pytestmark = pytest.mark.django_db

SUPPLY = {
    (1, "biet"): 8,
    (1, "hieu"): 4,
    (2, "hieu"): 2,
    (2, "van_dung"): 2,
    (3, "hieu"): 2,
    (3, "van_dung"): 4,
}


def _login(client, role=Role.TEACHER):
    user = make_user(role=role, school=make_school())
    client.force_login(user)
    return user


def test_teacher_builds_a_matrix_from_a_template_and_assembles_versions(client):
    teacher = _login(client)
    _bank, subject = toan_bank(teacher, SUPPLY)
    response = client.post(
        reverse("exam_matrix_template"),
        {"template": "thpt2025-toan", "subject": subject.pk, "grade": 12, "title": ""},
    )
    matrix = ExamMatrix.objects.get(created_by=teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("exam_matrix_assemble", args=[matrix.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Bảng đặc tả" in page and "Vận dụng" in page and "Ma trận chưa hợp lệ" not in page

    form = {
        "forms_count": 1,
        "versions": 3,
        "codes": "034-036",
        "seed": 7,
        "avoid_recent": 0,
        "max_overlap": 0,
        "shuffle_statements": "on",
        "authority": "SỞ GIÁO DỤC VÀ ĐÀO TẠO NINH BÌNH",
        "organisation": "TRƯỜNG THPT HOA LƯ",
        "exam_title": "KỲ THI THỬ TỐT NGHIỆP THPT",
        "school_year": "NĂM HỌC 2025 – 2026",
    }
    response = client.post(reverse("exam_matrix_assemble", args=[matrix.pk]), form)
    paper = Paper.objects.get(matrix=matrix)
    assert response.status_code == 302
    assert [v.code for v in paper.variants.all()] == ["034", "035", "036"]
    assert paper.header["organisation"] == "TRƯỜNG THPT HOA LƯ"
    assert paper.render_state == Paper.RenderState.PENDING
    detail = client.get(reverse("exam_paper", args=[paper.pk])).content.decode()
    assert "034" in detail and "036" in detail and "Đáp án mã đề 034" in detail

    # Asking for three different forms is more than the bank holds: the page names the
    # short cells and nothing more is created.
    form["forms_count"] = 3
    form["codes"] = ""
    page = client.post(reverse("exam_matrix_assemble", args=[matrix.pk]), form).content.decode()
    assert "Phần I · mọi chủ đề · Biết: cần 24 câu đã duyệt, ngân hàng chỉ có 8 (thiếu 16)." in page
    assert Paper.objects.count() == 1

    # Codes that don't add up are a form error, not a crash.
    form["forms_count"] = 1
    form["codes"] = "111,111,222"
    page = client.post(reverse("exam_matrix_assemble", args=[matrix.pk]), form).content.decode()
    assert "Mã đề bị trùng: 111." in page


def test_other_teachers_cannot_open_someone_elses_matrix_or_private_paper(client):
    school = make_school()
    owner = make_user(role=Role.TEACHER, school=school)
    _bank, subject = toan_bank(owner, SUPPLY)
    from question_bank.assembly import services

    matrix = services.matrix_create_from_template(
        user=owner, template="thpt2025-toan", subject=subject, grade=12
    )
    matrix.confidential = True
    matrix.save()
    [paper] = services.papers_assemble(
        user=owner, matrix=matrix, options=services.AssemblyOptions(seed=1, school_id=school.pk)
    )
    client.force_login(make_user(role=Role.TEACHER, school=school))
    assert client.get(reverse("exam_matrix_assemble", args=[matrix.pk])).status_code == 404
    assert client.get(reverse("exam_paper", args=[paper.pk])).status_code == 404
    assert client.get(reverse("exam_paper_download", args=[paper.pk])).status_code == 404
    edit = reverse("wagtailsnippets_question_bank_exammatrix:edit", args=[matrix.pk])
    assert client.get(edit).status_code == 404
    client.force_login(make_user(role=Role.STUDENT, school=school))
    assert client.get(reverse("exam_matrix_template")).status_code in (302, 403)


def test_practice_set_page_creates_a_set_or_names_the_shortage(client):
    teacher = _login(client)
    _bank, subject = toan_bank(teacher, {(1, "biet"): 6})
    response = client.post(
        reverse("exam_practice"), {"subject": subject.pk, "grade": 12, "count": 4}
    )
    paper = Paper.objects.get(kind=Paper.Kind.PRACTICE)
    assert response.status_code == 302 and paper.items.count() == 4
    page = client.post(
        reverse("exam_practice"), {"subject": subject.pk, "grade": 12, "count": 9}
    ).content.decode()
    assert "cần 9 câu đã duyệt, ngân hàng chỉ có 6 (thiếu 3)" in page
