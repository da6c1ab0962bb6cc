"""Every door of assignments, role by role: a teacher gives work to, edits and follows only
the classes they teach; a student sees only their own work; nobody probes ids. And the
list pages do not grow in queries with their rows."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role, TeachingAssignment
from lms.assignments.models import Assignment, AssignmentStudent
from tests.accounts.factories import make_user
from tests.lms.assignments.factories import do_work, give, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world(students=2)
    world.extra["assignment"] = give(world)
    world.extra["admin"] = make_user(role=Role.SCHOOL_ADMIN, school=world.school_class.school)
    world.extra["homeroom"] = make_user(role=Role.TEACHER, school=world.school_class.school)
    world.school_class.homeroom_teacher = world.extra["homeroom"]
    world.school_class.save(update_fields=["homeroom_teacher"])
    return world


def _who(world, name):
    return {
        "teacher": world.teacher,
        "outsider": world.outsider,
        "homeroom": world.extra["homeroom"],
        "admin": world.extra["admin"],
        "student": world.students[0],
        "other_student": world.other_student,
    }[name]


TEACHER_DOORS = [
    "/hoc/giao-bai/lop/{class_id}/",
    "/hoc/giao-bai/lop/{class_id}/giao/",
    "/hoc/giao-bai/{assignment_id}/tien-do/",
    "/hoc/giao-bai/{assignment_id}/tien-do.json",
    "/hoc/giao-bai/{assignment_id}/sua/",
]


@pytest.mark.parametrize("door", TEACHER_DOORS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("teacher", 200),
        ("outsider", 404),
        ("homeroom", 404),
        ("admin", 404),
        ("student", 404),
        ("other_student", 404),
    ],
)
def test_teacher_doors(client, world, door, who, expected):
    client.force_login(_who(world, who))
    url = door.format(class_id=world.school_class.pk, assignment_id=world.extra["assignment"].pk)
    assert client.get(url).status_code == expected


def test_anonymous_is_sent_to_sign_in(client, world):
    for door in [*TEACHER_DOORS, "/hoc/giao-bai/viec-can-lam/", "/hoc/giao-bai/{assignment_id}/"]:
        url = door.format(
            class_id=world.school_class.pk, assignment_id=world.extra["assignment"].pk
        )
        r = client.get(url)
        assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


def test_a_colleague_who_teaches_the_class_follows_it_but_does_not_edit(client, world):
    colleague = make_user(role=Role.TEACHER, school=world.school_class.school)
    TeachingAssignment.objects.create(teacher=colleague, school_class=world.school_class)
    client.force_login(colleague)
    assignment = world.extra["assignment"]
    assert client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do/").status_code == 200
    assert client.get(f"/hoc/giao-bai/{assignment.pk}/sua/").status_code == 403
    r = client.post(
        f"/hoc/giao-bai/{assignment.pk}/gia-han/",
        {"student": world.students[0].pk, "extra_minutes": "10"},
    )
    assert r.status_code == 403
    assert not AssignmentStudent.objects.filter(extra_minutes=10).exists()


@pytest.mark.parametrize("who", ["outsider", "homeroom", "student", "other_student"])
def test_posts_of_others_are_refused_and_change_nothing(client, world, who):
    client.force_login(_who(world, who))
    assignment = world.extra["assignment"]
    now = timezone.now()
    form = {
        "title": "Bài lạ",
        "kind": "practice",
        "paper": world.paper.pk,
        "audience": "class",
        "opens_at": timezone.localtime(now).strftime("%Y-%m-%dT%H:%M"),
        "late_policy": "accept",
        "attempts_allowed": "1",
        "score_rule": "highest",
        "release_policy": "immediate",
        "review_policy": "score",
    }
    assert client.post(f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/", form).status_code == 404
    assert client.post(f"/hoc/giao-bai/{assignment.pk}/sua/", form).status_code == 404
    r = client.post(
        f"/hoc/giao-bai/{assignment.pk}/gia-han/",
        {"student": world.students[0].pk, "extra_minutes": "30"},
    )
    assert r.status_code == 404
    assert client.post(f"/hoc/giao-bai/{assignment.pk}/cong-bo/").status_code == 404
    assert Assignment.objects.count() == 1
    assignment.refresh_from_db()
    assert assignment.title == "Luyện tập phép cộng"
    assert not AssignmentStudent.objects.filter(extra_minutes=30).exists()


def test_students_see_only_their_own_work(client, world):
    assignment = world.extra["assignment"]
    group = give(world, title="Bài của nhóm", audience="students", students=[world.students[1]])
    client.force_login(world.students[0])
    assert client.get(f"/hoc/giao-bai/{assignment.pk}/").status_code == 200
    assert client.get(f"/hoc/giao-bai/{group.pk}/").status_code == 404
    assert "Bài của nhóm" not in client.get("/hoc/giao-bai/viec-can-lam/").content.decode()
    client.force_login(world.other_student)
    assert client.get(f"/hoc/giao-bai/{assignment.pk}/").status_code == 404
    client.force_login(world.teacher)  # a teacher has no "own work" page
    assert client.get(f"/hoc/giao-bai/{assignment.pk}/").status_code == 404


def test_a_students_score_waits_for_release(client, world):
    assignment = give(world, title="Chờ công bố", release_policy="manual")
    student = world.students[0]
    do_work(assignment, student, [0, 2, 1])
    client.force_login(student)
    assert not client.get(f"/hoc/giao-bai/{assignment.pk}/").context["show_score"]
    client.force_login(world.teacher)
    assert client.post(f"/hoc/giao-bai/{assignment.pk}/cong-bo/").status_code == 302
    client.force_login(student)
    page = client.get(f"/hoc/giao-bai/{assignment.pk}/")
    assert page.context["show_score"] and page.context["score"] == "3"


def test_the_override_door_sets_a_students_own_due_date(client, world):
    assignment = world.extra["assignment"]
    client.force_login(world.teacher)
    due = timezone.localtime(assignment.due_at + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(
        f"/hoc/giao-bai/{assignment.pk}/gia-han/",
        {"student": world.students[0].pk, "due_at": due, "extra_minutes": "15"},
    )
    assert r.status_code == 302
    row = assignment.students.get(student=world.students[0])
    assert row.extra_minutes == 15 and row.due_at is not None
    r = client.post(
        f"/hoc/giao-bai/{assignment.pk}/gia-han/",
        {"student": world.other_student.pk, "extra_minutes": "15"},
    )
    assert r.status_code == 400
    assert "Học sinh này không được giao bài này." in r.content.decode()


def _many(world, n):
    now = timezone.now()
    for k in range(n):
        give(world, title=f"Bài {k}", due_at=now + dt.timedelta(days=k + 1))


@pytest.mark.parametrize("extra", [0, 1])
def test_pages_do_not_grow_in_queries_with_rows(client, django_assert_max_num_queries, extra):
    world = make_world(students=2 + 8 * extra)
    _many(world, 2 + 6 * extra)
    assignment = Assignment.objects.order_by("pk").first()
    for student in world.students[: 2 + 5 * extra]:
        do_work(assignment, student, [0, 1, 1])
    client.force_login(world.teacher)
    # 12, and 3 of the "Ghi vào sổ điểm" panel (lms.marking): its link, the subjects the
    # teacher keeps marks of; the same for any number of rows.
    with django_assert_max_num_queries(15):
        assert client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do/").status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(f"/hoc/giao-bai/lop/{world.school_class.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do.json").status_code == 200
    client.force_login(world.students[0])
    with django_assert_max_num_queries(9):
        assert client.get("/hoc/giao-bai/viec-can-lam/").status_code == 200
