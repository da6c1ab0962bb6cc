"""The demo's online exam (issue 18, acceptance 1): the seed leaves a Toán 12 paper in the
2025 format with 4 mã đề that the printed exam-board login may open and make a session of
for class 12A1 of Trường THPT Nguyễn Huệ, whose first student is the printed student; the
line printed with the logins tells the real date of birth the identity check asks for."""

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, SchoolClass, User
from demo.exams import BOARD_USERNAME, PAPER_TITLE, exam_demo_line, exam_student
from demo.people import DEMO_PASSWORD, EXAM_CLASS_NAME, demo_logins
from demo.seed import seed_demo
from lms import permissions as lms_permissions
from lms.exams.codes import access_code
from lms.exams.services import SessionWindow, check_in, identity_matches, session_create
from question_bank.assembly.models import Paper
from question_bank.assembly.paper import PART_MC, PART_SHORT, PART_TF
from question_bank.permissions import visible_papers

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = seed_demo()
        yield summary
        transaction.set_rollback(True)


def _printed(role: str) -> User:
    return next(
        User.objects.get(username=row.username)
        for row in demo_logins()
        if User.objects.get(username=row.username).role == role
    )


def test_the_board_sees_a_ready_toan_12_paper_with_4_versions(demo):
    board = _printed(Role.EXAM_BOARD)
    assert board.username == BOARD_USERNAME
    paper = Paper.objects.get(title=PAPER_TITLE)
    assert paper.created_by == board and not paper.confidential
    assert visible_papers(board).filter(pk=paper.pk).exists()
    assert paper.matrix.subject.code == "toan" and paper.matrix.grade == 12
    parts = Counter(paper.items.values_list("part", flat=True))
    assert parts == {PART_MC: 12, PART_TF: 4, PART_SHORT: 6}  # the 2025 format, 22 questions
    assert paper.variants.count() == 4
    assert sum(paper.items.values_list("points", flat=True)) == 10


def test_the_printed_student_is_in_12a1_of_nguyen_hue_and_has_a_date_of_birth(demo):
    student = _printed(Role.STUDENT)
    assert student == exam_student()
    [school_class] = SchoolClass.objects.filter(enrolments__student=student)
    assert school_class.name == EXAM_CLASS_NAME == "12A1"
    assert school_class.school.name == "Trường THPT Nguyễn Huệ"
    assert student.date_of_birth is not None
    assert not student.must_change_password  # the demo's printed password just works
    assert student.check_password(DEMO_PASSWORD)


def test_the_printed_line_gives_the_real_date_of_birth_and_the_board_can_make_the_session(demo):
    board, student = _printed(Role.EXAM_BOARD), _printed(Role.STUDENT)
    line = exam_demo_line()
    born = student.date_of_birth.strftime("%d/%m/%Y")
    for part in (BOARD_USERNAME, "/thi/quan-ly/tao/", student.username, born, "12A1"):
        assert part in line, part
    assert identity_matches(student, born)

    paper = Paper.objects.get(title=PAPER_TITLE)
    assert lms_permissions.can_create_session(board, paper)
    now = timezone.now()
    session = session_create(
        user=board,
        paper=paper,
        title="",
        window=SessionWindow(
            opens_at=now - dt.timedelta(minutes=1),
            last_entry_at=now + dt.timedelta(minutes=30),
            closes_at=now + dt.timedelta(hours=2),
            duration_minutes=45,
            grace_seconds=60,
        ),
        classes=[SchoolClass.objects.get(school__code="27001", name="12A1")],
    )
    assert lms_permissions.can_manage_session(board, session)
    [candidate] = lms_permissions.own_candidacies(student).filter(session=session)
    assert candidate.variant.paper_id == paper.pk
    check_in(
        user=student,
        candidate=candidate,
        access_code=access_code(candidate.room.secret),
        identity=born,
        ip="127.0.0.1",
    )
    candidate.refresh_from_db()
    assert candidate.checked_in_at is not None
