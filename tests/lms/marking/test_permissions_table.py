"""Marking: every role against every door (lms.permissions: ``markable_assignments``,
``own_rubrics``, ``can_keep_rubrics``, ``own_returns``).

The roles are those of :mod:`tests.security.world`. Here the probing teacher teaches the
student's class (10A1 of school A) and gives it a test with an essay; the student answers
it, the teacher marks the essay with a comment and returns it. Sở B's teacher has given
class B a lesson (``assignment_b``) and keeps a rubric (``rubric_b``). Only a teacher of the
class marks its work; a rubric is its owner's; a student sees their own returned work.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import TeachingAssignment
from lms.assignments import services as assignments
from lms.marking import services
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.exams.factories import make_exam_paper
from tests.lms.marking.helpers import RUBRIC_TEXT, answer_all
from tests.permissions_table import ALLOWED, HIDDEN, LOGIN, NOT_FOUND, Door, knock, rows
from tests.security import world as w

MARK_A = "xmkmarka"
COMMENT_A = "xmkcommenta nhận xét bài tự luận"
RUBRIC_A = "xmkrubrica"

pytestmark = pytest.mark.django_db


def _marked_a(built: w.World) -> dict:
    teacher, student = built.users["teacher"], built.users["student"]
    class_a = built.objects["class_a"]
    TeachingAssignment.objects.get_or_create(teacher=teacher, school_class=class_a)
    paper = make_exam_paper(teacher, versions=1)
    now = timezone.now()
    assignment = assignments.assignment_create(
        user=teacher,
        data=assignments.AssignmentInput(
            title=f"{MARK_A} Kiểm tra có tự luận",
            school_class=class_a,
            kind="test",
            paper=paper,
            duration_minutes=45,
            opens_at=now - dt.timedelta(minutes=5),
            due_at=now + dt.timedelta(days=1),
        ),
    )
    attempt, essay = answer_all(
        assignment, student, lambda execute: contextlib.nullcontext(), essay_text=MARK_A
    )
    services.answer_mark(
        user=teacher,
        assignment=assignment,
        attempt=attempt,
        slot=essay,
        data=services.MarkInput(points=Decimal(1), comment=COMMENT_A),
    )
    services.marks_return(user=teacher, assignment=assignment)
    rubric = services.rubric_save(user=teacher, title=f"{RUBRIC_A} Tự luận", text=RUBRIC_TEXT)
    return {"mark_a": assignment, "attempt_a": attempt, "essay_a": essay, "rubric_a": rubric}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_marked_a(built)}
        yield built.users, objects
        transaction.set_rollback(True)
    _forget_exam_keys()


def _answer(o) -> str:
    return f"/hoc/cham-bai/{o['mark_a'].pk}/bai/{o['attempt_a'].pk}/cau/{o['essay_a']}/"


DOORS = {
    "queue A": Door("/hoc/cham-bai/{mark_a}/", MARK_A),
    "queue B": Door("/hoc/cham-bai/{assignment_b}/"),
    "answer A": Door(_answer, MARK_A),
    "answer of A's attempt under B": Door(
        lambda o: f"/hoc/cham-bai/{o['assignment_b'].pk}/bai/{o['attempt_a'].pk}/cau/0/"
    ),
    "rubrics, own": Door("/hoc/cham-bai/tieu-chi/", RUBRIC_A),
    "rubrics, Sở B's": Door("/hoc/cham-bai/tieu-chi/", w.ASSIGNMENT_B),
    "rubric A": Door("/hoc/cham-bai/tieu-chi/{rubric_a}/", RUBRIC_A),
    "rubric B": Door("/hoc/cham-bai/tieu-chi/{rubric_b}/"),
    "student: returned work A": Door("/hoc/giao-bai/{mark_a}/", COMMENT_A),
    "return B (POST)": Door("/hoc/cham-bai/{assignment_b}/tra-bai/", method="POST"),
    "gradebook B (POST)": Door("/hoc/cham-bai/{assignment_b}/so-diem/", method="POST"),
}

# fmt: off
TABLE = {
    # door                                student    teacher    librarian  exam_board school_adm dept_admin anonymous
    "queue A":                            (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "queue B":                            (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "answer A":                           (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "answer of A's attempt under B":      (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "rubrics, own":                       (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "rubrics, Sở B's":                    (NOT_FOUND, HIDDEN,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "rubric A":                           (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "rubric B":                           (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "student: returned work A":           (ALLOWED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "return B (POST)":                    (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "gradebook B (POST)":                 (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
