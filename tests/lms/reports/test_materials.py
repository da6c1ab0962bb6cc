"""The use-of-shared-materials report against a hand-computed fixture of two schools of one
Sở: views and downloads (learning events of library items and material pages) by each
school's people, the different materials they used, the assignments of its classes that
gave one; events and assignments before the period, and another Sở's, do not count. The
page's table, its chart and its XLSX export carry the same numbers."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page

from content.models import ELecturePage
from lms.assignments.models import Assignment
from lms.models import EventKind, LearningEvent
from tests.accounts.factories import make_student_in
from tests.content.library_helpers import make_item
from tests.lms.reports.pages import chart_bars, report_table

pytestmark = pytest.mark.django_db

VIEW, DOWNLOAD = EventKind.VIEW, EventKind.DOWNLOAD
OLD = dt.timedelta(days=40)  # before the report's default 30 days


def _event(user, kind, *, item=None, page=None, ago=None):
    event = LearningEvent.objects.create(user=user, kind=kind, library_item=item, page=page)
    if ago is not None:
        LearningEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - ago)


def _assign(teacher, school_class, *, item=None, page=None, ago=None):
    kind = "library_item" if item else "lesson"
    assignment = Assignment.objects.create(
        title=f"Đọc {item or page}",
        school_class=school_class,
        kind=kind,
        library_item=item,
        page=page,
        opens_at=timezone.now(),
        created_by=teacher,
    )
    if ago is not None:
        Assignment.objects.filter(pk=assignment.pk).update(created_at=timezone.now() - ago)


def use_fixture(a):
    """Materials: library items A and B, an e-lecture P.

    Secondary school: student 1 views A twice and downloads it once; student 2 views P;
    Thầy Toán views B and downloads it; student 3's view of A is 40 days old; student 1's
    section of P is no view nor download. → views 2 + 1 + 1 = 4, downloads 1 + 1 = 2,
    materials {A, B, P} = 3. Assignments to 10A1: A and P now (2), B 40 days ago (out).

    Primary school: a 3A student views A once and downloads B twice → views 1, downloads
    2, materials {A, B} = 2; one assignment (B to 3A).

    Another Sở: its student views A three times and its class is given A → nowhere."""
    item_a = make_item(a.librarian, title="Tài liệu A", scope="public")
    item_b = make_item(a.librarian, title="Tài liệu B", scope="public")
    root = Page.objects.get(depth=1).get_children().first()
    page = ELecturePage(title="Bài giảng P", slug="bai-giang-p", sections=[], school=a.secondary)
    root.add_child(instance=page)
    s1, s2, s3 = a.students
    _event(s1, VIEW, item=item_a)
    _event(s1, VIEW, item=item_a)
    _event(s1, DOWNLOAD, item=item_a)
    _event(s2, VIEW, page=page)
    _event(a.teacher, VIEW, item=item_b)
    _event(a.teacher, DOWNLOAD, item=item_b)
    _event(s3, VIEW, item=item_a, ago=OLD)
    _event(s1, EventKind.SECTION_COMPLETED, page=page)
    _assign(a.teacher, a.c10a1, item=item_a)
    _assign(a.teacher, a.c10a1, page=page)
    _assign(a.teacher, a.c10a1, item=item_b, ago=OLD)
    pupil = make_student_in(a.c3a, full_name="Học Sinh Lớp Ba")
    _event(pupil, VIEW, item=item_a)
    _event(pupil, DOWNLOAD, item=item_b)
    _event(pupil, DOWNLOAD, item=item_b)
    _assign(a.primary_teacher, a.c3a, item=item_b)
    for _n in range(3):
        _event(a.other_student, VIEW, item=item_a)
    _assign(a.other_admin, a.c_other, item=item_a)


#: School → (views, downloads, materials used, assignments that used one), by hand above.
EXPECTED = {"secondary": (4, 2, 3, 2), "primary": (1, 2, 2, 1)}


def test_page_table_chart_and_xlsx_match_the_hand_computed_fixture(client, area):
    a = area
    use_fixture(a)
    client.force_login(a.department_admin)
    page = client.get(reverse("report_materials"))
    assert page.status_code == 200
    html = page.content.decode()
    headers, rows = report_table(html)
    assert headers == [
        "Trường",
        "Lượt xem",
        "Lượt tải",
        "Số học liệu đã dùng",
        "Bài giao dùng học liệu",
    ]
    expected = {getattr(a, k).name: tuple(str(n) for n in v) for k, v in EXPECTED.items()}
    assert {r[0]: tuple(r[1:]) for r in rows} == expected  # another Sở's school is absent
    bars = chart_bars(html)
    for name, (views, downloads, _used, given) in expected.items():
        assert bars[("Lượt xem", name)] == views
        assert bars[("Lượt tải", name)] == downloads
        assert bars[("Bài giao", name)] == given
    assert not [key for key in bars if key[1] == a.other.name]

    export = client.get(reverse("report_materials_xlsx"))
    assert export.status_code == 200
    ws = load_workbook(io.BytesIO(export.content)).active
    assert [c.value for c in ws[3]] == headers
    sheet = {r[0]: r[1:] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert sheet == {getattr(a, k).name: v for k, v in EXPECTED.items()}


def test_a_school_admin_sees_their_school_only(client, area):
    a = area
    use_fixture(a)
    client.force_login(a.primary_admin)
    _headers, rows = report_table(client.get(reverse("report_materials")).content.decode())
    assert rows == [[a.primary.name, "1", "2", "2", "1"]]
    ws = load_workbook(io.BytesIO(client.get(reverse("report_materials_xlsx")).content)).active
    assert list(ws.iter_rows(min_row=4, values_only=True)) == [(a.primary.name, 1, 2, 2, 1)]


def test_a_longer_period_takes_in_the_older_events(client, area):
    """?ngay=60 reaches the 40-day-old view (student 3, A) and assignment (B to 10A1)."""
    a = area
    use_fixture(a)
    client.force_login(a.admin)
    _headers, rows = report_table(
        client.get(reverse("report_materials"), {"ngay": 60}).content.decode()
    )
    assert rows == [[a.secondary.name, "5", "2", "3", "3"]]
