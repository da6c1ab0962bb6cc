"""The demo's online exam (issue 18, acceptance 1): the seed leaves a Toán 12 paper in the
2025 format with 4 mã đề that the printed exam-board login may open and make a session of
for class 12A1 of Trường THPT Nguyễn Huệ, whose first student is the printed student; the
line printed with the logins tells the real date of birth the identity check asks for."""

from collections import Counter

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.models import Role, SchoolClass, User
from demo.exams import BOARD_USERNAME, PAPER_TITLE, exam_demo_line, exam_student
from demo.people import DEMO_PASSWORD, EXAM_CLASS_NAME, demo_logins
from demo.seed import seed_demo
from lms import permissions as lms_permissions
from lms.exams import services
from lms.exams.codes import access_code
from lms.exams.models import ExamSession
from lms.exams.services import identity_matches
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


def test_the_printed_line_gives_the_real_date_of_birth(demo):
    student = _printed(Role.STUDENT)
    line = exam_demo_line()
    born = student.date_of_birth.strftime("%d/%m/%Y")
    for part in (BOARD_USERNAME, "/thi/quan-ly/tao/", PAPER_TITLE, student.username, born, "12A1"):
        assert part in line, part
    assert identity_matches(student, born)


def _signed_in(username: str) -> Client:
    """A browser signed in through the site's sign-in page with the printed password."""
    client = Client()
    response = client.post(
        "/dang-nhap/", {"username": username, "password": DEMO_PASSWORD}, follow=True
    )
    assert response.context["user"].username == username
    assert "/doi-mat-khau/" not in response.redirect_chain[-1][0]  # no forced change
    return client


def test_the_readme_steps_through_the_pages(demo, django_capture_on_commit_callbacks):
    """README "Thi trực tuyến", without the page's script: the board makes the session for
    12A1 with 45 minutes through the form, the student checks in with the room's code and
    the printed date of birth and starts, and sees the score once the board releases it."""
    student = _printed(Role.STUDENT)
    paper = Paper.objects.get(title=PAPER_TITLE)
    school_class = SchoolClass.objects.get(school__code="27001", name="12A1")
    board = _signed_in(BOARD_USERNAME)
    form = board.get("/thi/quan-ly/tao/").content.decode()
    assert PAPER_TITLE in form and "12A1 – Trường THPT Nguyễn Huệ" in form
    opens = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = board.post(
        "/thi/quan-ly/tao/",
        {
            "paper": paper.pk,
            "classes": [school_class.pk],
            "opens_at": opens,
            "duration_minutes": 45,
            "grace_seconds": 120,
            "attempts_allowed": 1,
            "release_policy": "manual",
            "review_policy": "score",
            "require_identity": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    session = ExamSession.objects.get(paper=paper)
    assert session.duration_minutes == 45
    assert response["Location"] == f"/thi/quan-ly/{session.pk}/"
    room = session.rooms.get()
    assert access_code(room.secret) in board.get(response["Location"]).content.decode()

    pupil = _signed_in(student.username)
    candidate = lms_permissions.own_candidacies(student).get(session=session)
    assert session.title in pupil.get("/thi/").content.decode()
    entry = f"/thi/{candidate.pk}/"
    checked = pupil.post(
        entry,
        {
            "action": "check_in",
            "access_code": access_code(room.secret),
            "identity": student.date_of_birth.strftime("%d/%m/%Y"),
        },
    )
    assert checked.status_code == 302
    started = pupil.post(entry, {"action": "start"})
    assert started["Location"] == f"/thi/{candidate.pk}/lam-bai/"
    assert pupil.get(started["Location"]).status_code == 200
    attempt = candidate.attempts.get()
    with django_capture_on_commit_callbacks(execute=True):  # grading, enqueued on commit
        services.attempt_submit(attempt=attempt, by="student", user=student)

    submitted = f"/thi/bai/{attempt.pk}/da-nop/"
    assert 'data-testid="score"' not in pupil.get(submitted).content.decode()
    assert board.post(f"/thi/quan-ly/{session.pk}/cong-bo/").status_code == 302
    page = pupil.get(submitted).content.decode()
    assert 'data-testid="score"' in page
