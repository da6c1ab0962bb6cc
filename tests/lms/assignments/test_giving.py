"""A teacher gives work to 10A1 through the form; students are told; edits keep attempts;
per-student overrides reach the exam engine."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.assignments import services
from lms.assignments.models import Assignment, Notification
from lms.exams import services as exams
from lms.exams.models import Attempt, Candidate
from question_bank.assembly.models import Paper
from tests.lms.assignments.factories import QUESTIONS, do_work, give, make_world
from tests.lms.exams.factories import make_exam_paper

pytestmark = pytest.mark.django_db


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _form(world, **changes) -> dict:
    now = timezone.now()
    data = {
        "title": "Luyện tập tuần 1",
        "kind": "practice",
        "paper": world.paper.pk,
        "audience": "class",
        "opens_at": _when(now - dt.timedelta(minutes=5)),
        "due_at": _when(now + dt.timedelta(days=1)),
        "late_policy": "accept",
        "attempts_allowed": "2",
        "score_rule": "highest",
        "release_policy": "immediate",
        "review_policy": "keys",
    }
    data.update(changes)
    return data


def test_the_form_gives_the_class_its_work_and_tells_every_student(
    client, django_capture_on_commit_callbacks
):
    world = make_world()
    client.force_login(world.teacher)
    assert client.get(f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/", _form(world))
    assert r.status_code == 302, r.content.decode()[:2000]
    assignment = Assignment.objects.get()
    assert r["Location"] == f"/hoc/giao-bai/{assignment.pk}/tien-do/"
    assert assignment.subject_id == world.subject.pk
    assert set(assignment.students.values_list("student_id", flat=True)) == {
        s.pk for s in world.students
    }
    assert set(assignment.session.candidates.values_list("student_id", flat=True)) == {
        s.pk for s in world.students
    }
    assert assignment.session.kind == "practice"
    assert assignment.session.closes_at is None  # late work accepted
    assert assignment.session.attempts_allowed == 2
    notes = Notification.objects.filter(assignment=assignment)
    assert sorted(notes.values_list("user_id", flat=True)) == sorted(s.pk for s in world.students)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in world.students)
    assert "Luyện tập tuần 1" in mail.outbox[0].subject
    assert world.other_student.pk not in notes.values_list("user_id", flat=True)


def test_a_group_gets_only_its_students(client):
    world = make_world()
    client.force_login(world.teacher)
    chosen = world.students[:2]
    r = client.post(
        f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/",
        _form(world, audience="group", group_name="Nhóm 1", students=[s.pk for s in chosen]),
    )
    assert r.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.group_name == "Nhóm 1"
    assert set(assignment.students.values_list("student_id", flat=True)) == {s.pk for s in chosen}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"paper": ""}, "paper", "Hãy chọn đề hoặc bộ luyện tập."),
        ({"title": ""}, "title", "Hãy điền mục này."),
        ({"due_at": "31/02/2026 25:00"}, "due_at", "Ngày giờ không hợp lệ"),
        ({"attempts_allowed": "0"}, "attempts_allowed", "Số phải từ 1 trở lên."),
        ({"kind": "test"}, "paper", "Đề đã chọn không phải loại"),
        ({"late_policy": "refuse", "due_at": ""}, "late_policy", "cần có hạn nộp"),
        ({"audience": "students"}, "students", "Hãy chọn ít nhất một học sinh"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(client, changes, field, message):
    world = make_world()
    client.force_login(world.teacher)
    r = client.post(f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/", _form(world, **changes))
    assert r.status_code == 400
    assert message in " ".join(r.context["form"].errors.get(field, []))
    assert not Assignment.objects.exists()
    assert not Notification.objects.exists()


def test_due_before_opening_and_a_student_of_another_class_are_refused(client):
    world = make_world()
    client.force_login(world.teacher)
    now = timezone.now()
    r = client.post(
        f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/",
        _form(world, due_at=_when(now - dt.timedelta(days=1))),
    )
    assert r.status_code == 400
    assert "Hạn nộp phải sau thời điểm mở bài." in r.content.decode()
    r = client.post(
        f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/",
        _form(world, audience="students", students=[world.other_student.pk]),
    )
    assert r.status_code == 400
    assert "Lựa chọn không hợp lệ" in " ".join(r.context["form"].errors["students"])
    assert not Assignment.objects.exists()


def test_editing_after_students_started_keeps_their_attempts():
    world = make_world()
    assignment = give(world, attempts_allowed=2)
    first, second, third = world.students
    attempt = do_work(assignment, first, [0, 2, 1])
    data = services.AssignmentInput(
        title="Luyện tập phép cộng (sửa)",
        school_class=world.school_class,
        kind="practice",
        paper=world.paper,
        opens_at=assignment.opens_at,
        due_at=assignment.due_at + dt.timedelta(days=2),
        audience="students",
        students=[second, third],
        attempts_allowed=3,
    )
    services.assignment_update(user=world.teacher, assignment=assignment, data=data)
    assignment.refresh_from_db()
    assert assignment.title.endswith("(sửa)")
    assert assignment.session.attempts_allowed == 3
    # The student taken off keeps the attempt they made (and its result).
    assert Attempt.objects.filter(pk=attempt.pk, result__isnull=False).exists()
    assert Candidate.objects.filter(session=assignment.session, student=first).exists()
    assert not assignment.students.filter(student=first).exists()
    # Changing the work itself is refused now.
    other = make_exam_paper(world.teacher, versions=1, questions=QUESTIONS[:1])
    other.kind = Paper.Kind.PRACTICE
    other.save(update_fields=["kind"])
    data.paper = other
    with pytest.raises(ValidationError) as refused:
        services.assignment_update(user=world.teacher, assignment=assignment, data=data)
    assert "không đổi được nội dung bài giao" in str(refused.value)
    assignment.refresh_from_db()
    assert assignment.paper_id == world.paper.pk
    assert Attempt.objects.filter(pk=attempt.pk).exists()


def test_refusing_late_work_and_a_students_own_due_date():
    world = make_world()
    now = timezone.now()
    assignment = give(world, late_policy="refuse", due_at=now + dt.timedelta(hours=1))
    late, kept, _third = world.students
    later = now + dt.timedelta(hours=5)
    services.override_set(
        user=world.teacher, assignment=assignment, student=kept, due_at=later, extra_minutes=10
    )
    session = assignment.session
    session.refresh_from_db()
    assert session.closes_at == assignment.due_at
    after_due = now + dt.timedelta(hours=2)
    with pytest.raises(exams.ExamRefused):
        exams.check_entry_window(
            session, now=after_due, candidate=session.candidates.get(student=late)
        )
    own = session.candidates.get(student=kept)
    assert own.closes_at == later and own.extra_minutes == 10
    exams.check_entry_window(session, now=after_due, candidate=own)  # no refusal
    with pytest.raises(ValidationError):
        services.override_set(
            user=world.teacher,
            assignment=assignment,
            student=kept,
            due_at=now - dt.timedelta(days=3),
        )
    with pytest.raises(ValidationError):
        services.override_set(
            user=world.teacher, assignment=assignment, student=world.other_student, due_at=later
        )


def test_a_teacher_who_does_not_teach_the_class_cannot_give_it_work():
    world = make_world()
    with pytest.raises(Exception) as refused:
        services.assignment_create(
            user=world.outsider,
            data=services.AssignmentInput(
                title="x",
                school_class=world.school_class,
                kind="practice",
                paper=world.paper,
                opens_at=timezone.now(),
            ),
        )
    assert "không dạy lớp này" in str(refused.value)
    assert not Assignment.objects.exists()
