"""Issue 18, acceptance 2: on a phone, a candidate answers 5 questions, loses the network,
answers 3 more (shown as not yet saved), reloads the page while still offline (the service
worker serves the page, the outbox in IndexedDB still holds the answers), comes back online:
all 8 answers are acknowledged and the database's answers equal them."""

import time
from pathlib import Path

import pytest
from django.core.cache import cache

from lms.exams import codes, delivery
from lms.exams.models import Attempt, AttemptAnswer, AttemptEvent
from question_bank.formats.base import Choice, ParsedQuestion, QType
from tests.lms.exams.factories import DOB, make_exam_world
from tests.question_bank.factories import parsed_single

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots18")
SAVED, UNSAVED = "Đã lưu", "Chưa lưu"


def _paper():
    """Seven Part I questions, one Part II, one Part III: nine auto-marked questions."""
    singles = [
        (1, "0.25", parsed_single(stem=f"Câu hỏi số {n}: \\(x^{n}\\) có đạo hàm là"))
        for n in range(1, 8)
    ]
    true_false = ParsedQuestion(
        qtype=QType.TRUE_FALSE,
        stem="<p>Cho hàm số \\(y=x^3\\).</p>",
        choices=[
            Choice(text="Hàm số đồng biến trên ℝ", correct=True),
            Choice(text="Đồ thị đi qua gốc toạ độ", correct=True),
            Choice(text="\\(y'(1)=2\\)", correct=False),
            Choice(text="Hàm số là hàm chẵn", correct=False),
        ],
        level="hieu",
        part=2,
    )
    numeric = ParsedQuestion(
        qtype=QType.SHORT_NUMERIC,
        stem="<p>Nghiệm của \\(2x+3=0\\) là</p>",
        numeric_answer="-1,5",
        level="van_dung",
        part=3,
    )
    return [*singles, (2, "1", true_false), (3, "0.5", numeric)]


def _sign_in(page, base, student):
    page.goto(f"{base}/dang-nhap/?next=/thi/")
    page.fill("#id_username", student.username)
    page.fill("#id_password", "mat-khau-thu")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/thi/")


def _answer(page, item) -> object:
    """Answer one question through the page; returns the response the server should hold."""
    slot = item["slot"]
    page.click(f".exam-nav button[data-slot='{slot}']")
    article = page.locator(f"article.q[data-slot='{slot}']")
    if item["qtype"] == "single_choice":
        article.locator(".choice").nth(1).click()
        return 1
    if item["qtype"] == "true_false":
        article.locator(".tf-row").nth(0).locator("button[data-value=true]").click()
        article.locator(".tf-row").nth(2).locator("button[data-value=false]").click()
        return [True, None, False, None]
    article.locator("input.numeric__input").fill("-1,5")
    article.locator("input.numeric__input").blur()
    return "-1,5"


def _save_state(page, slot):
    return page.locator(f"article.q[data-slot='{slot}'] .q__save")


def _wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.25)
    return predicate()


def test_answers_made_offline_survive_a_reload_and_are_saved(live_server, phone_page):
    from playwright.sync_api import expect

    cache.clear()
    delivery._LOCAL.clear()
    world = make_exam_world(questions=_paper(), students=1)
    student = world.students[0]
    candidate = world.session.candidates.get(student=student)
    items = delivery.public_items(candidate.variant_id)
    page, context = phone_page, phone_page.context
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    _sign_in(page, live_server.url, student)
    page.get_by_role("link", name="Vào phòng thi").click()
    page.fill("#access_code", codes.access_code(candidate.room.secret))
    page.fill("#identity", DOB.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Xác minh").click()
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url("**/lam-bai/")
    page.wait_for_selector("body[data-ready='1']")
    attempt = Attempt.objects.get(candidate=candidate)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "take-390.png"), full_page=True)

    # Online: five answers, each acknowledged.
    singles = [it for it in items if it["qtype"] == "single_choice"]
    others = [it for it in items if it["qtype"] != "single_choice"]
    online, offline = singles[:5], [singles[5], *others]
    expected = {}
    for item in online:
        expected[item["slot"]] = _answer(page, item)
    for item in online:
        expect(_save_state(page, item["slot"])).to_have_text(SAVED, timeout=15_000)
    # The service worker holds the page before the network goes.
    assert _wait_for(
        lambda: page.evaluate(
            "navigator.serviceWorker.ready.then(() => caches.open('hoclieu-exam-v1'))"
            ".then((c) => c.match(location.href)).then((r) => !!r)"
        )
    ), "the service worker kept the take page"

    # Offline: three more, shown as not yet saved.
    context.set_offline(True)
    for item in offline:
        expected[item["slot"]] = _answer(page, item)
    for item in offline:
        expect(_save_state(page, item["slot"])).to_have_text(UNSAVED, timeout=5_000)
    expect(page.locator(".exam-status")).to_contain_text("Mất kết nối", timeout=10_000)
    page.screenshot(path=str(SHOTS / "take-offline-390.png"), full_page=True)
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 5

    # A reload while offline: the page comes from the service worker's cache, not the server.
    opened = AttemptEvent.objects.filter(attempt=attempt, kind="resume").count()
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert AttemptEvent.objects.filter(attempt=attempt, kind="resume").count() == opened
    for item in online:
        expect(_save_state(page, item["slot"])).to_have_text(SAVED)
    for item in offline:
        expect(_save_state(page, item["slot"])).to_have_text(UNSAVED)
    tf = next(it for it in offline if it["qtype"] == "true_false")
    expect(
        page.locator(f"article.q[data-slot='{tf['slot']}'] .tf-row")
        .nth(0)
        .locator("button[data-value=true]")
    ).to_have_attribute("aria-pressed", "true")

    # Back online: the outbox is sent, every answer acknowledged and in the database.
    context.set_offline(False)
    for slot in expected:
        expect(_save_state(page, slot)).to_have_text(SAVED, timeout=40_000)
    expect(page.locator(".exam-status")).to_have_text("Đã lưu tất cả", timeout=10_000)
    stored = {row.slot: row.response for row in AttemptAnswer.objects.filter(attempt=attempt)}
    assert stored == expected
    assert len(stored) == 8
    page.screenshot(path=str(SHOTS / "take-saved-390.png"), full_page=True)

    # Submit: the dialog names the question left unanswered; the submitted page follows.
    page.get_by_role("button", name="Nộp bài").first.click()
    dialog = page.locator(".exam-dialog")
    expect(dialog).to_contain_text("Đã trả lời 8/9 câu")
    expect(dialog).to_contain_text("Chưa trả lời: Câu")
    page.screenshot(path=str(SHOTS / "submit-dialog-390.png"))
    dialog.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url(f"**/thi/bai/{attempt.pk}/da-nop/")
    expect(page.get_by_test_id("saved-count")).to_have_text("8 / 9")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert not errors, errors
