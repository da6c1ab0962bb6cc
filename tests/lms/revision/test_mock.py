"""Mock exams (thi thử, issue 19, acceptance 4): a Toán mock is a fresh 12 + 4 + 6 paper
from the learner's practice pool, taken on the exam engine, and its report adds up."""

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Role
from curriculum.models import Subject, Topic
from lms.exams import grading, saving, services
from lms.exams.delivery import variant_items
from lms.exams.models import AnswerLog, Attempt, ExamSession, ReleasePolicy, ReviewPolicy
from lms.exams.practice import practice_create
from lms.revision import mock
from lms.revision.models import RevisionAnswer, Source
from question_bank.assembly.mock import mock_paper_create
from question_bank.assembly.solver import AssemblyInfeasible
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.scoring import score
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import correct_response
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db

THOUSANDTH = Decimal("0.001")


def _mc(n: int, level: str) -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>Câu trắc nghiệm số {n}: giá trị của \\({n} + 1\\) là</p>",
        choices=[
            Choice(text=str(n + 1), correct=True),
            Choice(text=str(n), correct=False),
            Choice(text=str(n + 2), correct=False),
            Choice(text=str(n + 3), correct=False),
        ],
        solution=f"<p>\\({n} + 1 = {n + 1}\\).</p>",
        level=level,
        part=1,
    )


def _tf(n: int, level: str) -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.TRUE_FALSE,
        stem=f"<p>Câu đúng sai số {n}: cho hàm số \\(y = x + {n}\\).</p>",
        choices=[
            Choice(text=f"Đồ thị đi qua điểm \\((0; {n})\\)", correct=True),
            Choice(text="Hàm số đồng biến trên ℝ", correct=True),
            Choice(text=f"\\(y(1) = {n}\\)", correct=False),
            Choice(text="Hàm số là hàm chẵn", correct=False),
        ],
        level=level,
        part=2,
    )


def _short(n: int, level: str) -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SHORT_NUMERIC,
        stem=f"<p>Câu trả lời ngắn số {n}: tính \\({n} \\times 2\\).</p>",
        numeric_answer=str(n * 2),
        level=level,
        part=3,
    )


#: The pool: (maker, level, count) — 40 / 10 / 15 questions of Toán 12.
POOL = [
    (_mc, "biet", 26),
    (_mc, "hieu", 14),
    (_tf, "hieu", 5),
    (_tf, "van_dung", 5),
    (_short, "hieu", 5),
    (_short, "van_dung", 10),
]


class World:
    """A school with a class 12A1 (a student, classmates), a teacher's bank shared with the
    school holding the Toán 12 pool over two topics, and an exam board's confidential pool."""

    def __init__(self, pool=POOL, *, confidential: int = 6):
        self.school = make_school()
        self.teacher = make_user(school=self.school)
        self.board = make_user(role=Role.EXAM_BOARD, school=self.school)
        self.school_class = make_class(school=self.school, name="12A1", grade=12)
        self.student = make_student_in(self.school_class)
        self.other = make_student_in(self.school_class)
        self.subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
        self.topics = [
            Topic.objects.create(
                subject=self.subject, grade=12, code=f"mock-toan-12-{n}", name=name
            )
            for n, name in enumerate(["Hàm số", "Tích phân"], 1)
        ]
        bank = make_bank(self.teacher, subject=self.subject, scope="school")
        number = 0
        for maker, level, count in pool:
            for _k in range(count):
                number += 1
                make_question(
                    bank,
                    parsed=maker(number, level),
                    approve=True,
                    topic=self.topics[number % 2],
                )
        secret = make_bank(self.board, subject=self.subject, scope="school", confidential=True)
        self.confidential = {
            make_question(
                secret, parsed=_mc(1000 + n, "biet"), approve=True, subject=self.subject, grade=12
            ).pk
            for n in range(confidential)
        }


@pytest.fixture(autouse=True)
def _fresh_exam_caches():
    """Ids repeat between tests (rolled back): cached versions and attempt states must go."""
    _forget_exam_keys()
    yield
    _forget_exam_keys()


@pytest.fixture
def world():
    return World()


def _questions(candidate) -> list[int]:
    return [i["question_id"] for i in variant_items(candidate.variant_id)]


def _open(student, candidate, device="dien-thoai"):
    attempt = services.attempt_open(user=student, candidate=candidate, device=device)
    return attempt, saving.attempt_token(attempt)


def _wrong(item):
    data = item["data"]
    if data["qtype"] == QType.SINGLE_CHOICE:
        return next(i for i, c in enumerate(data["choices"]) if not c["correct"])
    if data["qtype"] == QType.TRUE_FALSE:  # three statements of four right
        right = [bool(c["correct"]) for c in data["choices"]]
        return [not right[0], *right[1:]]
    return "9999"


def _take(student, candidate, answer) -> Attempt:
    """Open, answer each question with ``answer(n, item)`` (None: leave it), submit, grade."""
    attempt, token = _open(student, candidate)
    items = variant_items(candidate.variant_id)
    answers = [
        {"slot": item["slot"], "seq": n + 1, "response": response}
        for n, item in enumerate(items)
        if (response := answer(n, item)) is not None
    ]
    saving.answers_save(attempt_id=attempt.pk, token=token, payload={"answers": answers})
    attempt, submitted = services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT)
    assert submitted
    grading.attempt_grade(attempt.pk)  # idempotent: the eager task may have graded it
    return Attempt.objects.select_related("result", "candidate__session").get(pk=attempt.pk)


def test_a_toan_mock_is_a_timed_12_4_6_paper_from_the_practice_pool(world):
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    session = candidate.session
    paper = session.paper
    # The 2025 format: 12 + 4 + 6 questions, 0,25 / 1 / 0,5 points, 10 in all, each level
    # cell of the template filled from its own level.
    items = list(paper.items.select_related("version__question__level").order_by("position"))
    parts = {p: [it for it in items if it.part == p] for p in (1, 2, 3)}
    assert {p: len(v) for p, v in parts.items()} == {1: 12, 2: 4, 3: 6}
    assert {it.points for it in parts[1]} == {Decimal("0.25")}
    assert {it.points for it in parts[2]} == {Decimal("1")}
    assert {it.points for it in parts[3]} == {Decimal("0.5")}
    assert sum(it.points for it in items) == Decimal(10)
    levels = [(it.part, it.version.question.level.code) for it in items]
    assert levels.count((1, "biet")) == 8 and levels.count((1, "hieu")) == 4
    assert levels.count((2, "hieu")) == 2 and levels.count((2, "van_dung")) == 2
    assert levels.count((3, "hieu")) == 2 and levels.count((3, "van_dung")) == 4
    assert paper.header["mock"] == "thpt2025-toan" and paper.header["mock_notes"] == []
    # Never a question of the confidential pool.
    assert not set(_questions(candidate)) & world.confidential
    # A mock session: the learner alone, timed by the template, one attempt, no identity
    # check, results with keys at submit.
    assert session.kind == ExamSession.Kind.MOCK
    assert candidate.student == world.student and session.candidates.count() == 1
    assert session.duration_minutes == 90 and session.attempts_allowed == 1
    assert not session.require_identity
    assert session.release_policy == ReleasePolicy.IMMEDIATE
    assert session.review_policy == ReviewPolicy.KEYS
    attempt, _token = _open(world.student, candidate)
    assert attempt.deadline == attempt.started_at + dt.timedelta(minutes=90)


def test_each_attempt_draws_a_fresh_form_avoiding_answered_questions(world):
    first = mock.mock_start(user=world.student, subject=world.subject)
    # Until it is done, starting again resumes the same mock.
    assert mock.mock_start(user=world.student, subject=world.subject) == first
    _take(world.student, first, lambda n, item: correct_response(item))
    second = mock.mock_start(user=world.student, subject=world.subject)
    assert second.session.paper_id != first.session.paper_id
    # The pool allows it: nothing answered the first time comes back.
    assert not set(_questions(first)) & set(_questions(second))
    assert len(set(_questions(second))) == 22


def test_the_report_adds_up_and_matches_scoring(world, client):
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    items = variant_items(candidate.variant_id)

    def answer(n, item):
        if n % 5 == 4:
            return None  # left blank
        return _wrong(item) if n % 3 == 0 else correct_response(item)

    attempt = _take(world.student, candidate, answer)
    result = attempt.result
    # Expected points: question_bank.scoring.score per item × the item's points.
    expected: dict[int, Decimal] = {}
    for n, item in enumerate(items):
        response = answer(n, item)
        points = Decimal(0)
        if response is not None:
            checked = response
            if item["data"]["qtype"] == QType.SHORT_NUMERIC:
                checked = str(response)
            points = (score(item["data"], checked) * Decimal(item["points"])).quantize(
                THOUSANDTH, rounding=ROUND_HALF_UP
            )
        expected[item["part"]] = expected.get(item["part"], Decimal(0)) + points
    report = mock.mock_report(user=world.student, attempt=attempt)
    assert report.graded
    assert [p.title for p in report.parts] == ["Phần I", "Phần II", "Phần III"]
    assert [p.score for p in report.parts] == [expected[1], expected[2], expected[3]]
    assert [p.most for p in report.parts] == [Decimal(3), Decimal(4), Decimal(3)]
    assert sum(p.score for p in report.parts) == report.score == result.score
    assert report.score == sum(expected.values())
    assert {int(k): Decimal(v) for k, v in result.part_scores.items()} == expected
    # A Đúng/Sai answered with three statements of four right earns the table's 0,5.
    assert Decimal("0") < expected[2] < Decimal(4)
    # Per topic: the two topics, adding up to the same total.
    assert {t.title for t in report.topics} == {"Hàm số", "Tích phân"}
    assert sum(t.score for t in report.topics) == report.score
    assert sum(t.count for t in report.topics) == 22

    client.force_login(world.student)
    page = client.get(f"/on-tap/thi-thu/{attempt.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert mock.number_text(report.score) in html
    assert "Phần III" in html and "Tích phân" in html
    local = attempt.submitted_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert local.strftime("%d/%m/%Y") in html
    # The submitted page of the exam engine shows the keys and links to the report.
    submitted = client.get(f"/thi/bai/{attempt.pk}/da-nop/")
    assert submitted.status_code == 200
    assert f"/on-tap/thi-thu/{attempt.pk}/" in submitted.content.decode()
    assert "Lời giải" in submitted.content.decode()


def test_numbers_use_the_decimal_comma():
    assert mock.number_text(Decimal("7.250")) == "7,25"
    assert mock.number_text(Decimal("10.000")) == "10"
    assert mock.number_text(Decimal("0.125")) == "0,13"


def test_someone_elses_report_and_a_practice_attempt_are_404(world, client):
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    attempt = _take(world.student, candidate, lambda n, item: correct_response(item))
    client.force_login(world.other)
    assert client.get(f"/on-tap/thi-thu/{attempt.pk}/").status_code == 404
    practice = practice_create(user=world.other, subject=world.subject, grade=12, count=5)
    own_practice, _token = _open(world.other, practice)
    assert client.get(f"/on-tap/thi-thu/{own_practice.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/on-tap/thi-thu/{attempt.pk}/").status_code == 302  # to sign-in


def test_a_mock_never_gets_the_per_question_check(world, client):
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    client.force_login(world.student)
    page = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert page.status_code == 200
    boot = page.context["bootstrap"]
    assert boot["mode"] == "exam" and boot["check_url"] is None
    assert boot["deadline"] is not None  # the page shows the timer
    saved = client.post(
        f"/thi/bai/{boot['attempt']}/luu/",
        data=json.dumps({"answers": [{"slot": 0, "seq": 1, "response": 0}]}),
        content_type="application/json",
        HTTP_X_EXAM_TOKEN=boot["token"],
    )
    assert saved.status_code == 200
    check = client.post(
        f"/thi/bai/{boot['attempt']}/kiem-tra/",
        data=json.dumps({"slot": 0}),
        content_type="application/json",
        HTTP_X_EXAM_TOKEN=boot["token"],
    )
    assert check.status_code == 403
    assert "key_html" not in check.content.decode()


def test_time_per_question_comes_from_the_answer_log(world):
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    attempt, token = _open(world.student, candidate)
    start = attempt.started_at
    saves = [(40, [0]), (100, [1, 2]), (100 + 3600, [0])]  # seconds after start, slots
    for n, (_at, slots) in enumerate(saves):
        saving.answers_save(
            attempt_id=attempt.pk,
            token=token,
            payload={"answers": [{"slot": s, "seq": 10 * n + s + 1, "response": 0} for s in slots]},
        )
    logs = list(AnswerLog.objects.filter(attempt=attempt).order_by("pk"))
    assert len(logs) == 4
    for log, at in zip(logs, [40, 100, 100, 3700], strict=True):
        AnswerLog.objects.filter(pk=log.pk).update(received_at=start + dt.timedelta(seconds=at))
    seconds = mock.question_seconds(attempt)
    # 40 s to slot 0; 60 s shared by slots 1 and 2; the hour away counts 30 minutes.
    assert seconds == {0: 40 + 30 * 60, 1: 30.0, 2: 30.0}
    assert mock.duration_text(seconds[1]) == "30 giây"
    assert mock.duration_text(95) == "1 phút 35 giây"
    assert mock.duration_text(None) == "—"
    assert mock.duration_text(0.2) == "dưới 1 giây"


def test_a_graded_mock_is_revision_evidence_once(world):
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    attempt = _take(
        world.student, candidate, lambda n, item: None if n == 0 else correct_response(item)
    )
    mock.attempt_graded(None, attempt_id=attempt.pk, kind=ExamSession.Kind.MOCK)
    mock.attempt_graded(None, attempt_id=attempt.pk, kind=ExamSession.Kind.MOCK)
    rows = RevisionAnswer.objects.filter(student=world.student, attempt=attempt)
    assert rows.count() == 21  # every answered question, once (the blank one is not)
    assert set(rows.values_list("source", flat=True)) == {Source.MOCK}
    assert {r.fraction for r in rows} == {Decimal(1)}
    # Not a mock: nothing recorded.
    mock.attempt_graded(None, attempt_id=attempt.pk, kind=ExamSession.Kind.EXAM)
    assert rows.count() == 21


def test_a_short_level_is_filled_from_other_levels_and_noted():
    pool = [(maker, "hieu" if level == "biet" else level, n) for maker, level, n in POOL]
    pool[0] = (_mc, "biet", 5)
    world = World(pool, confidential=0)
    candidate = mock.mock_start(user=world.student, subject=world.subject)
    paper = candidate.session.paper
    assert paper.items.filter(part=1).count() == 12
    notes = paper.header["mock_notes"]
    assert notes == ["Phần I: ngân hàng chỉ có 5/8 câu mức Biết; 3 câu được lấy ở mức độ khác."]


def test_a_part_the_pool_cannot_fill_is_refused_in_vietnamese(client):
    world = World([p for p in POOL if p[0] is not _short], confidential=0)
    with pytest.raises(AssemblyInfeasible) as refused:
        mock_paper_create(
            user=world.student, subject=world.subject, grade=12, template="thpt2025-toan"
        )
    assert refused.value.messages == [
        "Phần III · Toán lớp 12: cần 6 câu đã duyệt, ngân hàng chỉ có 0 (thiếu 6)."
    ]
    client.force_login(world.student)
    home = client.get("/on-tap/thi-thu/")
    assert home.status_code == 200
    html = home.content.decode()
    assert "Chưa thể tạo đề" in html and 'data-testid="mock-start"' not in html
    started = client.post("/on-tap/thi-thu/", {"subject": world.subject.pk})
    assert started.status_code == 400
    assert "Phần III" in started.content.decode()
    assert not ExamSession.objects.filter(kind=ExamSession.Kind.MOCK).exists()


def test_home_starts_a_mock_and_lists_it_with_its_score(world, client):
    client.force_login(world.student)
    home = client.get("/on-tap/thi-thu/")
    assert home.status_code == 200
    assert 'data-testid="mock-start"' in home.content.decode()
    started = client.post("/on-tap/thi-thu/", {"subject": world.subject.pk})
    assert started.status_code == 302
    candidate = ExamSession.objects.get(kind=ExamSession.Kind.MOCK).candidates.get()
    assert started["Location"] == f"/thi/{candidate.pk}/lam-bai/"
    attempt = _take(world.student, candidate, lambda n, item: correct_response(item))
    html = client.get("/on-tap/thi-thu/").content.decode()
    assert f"/on-tap/thi-thu/{attempt.pk}/" in html and "<strong>10</strong>" in html
    assert client.post("/on-tap/thi-thu/", {"subject": "abc"}).status_code == 400
    # Staff: revision's explanation, no mock.
    client.force_login(world.teacher)
    assert 'data-testid="staff-note"' in client.get("/on-tap/thi-thu/").content.decode()
    assert client.post("/on-tap/thi-thu/", {"subject": world.subject.pk}).status_code == 403
    assert client.get(f"/on-tap/thi-thu/{attempt.pk}/").status_code == 404


def test_history_and_class_average(world):
    mates = [world.other, *(make_student_in(world.school_class) for _ in range(2))]
    for n, mate in enumerate(mates):
        candidate = mock.mock_start(user=mate, subject=world.subject)
        # 12 Part I questions right (3 points) for each, and Part III for the first.
        _take(
            mate,
            candidate,
            lambda k, item, n=n: (
                correct_response(item)
                if item["part"] == 1 or (n == 0 and item["part"] == 3)
                else None
            ),
        )
    first = _take(
        world.student,
        mock.mock_start(user=world.student, subject=world.subject),
        lambda n, item: correct_response(item) if item["part"] == 1 else None,
    )
    second = _take(
        world.student,
        mock.mock_start(user=world.student, subject=world.subject),
        lambda n, item: correct_response(item) if item["part"] in (1, 2) else None,
    )
    report = mock.mock_report(user=world.student, attempt=second)
    assert [h.attempt_id for h in report.history] == [first.pk, second.pk]
    assert report.previous.score == Decimal(3) and report.score == Decimal(7)
    assert report.change_text == "+4"
    average = report.class_average
    assert average.class_name == "12A1" and average.classmates == 3
    assert average.average == Decimal(12) / 3  # (6 + 3 + 3) / 3
    assert average.average_text == "4"
