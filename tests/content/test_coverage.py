"""Curriculum coverage report: the selector on a hand-computed fixture, the page, the XLSX
export and who may see them."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from content.coverage import curriculum_coverage
from content.models import ELecturePage, HomePage, LessonPage, LibraryItem
from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
from tests.accounts.factories import (
    DepartmentFactory,
    DistrictOfficeFactory,
    make_school,
    make_user,
)
from tests.browser.conftest import phone_page  # noqa: F401 (fixture of the phone test)

pytestmark = pytest.mark.django_db

# The curriculum (7 lessons, 12 outcomes) and what covers it, in department "Ninh Bình":
#
# Toán 10    L1 (o1a o1b)      M1 page, province, no outcomes listed -> L1, o1a, o1b
#            L2 (o2a o2b o2c)  M2 page, school A, lists o2a          -> L2, o2a only
#            L3 (o3a)          M4 item linked to L3 but unpublished  -> nothing
# Toán 11    L4 (o4a o4b)      M8 page linked to L4, never published -> nothing
#            L5 (o5a)          M3 item, district P, outcome o5a only -> L5 (via o5a), o5a
# Ngữ văn 10 L6 (o6a)          M5 page of a school in another Sở     -> nothing
#            L7 (o7a o7b)      M6 public item (owned by the other Sở): lessons [L7],
#                              outcomes [o7a, o1a] -> L7, o7a (not o7b), o1a (already)
#                              M7 e-lecture, province, L7 + o7a       -> nothing new
#
# Toán 10:    lessons 2/3 = 66.7 %, outcomes (o1a o1b o2a) 3/6 = 50.0 %, materials M1 M2 M6 = 3
# Toán 11:    lessons 1/2 = 50.0 %, outcomes (o5a) 1/3 = 33.3 %,         materials M3 = 1
# Ngữ văn 10: lessons 1/2 = 50.0 %, outcomes (o7a) 1/3 = 33.3 %,         materials M6 M7 = 2
# Department: lessons (2+1+1) 4/7 = 57.1 % -> Đạt (needs ceil(0.5 × 7) = 4);
#             outcomes (3+1+1) 5/12 = 41.7 % -> Chưa đạt, 50 − 41.67 = 8.3 points short,
#             one more outcome needed (ceil(0.5 × 12) = 6);
#             materials: M1 M2 M3 M6 M7 = 5 (M6 spans two rows but counts once).


def _lesson(topic, code, name, outcomes, order):
    lesson = CurriculumLesson.objects.create(topic=topic, code=code, name=name, sort_order=order)
    made = [
        LearningOutcome.objects.create(lesson=lesson, code=f"{code}-{o}", text=f"Yêu cầu {o}")
        for o in outcomes
    ]
    return lesson, made


def _page(model=LessonPage, *, slug, outcomes=(), publish=True, **fields):
    home = HomePage.objects.first()
    extra = {"sections": []} if model is ELecturePage else {}
    page = model(title=slug, slug=slug, live=publish, **extra, **fields)
    page.outcomes.set(list(outcomes))
    home.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def _item(*, title, lessons=(), outcomes=(), live=True, **fields):
    item = LibraryItem.objects.create(
        title=title,
        resource_type="document",
        external_url="https://example.org/x",
        live=live,
        **fields,
    )
    item.curriculum_lessons.set(list(lessons))
    item.outcomes.set(list(outcomes))
    item.save()
    return item


@pytest.fixture
def world():
    ninh_binh = DepartmentFactory(name="Sở GD&ĐT Ninh Bình", code="NB")
    thanh_hoa = DepartmentFactory(name="Sở GD&ĐT Thanh Hoá", code="TH")
    school_a = make_school(department=ninh_binh, name="Trường THPT Hoa Lư A")
    school_b = make_school(department=thanh_hoa, name="Trường THPT Lam Sơn")
    district_p = DistrictOfficeFactory(department=ninh_binh, name="Phòng GD&ĐT Gia Viễn")

    toan = Subject.objects.create(code="toan", name="Toán", sort_order=1)
    van = Subject.objects.create(code="ngu-van", name="Ngữ văn", sort_order=2)
    t10 = Topic.objects.create(
        subject=toan, grade=10, code="toan-10-c01", name="Mệnh đề và tập hợp"
    )
    t11 = Topic.objects.create(subject=toan, grade=11, code="toan-11-c01", name="Hàm số lượng giác")
    v10 = Topic.objects.create(
        subject=van, grade=10, code="van-10-c01", name="Thần thoại và sử thi"
    )
    l1, (o1a, _o1b) = _lesson(t10, "t10-b1", "Bài 1. Mệnh đề", ["a", "b"], 1)
    l2, (o2a, _o2b, _o2c) = _lesson(t10, "t10-b2", "Bài 2. Tập hợp", ["a", "b", "c"], 2)
    l3, _ = _lesson(t10, "t10-b3", "Bài 3. Các phép toán trên tập hợp", ["a"], 3)
    l4, _ = _lesson(t11, "t11-b1", "Bài 1. Góc lượng giác", ["a", "b"], 1)
    _l5, (o5a,) = _lesson(t11, "t11-b2", "Bài 2. Công thức lượng giác", ["a"], 2)
    l6, _ = _lesson(v10, "v10-b1", "Bài 1. Thần Trụ Trời", ["a"], 1)
    l7, (o7a, _o7b) = _lesson(
        v10, "v10-b2", "Bài 2. Đăm Săn đi bắt Nữ Thần Mặt Trời", ["a", "b"], 2
    )

    _page(slug="m1", curriculum_lesson=l1, scope="province", department=ninh_binh)
    _page(slug="m2", curriculum_lesson=l2, outcomes=[o2a], scope="school", school=school_a)
    _item(title="M3", outcomes=[o5a], scope="district", district_office=district_p)
    _item(title="M4", lessons=[l3], scope="public", live=False)
    _page(slug="m5", curriculum_lesson=l6, scope="school", school=school_b)
    _item(
        title="M6",
        lessons=[l7],
        outcomes=[o7a, o1a],
        scope="public",
        school=school_b,
        department=thanh_hoa,
    )
    _page(
        ELecturePage,
        slug="m7",
        curriculum_lesson=l7,
        outcomes=[o7a],
        scope="province",
        department=ninh_binh,
    )
    _page(slug="m8", curriculum_lesson=l4, scope="public", publish=False)
    return {
        "ninh_binh": ninh_binh,
        "thanh_hoa": thanh_hoa,
        "school_a": school_a,
        "school_b": school_b,
        "district_p": district_p,
        "lessons": [l1, l2, l3, l4, l6, l7],
    }


def _numbers(report):
    return [
        (
            r.subject_name,
            r.grade,
            r.lessons.covered,
            r.lessons.total,
            r.lessons.percent,
            r.outcomes.covered,
            r.outcomes.total,
            r.outcomes.percent,
            r.materials,
        )
        for r in report.rows
    ]


def test_coverage_per_subject_grade_and_department(world):
    report = curriculum_coverage(department_id=world["ninh_binh"].pk)

    assert _numbers(report) == [
        ("Toán", 10, 2, 3, 66.7, 3, 6, 50.0, 3),
        ("Toán", 11, 1, 2, 50.0, 1, 3, 33.3, 1),
        ("Ngữ văn", 10, 1, 2, 50.0, 1, 3, 33.3, 2),
    ]
    assert (report.lessons.covered, report.lessons.total, report.lessons.percent) == (4, 7, 57.1)
    assert (report.outcomes.covered, report.outcomes.total, report.outcomes.percent) == (
        5,
        12,
        41.7,
    )
    assert report.materials == 5
    assert report.target == 0.5
    assert report.lessons_check.met and report.lessons_check.missing == 0
    assert not report.outcomes_check.met
    assert report.outcomes_check.gap_points == 8.3
    assert report.outcomes_check.missing == 1
    assert [(u.subject_name, u.grade, u.lesson_name) for u in report.uncovered] == [
        ("Toán", 10, "Bài 3. Các phép toán trên tập hợp"),
        ("Toán", 11, "Bài 1. Góc lượng giác"),
        ("Ngữ văn", 10, "Bài 1. Thần Trụ Trời"),
    ]


def test_other_department_sees_its_own_materials_and_public_ones(world):
    report = curriculum_coverage(department_id=world["thanh_hoa"].pk)

    # Thanh Hoá: M5 (its school, L6) and the public M6 (L7 + o7a, o1a) only.
    # Lessons L1 (via o1a), L6, L7 = 3/7; outcomes o1a, o6a, o7a = 3/12.
    assert _numbers(report) == [
        ("Toán", 10, 1, 3, 33.3, 1, 6, 16.7, 1),
        ("Toán", 11, 0, 2, 0.0, 0, 3, 0.0, 0),
        ("Ngữ văn", 10, 2, 2, 100.0, 2, 3, 66.7, 2),
    ]
    assert (report.lessons.covered, report.outcomes.covered, report.materials) == (3, 3, 2)
    assert not report.lessons_check.met and report.lessons_check.missing == 1


def test_taking_a_material_down_removes_its_coverage(world):
    page = LessonPage.objects.get(slug="m1")
    page.unpublish()

    report = curriculum_coverage(department_id=world["ninh_binh"].pk)

    # L1 stays covered through M6's outcome o1a; o1b is no longer covered.
    assert _numbers(report)[0] == ("Toán", 10, 2, 3, 66.7, 2, 6, 33.3, 2)
    assert report.materials == 4


def test_target_comes_from_settings(world, settings):
    settings.COVERAGE_TARGET = 0.6

    report = curriculum_coverage(department_id=world["ninh_binh"].pk)

    # ceil(0.6 × 7) = 5 lessons needed, 4 covered: 60 − 57.14 = 2.9 points short.
    assert report.target == 0.6
    assert not report.lessons_check.met
    assert (report.lessons_check.missing, report.lessons_check.gap_points) == (1, 2.9)


def test_query_count_does_not_grow_with_the_data(world, django_assert_max_num_queries):
    department_id = world["ninh_binh"].pk
    with django_assert_max_num_queries(16):
        curriculum_coverage(department_id=department_id)
    with CaptureQueriesContext(connection) as before:
        curriculum_coverage(department_id=department_id)

    for n in range(20):
        _item(
            title=f"Thêm {n}",
            lessons=world["lessons"][n % 3 : n % 3 + 2],
            outcomes=list(LearningOutcome.objects.all()[n % 5 : n % 5 + 3]),
            scope="public",
        )
        _page(slug=f"them-{n}", curriculum_lesson=world["lessons"][n % 6], scope="public")

    with CaptureQueriesContext(connection) as after:
        curriculum_coverage(department_id=department_id)
    assert len(after) == len(before)


# --- The page ---------------------------------------------------------------------------
URL = "/bao-cao/do-phu-chuong-trinh/"
XLSX_URL = "/bao-cao/do-phu-chuong-trinh.xlsx"


def test_urls():
    assert reverse("coverage_report") == URL
    assert reverse("coverage_xlsx") == XLSX_URL


def test_department_admin_sees_own_department_page(client, world, django_assert_max_num_queries):
    admin = make_user(role=Role.DEPARTMENT_ADMIN, department=world["ninh_binh"])
    client.force_login(admin)

    with django_assert_max_num_queries(22):
        response = client.get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Sở GD&amp;ĐT Ninh Bình" in body
    assert "57,1%" in body and "4/7" in body  # department-wide lessons
    assert "41,7%" in body and "5/12" in body  # department-wide outcomes
    assert "Đạt" in body and "Chưa đạt" in body
    assert "thiếu 8,3 điểm phần trăm, cần thêm 1 yêu cầu cần đạt" in body
    assert "66,7%" in body  # Toán 10 lessons
    # chart: bar widths and the target line use CSS numbers, not the Vietnamese comma
    assert "width:66.7%" in body and "left:50.0%" in body
    assert 'class="cov-table-wrap"' in body
    assert f"{XLSX_URL}?so={world['ninh_binh'].pk}" in body
    # no department picker for a department admin
    assert 'name="so"' not in body


def test_department_admin_cannot_pick_another_department(client, world):
    client.force_login(make_user(role=Role.DEPARTMENT_ADMIN, department=world["ninh_binh"]))
    assert client.get(URL, {"so": world["thanh_hoa"].pk}).status_code == 404
    assert client.get(URL, {"so": "abc"}).status_code == 400


@pytest.mark.parametrize("role", [Role.SCHOOL_ADMIN, Role.LIBRARIAN])
def test_school_staff_see_their_department_read_only(client, world, role):
    client.force_login(make_user(role=role, school=world["school_b"]))

    response = client.get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Sở GD&amp;ĐT Thanh Hoá" in body and "3/7" in body
    assert 'name="so"' not in body


def test_superuser_picks_any_department(client, world):
    root = User.objects.create_superuser("root", "root@example.edu.vn", "mat-khau-thu")
    client.force_login(root)

    response = client.get(URL, {"so": world["thanh_hoa"].pk})

    assert response.status_code == 200
    body = response.content.decode()
    assert "3/7" in body
    assert 'name="so"' in body and "Sở GD&amp;ĐT Ninh Bình" in body  # the picker


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER])
def test_students_and_teachers_are_refused(client, world, role):
    client.force_login(make_user(role=role, school=world["school_a"]))
    assert client.get(URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    for url in (URL, XLSX_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/?next=")


def test_district_office_admin_sees_the_department_of_the_office(client, world):
    client.force_login(make_user(role=Role.DEPARTMENT_ADMIN, district_office=world["district_p"]))

    response = client.get(URL)

    assert response.status_code == 200
    assert "Sở GD&amp;ĐT Ninh Bình" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_page_fits_a_phone(client, world, live_server, phone_page):  # noqa: F811
    """On a 390 px phone the table scrolls inside its own container; the page doesn't."""
    client.force_login(make_user(role=Role.DEPARTMENT_ADMIN, department=world["ninh_binh"]))
    session = client.cookies["sessionid"].value
    phone_page.context.add_cookies(
        [{"name": "sessionid", "value": session, "url": live_server.url}]
    )

    phone_page.goto(live_server.url + URL)

    assert phone_page.get_by_role("heading", name="Độ phủ chương trình GDPT 2018").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    wrap = phone_page.locator(".cov-table-wrap")
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    assert phone_page.get_by_role("figure").is_visible()


# --- XLSX -------------------------------------------------------------------------------
def test_xlsx_export(client, world, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2025, 11, 20))
    client.force_login(make_user(role=Role.DEPARTMENT_ADMIN, department=world["ninh_binh"]))

    with django_assert_max_num_queries(22):
        response = client.get(XLSX_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="do-phu-chuong-trinh-2025-11-20.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Độ phủ", "Chưa có học liệu"]

    sheet = book["Độ phủ"]
    assert "Sở GD&ĐT Ninh Bình" in sheet["A1"].value and "20/11/2025" in sheet["A1"].value
    assert sheet["A2"].value == "Môn học" and sheet["E2"].value == "Tỉ lệ bài học"
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["A"].width == 24
    rows = [list(r) for r in sheet.iter_rows(min_row=3, max_row=6, values_only=True)]
    assert rows[0][:4] == ["Toán", 10, 3, 2]
    assert rows[0][4] == pytest.approx(2 / 3)
    assert rows[0][5:7] == [6, 3] and rows[0][7] == pytest.approx(0.5) and rows[0][8] == 3
    assert rows[1][:4] == ["Toán", 11, 2, 1] and rows[1][7] == pytest.approx(1 / 3)
    assert rows[2][:4] == ["Ngữ văn", 10, 2, 1] and rows[2][8] == 2
    assert rows[3][0] == "Toàn Sở"
    assert rows[3][2:4] == [7, 4] and rows[3][4] == pytest.approx(4 / 7)
    assert rows[3][5:7] == [12, 5] and rows[3][7] == pytest.approx(5 / 12)
    assert rows[3][8] == 5
    assert sheet["E3"].number_format == "0.0%" and sheet["H6"].number_format == "0.0%"
    assert sheet["A6"].font.bold and not sheet["A3"].font.bold
    verdicts = {r[0]: r[1] for r in sheet.iter_rows(min_row=8, values_only=True)}
    assert verdicts["Mục tiêu"] == 0.5
    assert verdicts["Bài học"] == "Đạt"
    assert verdicts["Yêu cầu cần đạt"].startswith("Chưa đạt – thiếu 8,3 điểm phần trăm")

    missing = book["Chưa có học liệu"]
    assert missing.freeze_panes == "A2"
    assert list(missing.iter_rows(values_only=True)) == [
        ("Môn học", "Khối", "Chương/chủ đề", "Bài"),
        ("Toán", 10, "Mệnh đề và tập hợp", "Bài 3. Các phép toán trên tập hợp"),
        ("Toán", 11, "Hàm số lượng giác", "Bài 1. Góc lượng giác"),
        ("Ngữ văn", 10, "Thần thoại và sử thi", "Bài 1. Thần Trụ Trời"),
    ]
