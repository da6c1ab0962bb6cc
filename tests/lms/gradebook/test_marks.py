"""Marks by hand and from scores: every change keeps who and when; a locked term refuses
every edit with its reason; a column is filled from scores on another scale; the pages'
queries do not grow with the number of students or subjects."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from wagtail.models import ModelLogEntry

from accounts.services import teaching_assign
from lms.gradebook import selectors, services
from lms.gradebook.models import Mark, MarkChange, MarkSource
from tests.accounts.factories import make_student_in
from tests.lms.gradebook.conftest import subject
from tests.lms.gradebook.helpers import enter

pytestmark = pytest.mark.django_db
D = Decimal


def _sheet_post(client, sch, subject_, data, term=1):
    return client.post(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{subject_.pk}/", {"hk": term, **data})


def test_every_change_keeps_who_and_when(sch):
    an = sch.students[0]
    kw = {"school_class": sch.c10a1, "subject": sch.su, "term": 1, "student": an, "column": "gk"}
    assert services.mark_set(user=sch.teacher, value=D("7.5"), **kw) == 1
    assert services.mark_set(user=sch.teacher, value=D("7.5"), **kw) == 0  # unchanged
    assert services.mark_set(user=sch.teacher, value=D("8"), **kw) == 1
    assert services.mark_set(user=sch.teacher, value=None, **kw) == 1  # cleared
    mark = Mark.objects.get(student=an, column="gk")
    assert (mark.value, mark.entered_by) == (None, sch.teacher)
    history = list(MarkChange.objects.filter(mark=mark).values_list("old_value", "new_value", "by"))
    assert history == [
        (None, D("7.5"), sch.teacher.pk),
        (D("7.5"), D("8"), sch.teacher.pk),
        (D("8"), None, sch.teacher.pk),
    ]
    assert ModelLogEntry.objects.filter(action="lms.gradebook.save").count() == 3


def test_the_page_refuses_a_bad_cell_and_saves_nothing(sch):
    client = Client()
    client.force_login(sch.teacher)
    an, binh = sch.students[:2]
    response = _sheet_post(
        client,
        sch,
        sch.su,
        {f"m-{an.pk}-tx1": "8,5", f"m-{binh.pk}-tx1": "10,5", f"m-{binh.pk}-gk": "7,25"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Điểm 10,5 nằm ngoài thang điểm 0–10." in html
    assert "Điểm 7,25 có quá 1 chữ số thập phân." in html
    assert 'value="10,5"' in html  # what was typed stays in its cell
    assert not Mark.objects.exists()
    response = _sheet_post(client, sch, sch.su, {f"m-{an.pk}-tx1": "8,5"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert 'value="8,5"' in html and "Thầy Bộ Môn nhập lúc" in html


def test_a_locked_term_refuses_every_edit_with_its_reason(sch):
    an = sch.students[0]
    enter(sch.teacher, sch.c10a1, sch.su, 1, {an: [7, 8, 9, 6, 7]})
    year = sch.c10a1.school_year
    services.term_lock(
        user=sch.admin, school=sch.school, school_year=year, term=1, reason="Chốt HK I"
    )
    kw = {"school_class": sch.c10a1, "subject": sch.su, "term": 1, "student": an, "column": "gk"}
    with pytest.raises(ValidationError) as refused:
        services.mark_set(user=sch.teacher, value=D("9"), **kw)
    assert "Học kỳ I năm học 2025-2026 đã khoá sổ" in refused.value.messages[0]
    assert "Lý do: Chốt HK I" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        services.gradebook_column_fill(
            user=sch.teacher,
            school_class=sch.c10a1,
            subject=sch.su,
            term=1,
            column="tx1",
            scores={an.pk: D(5)},
            scale_max=D(10),
        )
    client = Client()
    client.force_login(sch.teacher)
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/?hk=1").content.decode()
    assert "Lý do: Chốt HK I" in html and f'name="m-{an.pk}-gk"' not in html
    response = _sheet_post(client, sch, sch.su, {f"m-{an.pk}-gk": "1"})
    assert response.status_code == 400 and "Chốt HK I" in response.content.decode()
    assert Mark.objects.get(student=an, column="gk").value == D(6)  # as entered
    # HK II stays open; unlocking opens HK I again.
    assert services.mark_set(user=sch.teacher, value=D("9"), **{**kw, "term": 2}) == 1
    assert services.term_unlock(user=sch.admin, school=sch.school, school_year=year, term=1)
    assert services.mark_set(user=sch.teacher, value=D("9"), **kw) == 1
    with pytest.raises(PermissionDenied):
        services.term_lock(user=sch.teacher, school=sch.school, school_year=year, term=1)


def test_a_column_is_filled_from_scores_on_another_scale(sch):
    an, binh, cuong = sch.students
    changed = services.gradebook_column_fill(
        user=sch.teacher,
        school_class=sch.c10a1,
        subject=sch.su,
        term=1,
        column="tx2",
        scores={an.pk: D("7"), binh.pk: D("3.3"), cuong.pk: D("8")},
        scale_max=D("8"),
        note="Bài kiểm tra 15 phút",
    )
    assert changed == 3
    values = dict(Mark.objects.filter(column="tx2").values_list("student_id", "value"))
    # 7/8·10 = 8,75 → 8,8; 3,3/8·10 = 4,125 → 4,1; 8/8·10 = 10
    assert values == {an.pk: D("8.8"), binh.pk: D("4.1"), cuong.pk: D("10")}
    assert set(Mark.objects.values_list("source", "note")) == {
        (MarkSource.FILL, "Bài kiểm tra 15 phút")
    }


def test_a_fill_with_a_wrong_score_or_student_saves_nothing(sch):
    an = sch.students[0]
    kw = {
        "user": sch.teacher,
        "school_class": sch.c10a1,
        "subject": sch.su,
        "term": 1,
        "column": "tx1",
    }
    with pytest.raises(ValidationError) as refused:
        services.gradebook_column_fill(
            scores={an.pk: D(9), sch.student_10a2.pk: D(5)}, scale_max=D(10), **kw
        )
    assert refused.value.message_dict == {
        f"{sch.student_10a2.pk}:tx1": ["Học sinh không thuộc lớp này."]
    }
    with pytest.raises(ValidationError) as refused:
        services.gradebook_column_fill(scores={an.pk: D(12)}, scale_max=D(10), **kw)
    assert "nằm ngoài thang điểm" in refused.value.message_dict[f"{an.pk}:tx1"][0]
    with pytest.raises(ValidationError):
        services.gradebook_column_fill(
            scores={an.pk: D(5)}, scale_max=D(10), **{**kw, "column": "tx4"}
        )
    with pytest.raises(PermissionDenied):
        services.gradebook_column_fill(
            scores={an.pk: D(5)}, scale_max=D(10), **{**kw, "user": sch.homeroom}
        )
    with pytest.raises(ValidationError):
        services.gradebook_column_fill(
            scores={an.pk: D(5)}, scale_max=D(10), **{**kw, "subject": sch.gdtc}
        )
    assert not Mark.objects.exists()


# --- A fuller timetable: every level -------------------------------------------------------
MARK_SUBJECTS = [
    ("ngu-van", "Ngữ văn"),
    ("tieng-anh", "Tiếng Anh"),
    ("vat-ly", "Vật lí"),
    ("hoa-hoc", "Hoá học"),
    ("sinh-hoc", "Sinh học"),
]  # with Toán and Lịch sử: 7 mark subjects, and Giáo dục thể chất by comment


def test_levels_of_a_full_timetable(sch):
    """Every column of a subject holds the same mark m, so its ĐTBmhk is m:
    (n·m + 2m + 3m)/(n + 5) = m. The 7 mark subjects in the order Toán, Lịch sử, Ngữ văn,
    Tiếng Anh, Vật lí, Hoá học, Sinh học:
    - An: 8, 8, 8, 8, 8, 8, 6,5, GDTC Đ → all ≥ 6,5, six ≥ 8,0, all Đ → Tốt;
    - Bình: 9, 9, 9, 9, 9, 7,9, 6,5, Đ → only five ≥ 8,0 → not Tốt; all ≥ 5,0, seven ≥ 6,5 → Khá;
    - Cường: all 9 but GDTC CĐ → one comment subject CĐ → Đạt;
    - Dung (a fourth student): all 9 but Sinh học 3,4 (< 3,5), Đ → Chưa đạt."""
    subjects = [sch.toan, sch.su]
    for code, name in MARK_SUBJECTS:
        s = subject(code, name)
        teaching_assign(teacher=sch.teacher, school_class=sch.c10a1, subject=s)
        subjects.append(s)
    an, binh, cuong = sch.students
    dung = make_student_in(sch.c10a1, full_name="Đỗ Thị Dung", student_id="2700000005")
    table = {
        an: ([8, 8, 8, 8, 8, 8, 6.5], "Đ"),
        binh: ([9, 9, 9, 9, 9, 7.9, 6.5], "Đ"),
        cuong: ([9] * 7, "CĐ"),
        dung: ([9] * 6 + [3.4], "Đ"),
    }
    rules = services.class_rules(sch.c10a1)
    for i, s in enumerate(subjects):
        n = len(rules.columns(s, 10))
        teacher = sch.homeroom if s == sch.toan else sch.teacher
        enter(teacher, sch.c10a1, s, 1, {st: [marks[i]] * n for st, (marks, _c) in table.items()})
    enter(sch.teacher, sch.c10a1, sch.gdtc, 1, {st: [c] * 4 for st, (_m, c) in table.items()})
    overview = selectors.class_overview(school_class=sch.c10a1)
    levels = {row.student.pk: row.levels[1][1] for row in overview.rows}
    assert levels == {an.pk: "Tốt", binh.pk: "Khá", cuong.pk: "Đạt", dung.pk: "Chưa đạt"}
    client = Client()
    client.force_login(dung)
    html = client.get("/hoc/so-diem/cua-em/").content.decode()
    assert "3,4" in html and "Chưa đạt" in html


# --- Queries do not grow with rows -------------------------------------------------------------
def _class_of(sch, n):
    """10A1 with ``n`` more students, each with marks in both terms of three subjects."""
    for i in range(n):
        make_student_in(sch.c10a1, full_name=f"Học Sinh Thêm {i}", student_id=f"27100{i:05d}")
    students = list(sch.c10a1.enrolments.values_list("student", flat=True))
    for s, teacher in ((sch.su, sch.teacher), (sch.toan, sch.homeroom)):
        for term in (1, 2):
            services.gradebook_column_fill(
                user=teacher,
                school_class=sch.c10a1,
                subject=s,
                term=term,
                column="gk",
                scores={p: D(7) for p in students},
                scale_max=D(10),
            )
    services.marks_save(
        user=sch.teacher,
        school_class=sch.c10a1,
        subject=sch.gdtc,
        term=1,
        entries={(p, "ck"): True for p in students},
    )


@pytest.mark.parametrize("extra", [0, 30])
def test_the_pages_queries_do_not_grow_with_rows(sch, extra, django_assert_max_num_queries):
    _class_of(sch, extra)
    teacher, homeroom, admin, student = (Client() for _ in range(4))
    teacher.force_login(sch.teacher)
    homeroom.force_login(sch.homeroom)
    admin.force_login(sch.admin)
    student.force_login(sch.students[0])
    c = sch.c10a1.pk
    for client, url in (
        (teacher, f"/hoc/so-diem/lop/{c}/mon/{sch.su.pk}/"),
        (teacher, f"/hoc/so-diem/lop/{c}/mon/{sch.su.pk}/xuat/"),
        (homeroom, f"/hoc/so-diem/lop/{c}/?ky=cn"),
        (admin, "/hoc/so-diem/"),
        (student, "/hoc/so-diem/cua-em/"),
    ):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url
