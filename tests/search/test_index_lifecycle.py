"""The index follows content through Celery, and rebuilds without downtime.

* A real Celery worker (Redis + PostgreSQL) runs the sync task queued after each commit:
  publishing adds the item to results, unpublishing, deleting or narrowing its sharing
  scope removes it.
* ``search_rebuild`` swaps the index atomically while another thread keeps searching: every
  search during the rebuild answers, and finds the item.
"""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from modelsearch.backends import get_search_backend

from accounts.models import Role
from content.library_models import LibraryItem
from curriculum.models import Subject
from search.documents import document_sync
from search.models import SearchDocument
from search.service import SearchParams, search
from tests.accounts.factories import make_school, make_user
from tests.test_celery_worker import not_eager, worker  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _item(title, **fields):
    fields.setdefault("scope", "public")
    return LibraryItem.objects.create(
        title=title,
        resource_type="document",
        external_url="https://example.edu.vn/tai-lieu",
        live=True,
        **fields,
    )


def _titles(user, q, backend="default"):
    response = search(user, SearchParams(q=q), backend=backend)
    assert not response.error, response.error
    return [h.document.title for h in response.hits]


def _wait(condition, log, what):
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"{what}\n{log.read_text()[-3000:]}"
        time.sleep(0.3)


@pytest.mark.celery
@pytest.mark.postgres
def test_worker_keeps_results_in_step_with_publishing_deleting_and_sharing(
    worker,  # noqa: F811
    not_eager,  # noqa: F811
):
    school = make_school()
    student = make_user(role=Role.STUDENT, school=school)
    other_student = make_user(role=Role.STUDENT, school=make_school())
    quadratic = _item("Chuyên đề phương trình bậc hai")
    geometry = _item("Chuyên đề hình học không gian")
    _wait(
        lambda: _titles(student, "chuyen de") and len(_titles(student, "chuyen de")) == 2,
        worker,
        "published items never reached the index",
    )
    assert "search_document_sync_task" in worker.read_text()

    # Unpublish: gone from results once the task has run.
    quadratic.unpublish()
    _wait(lambda: not _titles(student, "phuong trinh bac hai"), worker, "unpublished item found")
    assert not SearchDocument.objects.filter(source_id=quadratic.pk, kind="library").exists()

    # Sharing narrowed to another school: the first school's student loses it.
    geometry.scope = "school"
    geometry.school = make_school()
    geometry.save()
    _wait(lambda: not _titles(student, "hinh hoc"), worker, "item still shared")
    assert not _titles(other_student, "hinh hoc")

    # Published again and then deleted.
    quadratic.live = True
    quadratic.save()
    _wait(lambda: _titles(student, "phuong trinh bac hai"), worker, "republished item missing")
    quadratic.delete()
    _wait(lambda: not _titles(student, "phuong trinh bac hai"), worker, "deleted item found")
    assert not SearchDocument.objects.filter(kind="library", title__contains="bậc hai").exists()


def _rebuild_while_searching(backend_alias: str):
    subject = Subject.objects.create(code="mon-rebuild", name="Môn thử rebuild")
    target = _item("Sổ tay phương trình lượng giác", subject=subject)
    for n in range(400):
        _item(f"Tư liệu bổ trợ số {n}", subject=subject)
    student = make_user(role=Role.STUDENT, school=make_school())
    call_command("search_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    backend = get_search_backend(backend_alias)
    index = backend.get_index_for_model(SearchDocument)
    if backend_alias != "default":
        index.refresh()
    before = _index_name(backend, index)
    assert _titles(student, "phuong trinh luong giac", backend_alias) == [target.title]

    answers: list[object] = []
    stop = threading.Event()

    def keep_searching():
        try:
            while not stop.is_set():
                try:
                    answers.append(_titles(student, "phuong trinh luong giac", backend_alias))
                except AssertionError as exc:
                    answers.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        call_command("search_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        stop.set()
        thread.join(timeout=60)
    assert len(answers) >= 3, "the search thread hardly ran during the rebuild"
    assert all(a == [target.title] for a in answers), [a for a in answers if a != [target.title]]
    if backend_alias != "default":
        index.refresh()
        # A new physical index now sits behind the alias.
        assert _index_name(backend, index) != before
    assert _titles(student, "phuong trinh luong giac", backend_alias) == [target.title]
    # The rebuild kept document ids: a result found before it still opens.
    assert SearchDocument.objects.filter(source_id=target.pk, kind="library").count() == 1


def _index_name(backend, index) -> str | None:
    if not hasattr(backend, "es"):
        return None
    aliases = backend.es.indices.get_alias(name=index.name)
    return sorted(aliases)[0]


@pytest.mark.postgres
def test_rebuild_on_postgresql_keeps_answering():
    _rebuild_while_searching("default")


@pytest.mark.search
@pytest.mark.postgres
def test_rebuild_on_opensearch_swaps_the_alias_while_searches_keep_answering():
    _rebuild_while_searching("engine")


@pytest.mark.postgres
def test_document_sync_reports_what_it_did():
    item = _item("Tài liệu kiểm tra đồng bộ")
    assert document_sync("content.libraryitem", item.pk) == "indexed"
    item.live = False
    LibraryItem.objects.filter(pk=item.pk).update(live=False)
    assert document_sync("content.libraryitem", item.pk) == "removed"
    assert document_sync("content.libraryitem", item.pk) == "absent"
