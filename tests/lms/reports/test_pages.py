"""Each report page as its users read it: the chart (SVG) and the table beside it carry the
same numbers (the table is what a screen reader reads); the weekly activity XLSX reads back
with the page's and the hand-computed numbers; the reports home links issue 5's coverage
report for exactly the people who may open it."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.models import EventKind, LearningEvent
from lms.reports.services import online_periods_record
from tests.accounts.factories import make_school
from tests.lms.reports.pages import chart_bars, report_table
from tests.lms.reports.test_materials import use_fixture
from tests.lms.reports.test_online_share import record

pytestmark = pytest.mark.django_db


def _view(user, *, ago=None):
    event = LearningEvent.objects.create(user=user, kind=EventKind.VIEW)
    if ago is not None:
        LearningEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - ago)


def activity_fixture(a):
    """For the secondary school, over three weeks ending this one:

    * this week: students 1 and 2 (student 1 twice) → 2 students; Thầy Toán records
      online periods → 1 teacher;
    * last week: student 3; Cô Chủ Nhiệm reads a material → 1 student, 1 teacher;
    * two weeks ago: nobody → 0, 0.

    Not counted: another Sở's student this week, the primary school's teacher and a
    student 5 weeks ago (outside the three weeks)."""
    s1, s2, s3 = a.students
    _view(s1)
    _view(s1)
    _view(s2)
    _view(s3, ago=dt.timedelta(weeks=1))
    _view(a.homeroom, ago=dt.timedelta(weeks=1))
    _view(s1, ago=dt.timedelta(weeks=5))
    _view(a.other_student)
    _view(a.primary_teacher)
    a.year.end_date = timezone.localdate() + dt.timedelta(days=30)
    a.year.start_date = min(a.year.start_date, timezone.localdate() - dt.timedelta(days=60))
    a.year.save()
    online_periods_record(
        user=a.teacher,
        school_class=a.c10a1,
        subject=a.toan,
        week=timezone.localdate(),
        mode="online",
        periods=2,
    )


def test_active_xlsx_reads_back_with_the_pages_and_the_hand_computed_numbers(client, area):
    a = area
    activity_fixture(a)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [(monday - dt.timedelta(weeks=n)).strftime("%d/%m/%Y") for n in (2, 1, 0)]
    expected = [(weeks[0], 0, 0), (weeks[1], 1, 1), (weeks[2], 2, 1)]
    client.force_login(a.admin)
    page = client.get(reverse("report_active"), {"tuan": 3})
    assert page.status_code == 200
    headers, rows = report_table(page.content.decode())
    assert [tuple(r) for r in rows] == [(w, str(s), str(t)) for w, s, t in expected]
    export = client.get(reverse("report_active_xlsx"), {"tuan": 3})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(export.content)).active
    assert ws["A1"].value == "Học sinh và giáo viên hoạt động theo tuần"
    assert [c.value for c in ws[3]] == headers
    assert list(ws.iter_rows(min_row=4, values_only=True)) == expected


def _same_numbers(html, columns):
    """Every bar of the chart names the number its table row and column print."""
    headers, rows = report_table(html)
    bars = chart_bars(html)
    assert rows, "the table has no rows"
    checked = 0
    for row in rows:
        for series, column in columns.items():
            assert bars[(series, row[0])] == row[headers.index(column)], (series, row)
            checked += 1
    assert checked == len(bars)  # no bar the table does not carry
    return rows


def test_each_report_has_a_chart_and_a_table_with_the_same_numbers(client, area):
    a = area
    activity_fixture(a)
    use_fixture(a)
    record(a)
    # A school of the Sở with no class yet: no share, "–" in the table and on its bar.
    empty = make_school(name="Trường THCS Chưa Có Lớp", department=a.secondary.department)
    client.force_login(a.department_admin)

    html = client.get(reverse("report_active"), {"tuan": 3}).content.decode()
    rows = _same_numbers(
        html, {"Học sinh": "Học sinh hoạt động", "Giáo viên": "Giáo viên hoạt động"}
    )
    # This week, with the other fixtures: students 1, 2 and the 3A pupil; Thầy Toán, Cô Lớp
    # Sáu (online periods) and Cô Tiểu Học (a view, online periods, an assignment).
    assert [r[1:] for r in rows] == [["0", "0"], ["1", "1"], ["3", "3"]]

    html = client.get(reverse("report_materials")).content.decode()
    rows = _same_numbers(
        html, {"Lượt xem": "Lượt xem", "Lượt tải": "Lượt tải", "Bài giao": "Bài giao dùng học liệu"}
    )
    assert {r[0]: r[1] for r in rows}[a.secondary.name] == "4"

    html = client.get(reverse("report_online_share"), {"nam": a.year.pk}).content.decode()
    rows = _same_numbers(html, {"Tỉ lệ đạt được": "Tỉ lệ (%)", "Chỉ tiêu": "Chỉ tiêu (%)"})
    shares = {r[0]: (r[5], r[6]) for r in rows}
    assert shares[a.primary.name] == ("5,2", "5")
    # 22 + 8 periods of the Oct. weeks and this week's 2 of 10A1 Toán: 32 / 350 = 9,14 %.
    assert shares[a.secondary.name] == ("9,1", "10")
    assert shares[empty.name] == ("–", "–")


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        ("admin", True),
        ("primary_admin", True),
        ("department_admin", True),
        ("district_admin", True),
        ("librarian", True),
        ("teacher", False),  # opens the home for their classes' progress, no coverage
        ("homeroom", False),
    ],
)
def test_reports_home_links_the_coverage_report_for_who_may_open_it(client, area, role, linked):
    client.force_login(getattr(area, role))
    home = client.get(reverse("reports_home"))
    assert home.status_code == 200
    url = reverse("coverage_report")
    assert (f'href="{url}"' in home.content.decode()) is linked
    assert client.get(url).status_code == (200 if linked else 403)
