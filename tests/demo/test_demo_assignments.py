"""The demo's term of teaching: the printed teacher's class has assignments of every kind,
attempts, essays marked (with a rubric and comments) and returned, the test mapped to a
gradebook column, and an HK I gradebook whose averages and levels show."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from demo import seed as demo_seed
from demo.assignments import TEACHER_USERNAME, teaching_demo_line
from demo.people import exam_class_students
from lms.assignments.models import Assignment, Notification
from lms.exams.models import Attempt, EssayMark
from lms.gradebook.models import Mark, MarkSource
from lms.marking.models import GradebookLink, ManualMark, MarkReturn

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    # Speed is the seed's timing line and benchmarks' business, not a test's (3,4 s on SQLite).
    demo_seed.seed_demo()


def test_the_printed_teachers_class_has_a_term_of_work(seeded):
    teacher = User.objects.get(username=TEACHER_USERNAME)
    given = list(Assignment.objects.filter(created_by=teacher))
    assert {a.kind for a in given} == {"practice", "lesson", "test"}
    test = next(a for a in given if a.kind == "test")
    attempts = Attempt.objects.filter(candidate__session=test.session, state="submitted")
    assert attempts.count() >= 20
    # Essays: most marked (some with the rubric's levels and a comment), some still waiting.
    marked = EssayMark.objects.filter(attempt__in=attempts).count()
    assert 0 < marked < attempts.count()
    assert ManualMark.objects.filter(assignment=test).exclude(levels={}).exists()
    assert ManualMark.objects.filter(assignment=test).exclude(comment="").exists()
    returned = MarkReturn.objects.filter(assignment=test)
    assert returned.count() == marked
    assert Notification.objects.filter(kind="mark_returned", assignment=test).count() == marked
    # The test feeds ĐĐGtx2 of HK I: every marked student's mark came from it.
    link = GradebookLink.objects.get(assignment=test)
    assert (link.term, link.column, link.subject_id) == (1, "tx2", test.subject_id)
    filled = Mark.objects.filter(
        school_class=test.school_class,
        subject=test.subject,
        term=1,
        column="tx2",
        source=MarkSource.FILL,
    )
    assert filled.count() == marked
    assert all(Decimal(0) <= m.value <= Decimal(10) for m in filled)
    # One practice set is still to do: the students' "Việc cần làm" has it.
    assert any(a.due_at > a.opens_at and a.kind == "practice" for a in given)
    assert f"/hoc/cham-bai/{test.pk}/" in teaching_demo_line()
    assert "Bản đồ thành thạo của lớp 12A1" in teaching_demo_line()
    _pages_show_it(teacher, test)
    _the_printed_student_has_work_to_do_and_marks()  # same seed


def _pages_show_it(teacher, test):
    """(One seed for both: the demo takes minutes to seed in a test.)"""
    client = Client()
    client.force_login(teacher)
    assert "Kiểm tra 45 phút" in client.get(f"/hoc/giao-bai/{test.pk}/tien-do/").content.decode()
    queue = client.get(f"/hoc/cham-bai/{test.pk}/").content.decode()
    assert "chờ chấm" in queue and "Đã trả" in queue
    overview = client.get(f"/hoc/so-diem/lop/{test.school_class_id}/")
    assert overview.status_code == 200
    body = overview.content.decode()
    assert any(level in body for level in ("Tốt", "Khá", "Đạt"))
    student = MarkReturn.objects.filter(assignment=test).first().student
    pupil = Client()
    pupil.force_login(student)
    page = pupil.get(f"/hoc/giao-bai/{test.pk}/").content.decode()
    assert 'id="feedback"' in page
    todo = pupil.get("/hoc/giao-bai/viec-can-lam/").content.decode()
    assert "Luyện tập chương II" in todo


def _the_printed_student_has_work_to_do_and_marks():
    student = exam_class_students().order_by("pk").first()
    client = Client()
    client.force_login(student)
    todo = client.get(reverse("assignment_todo")).content.decode()
    assert "Luyện tập chương II" in todo  # due in three days
    own = client.get(reverse("gradebook_own")).content.decode()
    assert "Toán" in own and re.search(r"\b\d{1,2},\d\b", own)  # HK I marks, decimal comma
