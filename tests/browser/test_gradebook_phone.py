"""A teacher on a 390 px phone types marks into the gradebook and sees the term average;
a student on a phone reads "Điểm của em". Nothing is wider than the phone: the table
scrolls inside its box."""

import pytest
from django.conf import settings
from django.test import Client

from tests.lms.gradebook.conftest import build_school
from tests.lms.gradebook.helpers import enter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = settings.BASE_DIR / "build" / "shots"


def _sign_in(page, base, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def test_a_teacher_enters_marks_on_a_phone(live_server, phone_page):
    sch = build_school()
    page, base = phone_page, live_server.url
    _sign_in(page, base, sch.teacher)
    an = sch.students[0]
    page.goto(f"{base}/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/?hk=1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Lịch sử: 3 ĐĐGtx; (7 + 8 + 6,6 + 2·7 + 3·8) / 8 = 7,45 → 7,5
    for column, value in zip(
        ("tx1", "tx2", "tx3", "gk", "ck"), ("7", "8", "6,6", "7", "8"), strict=True
    ):
        page.fill(f"input[name='m-{an.pk}-{column}']", value)
    page.get_by_role("button", name="Lưu điểm").click()
    page.wait_for_selector(".messages")
    row = page.locator("tbody tr").filter(has_text="Nguyễn Văn An")
    assert row.locator("td.avg").first.inner_text() == "7,5"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "gradebook-sheet-phone.png"), full_page=True)


def test_a_student_reads_their_marks_on_a_phone(live_server, phone_page):
    sch = build_school()
    an = sch.students[0]
    enter(sch.teacher, sch.c10a1, sch.su, 1, {an: [7, 8, 6.6, 7, 8]})
    page, base = phone_page, live_server.url
    _sign_in(page, base, an)
    page.goto(f"{base}/hoc/so-diem/")
    page.wait_for_url("**/hoc/so-diem/cua-em/")
    assert page.get_by_role("heading", name="Điểm của em").is_visible()
    row = page.locator("tbody tr").filter(has_text="Lịch sử")
    assert row.locator("td.avg").first.inner_text() == "7,5"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "gradebook-own-phone.png"), full_page=True)
