"""A teacher puts their online exam session's scores into a gradebook column: converted
to 10 points and rounded by the rules; unmarked essays and absent students left out."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from accounts.services import teaching_assign
from lms.exams import grading, saving
from lms.exams import services as exams
from lms.exams.models import Attempt
from lms.gradebook.models import Mark, MarkSource
from question_bank.formats.base import QType
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import (
    DOB,
    ExamWorld,
    correct_response,
    make_exam_paper,
    started,
)
from tests.lms.gradebook.conftest import subject

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_exam_caches():
    """Attempt ids repeat between tests (rolled back): the engine's cached states must go."""
    _forget_exam_keys()
    yield
    _forget_exam_keys()


@pytest.fixture
def world(db):
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school, full_name="Cô Dạy Toán")
    school_class = make_class(school=school, name="12A1", grade=12)
    students = [make_student_in(school_class, date_of_birth=DOB) for _ in range(3)]
    toan = subject("toan", "Toán")
    teaching_assign(teacher=teacher, school_class=school_class, subject=toan)
    paper = make_exam_paper(teacher, versions=2)
    now = timezone.now()
    session = exams.session_create(
        user=teacher,
        paper=paper,
        title="Kiểm tra 15 phút",
        window=exams.SessionWindow(
            opens_at=now - dt.timedelta(minutes=5),
            last_entry_at=now + dt.timedelta(minutes=30),
            closes_at=now + dt.timedelta(hours=2),
            duration_minutes=45,
        ),
        classes=[school_class],
    )
    return ExamWorld(teacher, school_class, students, paper, session), toan


def _submit_all_right(world, student, capture):
    attempt, items = started(world, student)
    answers = [
        {"slot": it["slot"], "seq": n, "response": correct_response(it)}
        for n, it in enumerate(items, 1)
    ]
    saving.answers_save(
        attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": answers}
    )
    with capture(execute=True):
        exams.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT, user=student)
    essay = next(it["slot"] for it in items if it["data"]["qtype"] == QType.ESSAY)
    return attempt, essay


def test_a_session_fills_a_column(world, django_capture_on_commit_callbacks):
    world, toan = world
    first, second, absent = world.students
    attempt, essay = _submit_all_right(world, first, django_capture_on_commit_callbacks)
    # The paper totals 4 points (Part I 2 × 0,25, Part II 1, Part III 0,5, essay 2): all
    # auto-marked right (2) and the essay 1,5 → 3,5 / 4 · 10 = 8,75 → 8,8.
    grading.essay_mark(user=world.board, attempt=attempt, slot=essay, points=Decimal("1.5"))
    _submit_all_right(world, second, django_capture_on_commit_callbacks)  # essay not marked
    client = Client()
    client.force_login(world.board)
    sheet = f"/hoc/so-diem/lop/{world.school_class.pk}/mon/{toan.pk}/"
    assert "Kiểm tra 15 phút" in client.get(sheet).content.decode()  # offered on the sheet
    response = client.post(
        sheet + "lay-diem-ca-thi/", {"hk": 2, "ca_thi": world.session.pk, "cot": "tx2"}, follow=True
    )
    html = response.content.decode()
    assert "Đã lấy điểm của 1 học sinh" in html
    assert "1 bài chưa chấm xong tự luận, 1 học sinh chưa có kết quả" in html
    mark = Mark.objects.get()
    assert (mark.student, mark.term, mark.column, mark.value) == (first, 2, "tx2", Decimal("8.8"))
    assert (mark.source, mark.note, mark.entered_by) == (
        MarkSource.FILL,
        "Kiểm tra 15 phút",
        world.board,
    )
    assert not Mark.objects.filter(student__in=[second, absent]).exists()


def test_only_the_sessions_the_teacher_runs(world):
    world, toan = world
    colleague = make_user(role=Role.TEACHER, school=world.school_class.school)
    teaching_assign(teacher=colleague, school_class=world.school_class, subject=toan)
    client = Client()
    client.force_login(colleague)
    sheet = f"/hoc/so-diem/lop/{world.school_class.pk}/mon/{toan.pk}/"
    assert "Kiểm tra 15 phút" not in client.get(sheet).content.decode()
    response = client.post(
        sheet + "lay-diem-ca-thi/", {"hk": 1, "ca_thi": world.session.pk, "cot": "tx1"}
    )
    assert response.status_code == 404
    assert client.get(sheet + "lay-diem-ca-thi/").status_code == 405
    assert not Mark.objects.exists()
