"""Issue 18: the parts of the take page no other browser test drives, in real Chromium on a
390 px phone, checked against the database.

* Every question type's widget posts the shape the save endpoint checks and, answered
  right, earns the question's full points when the submitted attempt is graded (grading
  runs inline on commit: the embedded settings have no broker).
* "Xem cả phần" shows the whole part; A+ makes the text bigger and stays after a reload.
* Leaving the page and losing focus are reported (AttemptEvent left_page / blur).
* The timer follows the server: a deadline moved in the database shows after a heartbeat,
  runs out ("Hết giờ"), the page stops taking answers; an invigilator's extension gives
  them back.
* Practice: no timer; "Kiểm tra" shows right or wrong, the key ("Đáp án") and the solution.

Screenshots of every widget go to /work/notes/shots18/widget-*.png.
"""

import datetime as dt
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from curriculum.models import Subject
from lms.exams import practice, saving, services
from lms.exams.delivery import public_items, variant_items
from lms.exams.models import AnswerLog, Attempt, AttemptAnswer, AttemptEvent, AttemptResult
from question_bank.formats.base import Blank, Choice, ParsedQuestion, QType
from question_bank.html import plain_text
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.browser.conftest import PHONE
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import checked_in, correct_response, make_exam_world
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots18")
SAVED = "Đã lưu"
ORDER_STEPS = ["Tính đạo hàm", "Tìm nghiệm của đạo hàm", "Lập bảng biến thiên", "Kết luận"]
ESSAY_TEXT = "Ta có \\(y' = 3x^2 \\ge 0\\) với mọi x nên hàm số đồng biến trên ℝ."


@pytest.fixture(autouse=True)
def _fresh_exam_caches():
    _forget_exam_keys()
    yield
    _forget_exam_keys()


# --- Data ---------------------------------------------------------------------------------
def _ordering() -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.ORDERING,
        stem="<p>Sắp xếp các bước khảo sát sự biến thiên của hàm số theo đúng thứ tự.</p>",
        choices=[Choice(text=step) for step in ORDER_STEPS],
    )


def _every_type():
    """One question of each type the page answers: [(part, points, ParsedQuestion)]."""
    tf = ParsedQuestion(
        qtype=QType.TRUE_FALSE,
        stem="<p>Cho hàm số \\(y=x^3\\). Xét tính đúng sai:</p>",
        choices=[
            Choice(text="Hàm số đồng biến trên ℝ", correct=True),
            Choice(text="Đồ thị đi qua gốc toạ độ", correct=True),
            Choice(text="\\(y'(1)=2\\)", correct=False),
            Choice(text="Hàm số là hàm chẵn", correct=False),
        ],
        part=2,
    )
    numeric = ParsedQuestion(
        qtype=QType.SHORT_NUMERIC,
        stem="<p>Nghiệm của \\(2x+3=0\\) là</p>",
        numeric_answer="-1,5",
        part=3,
    )
    multiple = ParsedQuestion(
        qtype=QType.MULTIPLE_RESPONSE,
        stem="<p>Những số nào sau đây là số nguyên tố?</p>",
        choices=[
            Choice(text="2", correct=True),
            Choice(text="9"),
            Choice(text="13", correct=True),
            Choice(text="21"),
        ],
    )
    short_text = ParsedQuestion(
        qtype=QType.SHORT_TEXT,
        stem="<p>Hàm số \\(y = ax^2 + bx + c\\) (\\(a \\ne 0\\)) là hàm số bậc mấy? (viết bằng chữ)</p>",
        choices=[Choice(text="hai", correct=True), Choice(text="bậc hai", correct=True)],
    )
    cloze = ParsedQuestion(
        qtype=QType.CLOZE,
        stem=(
            "<p>Thủ đô của Việt Nam là {{1}}. Nghiệm của \\(2x+3=0\\) là \\(x =\\) {{2}}. "
            "Số nguyên tố chẵn duy nhất là {{3}}.</p>"
        ),
        blanks=[
            Blank(kind="text", answers=[Choice(text="Hà Nội", correct=True)]),
            Blank(kind="numeric", answers=[Choice(text="-1,5", correct=True)]),
            Blank(
                kind="choice",
                answers=[Choice(text="4"), Choice(text="2", correct=True), Choice(text="6")],
            ),
        ],
    )
    matching = ParsedQuestion(
        qtype=QType.MATCHING,
        stem="<p>Ghép mỗi hàm số với đạo hàm của nó.</p>",
        choices=[
            Choice(text="\\(y = x^2\\)", match="2x"),
            Choice(text="\\(y = x^3\\)", match="3x²"),
            Choice(text="\\(y = 5\\)", match="0"),
            Choice(text="", match="1"),  # a distractor
        ],
    )
    essay = ParsedQuestion(
        qtype=QType.ESSAY,
        stem="<p>Chứng minh rằng hàm số \\(y=x^3\\) đồng biến trên ℝ.</p>",
        marking_guide="<p>Tính đạo hàm (1 điểm), kết luận (1 điểm).</p>",
    )
    return [
        (1, "0.25", parsed_single()),
        (2, "1", tf),
        (3, "0.5", numeric),
        (4, "1", multiple),
        (4, "0.5", short_text),
        (4, "1.5", cloze),
        (4, "1", matching),
        (4, "1", _ordering()),
        (4, "2", essay),
    ]


def _right_answer(item: dict, shown: dict):
    """The right answer to a version item, in the shape the page must post."""
    data = item["data"]
    qtype = data["qtype"]
    if qtype == QType.MULTIPLE_RESPONSE:
        return [i for i, c in enumerate(data["choices"]) if c["correct"]]
    if qtype == QType.SHORT_TEXT:
        return "bậc hai"
    if qtype == QType.CLOZE:
        return ["Hà Nội", "-1,5", "2"]
    if qtype == QType.MATCHING:
        return [plain_text(c["match"]) for c in data["choices"] if plain_text(c["text"])]
    if qtype == QType.ORDERING:
        texts = [plain_text(t) for t in shown["items"]]
        return [texts.index(step) for step in ORDER_STEPS]
    if qtype == QType.ESSAY:
        return ESSAY_TEXT
    return correct_response(item)


# --- Browser helpers ----------------------------------------------------------------------
def _sign_in(context, base: str, user) -> None:
    """The session cookie of a signed-in ``user`` (the sign-in form has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def _open_take_page(page, base: str, candidate_id: int) -> None:
    page.goto(f"{base}/thi/{candidate_id}/lam-bai/")
    page.wait_for_selector("body[data-ready='1']")


def _article(page, slot: int):
    return page.locator(f"article.q[data-slot='{slot}']")


def _wait_for(predicate, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _fits_the_phone(page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide on a 390 px phone"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # a full-page shot of a scrolled page moves the bar
    page.screenshot(path=str(SHOTS / f"widget-{name}-390.png"), full_page=True)
    _fits_the_phone(page, name)


def _small_targets(page, slot: int) -> list[str]:
    """Controls of a question smaller than 40 px either way (a finger needs ~44)."""
    return page.evaluate(
        """(slot) => Array.from(document.querySelectorAll(
              `article.q[data-slot='${slot}'] :is(button, input, select, textarea)`))
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([, r]) => r.height < 40 || r.width < 40)
            .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className}`
                 + `[${el.getAttribute('aria-label') || el.textContent.trim()}]`
                 + ` ${Math.round(r.width)}×${Math.round(r.height)}`)""",
        slot,
    )


def _reorder(article, target: list[int]) -> None:
    """Move the ordering items (``data-pos`` = shown position) into ``target`` with ↑."""
    for at, pos in enumerate(target):
        shown = [
            int(p)
            for p in article.locator("li").evaluate_all("(lis) => lis.map((li) => li.dataset.pos)")
        ]
        for _ in range(shown.index(pos) - at):
            article.locator(f"li[data-pos='{pos}']").get_by_role("button", name="Lên").click()


def _answer(page, shown: dict, response) -> None:
    """Answer one question through its widget, as a candidate does."""
    slot, qtype = shown["slot"], shown["qtype"]
    page.click(f".exam-nav button[data-slot='{slot}']")
    article = _article(page, slot)
    if qtype == QType.SINGLE_CHOICE:
        article.locator(".choice").nth(response).click()
    elif qtype == QType.MULTIPLE_RESPONSE:
        for i in response:
            article.locator(".choice").nth(i).click()
    elif qtype == QType.TRUE_FALSE:
        for i, value in enumerate(response):
            row = article.locator(".tf-row").nth(i)
            row.get_by_role("button", name="Đúng" if value else "Sai").click()
    elif qtype == QType.SHORT_NUMERIC:
        box = article.locator("input.numeric__input")
        box.fill(response)
        box.blur()
    elif qtype == QType.CLOZE:
        blanks = article.locator(".q__stem .blank")
        blanks.nth(0).fill(response[0])
        blanks.nth(1).fill(response[1])
        blanks.nth(2).select_option(label=response[2])
        blanks.nth(1).blur()
    elif qtype == QType.MATCHING:
        for i, text in enumerate(response):
            article.locator(".matching select").nth(i).select_option(value=text)
    elif qtype == QType.ORDERING:
        _reorder(article, response)
    else:
        box = article.locator("textarea, input.short-text")
        box.fill(response)
        box.blur()


# --- 1 and 5: every widget, the whole part, the text size; 3: page events ----------------
def test_every_widget_saves_its_shape_and_earns_full_marks(live_server, phone_page):
    from playwright.sync_api import expect

    base, page = live_server.url, phone_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    world = make_exam_world(students=1, versions=1, questions=_every_type())
    student = world.students[0]
    candidate = checked_in(world, student)
    items = variant_items(candidate.variant_id)
    shown = {it["slot"]: it for it in public_items(candidate.variant_id)}
    _sign_in(page.context, base, student)
    _open_take_page(page, base, candidate.pk)
    attempt = Attempt.objects.get(candidate=candidate)
    expect(page.get_by_test_id("timer")).to_have_text(re.compile(r"^4[45]:\d\d$"))

    # "Xem cả phần": every question of Phần IV at once, nothing of the other parts.
    part4 = [it["slot"] for it in items if it["part"] == 4]
    page.click(f".exam-nav button[data-slot='{part4[0]}']")
    page.get_by_role("button", name="Xem cả phần").click()
    expect(page.get_by_role("button", name="Xem cả phần")).to_have_attribute("aria-pressed", "true")
    for it in items:
        expect(_article(page, it["slot"])).to_be_visible(visible=it["part"] == 4)
    page.screenshot(path=str(SHOTS / "widget-list-mode-390.png"), full_page=True)
    _fits_the_phone(page, "list mode")

    # A+: bigger text, kept after a reload (so are the list mode and the place).
    font = "() => parseFloat(getComputedStyle(document.querySelector('.q__stem')).fontSize)"
    before = page.evaluate(font)
    page.get_by_role("button", name="Chữ lớn hơn").click()
    bigger = page.evaluate(font)
    assert bigger > before, (before, bigger)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate(font) == bigger
    # The reload keeps the place: the same question, the whole part still shown.
    expect(page.locator(f".exam-nav button[data-slot='{part4[0]}']")).to_have_attribute(
        "aria-current", "true"
    )
    expect(_article(page, part4[-1])).to_be_visible()
    page.get_by_role("button", name="Xem cả phần").click()
    expect(_article(page, part4[-1])).to_be_hidden()

    # Leaving the page and losing focus are reported (never acted on).
    page.evaluate(
        """() => {
          Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
          document.dispatchEvent(new Event('visibilitychange'));
          delete document.visibilityState;
          window.dispatchEvent(new Event('blur'));
        }"""
    )

    def kinds():
        return list(AttemptEvent.objects.filter(attempt=attempt).values_list("kind", flat=True))

    assert _wait_for(lambda: {"left_page", "blur"} <= set(kinds())), kinds()
    # The reload above hid the page too, but that is not leaving the exam.
    assert kinds().count("left_page") == 1, kinds()

    # Every question answered right through its widget.
    expected, small = {}, {}
    for item in items:
        slot = item["slot"]
        expected[slot] = _right_answer(item, shown[slot])
        _answer(page, shown[slot], expected[slot])
        expect(_article(page, slot).locator(".q__save")).to_have_text(SAVED, timeout=15_000)
        _shot(page, item["data"]["qtype"])
        small[item["data"]["qtype"]] = _small_targets(page, slot)
    assert not any(small.values()), f"controls under 40 px: {small}"
    expect(page.get_by_test_id("save-status")).to_have_text("Đã lưu tất cả", timeout=10_000)
    stored = dict(AttemptAnswer.objects.filter(attempt=attempt).values_list("slot", "response"))
    assert stored == expected

    # Submitted and graded: every auto-marked question has its full points; the essay waits.
    page.locator(".exam-submit-bar").get_by_role("button", name="Nộp bài").click()
    dialog = page.get_by_test_id("submit-dialog")
    expect(dialog).to_contain_text(f"Đã trả lời {len(items)}/{len(items)} câu.")
    dialog.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url(f"**/thi/bai/{attempt.pk}/da-nop/")
    assert _wait_for(lambda: AttemptResult.objects.filter(attempt=attempt).exists())
    result = AttemptResult.objects.get(attempt=attempt)
    rows = {row["slot"]: row for row in result.items}
    for item in items:
        row = rows[item["slot"]]
        if item["data"]["qtype"] == QType.ESSAY:
            assert row["pending"] and not row["auto"]
        else:
            assert row["auto"], row
            assert Decimal(row["points"]) == Decimal(row["max"]) == Decimal(item["points"]), (
                item["data"]["qtype"],
                row,
            )
    assert result.pending == 1
    assert result.score == sum(
        Decimal(it["points"]) for it in items if it["data"]["qtype"] != QType.ESSAY
    )
    assert not errors, errors


# --- 2: the timer follows the server's deadline ------------------------------------------
def _heartbeat_now(page) -> None:
    """What the page does when the network comes back: a heartbeat (then the outbox)."""
    page.evaluate("window.dispatchEvent(new Event('online'))")


def test_timer_runs_out_locks_the_page_and_an_extension_reopens_it(live_server, phone_page):
    from playwright.sync_api import expect

    base, page = live_server.url, phone_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    world = make_exam_world(
        students=1, versions=1, questions=[(1, "0.25", parsed_single()), (4, "1", _ordering())]
    )
    student = world.students[0]
    candidate = checked_in(world, student)
    _sign_in(page.context, base, student)
    _open_take_page(page, base, candidate.pk)
    attempt = Attempt.objects.get(candidate=candidate)
    timer = page.get_by_test_id("timer")
    expect(timer).to_have_text(re.compile(r"^4[45]:\d\d$"))
    first = _article(page, 0)
    first.locator(".choice").nth(0).click()
    expect(first.locator(".q__save")).to_have_text(SAVED, timeout=15_000)

    # The deadline moves to 5 s from now on the server; the next heartbeat brings it.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + dt.timedelta(seconds=5))
    saving.forget_attempt_state(attempt.pk)
    _heartbeat_now(page)
    expect(timer).to_have_text(re.compile(r"^00:0[0-6]$"), timeout=5_000)
    expect(timer).to_have_attribute("data-state", "warn")
    expect(timer).to_have_text("Hết giờ", timeout=10_000)
    expect(page.get_by_test_id("exam-alert")).to_contain_text("Hết giờ làm bài")
    expect(first.locator(".choice").nth(1)).to_be_disabled()
    page.screenshot(path=str(SHOTS / "widget-time-up-390.png"))

    # A tap on another option changes nothing and saves nothing.
    logged = AnswerLog.objects.filter(attempt=attempt).count()
    first.locator(".choice").nth(1).click(force=True)
    time.sleep(2.5)  # longer than the page waits before it sends a change
    expect(first.locator(".choice").nth(1)).to_have_attribute("aria-checked", "false")
    expect(first.locator(".choice").nth(0)).to_have_attribute("aria-checked", "true")
    assert AnswerLog.objects.filter(attempt=attempt).count() == logged
    assert AttemptAnswer.objects.get(attempt=attempt, slot=0).response == 0

    # The invigilator gives 10 more minutes: the timer shows them, the page takes answers.
    services.attempt_extend(user=world.board, attempt=attempt, minutes=10, reason="Mất điện")
    _heartbeat_now(page)
    expect(timer).to_have_text(re.compile(r"^5[45]:\d\d$"), timeout=5_000)
    expect(page.get_by_test_id("exam-alert")).to_be_hidden()
    first.locator(".choice").nth(1).click()
    expect(first.locator(".choice").nth(1)).to_have_attribute("aria-checked", "true")
    assert _wait_for(lambda: AttemptAnswer.objects.get(attempt=attempt, slot=0).response == 1), (
        "the answer after the extension was saved"
    )
    expect(first.locator(".q__save")).to_have_text(SAVED, timeout=10_000)
    assert AttemptEvent.objects.filter(attempt=attempt, kind="extend").count() == 1
    # Unlocked, the ordering widget still never moves its first item up nor its last down.
    page.get_by_role("button", name="Câu sau →").click()
    steps = _article(page, 1).locator("li")
    expect(steps.first.get_by_role("button", name="Lên")).to_be_disabled()
    expect(steps.last.get_by_role("button", name="Xuống")).to_be_disabled()
    expect(steps.nth(1).get_by_role("button", name="Lên")).to_be_enabled()
    assert not errors, errors


# --- 4: practice --------------------------------------------------------------------------
def _practice_question(n: int) -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>Câu {n}: giá trị của \\(x + {n}\\) khi \\(x = 1\\) là</p>",
        choices=[
            Choice(text=str(n + 1), correct=True),
            Choice(text=str(n), feedback="<p>Quên cộng 1.</p>"),
            Choice(text=str(n + 2)),
            Choice(text=str(n - 1)),
        ],
        solution=f"<p>Thay \\(x = 1\\): \\(1 + {n} = {n + 1}\\).</p>",
        level="biet",
        part=1,
    )


def test_practice_checks_an_answer_with_key_and_solution_and_no_timer(live_server, phone_page):
    from playwright.sync_api import expect

    base, page = live_server.url, phone_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    school = make_school()
    teacher = make_user(school=school)
    student = make_student_in(make_class(school=school, name="12A2", grade=12))
    subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    bank = make_bank(teacher, subject=subject, scope="school")
    for n in range(1, 4):
        make_question(bank, parsed=_practice_question(n), approve=True, subject=subject, grade=12)
    candidate = practice.practice_create(user=student, subject=subject, grade=12, count=3)
    items = variant_items(candidate.variant_id)
    _sign_in(page.context, base, student)
    _open_take_page(page, base, candidate.pk)

    expect(page.get_by_test_id("timer")).to_be_hidden()
    expect(page.get_by_role("button", name="Toàn màn hình")).to_be_hidden()

    # Right: the check follows the tap at once (the page saves first, then checks).
    right = items[0]
    article = _article(page, right["slot"])
    article.locator(".choice").nth(correct_response(right)).click()
    article.get_by_role("button", name="Kiểm tra").click()
    feedback = article.locator(".q__feedback")
    expect(feedback.locator(".is-right")).to_have_text("Đúng — 0,25 điểm", timeout=15_000)
    expect(feedback).to_contain_text("Đáp án:")
    expect(feedback).to_contain_text("Thay")
    expect(feedback.locator(".katex").first).to_be_visible()
    _shot(page, "practice-right")

    # Wrong: "Chưa đúng", the key and the solution, and the wrong option's feedback.
    page.get_by_role("button", name="Câu sau →").click()
    wrong = items[1]
    article = _article(page, wrong["slot"])
    chosen = next(i for i, c in enumerate(wrong["data"]["choices"]) if c.get("feedback"))
    article.locator(".choice").nth(chosen).click()
    article.get_by_role("button", name="Kiểm tra").click()
    feedback = article.locator(".q__feedback")
    expect(feedback.locator(".is-wrong")).to_have_text("Chưa đúng — 0 điểm", timeout=15_000)
    key = next(i for i, c in enumerate(wrong["data"]["choices"]) if c["correct"])
    key_text = plain_text(wrong["data"]["choices"][key]["text"])
    expect(feedback).to_contain_text(f"Đáp án: {'ABCD'[key]}. {key_text}")
    expect(feedback).to_contain_text("Quên cộng 1.")
    expect(feedback).to_contain_text("Thay")
    _shot(page, "practice-wrong")
    attempt = Attempt.objects.get(candidate=candidate)
    assert not AttemptEvent.objects.filter(attempt=attempt, kind__in=["left_page", "blur"])
    assert not errors, errors
