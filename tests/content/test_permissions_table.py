"""Learning materials: every role against every door of ``content`` (lesson pages, the
library's pages and statistics, the coverage report, the Wagtail admin of library items,
takedowns and pages with their choosers, the JSON API, the library's files, OAI-PMH and
the coverage workbook). The rules are those of ``content.permissions`` over the area
vocabulary of ``accounts.permissions``.

The roles and the forbidden objects are those of :mod:`tests.security.world`: a
colleague's draft lesson in school A, and Sở B's school-only lesson, library item (with
its file), draft item and takedown. Here school A adds a school-only lesson, a public
lesson, a school-only and a public library item with their files (published by the
librarian), and the teacher's item waiting for approval.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from content.curation import library_item_publish
from content.models import LessonPage
from tests.content.library_helpers import make_item
from tests.content.test_pages import publish_under
from tests.permissions_table import ALLOWED, DENIED, HIDDEN, LOGIN, NOT_FOUND, Door, knock, rows
from tests.security import world as w

pytestmark = pytest.mark.django_db

LESSON_A = "xmkctlessona"
PUBLIC_LESSON = "xmkctpubliclesson"
LIB_A = "xmkctliba"
LIB_A_FILE = "xmkctlibafile"
LIB_PUBLIC = "xmkctlibpublic"
LIB_PUBLIC_FILE = "xmkctlibpublicfile"
LIB_DRAFT_A = "xmkctlibdrafta"


def _text_file(name: str, text: str):
    return SimpleUploadedFile(name, f"{text} nội dung".encode(), content_type="text/plain")


def _published_item(author, curator, *, title: str, scope: str, file):
    item = make_item(author, title=title, scope=scope, external_url="", file=file)
    library_item_publish(item=item, user=curator)
    item.refresh_from_db()
    return item


def _school_a(built: w.World) -> dict:
    """School A's materials; each takes its school, district and department from its
    author, as the admin and the services do (``SharedMaterial.fill_area_from``)."""
    teacher, librarian = built.users["teacher"], built.users["librarian"]
    lesson = LessonPage(
        title=f"{LESSON_A} Bài của trường A",
        slug="bai-truong-a",
        scope="school",
        owner=teacher,
    )
    public = LessonPage(
        title=f"{PUBLIC_LESSON} Bài công khai",
        slug="bai-cong-khai",
        scope="public",
        owner=teacher,
    )
    return {
        "home": built.home,
        "lesson_a": publish_under(built.home, lesson),
        "public_lesson": publish_under(built.home, public),
        "lib_a": _published_item(
            teacher,
            librarian,
            title=f"{LIB_A} Tài liệu trường A",
            scope="school",
            file=_text_file("tai-lieu-a.txt", LIB_A_FILE),
        ),
        "lib_public": _published_item(
            teacher,
            librarian,
            title=f"{LIB_PUBLIC} Tài liệu công khai",
            scope="public",
            file=_text_file("tai-lieu-cong-khai.txt", LIB_PUBLIC_FILE),
        ),
        "lib_draft_a": make_item(teacher, title=f"{LIB_DRAFT_A} Chờ duyệt", submit=True),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_school_a(built)}
        yield built.users, objects
        transaction.set_rollback(True)


def _page_url(key: str):
    return lambda o: o[key].url


ITEMS = "/admin/snippets/content/libraryitem/"
OAI = "/oai/?verb=ListRecords&metadataPrefix=oai_dc"
DOORS = {
    # Site pages
    "page: lesson of the school": Door(_page_url("lesson_a"), LESSON_A),
    "page: public lesson": Door(_page_url("public_lesson"), PUBLIC_LESSON),
    "page: lesson, other Sở": Door(_page_url("page_b"), w.SCHOOL_PAGE_B),
    "page: library home": Door("/thu-vien/", LIB_A),
    "page: library home, public item": Door("/thu-vien/", LIB_PUBLIC),
    "page: library home, other Sở": Door("/thu-vien/", w.LIB_B),
    "page: library item": Door("/thu-vien/{lib_a}/", LIB_A),
    "page: library item, public": Door("/thu-vien/{lib_public}/", LIB_PUBLIC),
    "page: library item, waiting": Door("/thu-vien/{lib_draft_a}/", LIB_DRAFT_A),
    "page: library item, other Sở": Door("/thu-vien/{lib_b}/", w.LIB_B),
    "page: library statistics": Door("/thu-vien/thong-ke/"),
    "page: coverage report": Door("/bao-cao/do-phu-chuong-trinh/"),
    # Wagtail admin
    "admin: library list": Door(ITEMS, LIB_DRAFT_A),
    "admin: library list, other Sở": Door(ITEMS, w.LIB_DRAFT_B),
    "admin: library edit, waiting": Door(ITEMS + "edit/{lib_draft_a}/", LIB_DRAFT_A),
    "admin: library edit, other Sở": Door(ITEMS + "edit/{lib_b}/", w.LIB_B),
    "admin: library chooser": Door("/admin/snippets/choose/content/libraryitem/", LIB_A),
    "admin: library chooser, other Sở": Door(
        "/admin/snippets/choose/content/libraryitem/", w.LIB_B
    ),
    "admin: takedowns, other Sở": Door("/admin/snippets/content/takedown/", w.TAKEDOWN_B),
    "admin: page explorer": Door("/admin/pages/{home}/", LESSON_A),
    "admin: page explorer, colleague's draft": Door("/admin/pages/{home}/", w.DRAFT_A),
    "admin: page edit, lesson of the school": Door("/admin/pages/{lesson_a}/edit/", LESSON_A),
    "admin: page edit, colleague's draft": Door("/admin/pages/{draft_a}/edit/", w.DRAFT_A),
    "admin: page edit, other Sở": Door("/admin/pages/{page_b}/edit/", w.SCHOOL_PAGE_B),
    "admin: page chooser": Door("/admin/choose-page/{home}/", LESSON_A),
    "admin: page chooser, other Sở": Door("/admin/choose-page/{home}/", w.SCHOOL_PAGE_B),
    # JSON API
    "api: items": Door("/api/v1/library/items", LIB_A),
    "api: items, public": Door("/api/v1/library/items", LIB_PUBLIC),
    "api: items, other Sở": Door("/api/v1/library/items", w.LIB_B),
    "api: item": Door("/api/v1/library/items/{lib_a}", LIB_A),
    "api: item, waiting": Door("/api/v1/library/items/{lib_draft_a}", LIB_DRAFT_A),
    "api: item, other Sở": Door("/api/v1/library/items/{lib_b}", w.LIB_B),
    "api: pages": Door("/api/v1/library/pages", LESSON_A),
    "api: pages, other Sở": Door("/api/v1/library/pages", w.SCHOOL_PAGE_B),
    # Files
    "file: library file": Door("/thu-vien/{lib_a}/tep/", LIB_A_FILE),
    "file: library file, public": Door("/thu-vien/{lib_public}/tep/", LIB_PUBLIC_FILE),
    "file: library file, other Sở": Door("/thu-vien/{lib_b}/tep/", w.LIB_B_FILE),
    # Exports
    "export: OAI-PMH, public item": Door(OAI, LIB_PUBLIC),
    "export: OAI-PMH, school item": Door(OAI, LIB_A),
    "export: coverage workbook": Door("/bao-cao/do-phu-chuong-trinh.xlsx"),
}

# fmt: off
TABLE = {
    # door                                     student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # Published materials by sharing area (material_scope_q); a department admin is not of
    # a school's area but curates it, so opens its materials without finding them in lists.
    "page: lesson of the school":             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "page: public lesson":                    (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "page: lesson, other Sở":                 (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "page: library home":                     (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "page: library home, public item":        (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "page: library home, other Sở":           (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "page: library item":                     (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "page: library item, public":             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    # Waiting for approval: its author and the curators of its area.
    "page: library item, waiting":            (NOT_FOUND, ALLOWED,   ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   NOT_FOUND),
    "page: library item, other Sở":           (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "page: library statistics":               (DENIED,    DENIED,    ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    "page: coverage report":                  (DENIED,    DENIED,    ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    # The exam board's group has no library or page permission; an object outside the
    # user's rule is a 404 before any permission is asked.
    "admin: library list":                    (DENIED,    ALLOWED,   ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    "admin: library list, other Sở":          (DENIED,    HIDDEN,    HIDDEN,    DENIED,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: library edit, waiting":           (DENIED,    ALLOWED,   ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "admin: library edit, other Sở":          (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: library chooser":                 (DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: library chooser, other Sở":       (DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: takedowns, other Sở":             (DENIED,    DENIED,    HIDDEN,    DENIED,    HIDDEN,    HIDDEN,    LOGIN),
    "admin: page explorer":                   (DENIED,    ALLOWED,   ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
    # The world's draft names its school but no department (fill_area_from fills the rest
    # of the area only from the author), so the Sở's curators do not reach it.
    "admin: page explorer, colleague's draft": (DENIED,   HIDDEN,    ALLOWED,   DENIED,    ALLOWED,   HIDDEN,    LOGIN),
    "admin: page edit, lesson of the school": (DENIED,    ALLOWED,   ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   LOGIN),
    "admin: page edit, colleague's draft":    (DENIED,    NOT_FOUND, ALLOWED,   NOT_FOUND, ALLOWED,   NOT_FOUND, LOGIN),
    "admin: page edit, other Sở":             (DENIED,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),
    "admin: page chooser":                    (DENIED,    ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   LOGIN),
    "admin: page chooser, other Sở":          (DENIED,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    LOGIN),
    # The API lists by sharing area, as the pages; readable without signing in.
    "api: items":                             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "api: items, public":                     (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "api: items, other Sở":                   (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "api: item":                              (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "api: item, waiting":                     (NOT_FOUND, ALLOWED,   ALLOWED,   NOT_FOUND, ALLOWED,   ALLOWED,   NOT_FOUND),
    "api: item, other Sở":                    (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "api: pages":                             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "api: pages, other Sở":                   (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "file: library file":                     (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   NOT_FOUND),
    "file: library file, public":             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "file: library file, other Sở":           (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # OAI-PMH hands out what a guest may see (public and published), whoever asks.
    "export: OAI-PMH, public item":           (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "export: OAI-PMH, school item":           (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "export: coverage workbook":              (DENIED,    DENIED,    ALLOWED,   DENIED,    ALLOWED,   ALLOWED,   LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)
