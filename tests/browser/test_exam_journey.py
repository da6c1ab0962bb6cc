"""Issue 18, acceptance 1: the README's online exam, end to end on phones (390 px).

From the demo seed: the printed exam-board login creates a session from the demo's Toán 12
paper for class 12A1 with 45 minutes through the create form and reads the room's access
code; the printed student (a second browser) signs in, opens "Bài thi", passes the identity
check with the access code and the date of birth, answers every question through the page
(some right, some wrong on purpose), waits for every "Đã lưu" and submits; the board
publishes the results; the student sees the score. The score, in the database and on the
page (decimal comma), equals what ``question_bank.scoring`` gives the saved answers.

The demo is seeded by :func:`demo.seed.seed_demo` itself, without its learning materials and
library (``seed_lessons``: about a minute, nothing an exam reads).
"""

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

import demo.seed
from accounts.models import Role, User
from demo.exams import (
    BOARD_USERNAME,
    PAPER_TITLE,
    SESSION_CREATE_URL,
    exam_demo_line,
    exam_student,
)
from demo.people import DEMO_PASSWORD, EXAM_CLASS_NAME, demo_logins
from lms.exams.delivery import public_items, variant_items
from lms.exams.models import Attempt, AttemptAnswer, AttemptResult, Candidate, ExamSession
from lms.practice import check_response
from question_bank.formats.base import QType
from question_bank.numeric import numeric_equal
from question_bank.scoring import score
from tests.browser.conftest import PHONE, chromium_context
from tests.lms.exams.conftest import _forget_exam_keys

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots18")
SESSION_TITLE = "Thi thử Toán 12 – lớp 12A1"
NEW_PASSWORD = "Mat-khau-moi-2025"  # only if the sign-in forces a change
PHONE_OPTIONS = {"viewport": PHONE, "is_mobile": True, "locale": "vi-VN"}
#: Part II: how many of the four statements each Đúng/Sai question gets right, in turn.
TF_RIGHT = [4, 3, 2, 1]


# --- Data ---------------------------------------------------------------------------------
@pytest.fixture
def demo_world(monkeypatch):
    _forget_exam_keys()
    monkeypatch.setattr(demo.seed, "seed_lessons", lambda **_kw: None)
    started = time.monotonic()
    assert demo.seed.seed_demo().created
    print(f"demo seeded in {time.monotonic() - started:.1f} s")
    yield
    _forget_exam_keys()


def _printed(role: str) -> User:
    for row in demo_logins():
        user = User.objects.get(username=row.username)
        if user.role == role:
            assert row.password == DEMO_PASSWORD
            return user
    raise AssertionError(f"no printed login for {role}")


# --- What to answer -----------------------------------------------------------------------
def _wrong_number(key: str, tolerance) -> str:
    return next(v for v in ("7", "-3", "9,5", "12") if not numeric_equal(v, key, tolerance or 0))


def _planned(item: dict, k: int):
    """The response to give to the ``k``-th question of its type: about half of them right."""
    data = item["data"]
    qtype = data["qtype"]
    choices = data.get("choices") or []
    right = k % 2 == 0
    if qtype == QType.SINGLE_CHOICE:
        return next(i for i, c in enumerate(choices) if bool(c["correct"]) == right)
    if qtype == QType.MULTIPLE_RESPONSE:
        good = [i for i, c in enumerate(choices) if c["correct"]]
        return good if right else [next(i for i, c in enumerate(choices) if not c["correct"])]
    if qtype == QType.TRUE_FALSE:
        hits = TF_RIGHT[k % len(TF_RIGHT)]
        return [bool(c["correct"]) == (i < hits) for i, c in enumerate(choices)]
    if qtype == QType.SHORT_NUMERIC:
        key = data["numeric_answer"].replace(".", ",")
        return key if right else _wrong_number(key, data.get("tolerance"))
    return "Ta có y' = 3x² ≥ 0 với mọi x nên hàm số đồng biến trên ℝ."


def _plan(items: list[dict]) -> dict[int, object]:
    seen: dict[str, int] = {}
    plan = {}
    for item in items:
        qtype = item["data"]["qtype"]
        plan[item["slot"]] = _planned(item, seen.get(qtype, 0))
        seen[qtype] = seen.get(qtype, 0) + 1
    return plan


def _expected_score(attempt: Attempt, items: list[dict]) -> Decimal:
    """The total ``question_bank.scoring`` gives the stored answers: fraction × points."""
    answers = dict(AttemptAnswer.objects.filter(attempt=attempt).values_list("slot", "response"))
    total = Decimal(0)
    for item in items:
        response = answers.get(item["slot"])
        if response is None or item["data"]["qtype"] == QType.ESSAY:
            continue
        checked = check_response(item["data"], response, version_id=item["version_id"])
        total += score(item["data"], checked) * Decimal(item["points"])
    return total


def _shown(value: Decimal) -> str:
    """A score as Vietnamese write it: 6,35 (decimal comma, no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",")


# --- Browser steps ------------------------------------------------------------------------
def _shot(page, name: str, *, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey-{name}-390.png"), full_page=full)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide on a 390 px phone"


def _sign_in(page, username: str, password: str) -> None:
    """Sign in on /dang-nhap/ (where the page sent us); a forced change is made if asked."""
    page.wait_for_url("**/dang-nhap/**")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/doi-mat-khau/" in page.url:
        page.fill("#id_old_password", password)
        page.fill("#id_new_password1", NEW_PASSWORD)
        page.fill("#id_new_password2", NEW_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()


def _create_session(page, base: str) -> tuple[ExamSession, str]:
    """The board's create form, filled as a person would; returns the session and its code."""
    from playwright.sync_api import expect

    page.goto(f"{base}{SESSION_CREATE_URL}")
    _sign_in(page, BOARD_USERNAME, DEMO_PASSWORD)
    page.wait_for_url(f"**{SESSION_CREATE_URL}")
    expect(page.get_by_role("heading", name="Tạo ca thi")).to_be_visible()
    paper = page.locator("#id_paper option", has_text=PAPER_TITLE)
    page.select_option("#id_paper", paper.get_attribute("value"))
    page.fill("#id_title", SESSION_TITLE)
    page.get_by_role(
        "checkbox", name=re.compile(rf"^{EXAM_CLASS_NAME} – Trường THPT Nguyễn Huệ ")
    ).check()
    # Opens now (the form proposes the next quarter hour; the take page refuses before it).
    opens = timezone.localtime().replace(second=0, microsecond=0)
    page.fill("#id_opens_at", opens.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_duration_minutes", "45")
    _shot(page, "create")
    page.get_by_role("button", name="Tạo ca thi").click()
    page.wait_for_url(re.compile(r"/thi/quan-ly/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("Đã tạo ca thi")
    session = ExamSession.objects.get(title=SESSION_TITLE)
    code = page.locator(".card .code").first.inner_text().strip()
    assert re.fullmatch(r"\d{6}", code), code
    _shot(page, "session")
    return session, code


def _printed_birthday(student: User) -> str:
    """The date of birth as the line printed under the logins gives it (README step 1)."""
    line = exam_demo_line()
    assert student.username in line and PAPER_TITLE in line, line
    return re.search(r"ngày sinh (\d\d/\d\d/\d{4})", line).group(1)


def _check_in(page, base: str, student: User, code: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/")
    page.get_by_role("link", name="Đăng nhập").first.click()
    _sign_in(page, student.username, DEMO_PASSWORD)
    page.get_by_role("link", name="Bài thi", exact=True).click()
    page.wait_for_url("**/thi/")
    card = page.locator(".exam-card", has_text=SESSION_TITLE)
    expect(card).to_contain_text("Đang mở")
    card.get_by_role("link", name="Vào phòng thi").click()
    page.fill("#access_code", code)
    page.fill("#identity", _printed_birthday(student))
    _shot(page, "checkin")
    page.get_by_role("button", name="Xác minh").click()
    expect(page.locator(".exam-ok")).to_contain_text("Đã xác minh danh tính")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url("**/lam-bai/")
    page.wait_for_selector("body[data-ready='1']")


def _type_number(article, text: str) -> None:
    """Part III: digits from the keyboard, the comma and the minus from the page's keypad."""
    box = article.locator("input.numeric__input")
    box.click()
    for ch in text:
        if ch == ",":
            article.get_by_role("button", name="Dấu phẩy").click()
        elif ch != "-":
            box.press(ch)
    if text.startswith("-"):
        article.get_by_role("button", name="Dấu trừ").click()
    box.blur()


def _answer(page, item: dict, response) -> None:
    """Answer one question through its widget, the way a candidate does."""
    slot, qtype = item["slot"], item["qtype"]
    page.click(f".exam-nav button[data-slot='{slot}']")
    article = page.locator(f"article.q[data-slot='{slot}']")
    if qtype == QType.SINGLE_CHOICE:
        article.locator(".choice").nth(response).click()
    elif qtype == QType.MULTIPLE_RESPONSE:
        for i in response:
            article.locator(".choice").nth(i).click()
    elif qtype == QType.TRUE_FALSE:
        for i, value in enumerate(response):
            article.locator(".tf-row").nth(i).get_by_role(
                "button", name="Đúng" if value else "Sai"
            ).click()
    elif qtype == QType.SHORT_NUMERIC:
        _type_number(article, response)
    else:
        box = article.locator("textarea, input.short-text")
        box.fill(response)
        box.blur()


def _pager_clear_of_submit_bar(page) -> None:
    """Scrolled to the bottom, "Câu trước / Câu sau" are not under the fixed "Nộp bài" bar."""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    pager = page.locator(".exam-pager").bounding_box()
    bar = page.locator(".exam-submit-bar").bounding_box()
    assert pager["y"] + pager["height"] <= bar["y"] + 1, (pager, bar)
    page.evaluate("window.scrollTo(0, 0)")


# --- The journey --------------------------------------------------------------------------
def test_readme_exam_journey_on_phones(live_server, demo_world):
    from playwright.sync_api import expect

    base = live_server.url
    board_user, student = _printed(Role.EXAM_BOARD), _printed(Role.STUDENT)
    assert board_user.username == BOARD_USERNAME and student == exam_student()
    assert re.fullmatch(r"\d{10}", student.username)  # signs in with the mã định danh
    errors: list[str] = []

    with chromium_context(**PHONE_OPTIONS) as board_context:
        board = board_context.new_page()
        session, code = _create_session(board, base)
        assert session.duration_minutes == 45 and session.paper.title == PAPER_TITLE
        assert session.opens_at <= timezone.now() < session.last_entry_at
        candidate = Candidate.objects.get(session=session, student=student)
        assert candidate.room.name and candidate.variant.paper_id == session.paper_id

        student_context = board_context.browser.new_context(**PHONE_OPTIONS)
        try:
            page = student_context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            _check_in(page, base, student, code)
            attempt = Attempt.objects.get(candidate=candidate)

            # Every question answered through the page; about half right.
            items = variant_items(candidate.variant_id)
            shown = {it["slot"]: it for it in public_items(candidate.variant_id)}
            plan = _plan(items)
            for n, item in enumerate(items):
                _answer(page, shown[item["slot"]], plan[item["slot"]])
                if n == 0:
                    expect(
                        page.locator(f"article.q[data-slot='{item['slot']}'] .q__save")
                    ).to_have_text("Đã lưu", timeout=15_000)
                    _shot(page, "take", full=False)
                    _pager_clear_of_submit_bar(page)
            for item in items:
                save = page.locator(f"article.q[data-slot='{item['slot']}'] .q__save")
                expect(save).to_have_text("Đã lưu", timeout=15_000)
            expect(page.get_by_test_id("save-status")).to_have_text("Đã lưu tất cả", timeout=10_000)
            stored = dict(
                AttemptAnswer.objects.filter(attempt=attempt).values_list("slot", "response")
            )
            assert stored == plan

            # Submit: the dialog asks to confirm, then the submitted page (no result yet).
            page.locator(".exam-submit-bar").get_by_role("button", name="Nộp bài").click()
            dialog = page.get_by_test_id("submit-dialog")
            expect(dialog).to_contain_text(f"Đã trả lời {len(items)}/{len(items)} câu.")
            _shot(page, "submit-dialog", full=False)
            dialog.get_by_role("button", name="Nộp bài").click()
            page.wait_for_url(f"**/thi/bai/{attempt.pk}/da-nop/")
            expect(page.get_by_test_id("saved-count")).to_have_text(f"{len(items)} / {len(items)}")
            expect(page.locator(".exam-notice")).to_contain_text("khi hội đồng thi công bố")
            expect(page.get_by_test_id("score")).to_have_count(0)

            # The board publishes the results.
            board.reload()
            board.get_by_role("button", name="Công bố kết quả").click()
            expect(board.locator(".messages")).to_contain_text("Đã công bố kết quả ca thi.")
            session.refresh_from_db()
            assert session.released_at is not None

            # The student finds the result from "Bài thi".
            page.get_by_role("link", name="Bài thi", exact=True).click()
            card = page.locator(".exam-card", has_text=SESSION_TITLE)
            expect(card).to_contain_text("Có kết quả")
            card.get_by_role("link", name="Xem kết quả").click()
            page.wait_for_url(f"**/thi/bai/{attempt.pk}/da-nop/")
            expected = _expected_score(attempt, items)
            result = AttemptResult.objects.get(attempt=attempt)
            assert result.score == expected
            assert Decimal(0) < expected < sum(Decimal(it["points"]) for it in items)
            expect(page.get_by_test_id("score")).to_have_text(_shown(expected))
            _shot(page, "result")
        finally:
            student_context.close()
    assert not errors, errors
