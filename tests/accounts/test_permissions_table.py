"""People, schools and classes: every role against every door of ``accounts`` (the class
pages with their login slips and password resets, the school's people, the roster import,
the Wagtail admin of schools, classes, people and school collections with their choosers,
the roster API, the documents of a school's collection). The rules are those of ``accounts.permissions``.

The roles are those of :mod:`tests.security.world` (all of Sở A, school A); its world
holds the other school's class, student and document (Sở B). Here school A gets a class
``xmkclassa`` taught by the teacher, with the student and a classmate ``xmkstudenta``,
and a document of its own collection. There are no exports in this app.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from accounts.services import enrol
from tests.accounts.factories import make_class, make_student_in
from tests.permissions_table import (
    ALLOWED,
    DENIED,
    HIDDEN,
    LOGIN,
    NOT_FOUND,
    Door,
    knock,
    rows,
)
from tests.security import world as w

pytestmark = pytest.mark.django_db

CLASS_A = "xmkclassa"
STUDENT_A = "xmkstudenta"
DOC_A = "xmkdoca"
DOC_A_FILE = "xmkdocafile"
SCHOOL_A = "Thăm Dò A"  # the world's school names (school A2 also matches: same Sở)
SCHOOL_B = "Thăm Dò B"


def _document(title: str, collection, name: str, text: str):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(name, ContentFile(text.encode()), save=False)
    document.save()
    return document


def _school_a(built: w.World) -> dict:
    school_a = built.objects["school_a"]
    own_class = make_class(school=school_a, name=CLASS_A, homeroom_teacher=built.users["teacher"])
    student_a = make_student_in(own_class, full_name=f"Phạm {STUDENT_A}")
    enrol(student=built.users["student"], school_class=own_class)
    document = _document(
        f"{DOC_A} Kế hoạch trường A", school_a.collection, "ke-hoach-a.txt", f"{DOC_A_FILE} nội bộ"
    )
    return {"own_class": own_class, "document_a": document, "student_a": student_a}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_school_a(built)}
        yield built.users, objects
        transaction.set_rollback(True)


def _document_url(key: str):
    return lambda o: f"/documents/{o[key].pk}/{o[key].filename}"


CLASSES = "/admin/snippets/accounts/schoolclass/"
SCHOOLS = "/admin/snippets/accounts/school/"
DOORS = {
    # Site pages
    "page: class list": Door("/lop/", CLASS_A),
    "page: class list, other Sở": Door("/lop/", w.CLASS_B),
    "page: roster, own class": Door("/lop/{own_class}/", STUDENT_A),
    "page: roster, other Sở": Door("/lop/{class_b}/", w.STUDENT_B),
    "page: school people, own school": Door("/truong/{school_a}/nguoi-dung/", STUDENT_A),
    "page: school people, other Sở": Door("/truong/{school_b}/nguoi-dung/", w.STUDENT_B),
    "page: roster import": Door("/nhap-danh-sach/"),
    # Login slips: the confirm page (its POST prints a PDF with Chromium: tests/accounts/
    # test_credentials.py) and one student's reset, which shows the new password.
    "page: login slips, own class": Door("/lop/{own_class}/cap-mat-khau/", STUDENT_A),
    "page: login slips, other Sở": Door("/lop/{class_b}/cap-mat-khau/", w.STUDENT_B),
    "page: password reset, own class": Door(
        "/lop/{own_class}/hoc-sinh/{student_a}/dat-lai-mat-khau/", STUDENT_A, "POST"
    ),
    "page: password reset, other Sở": Door(
        "/lop/{class_b}/hoc-sinh/{student_b}/dat-lai-mat-khau/", w.STUDENT_B, "POST"
    ),
    # Wagtail admin
    "admin: class list": Door(CLASSES, CLASS_A),
    "admin: class list, other Sở": Door(CLASSES, w.CLASS_B),
    "admin: class edit": Door(CLASSES + "edit/{own_class}/", CLASS_A),
    "admin: class edit, other Sở": Door(CLASSES + "edit/{class_b}/", w.CLASS_B),
    "admin: class chooser": Door("/admin/snippets/choose/accounts/schoolclass/", CLASS_A),
    "admin: school list": Door(SCHOOLS, SCHOOL_A),
    "admin: school list, other Sở": Door(SCHOOLS, SCHOOL_B),
    "admin: school edit": Door(SCHOOLS + "edit/{school_a}/", SCHOOL_A),
    "admin: school edit, other Sở": Door(SCHOOLS + "edit/{school_b}/", SCHOOL_B),
    "admin: school chooser": Door("/admin/snippets/choose/accounts/school/", SCHOOL_A),
    "admin: school chooser, other Sở": Door("/admin/snippets/choose/accounts/school/", SCHOOL_B),
    "admin: people list": Door("/admin/users/", STUDENT_A),
    "admin: person edit, other Sở": Door("/admin/users/edit/{student_b}/", w.STUDENT_B),
    "admin: locked sign-ins": Door("/admin/dang-nhap-bi-khoa/"),
    "admin: documents": Door("/admin/documents/", DOC_A),
    "admin: documents, other Sở": Door("/admin/documents/", w.DOC_B),
    "admin: document edit": Door("/admin/documents/edit/{document_a}/", DOC_A),
    "admin: document edit, other Sở": Door("/admin/documents/edit/{document_b}/", w.DOC_B),
    "admin: document chooser": Door("/admin/documents/chooser/", DOC_A),
    "admin: document chooser, other Sở": Door("/admin/documents/chooser/", w.DOC_B),
    # JSON API
    "api: classes": Door("/api/v1/lms/classes", CLASS_A),
    "api: classes, other Sở": Door("/api/v1/lms/classes", w.CLASS_B),
    "api: roster, own class": Door("/api/v1/lms/classes/{own_class}/students", STUDENT_A),
    "api: roster, other Sở": Door("/api/v1/lms/classes/{class_b}/students", w.STUDENT_B),
    # Files
    "file: document of the school": Door(_document_url("document_a"), DOC_A_FILE),
    "file: document, other Sở": Door(_document_url("document_b"), w.DOC_B_FILE),
}

# fmt: off
TABLE = {
    # door                                student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # Classes are seen by their students, homeroom and subject teachers and the school's
    # (or Sở's) admins; rosters by the same people except students (a 403 for them).
    "page: class list":                  (ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN,    ALLOWED,   ALLOWED,   LOGIN),
    "page: class list, other Sở":        (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "page: roster, own class":           (DENIED,    ALLOWED,   NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "page: roster, other Sở":            (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "page: school people, own school":   (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "page: school people, other Sở":     (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "page: roster import":               (DENIED,    DENIED,    DENIED,    DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    # Passwords of a class: its homeroom teacher (the teacher here) and the school's or
    # Sở's admins; one student's reset also its subject teachers. Students never.
    "page: login slips, own class":      (DENIED,    ALLOWED,   NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "page: login slips, other Sở":       (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "page: password reset, own class":   (DENIED,    ALLOWED,   NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "page: password reset, other Sở":    (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # The admin lists need the groups' view permission (school and department admins);
    # nobody but superusers changes schools and classes there (no change permission), and
    # an object outside the user's rule is a 404 before that.
    "admin: class list":                 (DENIED,    DENIED,    DENIED,    DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: class list, other Sở":       (DENIED,    DENIED,    DENIED,    DENIED,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: class edit":                 (DENIED,    DENIED,    NOT_FOUND, NOT_FOUND, DENIED,    DENIED,    LOGIN),
    "admin: class edit, other Sở":       (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: class chooser":              (DENIED,    ALLOWED,   HIDDEN,    HIDDEN,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: school list":                (DENIED,    DENIED,    DENIED,    DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: school list, other Sở":      (DENIED,    DENIED,    DENIED,    DENIED,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: school edit":                (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: school edit, other Sở":      (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: school chooser":             (DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: school chooser, other Sở":   (DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    # Wagtail's user admin is the superuser's.
    "admin: people list":                (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: person edit, other Sở":      (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: locked sign-ins":            (DENIED,    DENIED,    DENIED,    DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    # Documents: the school's collection (editable_collections); the exam board's group has
    # no document permission, so its chooser opens empty.
    "admin: documents":                  (DENIED,    ALLOWED,   ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: documents, other Sở":        (DENIED,    HIDDEN,    HIDDEN,    DENIED,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: document edit":              (DENIED,    ALLOWED,   ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: document edit, other Sở":    (DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    DENIED,    LOGIN),
    "admin: document chooser":           (DENIED,    ALLOWED,   ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: document chooser, other Sở": (DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    # The API answers as the pages, except that a student asking for a roster gets a 404.
    "api: classes":                      (ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN,    ALLOWED,   ALLOWED,   LOGIN),
    "api: classes, other Sở":            (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "api: roster, own class":            (NOT_FOUND, ALLOWED,   NOT_FOUND, NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "api: roster, other Sở":             (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    # A document of a school's collection: that school's people and those over it.
    "file: document of the school":      (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "file: document, other Sở":          (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
