"""An online test given from an exam matrix: a paper is assembled from it (question_bank's
own CP-SAT assembly) when the work is given, and the work then runs as with a paper. A
matrix the teacher may not use is refused; a bank that falls short is a Vietnamese form
error naming the short cell, and nothing is left behind."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms import permissions
from lms.assignments import services
from lms.assignments.models import Assignment, AssignmentStudent, Notification
from lms.exams.models import ExamSession
from question_bank.assembly.matrix import cell_label
from question_bank.assembly.models import ExamMatrix, Paper, PaperItem, PaperVariant
from question_bank.assembly.services import (
    AssemblyOptions,
    matrix_create_from_template,
    papers_assemble,
)
from question_bank.models import QuestionBank
from tests.lms.assignments.factories import do_work, give, make_world
from tests.question_bank.assembly.bank import toan_bank
from tests.question_bank.assembly.test_assembly import TOAN_CELLS

pytestmark = pytest.mark.django_db


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _matrix(user, supply=TOAN_CELLS) -> ExamMatrix:
    _bank, subject = toan_bank(user, supply, seed=3)
    return matrix_create_from_template(
        user=user, template="thpt2025-toan", subject=subject, grade=12, title="Ma trận Toán 12"
    )


def _form(matrix, **changes) -> dict:
    now = timezone.now()
    data = {
        "title": "Kiểm tra 15 phút",
        "kind": "test",
        "matrix": matrix.pk,
        "versions": "3",
        "audience": "class",
        "opens_at": _when(now - dt.timedelta(minutes=5)),
        "due_at": _when(now + dt.timedelta(days=1)),
        "late_policy": "accept",
        "duration_minutes": "15",
        "attempts_allowed": "1",
        "score_rule": "highest",
        "release_policy": "immediate",
        "review_policy": "answers",
    }
    data.update(changes)
    return data


def _url(world) -> str:
    return f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/"


def _nothing_saved(papers_before: int) -> None:
    assert not Assignment.objects.exists()
    assert not AssignmentStudent.objects.exists()
    assert not Notification.objects.exists()
    assert not ExamSession.objects.exists()
    assert Paper.objects.count() == papers_before
    assert not Paper.objects.filter(matrix__isnull=False).exists()


def test_a_test_from_a_matrix_assembles_a_paper_and_runs_on_it(client):
    world = make_world()
    matrix = _matrix(world.teacher)
    client.force_login(world.teacher)
    page = client.get(_url(world)).content.decode()
    assert 'name="matrix"' in page and "Ma trận Toán 12" in page

    response = client.post(_url(world), _form(matrix))

    assert response.status_code == 302, response.content.decode()[:3000]
    assignment = Assignment.objects.get()
    paper = Paper.objects.get(matrix=matrix)
    assert assignment.paper == paper and assignment.session.paper == paper
    assert (paper.kind, paper.created_by, paper.school_id) == (
        Paper.Kind.EXAM,
        world.teacher,
        world.school_class.school_id,
    )
    assert PaperItem.objects.filter(paper=paper).count() == sum(TOAN_CELLS.values())
    assert PaperVariant.objects.filter(paper=paper).count() == 3
    candidates = assignment.session.candidates.all()
    assert {c.student_id for c in candidates} == {s.pk for s in world.students}
    assert {c.variant.paper_id for c in candidates} == {paper.pk}
    assert assignment.session.duration_minutes == 15
    assert assignment.kind == "test"
    # The students get the work as with any paper.
    for student in world.students:
        assert Notification.objects.filter(user=student, assignment=assignment).exists()
    client.force_login(world.students[0])
    todo = client.get("/hoc/giao-bai/viec-can-lam/").content.decode()
    assert "Kiểm tra 15 phút" in todo

    # Editing it later shows the assembled paper and keeps it: no new assembly.
    client.force_login(world.teacher)
    edit = client.get(f"/hoc/giao-bai/{assignment.pk}/sua/")
    assert edit.context["form"].initial["paper"] == paper.pk
    changed = _form(matrix, title="Kiểm tra 15 phút (sửa)", paper=paper.pk)
    del changed["matrix"]
    assert client.post(f"/hoc/giao-bai/{assignment.pk}/sua/", changed).status_code == 302
    assert Paper.objects.filter(matrix=matrix).count() == 1
    assignment.refresh_from_db()
    assert assignment.paper == paper and assignment.title == "Kiểm tra 15 phút (sửa)"


def test_the_service_assembles_one_version_by_default():
    world = make_world(students=2)
    matrix = _matrix(world.teacher)
    assignment = give(
        world, kind="test", paper=None, matrix=matrix, duration_minutes=45, title="Giữa kì"
    )
    assert assignment.paper.matrix == matrix
    assert list(assignment.paper.variants.values_list("code", flat=True)) == ["0101"]
    assert assignment.session.candidates.count() == 2


def test_a_matrix_the_teacher_may_not_use_is_refused(client):
    world = make_world()
    matrix = _matrix(world.outsider)  # another teacher's matrix
    papers = Paper.objects.count()
    client.force_login(world.teacher)
    assert "Ma trận Toán 12" not in client.get(_url(world)).content.decode()

    response = client.post(_url(world), _form(matrix))

    assert response.status_code == 400
    assert "bạn không có quyền chọn" in response.context["form"].errors["matrix"][0]
    with pytest.raises(ValidationError) as refused:
        give(world, kind="test", paper=None, matrix=matrix, duration_minutes=15)
    assert refused.value.message_dict["matrix"] == ["Bạn không được dùng ma trận này."]
    _nothing_saved(papers)


def test_a_matrix_is_for_a_test_only_and_not_with_a_paper():
    world = make_world()
    matrix = _matrix(world.teacher)
    with pytest.raises(ValidationError) as practice:
        give(world, kind="practice", matrix=matrix, paper=None)
    assert practice.value.message_dict["matrix"] == [
        "Chỉ bài kiểm tra mới ghép đề từ ma trận được."
    ]
    with pytest.raises(ValidationError) as both:
        give(world, kind="test", matrix=matrix, duration_minutes=15)
    assert both.value.message_dict["matrix"] == [
        "Hãy chọn một đề hoặc một ma trận, không chọn cả hai."
    ]
    assert not Paper.objects.filter(matrix=matrix).exists()


def test_a_bank_that_falls_short_is_a_form_error_naming_the_cell_and_saves_nothing(client):
    world = make_world()
    short = dict(TOAN_CELLS)
    short[(1, "biet")] -= 2  # the bank has 6 of the 8 "Biết" questions of Phần I
    matrix = _matrix(world.teacher, short)
    cell = matrix.cells.get(part=1, level__code="biet")
    papers = Paper.objects.count()
    client.force_login(world.teacher)

    response = client.post(_url(world), _form(matrix))

    assert response.status_code == 400
    errors = list(response.context["form"].errors["matrix"])
    assert errors[0] == "Không ghép được đề từ ma trận “Ma trận Toán 12”:"
    assert errors[1:] == [f"{cell_label(cell)}: cần 8 câu đã duyệt, ngân hàng chỉ có 6 (thiếu 2)."]
    page = response.content.decode()
    assert "thiếu 2" in page and "Chưa giao được bài" in page
    _nothing_saved(papers)


def test_a_failure_after_assembly_leaves_no_paper_behind(monkeypatch):
    """The paper is assembled inside the giving's transaction: a later refusal (here the
    exam engine's) undoes it."""
    world = make_world()
    matrix = _matrix(world.teacher)
    papers = Paper.objects.count()

    def refuse(**kwargs):
        assert kwargs["paper"].matrix == matrix  # assembled by now
        raise ValidationError({"paper": "Đề này chưa có mã đề nào: hãy ghép đề trước."})

    monkeypatch.setattr(services.exams, "session_create", refuse)
    with pytest.raises(ValidationError):
        give(world, kind="test", paper=None, matrix=matrix, duration_minutes=15)
    _nothing_saved(papers)


def test_the_giving_is_logged_with_its_matrix():
    world = make_world(students=2)
    matrix = _matrix(world.teacher)
    assignment = give(world, kind="test", paper=None, matrix=matrix, duration_minutes=15)
    entry = ModelLogEntry.objects.get(action="lms.assignment.create", object_id=str(assignment.pk))
    assert entry.data == {"students": 2, "matrix": matrix.pk}


def test_no_new_paper_from_a_matrix_once_a_student_started():
    world = make_world(students=2, versions=1)
    matrix = _matrix(world.teacher)
    assignment = give(world)  # the practice set
    do_work(assignment, world.students[0], [0, 2, 1], submit=False)
    data = services.AssignmentInput(
        title="Đổi sang kiểm tra",
        school_class=world.school_class,
        kind="test",
        matrix=matrix,
        duration_minutes=15,
        opens_at=assignment.opens_at,
        due_at=assignment.due_at,
    )
    with pytest.raises(ValidationError) as refused:
        services.assignment_update(user=world.teacher, assignment=assignment, data=data)
    assert refused.value.message_dict["kind"] == [str(services.STARTED)]
    assert not Paper.objects.filter(matrix=matrix).exists()
    assignment.refresh_from_db()
    assert (assignment.kind, assignment.paper) == ("practice", world.paper)


def _pool_matrix(teacher, **matrix_changes) -> ExamMatrix:
    """A matrix whose questions can only come from a confidential pool the teacher (an exam
    board member) sees."""
    _pool, subject = toan_bank(teacher, TOAN_CELLS, seed=5, confidential=True, name="Kho đề HK")
    matrix = matrix_create_from_template(
        user=teacher, template="thpt2025-toan", subject=subject, grade=12, title="Ma trận HK"
    )
    for field, value in matrix_changes.items():
        setattr(matrix, field, value)
    matrix.save()
    return matrix


def test_a_matrix_drawing_on_a_confidential_pool_never_reaches_a_class(client):
    world = make_world()
    matrix = _pool_matrix(world.teacher)  # no banks chosen: every bank the teacher sees
    papers = Paper.objects.count()
    client.force_login(world.teacher)

    response = client.post(_url(world), _form(matrix))

    assert response.status_code == 400
    [error] = response.context["form"].errors["matrix"]
    assert "kho đề bảo mật của hội đồng thi" in error and "Ma trận HK" in error
    _nothing_saved(papers)
    # Choosing the pool as the matrix's bank, or marking the matrix confidential, takes it
    # off the list: refused before anything is assembled.
    pool = QuestionBank.objects.get(name="Kho đề HK")
    matrix.banks.set([pool])
    matrix.save()  # a ParentalManyToManyField is written on save
    assert "Ma trận HK" not in client.get(_url(world)).content.decode()
    with pytest.raises(ValidationError) as refused:
        give(world, kind="test", paper=None, matrix=matrix, duration_minutes=15)
    assert refused.value.message_dict["matrix"] == ["Bạn không được dùng ma trận này."]
    secret = _pool_matrix(world.teacher, confidential=True)
    with pytest.raises(ValidationError):
        give(world, kind="test", paper=None, matrix=secret, duration_minutes=15)
    _nothing_saved(papers)


def test_a_confidential_paper_or_one_with_pool_questions_is_not_assignable():
    world = make_world()
    matrix = _pool_matrix(world.teacher)
    [paper] = papers_assemble(user=world.teacher, matrix=matrix, options=AssemblyOptions())
    Paper.objects.filter(pk=paper.pk).update(kind=Paper.Kind.EXAM)
    assert not permissions.assignable_papers(world.teacher).filter(pk=paper.pk).exists()
    with pytest.raises(ValidationError) as refused:
        give(world, kind="test", paper=paper, duration_minutes=15)
    assert refused.value.message_dict["paper"] == ["Bạn không được giao đề này."]
    # A confidential exam paper of ordinary questions waits for its release.
    Paper.objects.filter(pk=world.paper.pk).update(kind=Paper.Kind.EXAM, confidential=True)
    assert not permissions.assignable_papers(world.teacher).filter(pk=world.paper.pk).exists()
    Paper.objects.filter(pk=world.paper.pk).update(released_at=timezone.now())
    assert permissions.assignable_papers(world.teacher).filter(pk=world.paper.pk).exists()
