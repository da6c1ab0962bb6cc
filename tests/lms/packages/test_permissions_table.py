"""Every role against every door of package tracking (lms.packages), from the rules of
``lms.permissions``: ``can_play_package`` (whoever may see the package:
``content.permissions.can_view_package``), ``can_view_package_results`` (owner, those who
may edit it, staff of its school) and ``package_result_learners`` (the students of the
schools the viewer works for).

School A (department A) has a colleague's published package, which a student of school A
has played, and a draft; school B (another department) a published package and a draft.
The probing users are school A's (the department admin: department A's).
"""

import pytest
from django.db import transaction

from accounts.models import Role
from content.packages.models import Status
from lms.packages import services
from tests.accounts.factories import DepartmentFactory, make_school, make_user
from tests.lms.packages.helpers import commit12, make_version
from tests.permissions_table import ALLOWED, DENIED, LOGIN, NOT_FOUND, Door, knock, rows

pytestmark = pytest.mark.django_db

LEARNER = "Trần Thị Họcsinhđánhdấu"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        dept_a = DepartmentFactory()
        dept_b = DepartmentFactory(code="PKB", name="Sở Giáo dục và Đào tạo Thăm Dò B")
        school_a, school_b = make_school(department=dept_a), make_school(department=dept_b)
        users = {
            role: make_user(role=role, school=school_a)
            for role in ("student", "teacher", "librarian", "exam_board", "school_admin")
        }
        users["department_admin"] = make_user(
            role=Role.DEPARTMENT_ADMIN, school=None, department=dept_a
        )
        colleague = make_user(role=Role.TEACHER, school=school_a)
        teacher_b = make_user(role=Role.TEACHER, school=school_b)
        learner = make_user(role=Role.STUDENT, school=school_a, full_name=LEARNER)
        objects = {
            "pub_a": make_version(colleague, title="xmkpkgpuba Hàm số"),
            "draft_a": make_version(colleague, status=Status.DRAFT, title="xmkpkgdrafta"),
            "pub_b": make_version(teacher_b, title="xmkpkgpubb Đạo hàm"),
            "draft_b": make_version(teacher_b, status=Status.DRAFT, title="xmkpkgdraftb"),
        }
        for version in (objects["pub_a"], objects["pub_b"]):
            services.cmi_commit(
                user=learner, version=version, sco="sco-1", cmi=commit12(raw="7"), final=True
            )
        yield users, objects
        transaction.set_rollback(True)


def _commit(version: str) -> Door:
    return Door(
        f"/hoc/goi/{{{version}}}/cmi/",
        method="POST",
        body=lambda o: {"sco": "sco-1", "cmi": commit12(status="incomplete"), "final": False},
    )


DOORS = {
    "player: published, school A": Door("/hoc/goi/{pub_a}/", "xmkpkgpuba"),
    "player: draft, school A": Door("/hoc/goi/{draft_a}/", "xmkpkgdrafta"),
    "player: draft, school B": Door("/hoc/goi/{draft_b}/", "xmkpkgdraftb"),
    "player: missing version": Door("/hoc/goi/999999/"),
    "session: published, school B": Door("/hoc/goi/{pub_b}/phien/", "launch_url"),
    "session: draft, school B": Door("/hoc/goi/{draft_b}/phien/", "launch_url"),
    "commit: published, school A": _commit("pub_a"),
    "commit: draft, school B": _commit("draft_b"),
    "xapi: draft, school B": Door(
        "/hoc/goi/{draft_b}/xapi/", method="POST", body=lambda o: {"statement": {}}
    ),
    "user data: draft, school B": Door(
        "/hoc/goi/{draft_b}/du-lieu/", method="POST", body=lambda o: {"key": "0/a", "data": ""}
    ),
    "results: published, school A": Door("/hoc/goi/{pub_a}/ket-qua/", LEARNER),
    "results: published, school B": Door("/hoc/goi/{pub_b}/ket-qua/", LEARNER),
}

# fmt: off
TABLE = {
    # door                             student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # A published package plays for everyone signed in; a draft for its owner and the
    # staff of its school (and of the department above it), never for students.
    "player: published, school A":     (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "player: draft, school A":         (DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "player: draft, school B":         (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "player: missing version":         (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # The JSON doors answer 401 to visitors and 403 where the player would.
    "session: published, school B":    (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "session: draft, school B":        (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "commit: published, school A":     (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "commit: draft, school B":         (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "xapi: draft, school B":           (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "user data: draft, school B":      (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    # Results: staff of the package's school (its area); never students; another school's
    # package not, although its page plays for everyone (and school A's learner played it).
    "results: published, school A":    (DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "results: published, school B":    (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
