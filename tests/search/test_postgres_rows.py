"""PostgreSQL: the narrow search rows kept by triggers (migration 0004) and the two-pass
ranking of :mod:`search.postgres`."""

import pytest
from django.db import connection

from search import postgres
from search.models import SearchDocument
from tests.search.test_search_engines import corpus  # noqa: F401 - the fixture

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _row(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT popularity, live, search_vector::text FROM hoclieu_search_row WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


@pytest.mark.parametrize("corpus", ["default"], indirect=True)
def test_rows_follow_the_documents(corpus):  # noqa: F811
    assert postgres.rows_count() == SearchDocument.objects.count() > 80
    doc = SearchDocument.objects.get(title="Thủy phân este")
    vector = _row(doc.pk)[2]
    assert "'thuy'" in vector and "'este'" in vector
    # A popularity or permission change keeps the vector; new words replace it.
    SearchDocument.objects.filter(pk=doc.pk).update(popularity=41, live=False)
    assert _row(doc.pk) == (41, False, vector)
    SearchDocument.objects.filter(pk=doc.pk).update(body_keys="xa phong hoa")
    assert "'phong'" in _row(doc.pk)[2] and "'este'" in _row(doc.pk)[2]  # title words stay
    doc.delete()
    assert _row(doc.pk) is None
    # Rows that drifted (written by hand, or lost) come back with the rebuild.
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM hoclieu_search_row WHERE id IN (SELECT id FROM hoclieu_search_row LIMIT 5)"
        )
        cursor.execute("UPDATE hoclieu_search_row SET popularity = -1")
    assert postgres.rows_count() == SearchDocument.objects.count() - 5
    assert postgres.rows_rebuild() == SearchDocument.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM hoclieu_search_row WHERE popularity = -1")
        assert cursor.fetchone()[0] == 0
    # Rows already current are not written again (no dead copy of every row).
    versions = "SELECT id, xmin::text FROM hoclieu_search_row ORDER BY id"
    with connection.cursor() as cursor:
        cursor.execute(versions)
        before = cursor.fetchall()
    postgres.rows_rebuild()
    with connection.cursor() as cursor:
        cursor.execute(versions)
        assert cursor.fetchall() == before


@pytest.mark.parametrize("corpus", ["default"], indirect=True)
def test_pages_past_the_rank_window(corpus, monkeypatch):  # noqa: F811
    """Pages inside the window are in full-vector order, pages past it in title order;
    together they list every match once."""

    def all_pages():
        seen = []
        for page in (1, 2):  # 50 a page
            _keys, response = corpus("tu lieu tham khao", page=page)
            assert response.total == 78
            seen += [h.document.pk for h in response.hits]
        return seen

    everything = all_pages()
    monkeypatch.setattr(postgres, "RANK_WINDOW", 7)
    seen = all_pages()  # the window's 7 and 43 in title order, then 28
    assert len(seen) == len(set(seen)) == 78
    assert set(seen) == set(everything)
    # The exact spelling still ranks first with a window of one.
    monkeypatch.setattr(postgres, "RANK_WINDOW", 1)
    assert corpus("phương trình bậc hai")[0][0] == "ptbh"
