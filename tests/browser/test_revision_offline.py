"""Issue 19, acceptance 3: on a phone, a student downloads today's review queue, loses the
network, reloads the page (the service worker serves it, the pack and the outbox are in
IndexedDB), answers every question with feedback, comes back online: the server has each
answer exactly once, also after a forced second sync of the same answers."""

import datetime as dt
import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from lms.revision import services
from lms.revision.models import RevisionAnswer, RevisionPack, SkillCard, Source
from question_bank.formats.base import Choice, ParsedQuestion, QType
from tests.lms.revision.factories import make_revision_world, parsed_tf
from tests.question_bank.factories import make_question

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/work/notes/shots19")
PAGE = "/on-tap/ngoai-tuyen/"


def _world():
    """Three learning outcomes, each with a single-choice question answered wrongly
    yesterday (so due today) and a fresh question of another type, which today's queue
    prefers: several choices, Đúng/Sai, a short numeric answer."""
    world = make_revision_world(per_outcome=1)
    fresh = [
        ParsedQuestion(
            qtype=QType.MULTIPLE_RESPONSE,
            stem="<p>Chọn các nghiệm của \\(x^2 - 5x + 6 = 0\\).</p>",
            choices=[
                Choice(text="\\(x = 2\\)", correct=True),
                Choice(text="\\(x = -2\\)", correct=False, feedback="<p>Sai dấu.</p>"),
                Choice(text="\\(x = 3\\)", correct=True),
            ],
            solution="<p>\\((x-2)(x-3)=0\\).</p>",
            level="hieu",
        ),
        parsed_tf(3),
        ParsedQuestion(
            qtype=QType.SHORT_NUMERIC,
            stem="<p>Nghiệm của \\(2x+3=0\\) là</p>",
            numeric_answer="-1,5",
            solution="<p>\\(x = -\\frac{3}{2} = -1{,}5\\).</p>",
            level="van_dung",
            part=3,
        ),
    ]
    yesterday = timezone.now() - dt.timedelta(days=1, hours=2)
    for outcome, parsed in zip(world.outcomes, fresh, strict=True):
        make_question(
            world.bank,
            parsed=parsed,
            approve=True,
            subject=world.subject,
            grade=12,
            topic=outcome.lesson.topic,
            outcome=outcome,
        )
        services.answer_record(
            student=world.student,
            version=world.version(world.questions[outcome.pk][0]),
            response=1,
            fraction=Decimal(0),
            answered_at=yesterday,
            source=Source.PRACTICE,
            duration_ms=30_000,
        )
    return world


def _sign_in(page, base, student):
    page.goto(f"{base}/dang-nhap/?next={PAGE}")
    page.fill("#id_username", student.username)
    page.fill("#id_password", "mat-khau-thu")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{PAGE}")
    page.wait_for_selector("body[data-ready='1']")


def _wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.25)
    return predicate()


def _answer(page, qtype):
    """Answer the question on screen; returns the fraction the server should give."""
    question = page.locator("article.rv-q")
    if qtype == "multiple_response":
        question.locator(".choice").nth(0).click()
        question.locator(".choice").nth(2).click()
        return Decimal(1)
    if qtype == "true_false":  # a, c right; b right; d wrong → 3 of 4: 0,5
        rows = question.locator(".tf-row")
        rows.nth(0).locator("button[data-value=true]").click()
        rows.nth(1).locator("button[data-value=false]").click()
        rows.nth(2).locator("button[data-value=true]").click()
        rows.nth(3).locator("button[data-value=true]").click()
        return Decimal("0.5")
    question.locator("input.numeric__input").fill("-1,5")
    return Decimal(1)


def test_todays_review_answered_offline_is_stored_once(live_server, phone_page):
    from playwright.sync_api import expect

    world = _world()
    student = world.student
    assert SkillCard.objects.filter(student=student).count() == 3
    page, context = phone_page, phone_page.context
    errors, syncs = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda r: syncs.append(r.post_data) if r.url.endswith("/on-tap/dong-bo/") else None,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)

    _sign_in(page, live_server.url, student)
    expect(page.get_by_test_id("no-packs")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "offline-home-390.png"), full_page=True)
    # The service worker holds the page before the network goes.
    assert _wait_for(
        lambda: page.evaluate(
            "navigator.serviceWorker.ready.then(() => caches.open('hoclieu-revision-v1'))"
            f".then((c) => c.match('{PAGE}')).then((r) => !!r)"
        )
    ), "the service worker kept the page"

    # Download today's queue: three questions, the player opens on the first.
    page.get_by_role("button", name="Tải bài ôn hôm nay").click()
    expect(page.get_by_test_id("player")).to_be_visible()
    expect(page.locator("article.rv-q h2")).to_have_text("Câu 1/3")
    pack = RevisionPack.objects.get(student=student)
    assert len(pack.version_ids) == 3

    # Offline: a reload comes from the service worker; the pack is still on the phone.
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    expect(page.get_by_test_id("offline-status")).to_contain_text("không có mạng")
    expect(page.locator(".rv-pack")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "offline-reloaded-390.png"), full_page=True)
    page.locator(".rv-pack").get_by_role("button", name="Làm bài").click()

    expected = {}
    for n in range(3):
        question = page.locator("article.rv-q")
        expect(question.locator("h2")).to_have_text(f"Câu {n + 1}/3")
        qtype = question.get_attribute("data-qtype")
        version_id = int(question.get_attribute("data-version"))
        expected[version_id] = _answer(page, qtype)
        question.get_by_role("button", name="Kiểm tra").click()
        feedback = page.get_by_test_id("feedback")
        expect(feedback).to_be_visible()
        expect(feedback.locator("details.rv-solution")).to_be_visible()
        if qtype == "true_false":
            expect(page.get_by_test_id("verdict")).to_have_text("Đúng một phần · 0,5/1 điểm")
            expect(feedback.locator(".rv-statements li")).to_have_count(4)
            page.screenshot(path=str(SHOTS / "offline-true-false-390.png"), full_page=True)
        elif qtype == "short_numeric":
            expect(page.get_by_test_id("verdict")).to_have_text("Đúng · 0,5/0,5 điểm")
            assert feedback.locator(".katex").count() > 0  # KaTeX drawn offline
            page.screenshot(path=str(SHOTS / "offline-numeric-390.png"), full_page=True)
        else:
            expect(page.get_by_test_id("verdict")).to_have_text("Đúng · 1/1 điểm")
        expect(page.get_by_test_id("pending")).to_have_text(f"Chưa đồng bộ: {n + 1} câu")
        page.get_by_role("button", name="Câu sau →").or_(
            page.get_by_role("button", name="Xem kết quả")
        ).click()
    expect(page.get_by_test_id("summary")).to_contain_text("Điểm: 2/2,5")
    page.screenshot(path=str(SHOTS / "offline-summary-390.png"), full_page=True)
    assert RevisionAnswer.objects.count() == 3  # yesterday's only
    assert not RevisionAnswer.objects.filter(source=Source.OFFLINE).exists()

    # A token gone stale while offline: the sync fetches a fresh one and tries again.
    page.evaluate("document.cookie = 'csrftoken=stale; path=/'")
    context.set_offline(False)
    expect(page.get_by_test_id("pending")).to_have_text(
        "Đã đồng bộ tất cả câu trả lời", timeout=30_000
    )
    page.screenshot(path=str(SHOTS / "offline-synced-390.png"), full_page=True)
    offline = RevisionAnswer.objects.filter(student=student, source=Source.OFFLINE)
    assert offline.count() == 3
    assert len(set(offline.values_list("client_id", flat=True))) == 3
    assert {a.question_version_id: a.fraction for a in offline} == expected

    # A forced second sync of the very same answers (the outbox is empty now): all duplicates.
    sent = [a for body in syncs if body for a in json.loads(body)["answers"]]
    assert len({a["id"] for a in sent}) == 3
    replay = page.evaluate(
        """async (answers) => {
          const token = await (await fetch('/on-tap/ma-bao-ve/')).json();
          const r = await fetch('/on-tap/dong-bo/', {method: 'POST', headers: {
            'Content-Type': 'application/json', 'X-CSRFToken': token.csrf},
            body: JSON.stringify({answers: answers.slice().reverse()})});
          return (await r.json()).results.map((x) => x.status);
        }""",
        sent,
    )
    assert replay == ["duplicate"] * len(sent)
    page.get_by_role("button", name="Đồng bộ ngay").click()
    expect(page.get_by_test_id("pending")).to_have_text("Đã đồng bộ tất cả câu trả lời")
    assert RevisionAnswer.objects.filter(student=student, source=Source.OFFLINE).count() == 3
    assert not errors, errors
