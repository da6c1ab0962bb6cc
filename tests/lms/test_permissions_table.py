"""The learner side: every role against every door of ``lms`` (the answer to a question
embedded in a lesson, an e-lecture's progress events, the library reader's position).
``lms`` has no rule of its own: each door lets through whoever may open the page or the
item (``content.permissions``), and then records for the signed-in learner. It has no
admin, API, file or export door.

The roles are those of :mod:`tests.security.world`. Here school A gets a school-only
lesson embedding an approved question for practice and a school-only e-lecture (both by
the teacher, taking the school's area from their author), a public e-lecture and a
school-only library item; Sở B's teacher gets a lesson embedding the same question.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from content.curation import library_item_publish
from content.models import ELecturePage, HomePage, LessonPage
from lms.models import EventKind
from tests.content.library_helpers import make_item
from tests.content.test_pages import approved_question, publish_under
from tests.permissions_table import ALLOWED, DENIED, NOT_FOUND, Door, knock, rows
from tests.security import world as w

pytestmark = pytest.mark.django_db


def _lesson(owner, question, *, slug: str) -> LessonPage:
    body = [("question", {"question": question, "show_solution": True})]
    page = LessonPage(title=f"Luyện tập {slug}", slug=slug, scope="school", owner=owner, body=body)
    return publish_under(HomePage.objects.get(), page)


def _electure(owner, *, slug: str, scope: str) -> ELecturePage:
    section = {
        "title": "Khái niệm",
        "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": None, "caption": ""},
        "checkpoints": [],
    }
    page = ELecturePage(
        title=f"Bài giảng {slug}",
        slug=slug,
        scope=scope,
        owner=owner,
        sections=[("section", section)],
    )
    return publish_under(HomePage.objects.get(), page)


def _learning(built: w.World) -> dict:
    teacher, librarian = built.users["teacher"], built.users["librarian"]
    question = approved_question(teacher)
    item = make_item(teacher, title="Sách giáo khoa trường A", scope="school")
    library_item_publish(item=item, user=librarian)
    return {
        "version": question.latest_version,
        "lesson_a": _lesson(teacher, question, slug="luyen-tap-a"),
        "lesson_b": _lesson(built.owners["teacher_b"], question, slug="luyen-tap-b"),
        "electure_a": _electure(teacher, slug="bai-giang-a", scope="school"),
        "electure_public": _electure(teacher, slug="bai-giang-cong-khai", scope="public"),
        "item_a": item,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_learning(built)}
        yield built.users, objects
        transaction.set_rollback(True)


def _answer(page: str) -> Door:
    return Door(
        "/hoc/cau-hoi/{version}/tra-loi/",
        '"correct"',
        method="POST",
        body=lambda o: {"page": o[page].pk, "response": 0},
    )


def _event(page: str) -> Door:
    return Door(
        f"/hoc/bai-giang/{{{page}}}/su-kien/",
        method="POST",
        body=lambda o: {"kind": EventKind.SECTION_STARTED, "section": 0},
    )


DOORS = {
    "page: answer in a lesson of the school": _answer("lesson_a"),
    "page: answer in a lesson, other Sở": _answer("lesson_b"),
    "page: e-lecture event, school": _event("electure_a"),
    "page: e-lecture event, public": _event("electure_public"),
    "page: e-lecture event, other Sở lesson": _event("page_b"),
    "page: reading position": Door("/thu-vien/{item_a}/vi-tri-doc/"),
    "page: reading position, other Sở": Door("/thu-vien/{lib_b}/vi-tri-doc/"),
}

# fmt: off
TABLE = {
    # door                                     student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # A department admin opens the school's lesson as its curator, but the published
    # questions are answerable by those who find the page in their sharing area (and the
    # draft's by curators who may choose the question themselves: not one of a teacher's
    # private bank), so the answer is a 404 for them (lms.views.answerable_questions).
    "page: answer in a lesson of the school": (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND, NOT_FOUND),
    "page: answer in a lesson, other Sở":     (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "page: e-lecture event, school":          (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "page: e-lecture event, public":          (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "page: e-lecture event, other Sở lesson": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # Reading positions are kept for signed-in readers only (a 403 for visitors).
    "page: reading position":                 (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   DENIED),
    "page: reading position, other Sở":       (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, DENIED),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
