"""Practice on the exam engine: a student draws a practice set at /thi/luyen-tap/, takes it
on the exam page without a timer or an identity check, and checks each saved answer."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from curriculum.models import Subject
from lms.exams import practice, saving, services
from lms.exams.delivery import variant_items
from lms.exams.models import AttemptResult, ExamSession, ReleasePolicy, ReviewPolicy
from lms.models import EventKind, LearningEvent
from question_bank.formats.base import Choice, ParsedQuestion, QType
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.lms.exams.factories import correct_response, make_exam_world, started
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db


def _parsed(n: int) -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>Câu {n}: giá trị của \\(x + {n}\\) khi \\(x = 1\\) là</p>",
        choices=[
            Choice(text=str(n + 1), correct=True, feedback="<p>Đúng: thay x = 1.</p>"),
            Choice(text=str(n), correct=False, feedback="<p>Quên cộng 1.</p>"),
            Choice(text=str(n + 2), correct=False),
            Choice(text=str(n - 1), correct=False),
        ],
        solution=f"<p>Thay \\(x = 1\\): \\(1 + {n} = {n + 1}\\).</p>",
        level="biet",
        part=1,
    )


class World:
    def __init__(self, *, questions: int = 6, scope: str = "school"):
        self.school = make_school()
        self.teacher = make_user(school=self.school)
        school_class = make_class(school=self.school, name="12A2", grade=12)
        self.student = make_student_in(school_class)
        self.other = make_student_in(school_class)
        self.subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
        bank = make_bank(self.teacher, subject=self.subject, scope=scope)
        for n in range(1, questions + 1):
            make_question(bank, parsed=_parsed(n), approve=True, subject=self.subject, grade=12)


def _post(client, url, token, body):
    return client.post(
        url, data=json.dumps(body), content_type="application/json", HTTP_X_EXAM_TOKEN=token
    )


def _take(client, candidate_id: int) -> dict:
    page = client.get(f"/thi/{candidate_id}/lam-bai/")
    assert page.status_code == 200, page.content[:500]
    return page.context["bootstrap"]


def _wrong(item) -> int:
    return next(i for i, c in enumerate(item["data"]["choices"]) if not c["correct"])


def test_a_student_practises_and_checks_each_answer(client):
    world = World()
    client.force_login(world.student)
    home = client.get("/thi/luyen-tap/")
    assert home.status_code == 200
    assert "Toán" in home.content.decode()

    r = client.post(
        "/thi/luyen-tap/",
        {"subject": world.subject.pk, "grade": 12, "kind": "part1", "count": 5},
    )
    assert r.status_code == 302, r.content[:500]
    session = ExamSession.objects.get(created_by=world.student)
    candidate = session.candidates.get()
    assert r["Location"] == f"/thi/{candidate.pk}/lam-bai/"
    # Theirs only, untimed, no identity check, results and keys at once, tries again.
    assert candidate.student == world.student
    assert session.kind == ExamSession.Kind.PRACTICE and session.paper.created_by == world.student
    assert not session.require_identity
    assert (session.opens_at, session.closes_at, session.duration_minutes) == (None, None, None)
    assert session.release_policy == ReleasePolicy.IMMEDIATE
    assert session.review_policy == ReviewPolicy.KEYS
    assert session.attempts_allowed > 1

    # The take page opens at once (no access code, no check-in) and offers the check.
    boot = _take(client, candidate.pk)
    assert boot["mode"] == "practice" and boot["deadline"] is None
    attempt_id, token = boot["attempt"], boot["token"]
    assert boot["check_url"] == f"/thi/bai/{attempt_id}/kiem-tra/"
    items = variant_items(candidate.variant_id)
    assert len(items) == 5

    saved = _post(
        client,
        f"/thi/bai/{attempt_id}/luu/",
        token,
        {
            "answers": [
                {"slot": 0, "seq": 1, "response": correct_response(items[0])},
                {"slot": 1, "seq": 2, "response": _wrong(items[1])},
            ]
        },
    )
    assert saved.status_code == 200, saved.content

    right = _post(client, boot["check_url"], token, {"slot": 0})
    assert right.status_code == 200, right.content
    body = right.json()
    assert body["correct"] is True and body["fraction"] == "1"
    assert body["points"] == "0,25" and body["max"] == "0,25"  # the 2025 points of Phần I
    assert body["solution_html"] == items[0]["data"]["solution"] != ""
    assert "Đúng: thay x = 1." in body["feedback_html"]
    assert body["key_html"].startswith("<p>") and "Câu" not in body["key_html"]

    wrong = _post(client, boot["check_url"], token, {"slot": 1}).json()
    assert wrong["correct"] is False and wrong["fraction"] == "0" and wrong["points"] == "0"
    assert wrong["solution_html"] == items[1]["data"]["solution"]
    assert wrong["key_html"]

    # Not saved yet: the page must save before it checks.
    unsaved = _post(client, boot["check_url"], token, {"slot": 2})
    assert unsaved.status_code == 400
    assert unsaved.json()["error"].startswith("Hãy lưu câu trả lời trước")
    assert _post(client, boot["check_url"], token, {"slot": 99}).status_code == 400

    events = LearningEvent.objects.filter(user=world.student, kind=EventKind.QUESTION_ANSWERED)
    assert sorted(e.score for e in events) == [Decimal(0), Decimal(1)]
    assert {e.data["slot"] for e in events} == {0, 1}
    assert all(e.data["attempt"] == attempt_id for e in events)
    # A second check of the same question comes after its key was shown: not a pass.
    _post(client, boot["check_url"], token, {"slot": 0})
    last = events.order_by("-pk").first()
    assert last.data["key_seen"] is True and last.data["passed"] is False


def test_the_practice_page_lists_scores_after_submit(client, django_capture_on_commit_callbacks):
    world = World()
    client.force_login(world.student)
    candidate = practice.practice_create(
        user=world.student, subject=world.subject, grade=12, count=5
    )
    boot = _take(client, candidate.pk)
    items = variant_items(candidate.variant_id)
    answers = [
        {"slot": it["slot"], "seq": it["slot"] + 1, "response": correct_response(it)}
        for it in items[:3]
    ]
    token = boot["token"]
    assert _post(client, boot["urls"]["save"], token, {"answers": answers}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, boot["urls"]["submit"], token, {}).status_code == 200
    # three Phần I questions at the 2025 points of Toán (0,25 each)
    assert AttemptResult.objects.get(attempt_id=boot["attempt"]).score == Decimal("0.750")
    page = client.get("/thi/luyen-tap/").content.decode()
    assert "<strong>0,75</strong> / 1,25" in page
    assert "Làm lại" in page


def test_too_few_questions_is_a_vietnamese_error_on_the_form(client):
    world = World(questions=3)
    client.force_login(world.student)
    r = client.post("/thi/luyen-tap/", {"subject": world.subject.pk, "grade": 12, "count": 5})
    assert r.status_code == 400
    text = r.content.decode()
    assert "Chưa đủ câu hỏi để tạo bài luyện tập" in text
    assert not ExamSession.objects.exists()


def test_students_never_practise_on_private_banks(client):
    world = World(scope="private")
    client.force_login(world.student)
    page = client.get("/thi/luyen-tap/")
    assert 'data-testid="practice-empty"' in page.content.decode()
    r = client.post("/thi/luyen-tap/", {"subject": world.subject.pk, "grade": 12, "count": 5})
    assert r.status_code == 400
    assert not ExamSession.objects.exists()


def test_practice_page_needs_sign_in(client):
    r = client.get("/thi/luyen-tap/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")


def test_nobody_checks_another_students_practice(client):
    world = World()
    mine = practice.practice_create(user=world.student, subject=world.subject, grade=12, count=5)
    theirs = practice.practice_create(user=world.other, subject=world.subject, grade=12, count=5)
    my_attempt = services.attempt_open(user=world.student, candidate=mine, device="d1")
    their_attempt = services.attempt_open(user=world.other, candidate=theirs, device="d2")
    item = variant_items(theirs.variant_id)[0]
    their_token = saving.attempt_token(their_attempt)
    _post(
        client,
        f"/thi/bai/{their_attempt.pk}/luu/",
        their_token,
        {"answers": [{"slot": 0, "seq": 1, "response": correct_response(item)}]},
    )
    # My own token names my attempt, not theirs.
    r = _post(
        client,
        f"/thi/bai/{their_attempt.pk}/kiem-tra/",
        saving.attempt_token(my_attempt),
        {"slot": 0},
    )
    assert r.status_code == 403
    assert "solution_html" not in r.json() and "key_html" not in r.json()
    # Their take page is not mine either, and I cannot seat myself in their practice set.
    client.force_login(world.student)
    assert client.get(f"/thi/{theirs.pk}/lam-bai/").status_code == 404
    with pytest.raises(PermissionDenied):
        practice.practice_start(user=world.student, paper=theirs.session.paper)


def test_an_exam_attempt_is_never_checked(client):
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    saved = _post(
        client,
        f"/thi/bai/{attempt.pk}/luu/",
        token,
        {"answers": [{"slot": 0, "seq": 1, "response": correct_response(items[0])}]},
    )
    assert saved.status_code == 200
    r = _post(client, f"/thi/bai/{attempt.pk}/kiem-tra/", token, {"slot": 0})
    assert r.status_code == 403
    body = r.json()
    assert body["code"] == "not_practice"
    assert set(body) == {"error", "code", "now"}
    assert not LearningEvent.objects.exists()


def test_a_student_cannot_make_a_session_of_an_exam_paper():
    world = make_exam_world(students=1)
    student = world.students[0]
    with pytest.raises(PermissionDenied):
        practice.practice_start(user=student, paper=world.paper)
    with pytest.raises(PermissionDenied):
        services.session_create(
            user=student,
            paper=world.paper,
            title="x",
            window=services.SessionWindow(),
            kind=ExamSession.Kind.PRACTICE,
            students=[student],
        )
