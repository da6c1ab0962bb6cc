"""Assignments: every role against every door (lms.permissions: ``taught_classes``,
``followed_assignments``, ``editable_assignments``, ``own_assignments``,
``own_notifications``).

The roles are those of :mod:`tests.security.world`. Here the probing teacher teaches the
student's class (10A1 of school A) and gives it a practice set; Sở B's teacher has given
class B a lesson (the world's ``assignment_b``). Only a teacher of the class gives it work
and follows it; its homeroom teacher, the librarian, the exam board and the admins do not
(they have other pages); a student sees their own work and nobody else's.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import TeachingAssignment
from lms.assignments import services
from question_bank.assembly.models import Paper
from tests.lms.assignments.factories import QUESTIONS
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import make_exam_paper
from tests.permissions_table import ALLOWED, HIDDEN, LOGIN, NOT_FOUND, Door, knock, rows
from tests.security import world as w

ASSIGN_A = "xmkassigna"

pytestmark = pytest.mark.django_db


def _assignment_a(built: w.World) -> dict:
    teacher = built.users["teacher"]
    class_a = built.objects["class_a"]
    TeachingAssignment.objects.create(teacher=teacher, school_class=class_a)
    paper = make_exam_paper(teacher, versions=1, questions=QUESTIONS[:1])
    Paper.objects.filter(pk=paper.pk).update(kind=Paper.Kind.PRACTICE)
    paper.refresh_from_db()
    now = timezone.now()
    assignment = services.assignment_create(
        user=teacher,
        data=services.AssignmentInput(
            title=f"{ASSIGN_A} Luyện tập tuần 1",
            school_class=class_a,
            kind="practice",
            paper=paper,
            opens_at=now - dt.timedelta(minutes=5),
            due_at=now + dt.timedelta(days=1),
        ),
    )
    return {"assign_a": assignment}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_assignment_a(built)}
        yield built.users, objects
        transaction.set_rollback(True)
    _forget_exam_keys()


DOORS = {
    "teacher: classes": Door("/hoc/giao-bai/"),
    "teacher: class A's assignments": Door("/hoc/giao-bai/lop/{class_a}/", ASSIGN_A),
    "teacher: class B's assignments": Door("/hoc/giao-bai/lop/{class_b}/"),
    "teacher: give class A work": Door("/hoc/giao-bai/lop/{class_a}/giao/"),
    "teacher: give class B work": Door("/hoc/giao-bai/lop/{class_b}/giao/"),
    "teacher: progress A": Door("/hoc/giao-bai/{assign_a}/tien-do/", ASSIGN_A),
    "teacher: progress A, JSON": Door("/hoc/giao-bai/{assign_a}/tien-do.json", "Trần Thị Học Sinh"),
    "teacher: progress B": Door("/hoc/giao-bai/{assignment_b}/tien-do/"),
    "teacher: progress B, JSON": Door("/hoc/giao-bai/{assignment_b}/tien-do.json"),
    "teacher: edit A": Door("/hoc/giao-bai/{assign_a}/sua/", ASSIGN_A),
    "teacher: edit B": Door("/hoc/giao-bai/{assignment_b}/sua/"),
    "student: work A": Door("/hoc/giao-bai/{assign_a}/", ASSIGN_A),
    "student: work B": Door("/hoc/giao-bai/{assignment_b}/"),
    "student: to-do list, own work": Door("/hoc/giao-bai/viec-can-lam/", ASSIGN_A),
    "student: to-do list, Sở B's work": Door("/hoc/giao-bai/viec-can-lam/", w.ASSIGNMENT_B),
    "student: notifications, own": Door("/hoc/giao-bai/thong-bao/", ASSIGN_A),
    "student: notifications, Sở B's": Door("/hoc/giao-bai/thong-bao/", w.ASSIGNMENT_B),
}

# fmt: off
TABLE = {
    # door                                student    teacher    librarian  exam_board school_adm dept_admin anonymous
    "teacher: classes":                   (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "teacher: class A's assignments":     (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: class B's assignments":     (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: give class A work":         (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: give class B work":         (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: progress A":                (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: progress A, JSON":          (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: progress B":                (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: progress B, JSON":          (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: edit A":                    (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "teacher: edit B":                    (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "student: work A":                    (ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "student: work B":                    (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "student: to-do list, own work":      (ALLOWED,   HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "student: to-do list, Sở B's work":   (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "student: notifications, own":        (ALLOWED,   HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "student: notifications, Sở B's":     (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
