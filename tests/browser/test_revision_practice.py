"""Issue 19, acceptance 1: on a 390 px phone a seeded student practises 5 questions of a
topic, gets feedback with the solution for each, and the mastery on the map changes.

From the demo seed (:func:`demo.seed.seed_demo`, without its learning materials): the
printed student opens "Ôn tập" from the header, their Toán 12 card, the curriculum map, a
chapter and one of its learning outcomes, and taps "Luyện yêu cầu này (5 câu)". On the exam
page (practice mode) each question is answered through its widget (three right, two wrong)
and "Kiểm tra" shows right or wrong, the key and the worked solution; the set is submitted.
Back on the map the outcome's and the chapter's percentage and band are not what they were,
and equal what the server stored (each checked answer recorded once).

Screenshots (phone and desktop) of every revision page go to /work/notes/shots19/.
"""

import re
import time
from pathlib import Path

import pytest
from django.db.models import Count, Q

import demo.seed
from curriculum.models import Subject
from demo.exams import exam_student
from lms.exams.delivery import public_items, variant_items
from lms.exams.models import Attempt, Candidate
from lms.revision import selectors
from lms.revision.formatting import percent_text
from lms.revision.models import RevisionAnswer
from question_bank.formats.base import QType
from question_bank.permissions import practice_questions
from tests.browser.conftest import PHONE, chromium_context
from tests.browser.test_exam_journey import _answer, _planned
from tests.browser.test_exam_widgets import _sign_in
from tests.lms.exams.conftest import _forget_exam_keys

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots19")
PHONE_OPTIONS = {"viewport": PHONE, "is_mobile": True, "locale": "vi-VN"}
DESKTOP_OPTIONS = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}
#: Widgets the journey's helper answers, and "Kiểm tra" marks (never an essay).
ANSWERABLE = [QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE, QType.TRUE_FALSE, QType.SHORT_NUMERIC]
RIGHT = [True, True, True, False, False]


@pytest.fixture
def demo_world(monkeypatch):
    _forget_exam_keys()
    monkeypatch.setattr(demo.seed, "seed_lessons", lambda **_kw: None)
    started = time.monotonic()
    assert demo.seed.seed_demo().created
    print(f"demo seeded in {time.monotonic() - started:.1f} s")
    yield
    _forget_exam_keys()


def _shot(page, name: str, *, width: int = PHONE["width"]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"revision-{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name}: the page is {scroll} px wide on a {width} px screen"


def _outcome_to_practise(student, subject):
    """A learning outcome of Toán 12 with at least five questions the student may practise,
    every one of a type the page checks, and the fewest answers of the student's so far."""
    pool = practice_questions(student).filter(subject=subject, grade=12, outcome__isnull=False)
    counts = (
        pool.values("outcome_id")
        .annotate(
            n=Count("pk"),
            odd=Count("pk", filter=~Q(qtype__in=ANSWERABLE) | Q(stimulus__isnull=False)),
        )
        .filter(n__gte=5, odd=0)
        .order_by("outcome_id")
    )
    ids = [row["outcome_id"] for row in counts]
    assert ids, "the demo has no Toán 12 outcome with five checkable questions"
    stored = selectors.mastery_for(student, ids)
    return min(ids, key=lambda pk: (stored[pk].answers if pk in stored else 0, pk))


def _map_state(page, topic_id: int, outcome_id: int) -> dict:
    topic = page.locator(f"[data-testid=topic][data-topic='{topic_id}']")
    outcome = page.locator(f"[data-testid=outcome][data-outcome='{outcome_id}']")
    return {
        "topic_band": topic.locator("summary .band").first.get_attribute("data-band"),
        "topic_percent": topic.get_by_test_id("topic-percent").inner_text(),
        "outcome_band": outcome.get_attribute("data-band"),
        "outcome_text": outcome.locator(".rv-outcome__meta").inner_text(),
    }


def _open_topic(page, topic_id: int) -> None:
    details = page.locator(f"[data-testid=topic][data-topic='{topic_id}']")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def _practise(page, candidate: Candidate) -> None:
    """Answer each question through its widget, check it, read the verdict and solution."""
    from playwright.sync_api import expect

    items = variant_items(candidate.variant_id)
    shown = {it["slot"]: it for it in public_items(candidate.variant_id)}
    assert len(items) == 5
    for n, item in enumerate(items):
        response = _planned(item, 0 if RIGHT[n] else 1)
        if item["data"]["qtype"] == QType.TRUE_FALSE and not RIGHT[n]:
            response = [not v for v in _planned(item, 0)]  # every statement wrong
        _answer(page, shown[item["slot"]], response)
        article = page.locator(f"article.q[data-slot='{item['slot']}']")
        article.get_by_role("button", name="Kiểm tra").click()
        feedback = article.locator(".q__feedback")
        verdict = feedback.locator(".is-right" if RIGHT[n] else ".is-wrong")
        expect(verdict).to_be_visible(timeout=15_000)
        expect(verdict).to_contain_text("Đúng —" if RIGHT[n] else "Chưa đúng —")
        expect(feedback.locator(".q__key_html")).to_be_visible()
        if item["data"].get("solution"):
            expect(feedback.locator(".q__solution_html")).to_be_visible()
        # A wide worked solution scrolls inside its box: the page never grows past the phone.
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"question {n + 1}: the page is {wide} px wide"
        if n in (0, 3):
            article.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"revision-check-{n + 1}-390.png"))


def _submit(page, attempt: Attempt) -> None:
    from playwright.sync_api import expect

    page.locator(".exam-submit-bar").get_by_role("button", name="Nộp bài").click()
    dialog = page.get_by_test_id("submit-dialog")
    expect(dialog).to_contain_text("Đã trả lời 5/5 câu.")
    dialog.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url(f"**/thi/bai/{attempt.pk}/da-nop/")


def test_a_seeded_student_practises_five_questions_and_the_map_changes(live_server, demo_world):
    from playwright.sync_api import expect

    from curriculum.models import LearningOutcome

    base = live_server.url
    student = exam_student()
    subject = Subject.objects.get(code="toan")
    outcome = LearningOutcome.objects.select_related("lesson__topic").get(
        pk=_outcome_to_practise(student, subject)
    )
    topic = outcome.lesson.topic
    errors: list[str] = []

    with chromium_context(**PHONE_OPTIONS) as context:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        _sign_in(context, base, student)

        # Ôn tập → Toán 12 → the map → the chapter → the outcome.
        page.goto(f"{base}/")
        page.locator(".site-header").get_by_role("link", name="Ôn tập", exact=True).click()
        page.wait_for_url("**/on-tap/")
        expect(page.get_by_role("heading", name="Ôn tập", exact=True)).to_be_visible()
        _shot(page, "home")
        page.get_by_test_id("subjects").get_by_role("link", name="Toán – lớp 12").click()
        page.wait_for_url(f"**/on-tap/mon/{subject.pk}/lop/12/")
        expect(page.get_by_test_id("legend")).to_contain_text("Chưa luyện")
        _open_topic(page, topic.pk)
        before = _map_state(page, topic.pk, outcome.pk)
        _shot(page, "map")
        page.locator(f"[data-testid=outcome][data-outcome='{outcome.pk}'] a").click()
        page.wait_for_url(f"**/on-tap/yeu-cau/{outcome.pk}/")
        expect(page.get_by_test_id("outcome-text")).to_have_text(outcome.text)
        _shot(page, "outcome-before")

        # Five questions with a check each, then submit.
        page.get_by_test_id("outcome-practice").click()
        page.wait_for_url(re.compile(r"/thi/\d+/lam-bai/$"))
        page.wait_for_selector("body[data-ready='1']")
        candidate = Candidate.objects.get(pk=int(re.search(r"/thi/(\d+)/", page.url).group(1)))
        assert candidate.student_id == student.pk
        _practise(page, candidate)
        attempt = Attempt.objects.get(candidate=candidate)
        _submit(page, attempt)

        # Each checked answer stored once, for this outcome.
        answers = RevisionAnswer.objects.filter(student=student, attempt=attempt)
        assert answers.count() == 5
        assert set(answers.values_list("outcome_id", flat=True)) == {outcome.pk}

        # The map has moved, and shows what the server stored.
        page.goto(f"{base}/on-tap/mon/{subject.pk}/lop/12/")
        _open_topic(page, topic.pk)
        after = _map_state(page, topic.pk, outcome.pk)
        row = selectors.outcome_row(student, outcome)
        topic_row = next(
            t for t in selectors.mastery_map(student, subject, 12) if t.topic.pk == topic.pk
        )
        assert row.answers >= 5
        assert percent_text(row.value) in after["outcome_text"]
        assert after["outcome_band"] == row.band.code
        assert after["topic_percent"] == percent_text(topic_row.value)
        assert after["topic_band"] == topic_row.band.code
        assert after["outcome_text"] != before["outcome_text"]
        assert after["topic_percent"] != before["topic_percent"]
        print(f"before {before}\nafter  {after}")
        _shot(page, "map-after")
        page.locator(f"[data-testid=outcome][data-outcome='{outcome.pk}'] a").click()
        expect(page.get_by_test_id("outcome-percent")).to_have_text(percent_text(row.value))
        expect(page.get_by_test_id("history").locator("li")).to_have_count(5)
        expect(page.get_by_test_id("outcome-due")).to_have_text(re.compile(r"^\d\d/\d\d/\d{4}$"))
        _shot(page, "outcome-after")

        page.goto(f"{base}/on-tap/")
        _shot(page, "home-after")

        # A refused form is the same page with the reason in Vietnamese (400), nothing made.
        elsewhere = LearningOutcome.objects.filter(
            pk__in=practice_questions(student).values("outcome_id"),
            lesson__topic__subject=subject,
            lesson__topic__grade=12,
        ).exclude(lesson__topic=topic)[0]
        page.select_option("#id_topic", str(topic.pk))
        page.select_option("#id_outcome", str(elsewhere.pk))
        # (the demo's student also has the class's assignments: count, don't assume one)
        candidacies = Candidate.objects.filter(student=student).count()
        with page.expect_response("**/on-tap/luyen-tap/") as posted:
            page.get_by_role("button", name="Bắt đầu luyện tập").click()
        assert posted.value.status == 400
        expect(page.get_by_test_id("revision-errors")).to_contain_text(
            "Yêu cầu cần đạt đã chọn không thuộc chương/chủ đề này"
        )
        assert Candidate.objects.filter(student=student).count() == candidacies  # nothing made
        _shot(page, "home-refused")
        desktop = context.browser.new_context(**DESKTOP_OPTIONS)
        try:
            wide = desktop.new_page()
            wide.on("pageerror", lambda exc: errors.append(str(exc)))
            _sign_in(desktop, base, student)
            for name, path in [
                ("home", "/on-tap/"),
                ("map", f"/on-tap/mon/{subject.pk}/lop/12/"),
                ("outcome", f"/on-tap/yeu-cau/{outcome.pk}/"),
            ]:
                wide.goto(f"{base}{path}")
                if name == "map":
                    _open_topic(wide, topic.pk)
                _shot(wide, name, width=DESKTOP_OPTIONS["viewport"]["width"])
        finally:
            desktop.close()
    assert not errors, errors
