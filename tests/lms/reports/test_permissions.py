"""Every role through the report doors: who opens which report, over which schools; the
class progress page; and query counts that do not grow with rows."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import LearningEvent
from lms.reports.selectors import active_per_week
from lms.reports.services import online_periods_record
from tests.accounts.factories import make_student_in

pytestmark = pytest.mark.django_db

REPORTS = ("report_active", "report_online_share", "report_materials")


def _user(a, role):
    return None if role == "anonymous" else getattr(a, role)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("students", None),
        ("teacher", 403),
        ("librarian", 403),
        ("exam_board", 403),
        ("admin", 200),
        ("department_admin", 200),
        ("district_admin", 200),
        ("other_admin", 200),
    ],
)
@pytest.mark.parametrize("name", REPORTS)
def test_report_doors(client, area, role, status, name):
    user = area.students[0] if role == "students" else _user(area, role)
    status = 403 if role == "students" else status
    if user:
        client.force_login(user)
    for url in (reverse(name), reverse(name + "_xlsx")):
        assert client.get(url).status_code == status


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        ("admin", ["secondary"], ["primary", "other"]),
        ("primary_admin", ["primary"], ["secondary", "other"]),
        ("district_admin", ["primary"], ["secondary", "other"]),
        ("department_admin", ["primary", "secondary"], ["other"]),
        ("other_admin", ["other"], ["primary", "secondary"]),
    ],
)
def test_reports_are_scoped_to_the_area(client, area, role, sees, hidden):
    client.force_login(getattr(area, role))
    for name in REPORTS:
        html = client.get(reverse(name)).content.decode()
        for key in sees:
            assert getattr(area, key).name in html, (name, key)
        for key in hidden:
            assert getattr(area, key).name not in html, (name, key)
    # ?truong= cannot reach a school outside the area.
    other = area.other if role != "other_admin" else area.primary
    html = client.get(reverse("report_online_share"), {"truong": other.pk}).content.decode()
    assert other.name not in html.split("<tbody>")[1]


def test_active_per_week_counts_students_and_teachers(client, area):
    a = area
    now = timezone.now()
    for student in a.students[:2]:
        LearningEvent.objects.create(user=student, kind="view")
        LearningEvent.objects.create(user=student, kind="view")
    old = LearningEvent.objects.create(user=a.students[2], kind="view")
    LearningEvent.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(weeks=1))
    LearningEvent.objects.create(user=a.other_student, kind="view")
    a.c10a1.school_year.end_date = timezone.localdate() + dt.timedelta(days=30)
    a.c10a1.school_year.save()
    online_periods_record(
        user=a.teacher,
        school_class=a.c10a1,
        subject=a.toan,
        week=timezone.localdate(),
        mode="online",
        periods=2,
    )
    client.force_login(a.admin)
    response = client.get(reverse("report_active"), {"tuan": 2})
    rows = response.context["raw"]
    assert [r[1:] for r in rows] == [[1, 0], [2, 1]]


def test_report_queries_do_not_grow(client, area, django_assert_max_num_queries):
    a = area
    client.force_login(a.department_admin)
    with django_assert_max_num_queries(16):
        client.get(reverse("report_online_share"))
    with django_assert_max_num_queries(16):
        client.get(reverse("report_materials"))
    with django_assert_max_num_queries(20):
        client.get(reverse("report_active"))
    for n in range(10):
        make_student_in(a.c10a1, full_name=f"Thêm {n}")
    for s in a.c10a1.enrolments.values_list("student", flat=True):
        LearningEvent.objects.create(user_id=s, kind="view")
    with django_assert_max_num_queries(16):
        client.get(reverse("report_online_share"))
    with django_assert_max_num_queries(16):
        client.get(reverse("report_materials"))
    with django_assert_max_num_queries(20):
        client.get(reverse("report_active"))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("teacher", 200),  # teaches 10A1
        ("homeroom", 200),  # its homeroom teacher
        ("admin", 200),  # the school's admin
        ("teacher_6a", 404),
        ("primary_teacher", 404),
        ("department_admin", 404),
        ("other_admin", 404),
        ("librarian", 404),
        ("exam_board", 404),
    ],
)
def test_class_progress_doors(client, area, role, status):
    client.force_login(getattr(area, role))
    assert client.get(reverse("report_class_progress", args=[area.c10a1.pk])).status_code == status


def test_class_progress_student_refused(client, area):
    client.force_login(area.students[0])
    assert client.get(reverse("report_class_progress", args=[area.c10a1.pk])).status_code == 404
    assert client.get(reverse("reports_home")).status_code == 403
    assert client.get(reverse("report_online_periods")).status_code == 403


def test_weeks_start_on_monday_in_vietnam_time(area):
    """An event at 00:30 on a Monday in Hà Nội (17:30 UTC on the Sunday) is the new week's."""
    a = area
    monday = dt.date(2025, 10, 13)
    at = dt.datetime(2025, 10, 13, 0, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    event = LearningEvent.objects.create(user=a.students[0], kind="view")
    LearningEvent.objects.filter(pk=event.pk).update(created_at=at)
    before = LearningEvent.objects.create(user=a.students[1], kind="view")
    LearningEvent.objects.filter(pk=before.pk).update(created_at=at - dt.timedelta(hours=1))
    rows = active_per_week(
        schools=a.secondary.__class__.objects.filter(pk=a.secondary.pk), end=monday, weeks=2
    )
    assert [(r.week, r.students) for r in rows] == [
        (dt.date(2025, 10, 6), 1),
        (monday, 1),
    ]
