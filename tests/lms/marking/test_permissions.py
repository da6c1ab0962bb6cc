"""Who may mark, return, map to the gradebook and see marks, tested through the pages: a
teacher cannot see or mark a class they don't teach, a student sees only their own
returned work, a rubric is its owner's, a locked term refuses the gradebook with its
reason, and a teacher of the class who does not teach the subject cannot write it."""

from decimal import Decimal

import pytest
from django.test import Client

from accounts.models import Role, TeachingAssignment
from curriculum.models import Subject
from lms.exams.models import EssayMark
from lms.gradebook import services as gradebook
from lms.gradebook.models import Mark
from lms.marking import services
from lms.marking.models import GradebookLink, ManualMark, MarkReturn, Rubric
from tests.accounts.factories import make_user
from tests.lms.marking.helpers import RUBRIC_TEXT, answer_all, essay_world, urls

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def marked(django_capture_on_commit_callbacks):
    """Two students answered; both essays marked with their own comments and returned."""
    world, assignment = essay_world(students=2)
    done = []
    for n, student in enumerate(world.students):
        attempt, essay = answer_all(assignment, student, django_capture_on_commit_callbacks)
        services.answer_mark(
            user=world.teacher,
            assignment=assignment,
            attempt=attempt,
            slot=essay,
            data=services.MarkInput(points=Decimal(1), comment=f"Nhận xét riêng số {n}"),
        )
        done.append((attempt, essay))
    services.marks_return(user=world.teacher, assignment=assignment)
    return world, assignment, done


def test_a_teacher_of_another_class_cannot_see_or_mark(marked):
    world, assignment, done = marked
    attempt, essay = done[0]
    u = urls(assignment, attempt, essay)
    outsider = _client(world.outsider)
    for url in (u["queue"], u["answer"], u["progress"]):
        assert outsider.get(url).status_code == 404
    before = ManualMark.objects.count()
    assert outsider.post(u["answer"], {"points": "0", "comment": "x"}).status_code == 404
    assert outsider.post(u["return"]).status_code == 404
    body = {"subject": world.subject.pk, "term": 1, "column": "tx1"}
    assert outsider.post(u["gradebook"], body).status_code == 404
    assert ManualMark.objects.count() == before
    assert EssayMark.objects.get(attempt=attempt, slot=essay).points == Decimal(1)
    assert not GradebookLink.objects.exists()
    with pytest.raises(services.PermissionDenied):
        services.answer_mark(
            user=world.outsider,
            assignment=assignment,
            attempt=attempt,
            slot=essay,
            data=services.MarkInput(points=Decimal(0)),
        )


def test_students_cannot_mark_and_see_only_their_own_returned_work(marked):
    world, assignment, done = marked
    attempt, essay = done[0]
    u = urls(assignment, attempt, essay)
    first, second = world.students
    pupil = _client(first)
    for url in (u["queue"], u["answer"], "/hoc/cham-bai/tieu-chi/"):
        assert pupil.get(url).status_code == 404
    assert pupil.post(u["answer"], {"points": "2"}).status_code == 404
    assert pupil.post(u["return"]).status_code == 404
    page = pupil.get(u["work"]).content.decode()
    assert "Nhận xét riêng số 0" in page and "Nhận xét riêng số 1" not in page
    assert "Nhận xét riêng số 1" in _client(second).get(u["work"]).content.decode()
    # A student of another class: not their work at all.
    assert _client(world.other_student).get(u["work"]).status_code == 404


def test_a_rubric_is_its_owners(marked):
    world, assignment, done = marked
    attempt, essay = done[0]
    theirs = services.rubric_save(user=world.outsider, title="Của thầy khác", text=RUBRIC_TEXT)
    teacher = _client(world.teacher)
    assert teacher.get(f"/hoc/cham-bai/tieu-chi/{theirs.pk}/").status_code == 404
    response = teacher.post(
        f"/hoc/cham-bai/tieu-chi/{theirs.pk}/", {"title": "x", "text": "a: b = 1; c = 0"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Của thầy khác"
    # Not offered on the answer page, and refused when posted.
    u = urls(assignment, attempt, essay)
    assert (
        "Của thầy khác" not in teacher.get(u["answer"] + f"?tieu_chi={theirs.pk}").content.decode()
    )
    before = ManualMark.objects.count()
    response = teacher.post(u["answer"], {"rubric": theirs.pk, "level_0": 0, "level_1": 0})
    assert response.status_code == 400
    assert "không phải của bạn" in response.content.decode()
    assert ManualMark.objects.count() == before
    # A student cannot keep rubrics.
    assert (
        _client(world.students[0])
        .post("/hoc/cham-bai/tieu-chi/", {"title": "x", "text": RUBRIC_TEXT})
        .status_code
        == 404
    )
    assert not Rubric.objects.filter(owner=world.students[0]).exists()


def test_a_wrong_rubric_is_refused_line_by_line():
    world, _assignment = essay_world(students=1)
    response = _client(world.teacher).post(
        "/hoc/cham-bai/tieu-chi/",
        {
            "title": "Sai",
            "text": "Nội dung: Tốt = 2; Kém = 0\nTrình bày Tốt = 1\nCách làm: Đủ = hai; Thiếu = 0",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 2" in page and "Dòng 3" in page and "“Đủ = hai”" in page
    assert not Rubric.objects.exists()


def test_a_locked_term_refuses_the_gradebook_with_its_reason(marked):
    world, assignment, _done = marked
    head = make_user(role=Role.SCHOOL_ADMIN, school=world.school_class.school)
    gradebook.term_lock(
        user=head,
        school=world.school_class.school,
        school_year=world.school_class.school_year,
        term=1,
        reason="Đã nộp sổ cho Phòng",
    )
    teacher = _client(world.teacher)
    body = {"subject": world.subject.pk, "term": 1, "column": "tx1"}
    response = teacher.post(urls(assignment)["gradebook"], body, follow=True)
    assert "Đã nộp sổ cho Phòng" in response.content.decode()
    assert not Mark.objects.exists() and not GradebookLink.objects.exists()
    # Term II is open: written.
    teacher.post(urls(assignment)["gradebook"], {**body, "term": 2})
    assert Mark.objects.filter(term=2, column="tx1").count() == 2


def test_a_teacher_of_the_class_not_of_the_subject_cannot_write_it(marked):
    world, assignment, _done = marked
    van, _ = Subject.objects.get_or_create(code="ngu-van", defaults={"name": "Ngữ văn"})
    colleague = make_user(role=Role.TEACHER, school=world.school_class.school)
    TeachingAssignment.objects.create(
        teacher=colleague, school_class=world.school_class, subject=van
    )
    client = _client(colleague)
    # They teach the class: they follow and mark its work ...
    assert client.get(urls(assignment)["queue"]).status_code == 200
    # ... but the gradebook of Toán is not theirs.
    response = client.post(
        urls(assignment)["gradebook"],
        {"subject": world.subject.pk, "term": 1, "column": "tx1"},
        follow=True,
    )
    assert "Bạn không dạy môn này ở lớp này" in response.content.decode()
    assert not Mark.objects.exists() and not GradebookLink.objects.exists()


def test_returning_skips_work_still_waiting(django_capture_on_commit_callbacks):
    world, assignment = essay_world(students=2)
    first, second = world.students
    attempt, essay = answer_all(assignment, first, django_capture_on_commit_callbacks)
    answer_all(assignment, second, django_capture_on_commit_callbacks)
    services.answer_mark(
        user=world.teacher,
        assignment=assignment,
        attempt=attempt,
        slot=essay,
        data=services.MarkInput(points=Decimal(2)),
    )
    response = _client(world.teacher).post(urls(assignment)["return"], follow=True)
    assert "1 bài còn câu chờ chấm nên chưa trả" in response.content.decode()
    assert list(MarkReturn.objects.values_list("student_id", flat=True)) == [first.pk]


def test_the_queue_does_not_grow_in_queries(
    django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    world, assignment = essay_world(students=6)
    for student in world.students[:2]:
        answer_all(assignment, student, django_capture_on_commit_callbacks)
    teacher = _client(world.teacher)
    teacher.get(urls(assignment)["queue"])  # warm the variant cache
    with django_assert_max_num_queries(12) as few:
        assert teacher.get(urls(assignment)["queue"]).status_code == 200
    for student in world.students[2:]:
        answer_all(assignment, student, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = teacher.get(urls(assignment)["queue"]).content.decode()
    assert page.count("chờ chấm</strong>") == 6
