"""Search on the embedded default (issue 16, "Search on the embedded default").

* Ranking on SQLite: a lesson (and its materials) titled with the words ranks above a
  handbook that only mentions them in its text, as on PostgreSQL.
* Planner statistics: SQLite has none until ``ANALYZE``, and then joins its full-text
  index row by row (seconds per search on the seeded demo). The search rebuild, the demo
  seed, the question import and the roster import refresh them once committed.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import Role
from common.db import statistics_drop
from content.curation import library_item_publish
from content.models import HomePage, LessonPage
from curriculum.models import Subject
from search.maintenance import rebuild
from tests.accounts.factories import SchoolYearFactory, make_class, make_school, make_user
from tests.content.library_helpers import make_item
from tests.question_bank.factories import make_bank

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

API = "/api/v1/search/"
LESSON = "Bài 16. Hàm số bậc hai"
VIDEO = "Video bài giảng: Bài 16. Hàm số bậc hai (Toán 10)"
HANDBOOK = "Sổ tay kiến thức Toán THPT"
HANDBOOK_TEXT = (
    "Tổng hợp công thức Toán THPT: hàm số bậc nhất và bậc hai, phương trình bậc hai, "
    "bất phương trình bậc hai, tam thức bậc hai, hệ thức Vi-ét, đạo hàm, tích phân."
)


@pytest.fixture
def quadratic():
    librarian = make_user(role=Role.LIBRARIAN, school=make_school())
    toan, _created = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    handbook = make_item(
        librarian,
        title=HANDBOOK,
        description=HANDBOOK_TEXT,
        scope="public",
        subject=toan,
        grade_min=10,
        grade_max=12,
    )
    library_item_publish(item=handbook, user=librarian)
    video = make_item(
        librarian,
        title=VIDEO,
        description="Đồ thị, sự biến thiên và ứng dụng.",
        scope="public",
        subject=toan,
        grade_min=10,
        grade_max=10,
    )
    library_item_publish(item=video, user=librarian)
    lesson = LessonPage(title=LESSON, slug="bai-16", scope="public", subject=toan, grade=10)
    HomePage.objects.get().add_child(instance=lesson)
    lesson.save_revision().publish()
    rebuild()


@pytest.mark.parametrize("query", ["bac hai", "bậc hai", "ham so bac hai"])
def test_title_matches_rank_above_a_handbook_that_mentions_the_words(client, quadratic, query):
    results = client.get(API, {"q": query}).json()["hits"]
    titles = [r["title"] for r in results]
    assert set(titles) >= {LESSON, VIDEO, HANDBOOK}, titles
    assert titles.index(LESSON) < titles.index(HANDBOOK), titles
    assert titles.index(VIDEO) < titles.index(HANDBOOK), titles


# --- Planner statistics -------------------------------------------------------------------
def analysed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def no_statistics():
    statistics_drop()
    assert not analysed_tables()


def test_search_rebuild_analyses_the_full_text_tables(
    quadratic, no_statistics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rebuild()
    tables = analysed_tables()
    assert {"wagtailsearch_indexentry", "hoclieu_search_searchdocument"} <= tables, tables


def test_demo_seed_ends_with_fresh_statistics(monkeypatch, no_statistics):
    from accounts.models import User
    from demo.management.commands import seed_demo
    from demo.seed import DemoSummary

    # The seed itself is the demo tests' business: here only what the command does after.
    monkeypatch.setattr(seed_demo, "seed_demo", lambda **_kw: DemoSummary(created=False, logins=[]))
    make_user(role=Role.TEACHER, school=make_school())
    call_command("seed_demo", stdout=io.StringIO())
    # The rebuild's own refresh waits for a commit that this test never makes: this is the
    # command's final refresh.
    assert User._meta.db_table in analysed_tables()


def test_question_import_analyses_once_committed(no_statistics, django_capture_on_commit_callbacks):
    from question_bank.importing import import_commit
    from question_bank.models import Question

    teacher = make_user(role=Role.TEACHER, school=make_school())
    bank = make_bank(teacher, scope="school")
    data = "Đơn vị đo cường độ dòng điện là\nA. vôn\nB. ampe\nC. oát\nD. ôm\nANSWER: B\n"
    with django_capture_on_commit_callbacks(execute=True):
        import_commit("de.txt", data.encode(), bank, teacher)
    assert Question._meta.db_table in analysed_tables()


def test_roster_import_analyses_once_committed(no_statistics, django_capture_on_commit_callbacks):
    from accounts.models import User
    from accounts.roster.importer import roster_import

    school = make_school(code="27001", name="Trường THPT Nguyễn Huệ")
    year = SchoolYearFactory()
    make_class(school=school, name="10A1", school_year=year)
    admin = make_user(role=Role.SCHOOL_ADMIN, school=school)
    header = "Mã trường,Lớp,Họ và tên,Mã định danh,Ngày sinh,Giới tính,CCCD\n"
    rows = "".join(f"27001,10A1,Học Sinh {i},27{i:08d},01/01/2009,Nam,\n" for i in range(1, 4))
    with django_capture_on_commit_callbacks(execute=True):
        report = roster_import(
            kind="students",
            data=(header + rows).encode("utf-8-sig"),
            filename="ds.csv",
            actor=admin,
            school_year=year,
        )
    assert report.ok, report.errors
    assert User._meta.db_table in analysed_tables()
