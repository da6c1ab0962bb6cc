"""Mock exams (thi thử) in a browser, on a 390 px phone and a desktop: the home offers the
Toán mock, the start button opens a timed exam page (no per-question check), the student
answers a few questions and submits, and the report (total, parts, topics, time per
question, history, class average) fits the phone without sideways scrolling.

Screenshots go to /work/notes/shots19/ (``mock-*.png``).
"""

import re
from pathlib import Path

import pytest

from lms.exams.delivery import public_items, variant_items
from lms.exams.models import Attempt, Candidate
from lms.revision import mock
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.test_exam_journey import _answer
from tests.browser.test_exam_widgets import _sign_in
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import correct_response
from tests.lms.revision.test_mock import World, _take

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots19")
PHONE_OPTIONS = {"viewport": PHONE, "is_mobile": True, "locale": "vi-VN"}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def world():
    _forget_exam_keys()
    built = World(confidential=0)
    yield built
    _forget_exam_keys()


def _shot(page, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"mock-{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name}: the page is {scroll} px wide on a {width} px screen"


def _history(world) -> None:
    """Three classmates' mocks (the class average) and one earlier mock of the student."""
    from tests.accounts.factories import make_student_in

    mates = [world.other, *(make_student_in(world.school_class) for _ in range(2))]
    for n, mate in enumerate(mates):
        candidate = mock.mock_start(user=mate, subject=world.subject)
        _take(mate, candidate, lambda k, item, n=n: correct_response(item) if k % (n + 2) else None)
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    _take(world.student, candidate, lambda k, item: correct_response(item) if k % 3 else None)


def test_a_student_takes_a_mock_and_reads_the_report(live_server, world):
    from playwright.sync_api import expect

    base = live_server.url
    _history(world)
    errors: list[str] = []
    with chromium_context(**PHONE_OPTIONS) as context:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        _sign_in(context, base, world.student)
        page.goto(f"{base}/on-tap/thi-thu/")
        expect(page.get_by_role("heading", name="Thi thử tốt nghiệp THPT")).to_be_visible()
        expect(page.get_by_test_id("mock-list")).to_contain_text("Xem báo cáo")
        _shot(page, "home", PHONE["width"])

        page.locator("[data-subject=toan]").get_by_test_id("mock-start").click()
        page.wait_for_url(re.compile(r"/thi/\d+/lam-bai/$"))
        page.wait_for_selector("body[data-ready='1']")
        timer = page.get_by_test_id("timer")
        expect(timer).to_be_visible()
        expect(timer).to_have_text(re.compile(r"^1:(29|30):\d\d$"))
        expect(page.get_by_role("button", name="Kiểm tra")).to_have_count(0)
        candidate = Candidate.objects.get(pk=int(re.search(r"/thi/(\d+)/", page.url).group(1)))
        items = variant_items(candidate.variant_id)
        shown = {it["slot"]: it for it in public_items(candidate.variant_id)}
        for item in items[:3] + items[12:13] + items[16:17]:
            _answer(page, shown[item["slot"]], correct_response(item))
            page.wait_for_timeout(300)
        expect(page.get_by_test_id("save-status")).to_have_text("Đã lưu tất cả", timeout=15_000)
        _shot(page, "take", PHONE["width"])
        page.locator(".exam-submit-bar").get_by_role("button", name="Nộp bài").click()
        dialog = page.get_by_test_id("submit-dialog")
        dialog.get_by_role("button", name="Nộp bài").click()
        attempt = Attempt.objects.get(candidate=candidate)
        page.wait_for_url(f"**/thi/bai/{attempt.pk}/da-nop/")
        page.get_by_test_id("mock-report-link").click()
        page.wait_for_url(f"**/on-tap/thi-thu/{attempt.pk}/")
        report = mock.mock_report(user=world.student, attempt=Attempt.objects.get(pk=attempt.pk))
        expect(page.get_by_test_id("mock-total")).to_have_text(report.score_text)
        expect(page.get_by_test_id("mock-parts")).to_contain_text("Phần III")
        expect(page.get_by_test_id("mock-class")).to_contain_text("Trung bình lớp 12A1")
        expect(page.get_by_test_id("mock-history")).to_contain_text("(lần này)")
        _shot(page, "report", PHONE["width"])
        report_url = page.url
    with chromium_context(viewport=DESKTOP, locale="vi-VN") as context:
        page = context.new_page()
        _sign_in(context, base, world.student)
        page.goto(f"{base}/on-tap/thi-thu/")
        _shot(page, "home", DESKTOP["width"])
        page.goto(report_url)
        _shot(page, "report", DESKTOP["width"])
    assert errors == []
