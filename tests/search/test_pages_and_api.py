"""The search page (/tim-kiem/) and the search API (/api/v1/search/) on the embedded
defaults (SQLite, database search backend): who finds what, facets, pages, typos, bad
parameters, and a search engine that is down (issue 6)."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from accounts.models import Role
from content.curation import library_item_publish
from content.models import HomePage, LessonPage
from curriculum.models import Subject
from search.maintenance import rebuild
from search.settings import engine_backend
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

SEARCH = "/tim-kiem/"
API = "/api/v1/search/"

PUBLIC_ITEM = "Phương trình bậc hai – tài liệu công khai"
PUBLIC_LESSON = "Bài học phương trình bậc hai"
SCHOOL_ITEM = "Sổ tay phương trình của trường A"
DRAFT_ITEM = "Bản nháp phương trình chưa gửi"
SUBMITTED_ITEM = "Đề cương phương trình chờ duyệt"
SECRET_QUESTION = "Phương trình bí mật của hội đồng thi"
OWN_QUESTION = "Phương trình trong ngân hàng riêng của thầy"
SHARED_QUESTION = "Phương trình chia sẻ trong tổ Toán"

FORBIDDEN_TO_STUDENTS = {DRAFT_ITEM, SUBMITTED_ITEM, SECRET_QUESTION, OWN_QUESTION, SHARED_QUESTION}


@pytest.fixture
def world():
    school_a, school_b = make_school(), make_school()
    people = {
        "librarian_a": make_user(role=Role.LIBRARIAN, school=school_a),
        "teacher_a": make_user(role=Role.TEACHER, school=school_a),
        "board": make_user(role=Role.EXAM_BOARD, school=school_b),
        "student_a": make_user(role=Role.STUDENT, school=school_a),
        "student_b": make_user(role=Role.STUDENT, school=school_b),
    }
    toan, _created = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    librarian = people["librarian_a"]

    public = make_item(
        librarian, title=PUBLIC_ITEM, scope="public", subject=toan, grade_min=10, grade_max=10
    )
    library_item_publish(item=public, user=librarian)
    school_item = make_item(librarian, title=SCHOOL_ITEM, subject=toan)
    library_item_publish(item=school_item, user=librarian)
    make_item(people["teacher_a"], title=DRAFT_ITEM, scope="public")
    make_item(people["teacher_a"], title=SUBMITTED_ITEM, submit=True)

    home = HomePage.objects.get()
    lesson = LessonPage(
        title=PUBLIC_LESSON, slug="bai-hoc-phuong-trinh", scope="public", subject=toan, grade=10
    )
    home.add_child(instance=lesson)
    lesson.save_revision().publish()

    pool = make_bank(people["board"], name="Kho đề thi học kì", confidential=True)
    make_question(pool, parsed=parsed_single(stem=SECRET_QUESTION), approve=True)
    own_bank = make_bank(people["teacher_a"], name="Ngân hàng riêng")
    make_question(own_bank, parsed=parsed_single(stem=OWN_QUESTION))
    colleague = make_user(role=Role.TEACHER, school=school_a)
    shared = make_bank(colleague, name="Tổ Toán", scope="school")
    make_question(shared, parsed=parsed_single(stem=SHARED_QUESTION), approve=True)

    rebuild()
    return {
        **people,
        "school_a": school_a,
        "toan": toan,
        "public": public,
        "school_item": school_item,
        "lesson": lesson,
    }


# --- Helpers --------------------------------------------------------------------------------
def page_titles(client, **params) -> set[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content.decode()[:500]
    html = response.content.decode()
    block = re.search(r'data-testid="search-hits">(.*?)</ol>', html, re.S)
    if not block:
        return set()
    return {unescape(t) for t in re.findall(r"<h3><a href=\"[^\"]*\">(.*?)</a></h3>", block[1])}


def api_result(client, **params) -> dict:
    response = client.get(API, params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def api_titles(client, **params) -> set[str]:
    return {hit["title"] for hit in api_result(client, **params)["hits"]}


def links(html: str, css_class: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'class="{css_class}[^"]*" href="([^"]*)"', html)]


def query_of(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query)


# --- Who finds what -------------------------------------------------------------------------
def test_student_never_finds_questions_or_unpublished_items(client, world):
    client.force_login(world["student_a"])
    expected = {PUBLIC_ITEM, PUBLIC_LESSON, SCHOOL_ITEM}
    assert page_titles(client, q="phương trình") == expected
    data = api_result(client, q="phuong trinh")
    assert {h["title"] for h in data["hits"]} == expected
    assert {h["kind"] for h in data["hits"]} == {"library", "lesson"}
    assert "question" not in {f["value"] for f in data["facets"]["kind"]}
    # Not even when asking for questions or a draft by name
    assert page_titles(client, q="phuong trinh", kind="question") == set()
    # The pool's words are not in a student's vocabulary (issue 15): they are corrected
    # towards public materials' words like any typo, so a public item may come back, but
    # never the question.
    by_name = api_result(client, q="bí mật hội đồng thi")
    assert SECRET_QUESTION not in {h["title"] for h in by_name["hits"]}
    assert {h["kind"] for h in by_name["hits"]} <= {"library", "lesson"}
    for title in FORBIDDEN_TO_STUDENTS:
        assert title not in page_titles(client, q=title)
        assert title not in api_titles(client, q=title)
    html = client.get(SEARCH, {"q": "phuong trinh"}).content.decode()
    assert "Câu hỏi" not in html
    assert "Bài học" in html and "Thư viện" in html  # the blended type labels


def test_anonymous_visitor_finds_public_materials_only(client, world):
    expected = {PUBLIC_ITEM, PUBLIC_LESSON}
    assert page_titles(client, q="phuong trinh") == expected
    assert api_titles(client, q="phuong trinh") == expected
    assert page_titles(client, q="sổ tay trường A") == set()
    assert api_titles(client, q="sổ tay trường A") == set()


def test_teacher_sees_his_own_bank_but_never_another_boards_confidential_pool(client, world):
    client.force_login(world["teacher_a"])
    titles = page_titles(client, q="phuong trinh", kind="question")
    assert OWN_QUESTION in titles and SHARED_QUESTION in titles
    assert SECRET_QUESTION not in titles
    api = api_result(client, q="phuong trinh", kind="question")
    assert {h["title"] for h in api["hits"]} == titles
    assert {h["kind_label"] for h in api["hits"]} == {"Câu hỏi"}
    assert SECRET_QUESTION not in page_titles(client, q="bí mật hội đồng thi")
    assert SECRET_QUESTION not in api_titles(client, q="bí mật hội đồng thi")
    # The board member finds the pool's question; the teacher's private bank stays his.
    client.force_login(world["board"])
    assert SECRET_QUESTION in page_titles(client, q="bí mật hội đồng thi")
    assert SECRET_QUESTION in api_titles(client, q="bi mat hoi dong thi")
    assert OWN_QUESTION not in api_titles(client, q="ngân hàng riêng")


def test_school_scoped_item_is_found_in_its_own_school_only(client, world):
    client.force_login(world["student_a"])
    assert SCHOOL_ITEM in page_titles(client, q="sổ tay trường A")
    assert SCHOOL_ITEM in api_titles(client, q="so tay truong A")
    client.force_login(world["student_b"])
    assert SCHOOL_ITEM not in page_titles(client, q="sổ tay trường A")
    assert SCHOOL_ITEM not in api_titles(client, q="so tay truong A")
    assert SCHOOL_ITEM not in page_titles(client, q="phuong trinh")


# --- The page: facets, sort, pages, typos ---------------------------------------------------
def test_facet_links_keep_the_query_and_add_or_remove_a_filter(client, world):
    client.force_login(world["student_a"])
    html = client.get(SEARCH, {"q": "phuong trinh"}).content.decode()
    facet_links = links(html, "facet-value")
    assert facet_links, "the page lists facets"
    for href in facet_links:
        assert ("q", "phuong trinh") in query_of(href), href
    # Pick "Thư viện" under Loại: only the library items remain, the query stays.
    library = next(h for h in facet_links if ("kind", "library") in query_of(h))
    response = client.get(SEARCH + library)
    html = response.content.decode()
    assert page_titles(client, **dict(query_of(library))) == {PUBLIC_ITEM, SCHOOL_ITEM}
    assert 'value="phuong trinh"' in html  # the box still holds the query
    assert '<input type="hidden" name="kind" value="library">' in html
    # The active filter is shown, and removing it keeps the query.
    chips = links(html, "chip")
    assert len(chips) == 1 and query_of(chips[0]) == [("q", "phuong trinh")]
    # The selected facet value links back to the unfiltered search as well.
    selected = re.search(r'class="facet-value is-selected" href="([^"]*)"', html)
    assert query_of(unescape(selected[1])) == [("q", "phuong trinh")]
    # Grade and subject facets with counts; a grade filter combines with the kind one.
    assert re.search(r"Lớp 10</span> <span class=\"facet-count\">\d+", html)
    grade = next(h for h in links(html, "facet-value") if ("grade", "10") in query_of(h))
    assert set(query_of(grade)) == {("q", "phuong trinh"), ("kind", "library"), ("grade", "10")}
    assert page_titles(client, **dict(query_of(grade))) == {PUBLIC_ITEM}
    # Sort links keep query and filters too.
    newest = re.search(r'<a href="([^"]*)" rel="nofollow">Mới nhất</a>', html)
    assert set(query_of(unescape(newest[1]))) == {
        ("q", "phuong trinh"),
        ("kind", "library"),
        ("sort", "newest"),
    }


def test_pagination_through_page_and_api(client, world):
    librarian = world["librarian_a"]
    for n in range(1, 24):
        item = make_item(librarian, title=f"Bài luyện tập hình học số {n}", scope="public")
        library_item_publish(item=item, user=librarian)
    rebuild()

    first = client.get(SEARCH, {"q": "luyện tập hình học"})
    html = first.content.decode()
    assert "23 kết quả" in html
    assert len(page_titles(client, q="luyện tập hình học")) == 20
    assert "Trang sau" in html and "Trang trước" not in html
    assert '<span aria-current="page">1</span>' in html
    next_href = unescape(re.search(r'<a href="([^"]*)" rel="next">', html)[1])
    assert set(query_of(next_href)) == {("q", "luyện tập hình học"), ("page", "2")}
    second = client.get(SEARCH + next_href).content.decode()
    assert "Trang trước" in second and "Trang sau" not in second
    assert '<span aria-current="page">2</span>' in second
    assert len(page_titles(client, **dict(query_of(next_href)))) == 3
    all_titles = page_titles(client, q="luyện tập hình học") | page_titles(
        client, q="luyện tập hình học", page=2
    )
    assert len(all_titles) == 23

    data = api_result(client, q="luyen tap hinh hoc", page=2)
    assert (data["total"], data["page"], data["pages"], len(data["hits"])) == (23, 2, 2, 3)
    # Past the last page: no hits, no error, a way back.
    beyond = client.get(SEARCH, {"q": "luyện tập hình học", "page": 9})
    assert beyond.status_code == 200
    assert "Về trang đầu" in beyond.content.decode()


def test_typo_gives_a_suggestion_without_javascript(client, world):
    response = client.get(SEARCH, {"q": "phuong trinh bac hia"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có phải bạn muốn tìm:" in html
    suggestion = re.search(r'data-testid="search-suggestion">.*?<a href="([^"]*)"', html, re.S)
    target = dict(query_of(unescape(suggestion[1])))
    assert target["q"] == "phuong trinh bac hai"
    assert PUBLIC_ITEM in page_titles(client, q=target["q"])
    assert api_result(client, q="phuong trinh bac hia")["suggestion"] == "phuong trinh bac hai"
    # The page has no inline script; the enhancement is a static module.
    assert "search/search.js" in html and "<script>" not in html


def test_relaxed_results_and_empty_state(client, world):
    html = client.get(SEARCH, {"q": "phương trình thiên văn"}).content.decode()
    assert "Không có kết quả chứa đủ mọi từ; đây là kết quả gần đúng" in html
    assert PUBLIC_ITEM in page_titles(client, q="phương trình thiên văn")
    assert api_result(client, q="phương trình thiên văn")["relaxed"] is True
    empty = client.get(SEARCH, {"q": "xylophone"})
    assert empty.status_code == 200
    assert "Không tìm thấy học liệu nào" in empty.content.decode()
    # No query at all: the search box and examples, no search run.
    intro = client.get(SEARCH)
    assert intro.status_code == 200 and 'data-testid="search-hits"' not in intro.content.decode()


def test_snippets_mark_the_words_and_escape_the_text(client, world):
    librarian = world["librarian_a"]
    item = make_item(
        librarian,
        title="Tài liệu <script>alert(1)</script> quang hợp",
        scope="public",
        description="Quá trình quang hợp ở lá cây <b>xanh</b>.",
    )
    library_item_publish(item=item, user=librarian)
    rebuild()
    html = client.get(SEARCH, {"q": "quang hợp"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>quang</mark> <mark>hợp</mark>" in html
    assert "&lt;b&gt;xanh&lt;/b&gt;" in html


# --- Bad parameters -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "params",
    [
        {"q": "phuong trinh", "grade": "99"},
        {"q": "phuong trinh", "page": "abc"},
        {"q": "phuong trinh", "sort": "bogus"},
        {"q": "phuong trinh", "kind": "bogus", "subject": "abc", "collection": "-3"},
        {"q": "x" * 5000, "page": "999999999999999999999"},
        {"q": '"unbalanced (quotes* AND OR', "level": "không-có"},
        {"q": "a\x00b", "subject": "9" * 30, "collection": "9" * 30},
        {"q": "phuong trinh", "kind": "", "grade": "", "collection": ""},
    ],
)
def test_invalid_parameters_never_give_a_500(client, world, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    api = client.get(API, params)
    assert api.status_code in (200, 422)
    if api.status_code == 422:
        assert api.json()["detail"]


def test_invalid_filters_are_reported_and_left_out(client, world):
    response = client.get(SEARCH, {"q": "phuong trinh", "grade": "99"})
    html = response.content.decode()
    assert 'data-testid="search-form-errors"' in html
    assert "Lớp phải là một số từ 1 đến 12." in html
    assert page_titles(client, q="phuong trinh", grade="99") == {PUBLIC_ITEM, PUBLIC_LESSON}
    # page=abc is the first page, an unknown sort is relevance: no error for those.
    html = client.get(SEARCH, {"q": "phuong trinh", "page": "abc", "sort": "bogus"})
    assert 'data-testid="search-form-errors"' not in html.content.decode()
    data = api_result(client, q="phuong trinh", page="abc", sort="bogus")
    assert (data["page"], data["sort"]) == (1, "relevance")
    # The API is strict about filters: 422 naming the field.
    bad = client.get(API, {"q": "phuong trinh", "grade": "99"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "grade"]


# --- The engine is down ---------------------------------------------------------------------------
@pytest.fixture
def engine_down(settings, world):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": engine_backend(
            backend="opensearch2", url="http://127.0.0.1:9", index_prefix="test_down_"
        )
    }
    return world


def test_search_page_says_so_with_503_while_the_site_works(client, engine_down):
    world = engine_down
    client.force_login(world["student_a"])
    response = client.get(SEARCH, {"q": "phuong trinh"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Chức năng tìm kiếm đang tạm thời gián đoạn" in html
    assert 'role="alert"' in html
    # The rest of the site answers.
    assert client.get("/").status_code == 200
    assert client.get(world["public"].get_absolute_url()).status_code == 200
    assert client.get(world["lesson"].url).status_code == 200
    assert client.get(reverse("library_home")).status_code == 200
    # The API says it in JSON, autocomplete gives what it can without the engine.
    api = client.get(API, {"q": "phuong trinh"})
    assert api.status_code == 503
    assert "tạm thời gián đoạn" in api.json()["detail"]
    suggest = client.get(reverse("search_suggest"), {"q": "phuong"})
    assert suggest.status_code == 200 and suggest.json() == {"suggestions": []}
    # The health check reports the unreachable backend.
    health = client.get(reverse("search_health"))
    assert health.status_code == 503
    assert health.json()["ok"] is False
    assert health.json()["backends"]["default"]["ok"] is False


def test_health_when_everything_answers(client, world):
    response = client.get(reverse("search_health"))
    assert response.status_code == 200
    assert response.json() == {"ok": True, "backends": {"default": {"ok": True}}}
    client.force_login(world["librarian_a"])  # staff see the counts
    report = client.get(reverse("search_health")).json()
    assert report["ok"] is True and report["total"] >= 6
    assert report["backends"]["default"]["indexed"] == report["total"]


# --- Autocomplete -----------------------------------------------------------------------------------
def test_autocomplete_gives_a_student_matching_titles_and_nothing_forbidden(client, world):
    client.force_login(world["student_a"])
    for url in (reverse("search_suggest"), API + "suggest"):
        response = client.get(url, {"q": "phuong tri"})
        assert response.status_code == 200
        labels = {s["label"] for s in response.json()["suggestions"]}
        assert {PUBLIC_ITEM, SCHOOL_ITEM} <= labels, labels
        assert not labels & FORBIDDEN_TO_STUDENTS
    client.force_login(world["student_b"])
    labels = {
        s["label"] for s in client.get(API + "suggest", {"q": "so tay"}).json()["suggestions"]
    }
    assert SCHOOL_ITEM not in labels
    assert client.get(reverse("search_suggest"), {"q": "p"}).json() == {"suggestions": []}


# --- The header links to search -----------------------------------------------------------------------
def test_header_search_box_on_every_page(client, world):
    html = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in html and 'data-search-suggest="/tim-kiem/goi-y/"' in html
    assert 'action="/tim-kiem/"' in client.get(reverse("library_home")).content.decode()
