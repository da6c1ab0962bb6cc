"""Search: every role against every door of ``search`` (the search page and its
autocomplete, the search API and its autocomplete, the health page, the admin of the
search vocabulary), and what each role finds there. What a role may find is decided by
``search.permissions`` (published materials of the user's sharing area; questions by the
question bank's rule, confidential pools to their members only); the vocabulary is kept
by librarians and department admins (``can_edit_search_vocabulary``).

The roles and the forbidden objects are those of :mod:`tests.security.world` (the exam
board's confidential question, Sở B's school-only item). Here school A adds a public and
a school-only library item and a question a colleague shares with the school, all with
the world's search word, and the vocabulary gets an abbreviation. It runs on both
databases (SQLite and PostgreSQL search the same table through their own statements).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import transaction

from accounts.models import Role
from content.curation import library_item_publish
from search.maintenance import rebuild
from search.models import Abbreviation
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item
from tests.permissions_table import ALLOWED, DENIED, HIDDEN, LOGIN, Door, knock, rows
from tests.question_bank.factories import make_bank, make_question, parsed_single
from tests.security import world as w

pytestmark = [pytest.mark.django_db]

LIB_PUBLIC = "xmksrlibpublic"
LIB_A = "xmksrliba"
SCHOOL_STEM = "xmksrschoolstem"
ABBREVIATION = "XMKSRNT"


def _found(built: w.World) -> dict:
    teacher, librarian = built.users["teacher"], built.users["librarian"]
    found = {}
    for key, marker, scope in (("lib_public", LIB_PUBLIC, "public"), ("lib_a", LIB_A, "school")):
        item = make_item(teacher, title=f"{w.SEARCH_WORD} {marker} tài liệu", scope=scope)
        library_item_publish(item=item, user=librarian)
        found[key] = item
    bank = make_bank(built.owners["colleague"], name="Tổ Vật lí", scope="school")
    stem = f"{w.SEARCH_WORD} {SCHOOL_STEM}: khi nào xảy ra?"
    found["school_question"] = make_question(bank, parsed=parsed_single(stem=stem), approve=True)
    abbreviation = Abbreviation(abbreviation=ABBREVIATION, expansions=w.SEARCH_WORD)
    abbreviation.full_clean()
    abbreviation.save()
    found["abbreviation"] = abbreviation
    return found


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = w.build_world()
        objects = {**built.objects, **_found(built)}
        rebuild()
        yield built.users, objects
        transaction.set_rollback(True)


QUERY = urlencode({"q": w.SEARCH_WORD})
PAGE = f"/tim-kiem/?{QUERY}"
API = f"/api/v1/search/?{QUERY}"
SUGGEST = f"/tim-kiem/goi-y/?{urlencode({'q': 'nguyệt th'})}"
API_SUGGEST = f"/api/v1/search/suggest?{urlencode({'q': 'nguyệt th'})}"
VOCABULARY = "/admin/snippets/hoclieu_search/abbreviation/"
DOORS = {
    "search: page, public item": Door(PAGE, LIB_PUBLIC),
    "search: page, school item": Door(PAGE, LIB_A),
    "search: page, school question": Door(PAGE, SCHOOL_STEM),
    "search: page, confidential question": Door(PAGE, w.CONF_STEM),
    "search: page, other Sở item": Door(PAGE, w.LIB_B),
    "search: suggest, school item": Door(SUGGEST, LIB_A),
    "search: suggest, other Sở item": Door(SUGGEST, w.LIB_B),
    "page: search health": Door("/tim-kiem/tinh-trang/"),
    "api: search, public item": Door(API, LIB_PUBLIC),
    "api: search, school item": Door(API, LIB_A),
    "api: search, school question": Door(API, SCHOOL_STEM),
    "api: search, confidential question": Door(API, w.CONF_STEM),
    "api: search, other Sở item": Door(API, w.LIB_B),
    "api: suggest, school item": Door(API_SUGGEST, LIB_A),
    "api: suggest, confidential question": Door(API_SUGGEST, w.CONF_STEM),
    # Filtered by the expansion: the seeded list runs over several pages.
    "admin: vocabulary list": Door(VOCABULARY + "?" + QUERY, ABBREVIATION),
    "admin: vocabulary edit": Door(VOCABULARY + "edit/{abbreviation}/", ABBREVIATION),
    "admin: vocabulary add": Door(VOCABULARY + "add/"),
}

# fmt: off
TABLE = {
    # door                                    student    teacher    librarian  exam_board school_adm dept_admin anonymous
    # Materials by sharing area (a department admin is not of a school's area); questions
    # to question-bank staff only; the confidential pool and Sở B to nobody here.
    "search: page, public item":             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "search: page, school item":             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "search: page, school question":         (HIDDEN,    ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN),
    "search: page, confidential question":   (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "search: page, other Sở item":           (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "search: suggest, school item":          (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "search: suggest, other Sở item":        (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "page: search health":                   (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "api: search, public item":              (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED),
    "api: search, school item":              (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "api: search, school question":          (HIDDEN,    ALLOWED,   HIDDEN,    ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN),
    "api: search, confidential question":    (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "api: search, other Sở item":            (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "api: suggest, school item":             (ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   ALLOWED,   HIDDEN,    HIDDEN),
    "api: suggest, confidential question":   (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    # The vocabulary: librarians and department admins, by rule rather than group.
    "admin: vocabulary list":                (DENIED,    DENIED,    ALLOWED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
    "admin: vocabulary edit":                (DENIED,    DENIED,    ALLOWED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
    "admin: vocabulary add":                 (DENIED,    DENIED,    ALLOWED,   DENIED,    DENIED,    ALLOWED,   LOGIN),
}
# fmt: on


@pytest.mark.parametrize(("role", "door", "expected"), rows(TABLE))
def test_role_at_door(world, role, door, expected):
    users, objects = world
    assert knock(users, objects, role, DOORS[door]) == expected


def test_every_door_is_in_the_table():
    assert set(TABLE) == set(DOORS)


# --- Query counts: a search does not ask once per hit -----------------------------------
COUNTED = "/api/v1/search/?" + urlencode({"q": "hình học không gian"})
#: Measured on SQLite with 20 and with 60 matching items (20 hits a page): 6 — the session,
#: the user and their school (the sharing area), the full-text statement over the allowed
#: documents, the page's documents, and their bodies for the snippets (bank ids cached).
SEARCH_QUERIES = 6


def _add_items(author, curator, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        item = make_item(author, title=f"Hình học không gian – đề ôn số {n}", scope="public")
        library_item_publish(item=item, user=curator)


def _count(client, url, ceiling, assert_max):
    client.get(url)  # the first request of a session warms its caches
    with assert_max(ceiling) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.json()


def test_search_api_queries_do_not_grow(client, django_assert_max_num_queries):
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    librarian = make_user(role=Role.LIBRARIAN, school=school)
    client.force_login(teacher)
    _add_items(teacher, librarian, 20)
    rebuild()
    twenty, found = _count(client, COUNTED, SEARCH_QUERIES, django_assert_max_num_queries)
    assert found["total"] == 20
    _add_items(teacher, librarian, 40, start=20)
    rebuild()
    sixty, found = _count(client, COUNTED, twenty, django_assert_max_num_queries)
    assert (found["total"], len(found["hits"])) == (60, 20)
    assert sixty == twenty
