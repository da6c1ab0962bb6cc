"""Acceptance 4: the online-learning-share report against a hand-computed fixture for two
schools, one primary (target 5 %) and one secondary (target 10 %); the page, its table and
its XLSX export carry the same numbers."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from lms.reports import selectors
from lms.reports.models import OnlinePeriods
from lms.reports.services import online_periods_record

pytestmark = pytest.mark.django_db

WEEK1, WEEK2 = dt.date(2025, 10, 6), dt.date(2025, 10, 15)  # a Monday; a Wednesday


def record(a):
    """Primary 3A: Toán 6 + 6 online, Tiếng Việt 10 blended → 22 periods.
    Secondary: 10A1 Toán 12 online, Ngữ văn 8 blended; 6A Toán 10 online → 30 periods."""
    rec = online_periods_record
    rec(
        user=a.primary_teacher,
        school_class=a.c3a,
        subject=a.toan,
        week=WEEK1,
        mode="online",
        periods=6,
    )
    rec(
        user=a.primary_teacher,
        school_class=a.c3a,
        subject=a.toan,
        week=WEEK2,
        mode="online",
        periods=6,
    )
    rec(
        user=a.primary_admin,
        school_class=a.c3a,
        subject=a.tv,
        week=WEEK1,
        mode="blended",
        periods=10,
    )
    rec(user=a.teacher, school_class=a.c10a1, subject=a.toan, week=WEEK1, mode="online", periods=12)
    rec(user=a.teacher, school_class=a.c10a1, subject=a.van, week=WEEK2, mode="blended", periods=8)
    rec(
        user=a.teacher_6a, school_class=a.c6a, subject=a.toan, week=WEEK1, mode="online", periods=10
    )


def test_share_matches_hand_computed_fixture(area):
    a = area
    record(a)
    rows = {
        r.school.pk: r
        for r in selectors.online_share(
            schools=a.primary.__class__.objects.filter(pk__in=[a.primary.pk, a.secondary.pk]),
            school_year=a.year,
        )
    }
    primary, secondary = rows[a.primary.pk], rows[a.secondary.pk]
    # Primary, grade 3: Toán 175 + Tiếng Việt 245 = 420 periods; 5 % of them = 21.
    assert (primary.classes, primary.periods, primary.online, primary.blended) == (1, 420, 12, 10)
    assert primary.target_periods == Decimal("21.00")
    assert primary.share == Decimal("5.2")  # 22 / 420 = 5,238 %
    assert primary.target == Decimal("5.0")
    assert primary.met is True
    # Secondary: 10A1 Toán 105 + Ngữ văn 105, 6A Toán 140 = 350 periods; 10 % = 35.
    assert (secondary.classes, secondary.periods, secondary.online, secondary.blended) == (
        2,
        350,
        22,
        8,
    )
    assert secondary.target_periods == Decimal("35.00")
    assert secondary.share == Decimal("8.6")  # 30 / 350 = 8,571 %
    assert secondary.target == Decimal("10.0")
    assert secondary.met is False


def test_recording_a_week_again_replaces_it(area):
    a = area
    online_periods_record(
        user=a.teacher, school_class=a.c10a1, subject=a.toan, week=WEEK1, mode="online", periods=12
    )
    online_periods_record(
        user=a.teacher,
        school_class=a.c10a1,
        subject=a.toan,
        week=WEEK1 + dt.timedelta(days=4),
        mode="online",
        periods=3,
    )
    (row,) = selectors.online_share(
        schools=a.secondary.__class__.objects.filter(pk=a.secondary.pk), school_year=a.year
    )
    assert row.online == 3


def test_page_and_xlsx_show_the_same_numbers(client, area):
    a = area
    record(a)
    client.force_login(a.department_admin)
    page = client.get(reverse("report_online_share"), {"nam": a.year.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert "5,2" in html and "8,6" in html and "Chưa đạt" in html
    assert a.other.name not in html  # another Sở's school
    export = client.get(reverse("report_online_share_xlsx"), {"nam": a.year.pk})
    assert export.status_code == 200
    ws = load_workbook(io.BytesIO(export.content)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows[a.primary.name][1:] == (1, 420, 12, 10, 5.2, 5.0, "Đạt")
    assert rows[a.secondary.name][1:] == (2, 350, 22, 8, 8.6, 10.0, "Chưa đạt")
    assert a.other.name not in rows


def test_teacher_records_only_their_subject_and_class(client, area):
    a = area
    client.force_login(a.teacher)
    url = reverse("report_online_periods")
    page = client.get(url)
    assert page.status_code == 200
    choices = list(page.context["form"].fields["school_class"].queryset)
    assert choices == [a.c10a1]
    # Another class (6A, not theirs): refused by the form, nothing saved.
    bad = client.post(
        url,
        {
            "school_class": a.c6a.pk,
            "subject": a.toan.pk,
            "week": "06/10/2025",
            "mode": "online",
            "periods": 4,
        },
    )
    assert bad.status_code == 400
    # A subject they do not teach in 10A1: refused naming the field.
    bad = client.post(
        url,
        {
            "school_class": a.c10a1.pk,
            "subject": a.tv.pk,
            "week": "06/10/2025",
            "mode": "online",
            "periods": 4,
        },
    )
    assert bad.status_code == 400
    assert "Bạn không dạy môn này" in bad.content.decode()
    bad = client.post(
        url,
        {
            "school_class": a.c10a1.pk,
            "subject": a.toan.pk,
            "week": "06/10/2025",
            "mode": "online",
            "periods": 51,
        },
    )
    assert bad.status_code == 400 and "không quá 50" in bad.content.decode()
    bad = client.post(
        url,
        {
            "school_class": a.c10a1.pk,
            "subject": a.toan.pk,
            "week": "06/10/2030",
            "mode": "online",
            "periods": 2,
        },
    )
    assert bad.status_code == 400 and "không thuộc năm học" in bad.content.decode()
    assert not OnlinePeriods.objects.exists()
    ok = client.post(
        url,
        {
            "school_class": a.c10a1.pk,
            "subject": a.toan.pk,
            "week": "08/10/2025",
            "mode": "online",
            "periods": 4,
        },
    )
    assert ok.status_code == 302
    saved = OnlinePeriods.objects.get()
    assert (saved.week_start, saved.periods, saved.recorded_by) == (WEEK1, 4, a.teacher)


def test_service_refuses_a_class_not_taught(area):
    a = area
    with pytest.raises(PermissionDenied):
        online_periods_record(
            user=a.teacher, school_class=a.c3a, subject=a.toan, week=WEEK1, mode="online", periods=1
        )
    assert not OnlinePeriods.objects.exists()
