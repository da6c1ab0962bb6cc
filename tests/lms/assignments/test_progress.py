"""Status from the work's own records, the score rules, the student's "Việc cần làm" and
the teacher's progress page (per-question results, options chosen, charts with tables)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Page

from content.models import LessonPage
from lms.assignments.models import Assignment
from lms.assignments.progress import student_rows
from lms.assignments.status import assignment_scores, counted_score
from lms.exams.models import Attempt, EssayMark
from lms.models import EventKind, LearningEvent
from tests.lms.assignments.factories import do_work, give, make_world

pytestmark = pytest.mark.django_db


def test_statuses_new_in_progress_done_late_and_scores_on_the_progress_page(client):
    world = make_world(students=4)
    assignment = give(world)
    done, wrong, started, idle = world.students
    do_work(assignment, done, [0, 2, 1])  # all right: 3/3
    late = do_work(assignment, wrong, [1, 1, 1])  # Q1 B (wrong), Q2 B (wrong), Q3 B right
    Attempt.objects.filter(pk=late.pk).update(
        submitted_at=assignment.due_at + dt.timedelta(hours=1)
    )
    do_work(assignment, started, [0, 0, 0], submit=False)
    client.force_login(world.teacher)
    page = client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do/")
    assert page.status_code == 200
    rows = {r.student.pk: r for r in page.context["rows"]}
    assert rows[done.pk].work.status == "done"
    assert rows[done.pk].score_text == "3" and rows[done.pk].max_text == "3"
    assert rows[wrong.pk].work.status == "late"
    assert rows[wrong.pk].score_text == "1"
    assert rows[started.pk].work.status == "in_progress"
    assert rows[idle.pk].work.status == "new"
    assert rows[idle.pk].work.attempts == 0 and rows[done.pk].work.attempts == 1
    html = page.content.decode()
    assert "Nộp muộn" in html and "Chưa làm" in html and "Đang làm" in html
    stats = [s["stat"] for s in page.context["stats"]]
    assert [(s.right, s.answered) for s in stats] == [(1, 2), (1, 2), (2, 2)]
    # Options are counted in the source paper's order whatever the version shuffled.
    assert [o.count for o in stats[0].options] == [1, 1, 0, 0]
    assert stats[1].options[1].count == 1 and stats[1].options[2].correct
    assert stats[0].top_wrong.label == "B"
    assert "Phương án sai B được 1/2 học sinh chọn." in html
    assert html.count("<svg") == 1 + 1 + 3  # status, questions, one per question
    assert html.count("<table") >= 5  # each chart has its table


def test_decimal_comma_and_the_score_rules():
    world = make_world(students=1)
    assignment = give(world, attempts_allowed=3, score_rule="highest")
    [student] = world.students
    do_work(assignment, student, [0, 2, 1])  # 3
    do_work(assignment, student, [0, 0, 0])  # 1
    assert assignment_scores(assignment) == {student.pk: (Decimal("3.000"), Decimal("3"))}
    Assignment.objects.filter(pk=assignment.pk).update(score_rule="last")
    assignment.refresh_from_db()
    assert assignment_scores(assignment)[student.pk][0] == Decimal("1.000")
    Assignment.objects.filter(pk=assignment.pk).update(score_rule="average")
    assignment.refresh_from_db()
    assert assignment_scores(assignment)[student.pk][0] == Decimal("2.000")
    assert counted_score("average", [Decimal("8"), Decimal("7"), Decimal("7")]) == Decimal("7.333")
    assert counted_score("highest", []) is None


def test_average_shown_with_a_decimal_comma(client):
    world = make_world(students=1)
    assignment = give(world, attempts_allowed=2, score_rule="average")
    [student] = world.students
    do_work(assignment, student, [0, 2, 1])  # 3
    do_work(assignment, student, [0, 2, 0])  # 2
    client.force_login(world.teacher)
    page = client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do/")
    assert "2,5/3" in page.content.decode()
    client.force_login(student)
    work = client.get(f"/hoc/giao-bai/{assignment.pk}/")
    assert "2,5/3" in work.content.decode()


def test_a_teachers_mark_makes_it_marked():
    world = make_world(students=1)
    assignment = give(world)
    [student] = world.students
    attempt = do_work(assignment, student, [0, 2, 1])
    EssayMark.objects.create(
        attempt=attempt, slot=0, points=Decimal(1), marker=world.teacher, marked_at=timezone.now()
    )
    [row] = student_rows(assignment)
    assert row.work.status == "marked" and row.work.label == "Đã chấm"


def test_overdue_and_a_students_own_due_date():
    world = make_world(students=2)
    now = timezone.now()
    assignment = give(world, opens_at=now - dt.timedelta(days=3), due_at=now - dt.timedelta(days=1))
    first, second = world.students
    assignment.students.filter(student=second).update(due_at=now + dt.timedelta(days=1))
    rows = {r.student.pk: r.work for r in student_rows(assignment)}
    assert rows[first.pk].status == "late" and rows[first.pk].label == "Quá hạn"
    assert rows[second.pk].status == "new"


def test_a_lesson_is_done_from_its_learning_events(client):
    world = make_world(students=2)
    root = Page.objects.get(depth=1).get_children().first()
    lesson = LessonPage(title="Bài 1: Mệnh đề", slug="bai-1-menh-de", owner=world.teacher)
    root.add_child(instance=lesson)
    lesson.save_revision(user=world.teacher).publish()
    assignment = give(world, kind="lesson", paper=None, page=lesson)
    reader, _other = world.students
    LearningEvent.objects.create(user=reader, kind=EventKind.VIEW, page=lesson)
    rows = {r.student.pk: r.work.status for r in student_rows(assignment)}
    assert rows == {reader.pk: "done", _other.pk: "new"}


def test_the_students_list_is_theirs_ordered_by_due_date_and_on_the_home_page(client):
    world = make_world(students=2)
    now = timezone.now()
    later = give(world, title="Bài hạn sau", due_at=now + dt.timedelta(days=5))
    sooner = give(world, title="Bài hạn trước", due_at=now + dt.timedelta(days=1))
    give(
        world,
        title="Bài chưa mở",
        opens_at=now + dt.timedelta(days=2),
        due_at=now + dt.timedelta(days=4),
    )
    me, other = world.students
    do_work(later, other, [0, 2, 1])
    client.force_login(me)
    page = client.get("/hoc/giao-bai/viec-can-lam/")
    assert [i.assignment.pk for i in page.context["pending"]] == [sooner.pk, later.pk]
    html = page.content.decode()
    assert "Bài chưa mở" not in html
    assert html.index("Bài hạn trước") < html.index("Bài hạn sau")
    home = client.get("/")
    assert "Việc cần làm" in home.content.decode()
    assert "Bài hạn trước" in home.content.decode()
    client.force_login(other)
    page = client.get("/hoc/giao-bai/viec-can-lam/")
    assert [i.assignment.pk for i in page.context["pending"]] == [sooner.pk]
    assert [i.assignment.pk for i in page.context["done"]] == [later.pk]
    client.force_login(world.other_student)
    assert not client.get("/hoc/giao-bai/viec-can-lam/").context["pending"]


def test_opening_the_work_reads_its_notification_and_links_to_the_exam_entry(client):
    world = make_world(students=1)
    assignment = give(world)
    [student] = world.students
    client.force_login(student)
    assert client.get("/").context["unread_notifications"] == 1
    page = client.get(f"/hoc/giao-bai/{assignment.pk}/")
    candidate = assignment.session.candidates.get(student=student)
    assert page.context["work_url"] == f"/thi/{candidate.pk}/"
    assert client.get("/").context["unread_notifications"] == 0
