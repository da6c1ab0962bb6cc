"""Each kind of work reads its own records: a timed test (extra minutes reach the attempt's
deadline), a library item (read = done), an e-lecture (done only when completed); the edit
page keeps what was given; the JSON door; notifications and emails."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from accounts.models import Role
from content.curation import library_item_publish
from content.models import ELecturePage
from content.packages.models import ElearningPackage, PackageVersion
from lms.assignments import services
from lms.assignments.models import Assignment
from lms.assignments.progress import student_rows
from lms.assignments.selectors import class_assignments
from lms.assignments.status import assignment_scores
from lms.exams import services as exams
from lms.exams.models import ExamSession
from lms.models import EventKind, LearningEvent
from lms.packages.models import PackageAttempt
from question_bank.assembly.models import Paper
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item
from tests.lms.assignments.factories import QUESTIONS, do_work, give, make_world
from tests.lms.exams.factories import make_exam_paper

pytestmark = pytest.mark.django_db


def test_a_timed_test_gives_a_student_their_extra_minutes():
    world = make_world(students=2)
    Paper.objects.filter(pk=world.paper.pk).update(kind=Paper.Kind.EXAM)
    world.paper.refresh_from_db()
    assignment = give(world, kind="test", duration_minutes=15, attempts_allowed=2)
    assert assignment.session.kind == ExamSession.Kind.EXAM
    assert assignment.session.duration_minutes == 15
    assert not assignment.session.require_identity
    slow, usual = world.students
    services.override_set(
        user=world.teacher, assignment=assignment, student=slow, due_at=None, extra_minutes=20
    )
    for student, minutes in ((slow, 35), (usual, 15)):
        candidate = assignment.session.candidates.get(student=student)
        attempt = exams.attempt_open(user=student, candidate=candidate, device=f"d{student.pk}")
        assert attempt.deadline - attempt.started_at == dt.timedelta(minutes=minutes)


def test_an_extension_given_while_a_student_works_moves_their_deadline():
    world = make_world(students=1)
    Paper.objects.filter(pk=world.paper.pk).update(kind=Paper.Kind.EXAM)
    world.paper.refresh_from_db()
    assignment = give(world, kind="test", duration_minutes=10)
    [student] = world.students
    attempt = do_work(assignment, student, [0, 0, 0], submit=False)
    services.override_set(
        user=world.teacher, assignment=assignment, student=student, due_at=None, extra_minutes=5
    )
    attempt.refresh_from_db()
    assert attempt.deadline - attempt.started_at == dt.timedelta(minutes=15)


def test_a_library_item_is_done_once_read():
    world = make_world(students=2)
    item = make_item(
        world.teacher, title="Bảng cộng", scope="school", school=world.school_class.school
    )
    librarian = make_user(role=Role.LIBRARIAN, school=world.school_class.school)
    library_item_publish(item=item, user=librarian)
    item.refresh_from_db()
    assignment = give(world, kind="library_item", paper=None, library_item=item)
    reader, _idle = world.students
    LearningEvent.objects.create(user=reader, kind=EventKind.VIEW, library_item=item)
    works = {r.student.pk: r.work.status for r in student_rows(assignment)}
    assert works == {reader.pk: "done", _idle.pk: "new"}
    _the_class_list_agrees(world, assignment, finished=1, counts={"done": 1, "new": 1})


def test_an_electure_is_done_only_when_completed():
    world = make_world(students=2)
    root = Page.objects.get(depth=1).get_children().first()
    lecture = ELecturePage(
        title="Bài giảng phép cộng",
        slug="bg-phep-cong",
        sections=[],
        school=world.school_class.school,
    )
    root.add_child(instance=lecture)
    lecture.save_revision(user=world.teacher).publish()
    assignment = give(world, kind="lesson", paper=None, page=lecture)
    halfway, finished = world.students
    LearningEvent.objects.create(
        user=halfway, kind=EventKind.SECTION_COMPLETED, page=lecture, section=0
    )
    LearningEvent.objects.create(user=finished, kind=EventKind.SECTION_COMPLETED, page=lecture)
    LearningEvent.objects.create(user=finished, kind=EventKind.COMPLETED, page=lecture)
    works = {r.student.pk: r.work.status for r in student_rows(assignment)}
    assert works == {halfway.pk: "in_progress", finished.pk: "done"}
    _the_class_list_agrees(world, assignment, finished=1, counts={"done": 1, "in_progress": 1})


def _the_class_list_agrees(world, assignment, *, finished, counts):
    """The class's list (events grouped by the database, no time spent) says the same."""
    [row] = [
        r
        for r in class_assignments(user=world.teacher, school_class=world.school_class)
        if r.assignment.pk == assignment.pk
    ]
    assert (row.finished, row.counts) == (finished, counts)


def test_the_edit_page_shows_what_was_given_and_saves_a_new_due_date(client):
    world = make_world(students=2)
    assignment = give(world)
    client.force_login(world.teacher)
    page = client.get(f"/hoc/giao-bai/{assignment.pk}/sua/")
    assert page.status_code == 200
    form = page.context["form"]
    assert form["title"].value() == "Luyện tập phép cộng"
    assert form["paper"].value() == world.paper.pk
    new_due = timezone.localtime(assignment.due_at + dt.timedelta(days=3))
    data = {
        "title": "Luyện tập phép cộng",
        "kind": "practice",
        "paper": world.paper.pk,
        "audience": "class",
        "opens_at": timezone.localtime(assignment.opens_at).strftime("%Y-%m-%dT%H:%M"),
        "due_at": new_due.strftime("%Y-%m-%dT%H:%M"),
        "late_policy": "refuse",
        "attempts_allowed": "1",
        "score_rule": "highest",
        "release_policy": "immediate",
        "review_policy": "answers",
    }
    r = client.post(f"/hoc/giao-bai/{assignment.pk}/sua/", data)
    assert r.status_code == 302
    assignment.refresh_from_db()
    assert timezone.localtime(assignment.due_at).date() == new_due.date()
    assert assignment.session.closes_at == assignment.due_at  # late work refused now


def test_the_json_door_gives_the_same_rows():
    world = make_world(students=2)
    assignment = give(world)
    do_work(assignment, world.students[0], [0, 2, 0])
    from django.test import Client

    client = Client()
    client.force_login(world.teacher)
    data = json.loads(client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do.json").content)
    rows = {r["id"]: r for r in data["students"]}
    assert rows[world.students[0].pk]["score"] == "2.000"
    assert rows[world.students[0].pk]["max"] == "3.000"
    assert rows[world.students[1].pk]["status"] == "new"
    assert rows[world.students[1].pk]["score"] is None


def test_no_email_without_an_address_and_notifications_are_read_on_the_page(
    client, django_capture_on_commit_callbacks
):
    world = make_world(students=2)
    world.students[1].email = ""
    world.students[1].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        give(world)
    assert [m.to for m in mail.outbox] == [[world.students[0].email]]
    client.force_login(world.students[1])
    page = client.get("/hoc/giao-bai/thong-bao/")
    assert "Bài mới: Luyện tập phép cộng" in page.content.decode()
    assert client.post("/hoc/giao-bai/thong-bao/").status_code == 302
    assert client.get("/").context["unread_notifications"] == 0
    client.force_login(world.students[0])
    assert client.get("/").context["unread_notifications"] == 1


def test_work_the_teacher_may_not_see_is_refused_by_the_service():
    world = make_world(students=1)
    other_school = make_school()
    stranger = make_user(role=Role.TEACHER, school=other_school)
    item = make_item(stranger, title="Tài liệu trường khác", scope="school", school=other_school)
    library_item_publish(item=item, user=make_user(role=Role.LIBRARIAN, school=other_school))
    item.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        give(world, kind="library_item", paper=None, library_item=item)
    assert "Bạn không được giao học liệu này." in str(refused.value)
    stranger_paper = make_exam_paper(stranger, versions=1, questions=QUESTIONS[:1])
    Paper.objects.filter(pk=stranger_paper.pk).update(kind=Paper.Kind.PRACTICE)
    stranger_paper.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        give(world, paper=stranger_paper)
    assert "Bạn không được giao đề này." in str(refused.value)
    assert not Assignment.objects.exists()


def test_a_package_is_read_from_its_attempts_and_scores_for_the_gradebook():
    world = make_world(students=3)
    package = ElearningPackage.objects.create(
        title="Gói phép cộng",
        kind="scorm12",
        owner=world.teacher,
        school=world.school_class.school,
        status="published",
    )
    version = PackageVersion.objects.create(
        package=package,
        number=1,
        kind="scorm12",
        edition="1.2",
        content_hash=f"{package.pk:064d}",
        storage_prefix=f"packages/{package.pk:064d}/",
        launch="index.html",
        structure={"scos": [{"id": "sco1", "title": "Trang 1", "href": "index.html"}]},
        file_count=1,
        size=1,
        uploaded_by=world.teacher,
    )
    package.current = version
    package.save(update_fields=["current"])
    assignment = give(world, kind="package", paper=None, package=package)
    done, started, idle = world.students
    PackageAttempt.objects.create(
        user=done,
        version=version,
        sco="sco1",
        completion_status="completed",
        completed_at=timezone.now(),
        score_raw=Decimal("7.5"),
        score_max=Decimal("10"),
        total_seconds=300,
    )
    PackageAttempt.objects.create(
        user=started, version=version, sco="sco1", completion_status="incomplete"
    )
    works = {r.student.pk: r.work for r in student_rows(assignment)}
    assert [works[s.pk].status for s in (done, started, idle)] == ["done", "in_progress", "new"]
    assert works[done.pk].seconds == 300
    assert assignment_scores(assignment) == {done.pk: (Decimal("7.5"), Decimal("10"))}


def test_a_returned_mark_tells_the_student(client, django_capture_on_commit_callbacks):
    world = make_world(students=2)
    assignment = give(world)
    marked, other = world.students
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_returned_notify(
            assignment=assignment, students=[marked], comment="Trình bày rõ ràng."
        )
    assert [m.to for m in mail.outbox] == [[marked.email]]
    client.force_login(marked)
    page = client.get("/hoc/giao-bai/thong-bao/").content.decode()
    assert "Bài đã chấm: Luyện tập phép cộng" in page and "Trình bày rõ ràng." in page
    client.force_login(other)
    assert "Bài đã chấm" not in client.get("/hoc/giao-bai/thong-bao/").content.decode()


def test_work_due_long_ago_leaves_the_list(client):
    world = make_world(students=1)
    now = timezone.now()
    give(
        world,
        title="Bài năm ngoái",
        opens_at=now - dt.timedelta(days=400),
        due_at=now - dt.timedelta(days=200),
    )
    give(
        world,
        title="Bài tuần trước",
        opens_at=now - dt.timedelta(days=10),
        due_at=now - dt.timedelta(days=7),
    )
    client.force_login(world.students[0])
    html = client.get("/hoc/giao-bai/viec-can-lam/").content.decode()
    assert "Bài tuần trước" in html and "Quá hạn" in html
    assert "Bài năm ngoái" not in html
