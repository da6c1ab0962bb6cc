"""The search layer on each backend: the same scenario on SQLite (embedded default),
PostgreSQL (database backend, ``hoclieu_vi``) and OpenSearch (the ``engine`` backend).

Accents: unaccented and accented queries find the same item, the exact spelling first;
old/new tone placement and NFD input are the same word; a typo still finds the item;
facet counts match a hand-built fixture with more than 10 values in a facet; the
permission rule runs inside the query.
"""

import unicodedata

import pytest
from modelsearch.backends import get_search_backend

from accounts.models import Role
from content.library_models import CollectionEntry, LibraryCollection, LibraryItem
from curriculum.models import Subject
from search.maintenance import rebuild
from search.service import SearchParams, search
from tests.accounts.factories import make_school, make_user

TITLES = {
    "ptbh": "Phương trình bậc hai một ẩn",
    "ptbh_other": "Phường trình bắc hải",  # same letters, other accents
    "de_kt": "Đề kiểm tra giữa kì I",
    "de_kt_2": "Để kiểm tra kiến thức cũ",
    "hoa_tan": "Phản ứng hoà tan",
    "thuy_phan": "Thủy phân este",
    "dien_truong": "Điện trường và cường độ điện trường",
    "thpt": "Ôn tập trung học phổ thông: hàm số mũ",
}


def _item(title, subject, **fields):
    fields.setdefault("resource_type", "document")
    fields.setdefault("scope", "public")
    fields.setdefault("licence", "CC-BY-4.0")
    return LibraryItem.objects.create(
        title=title,
        subject=subject,
        external_url="https://example.edu.vn/tai-lieu",
        live=True,
        **fields,
    )


@pytest.fixture
def corpus(request, django_db_blocker):
    """Twelve subjects with 1…12 items each (a facet of 12 values), the accent items and
    a collection; documents and index built by the rebuild."""
    alias = request.param
    subjects = [
        Subject.objects.create(code=f"mon-thu-{n:02d}", name=f"Môn thử {n:02d}", sort_order=n)
        for n in range(1, 13)
    ]
    items = {}
    for n, subject in enumerate(subjects, start=1):
        for k in range(n):
            grade = 6 + (k % 3)
            items[f"s{n}-{k}"] = _item(
                f"Tư liệu tham khảo {n}.{k}",
                subject,
                grade_min=grade,
                grade_max=grade + (1 if k % 4 == 0 else 0),
                resource_type="reference" if k % 2 else "document",
                licence="CC-BY-SA-4.0" if k % 5 == 0 else "CC-BY-4.0",
            )
    for key, title in TITLES.items():
        items[key] = _item(title, subjects[0], grade_min=10, grade_max=10)
    shelf = LibraryCollection.objects.create(name="Kệ ôn thi", slug="ke-on-thi", kind="featured")
    for key in ("ptbh", "de_kt", "s12-0", "s12-1"):
        CollectionEntry.objects.create(collection=shelf, item=items[key])
    rebuild()
    if alias != "default":
        get_search_backend(alias).get_index_for_model(
            __import__("search.models", fromlist=["SearchDocument"]).SearchDocument
        ).refresh()
    student = make_user(role=Role.STUDENT, school=make_school())
    by_pk = {item.pk: key for key, item in items.items()}

    def run(q="", **params):
        response = search(student, SearchParams(q=q, per_page=50, **params), backend=alias)
        assert not response.error, response.error
        keys = [by_pk[h.document.source_id] for h in response.hits]
        return keys, response

    run.subjects = subjects
    run.shelf = shelf
    return run


def _scenario(run):
    keys = lambda q: run(q)[0]  # noqa: E731
    # Unaccented and accented queries find the same item; the exact spelling ranks first.
    assert set(keys("phuong trinh bac hai")) >= {"ptbh", "ptbh_other"}
    assert keys("phương trình bậc hai")[0] == "ptbh"
    assert keys("phường trình bắc hải")[0] == "ptbh_other"
    assert keys("đề kiểm tra")[:2] == ["de_kt", "de_kt_2"]
    assert keys("để kiểm tra")[:2] == ["de_kt_2", "de_kt"]
    assert "dien_truong" in keys("dien truong")
    # NFD input and old/new tone placement are the same word.
    assert keys(unicodedata.normalize("NFD", "đề kiểm tra"))[0] == "de_kt"
    assert keys("hòa tan") == ["hoa_tan"]
    assert keys("hoà tan") == ["hoa_tan"]
    assert keys("thuỷ phân") == ["thuy_phan"]
    # Quoted words must be adjacent, in order.
    assert keys('"cường độ điện trường"') == ["dien_truong"]
    assert keys('"trường cường"') == []
    # An abbreviation finds the phrase it stands for, and the phrase the abbreviation.
    assert keys("THPT") == ["thpt"]
    assert keys("on tap thpt ham so") == ["thpt"]
    # Nothing has every word: the documents with most of them (4 of 6 words here)...
    found, response = run("phương trình bậc hai thiên văn")
    assert response.relaxed and set(found) == {"ptbh", "ptbh_other"}
    # ...and never the whole library for one shared syllable ("khảo" of "Tư liệu tham
    # khảo"): no document has two of these four words.
    assert run("khảo hòa thủy trường")[0] == []
    # A typo still finds the item, and the page can offer the correction.
    found, response = run("phuong trinh bac hia")
    assert "ptbh" in found
    assert response.suggestion == "phuong trinh bac hai"


def _facets(run):
    _keys, response = run("tu lieu tham khao")
    assert response.total == 78  # 1 + 2 + … + 12
    subject = {f.label: f.count for f in response.facets["subject"]}
    assert subject == {f"Môn thử {n:02d}": n for n in range(1, 13)}  # 12 values, not 10
    # Grades: item k of subject n is in grade 6 + k % 3, and also the next when k % 4 == 0.
    expected = {6: 0, 7: 0, 8: 0, 9: 0}
    for n in range(1, 13):
        for k in range(n):
            grade = 6 + (k % 3)
            expected[grade] += 1
            if k % 4 == 0:
                expected[grade + 1] += 1
    grade = {int(f.value): f.count for f in response.facets["grade"]}
    assert grade == {g: c for g, c in expected.items() if c}
    reference = sum(1 for n in range(1, 13) for k in range(n) if k % 2)
    types = {f.value: f.count for f in response.facets["resource_type"]}
    assert types == {"reference": reference, "document": 78 - reference}
    sa = sum(1 for n in range(1, 13) for k in range(n) if k % 5 == 0)
    assert {f.value: f.count for f in response.facets["licence"]} == {
        "CC-BY-SA-4.0": sa,
        "CC-BY-4.0": 78 - sa,
    }
    assert {f.label: f.count for f in response.facets["collection"]} == {"Kệ ôn thi": 2}
    assert {f.value: f.count for f in response.facets["kind"]} == {"library": 78}
    # Filters from facets combine with the query and with each other.
    twelve = run.subjects[11]
    keys, response = run("tu lieu tham khao", subject=[twelve.pk], grade=7)
    assert response.total == sum(
        1 for k in range(12) if 6 + k % 3 == 7 or (k % 4 == 0 and 6 + k % 3 == 6)
    )
    assert all(key.startswith("s12-") for key in keys)
    keys, response = run("", collection=run.shelf.pk)
    assert set(keys) == {"ptbh", "de_kt", "s12-0", "s12-1"}


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("corpus", ["default"], indirect=True)
def test_sqlite(corpus):
    _scenario(corpus)
    _facets(corpus)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("corpus", ["default"], indirect=True)
def test_postgresql(corpus, settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "hoclieu_vi"
    _scenario(corpus)
    _facets(corpus)


@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize("corpus", ["engine"], indirect=True)
def test_opensearch(corpus):
    _scenario(corpus)
    _facets(corpus)


@pytest.mark.django_db
@pytest.mark.parametrize("corpus", ["default"], indirect=True)
def test_document_deleted_while_its_page_is_read(corpus, monkeypatch):
    """A hit's body is read after its page (a second query); a document the Celery worker
    deletes in between is left out, not read again (which raised DoesNotExist)."""
    import search.service as service
    from search.models import SearchDocument

    gone = []
    for name in ("search_page", "sqlite_page", "_database_page"):
        page = getattr(service, name)

        def deleting(*args, page=page, **kwargs):
            docs, total, counts = page(*args, **kwargs)
            if not gone:  # the first page read (few full matches: a second one follows)
                gone.append(docs[0].pk)
                SearchDocument.objects.filter(pk=docs[0].pk).delete()
            return docs, total, counts

        monkeypatch.setattr(service, name, deleting)
    keys, response = corpus("phuong trinh bac hai")
    assert len(gone) == 1 and keys
    assert gone[0] not in {h.document.pk for h in response.hits}


@pytest.fixture
def guarded(request):
    """Questions of a teacher's bank, a colleague's shared bank and a board's confidential
    pool; a draft item; a school-scoped item — searched on the backend named by param."""
    from common.sharing import SharingScope as Scope
    from tests.question_bank.factories import make_bank, make_question, parsed_single

    alias = request.param
    school, other_school = make_school(), make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    colleague = make_user(role=Role.TEACHER, school=school)
    board = make_user(role=Role.EXAM_BOARD, school=other_school)
    student = make_user(role=Role.STUDENT, school=school)
    outsider = make_user(role=Role.STUDENT, school=other_school)
    stem = "Nghiệm của phương trình lượng giác sin x = 0 là"
    own = make_question(make_bank(teacher), parsed=parsed_single(stem + " (của tôi)"))
    shared_bank = make_bank(colleague, scope=Scope.SCHOOL)
    shared = make_question(shared_bank, parsed=parsed_single(stem + " (tổ Toán)"), approve=True)
    shared_draft = make_question(shared_bank, parsed=parsed_single(stem + " (nháp)"))
    secret = make_question(
        make_bank(board, confidential=True), parsed=parsed_single(stem + " (đề thi)"), approve=True
    )
    draft = _item("Phương trình lượng giác cơ bản (bản nháp)", None)
    LibraryItem.objects.filter(pk=draft.pk).update(live=False)
    in_school = _item("Phương trình lượng giác – tài liệu của trường", None, scope="school")
    LibraryItem.objects.filter(pk=in_school.pk).update(school=school)
    public = _item("Phương trình lượng giác – tài liệu chung", None)
    rebuild()
    if alias != "default":
        get_search_backend(alias).get_index_for_model(
            __import__("search.models", fromlist=["SearchDocument"]).SearchDocument
        ).refresh()

    def found(user):
        response = search(
            user, SearchParams(q="phuong trinh luong giac", per_page=50), backend=alias
        )
        assert not response.error
        return {(h.document.kind, h.document.source_id) for h in response.hits}

    from django.contrib.auth.models import AnonymousUser

    return {
        "found": found,
        "anonymous": AnonymousUser(),
        **locals(),
    }


def _permissions(g):
    found = g["found"]
    q = lambda obj: ("question", obj.pk)  # noqa: E731
    lib = lambda obj: ("library", obj.pk)  # noqa: E731
    # Students: published materials of their area, never a question, never a draft.
    assert found(g["student"]) == {lib(g["in_school"]), lib(g["public"])}
    assert found(g["outsider"]) == {lib(g["public"])}
    assert found(g["anonymous"]) == {lib(g["public"])}
    # Teachers: their own bank (drafts too), approved questions of banks shared with them;
    # never another board's confidential pool.
    teacher = found(g["teacher"])
    assert {q(g["own"]), q(g["shared"])} <= teacher
    assert q(g["shared_draft"]) not in teacher and q(g["secret"]) not in teacher
    assert lib(g["draft"]) not in teacher
    # The board sees its own confidential pool.
    assert q(g["secret"]) in found(g["board"])
    # Browsing (no words) counts exactly what the rule lets each one see, in both audiences
    # (PostgreSQL reads them in one part per audience).
    from django.db.models import Count

    from search.models import SearchDocument
    from search.permissions import search_document_q

    for user in (g["student"], g["teacher"], g["board"]):
        response = search(user, SearchParams(), backend=g["alias"])
        visible = SearchDocument.objects.filter(search_document_q(user))
        expected = dict(visible.order_by().values_list("kind").annotate(n=Count("id")))
        assert response.total == visible.count() == sum(expected.values())
        assert {f.value: f.count for f in response.facets["kind"]} == expected
    assert "question" in expected  # the board's own and the shared questions
    # A kind filter leaves one audience (PostgreSQL then reads only that part).
    for kinds, user, expected_kinds in (
        (["question"], g["board"], {"question"}),
        (["library"], g["board"], {"library"}),
        (["question", "library"], g["board"], {"question", "library"}),
        (["question"], g["student"], set()),
    ):
        response = search(user, SearchParams(kind=kinds), backend=g["alias"])
        visible = SearchDocument.objects.filter(search_document_q(user), kind__in=kinds)
        assert response.total == visible.count()
        assert {h.document.kind for h in response.hits} == expected_kinds


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("guarded", ["default"], indirect=True)
def test_permissions_sqlite(guarded):
    _permissions(guarded)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("guarded", ["default"], indirect=True)
def test_permissions_postgresql(guarded):
    _permissions(guarded)


@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize("guarded", ["engine"], indirect=True)
def test_permissions_opensearch(guarded):
    _permissions(guarded)
