"""Rebuild and health of the search index.

:func:`rebuild` brings every search document up to date from its source, recounts the
typo vocabulary, and then rebuilds the index of each backend with modelsearch's atomic
rebuilder: on OpenSearch/Elasticsearch a new index is filled beside the live one and the
alias is switched in one step; on PostgreSQL the entries are rewritten in one transaction.
Searches keep answering from the old index (or the old rows) until the switch, and
document ids never change, so a result found in the old index still opens. Last, the
planner statistics are refreshed (:mod:`common.db`; SQLite keeps none until then).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.conf import get_app_config

from common.db import statistics_refresh_on_commit
from search.documents import (
    BUILDERS,
    SOURCE_LABELS,
    source_model,
    source_objects,
    write_document,
)
from search.labels import level_labels
from search.models import SearchDocument
from search.postgres import uses_own_vectors

CHUNK = 500


def sync_all(*, log: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Write the document of every source object (ids kept) and delete stale ones."""
    level_labels.cache_clear()
    counts: dict[str, int] = {}
    for label in SOURCE_LABELS:
        model = source_model(label)
        content_type = ContentType.objects.get_for_model(model)
        existing = dict(
            SearchDocument.objects.filter(source_type=content_type).values_list("source_id", "pk")
        )
        kept: set[int] = set()
        written = 0
        for obj in source_objects(label).iterator(chunk_size=CHUNK):
            fields = BUILDERS[label](obj)
            if fields is None:
                continue
            write_document(content_type, obj.pk, fields)
            kept.add(obj.pk)
            written += 1
        stale = [pk for object_id, pk in existing.items() if object_id not in kept]
        SearchDocument.objects.filter(pk__in=stale).delete()
        counts[label] = written
        log(f"{label}: {written} documents, {len(stale)} removed")
    return counts


def rebuild_index(alias: str, *, log: Callable[[str], None] = lambda _m: None) -> int:
    """Rebuild one backend's index of search documents atomically; returns the count."""
    backend = get_search_backend(alias)
    if uses_own_vectors(backend):
        return _refresh_own_vectors(log=log)
    index = backend.get_index_for_model(SearchDocument)
    rebuilder_class = backend.atomic_rebuilder_class or backend.rebuilder_class
    if rebuilder_class is None:
        return SearchDocument.objects.count()
    rebuilder = rebuilder_class(index)
    new_index = rebuilder.start()
    new_index.add_model(SearchDocument)
    count = 0
    qs = SearchDocument.objects.prefetch_related("memberships").order_by("pk")
    batch: list[SearchDocument] = []
    for doc in qs.iterator(chunk_size=CHUNK):
        batch.append(doc)
        if len(batch) >= CHUNK:
            new_index.add_items(SearchDocument, batch)
            count += len(batch)
            batch = []
    if batch:
        new_index.add_items(SearchDocument, batch)
        count += len(batch)
    if isinstance(backend, ElasticsearchBaseSearchBackend) and hasattr(rebuilder, "alias"):
        _swap_alias(backend, rebuilder)
    else:
        rebuilder.finish()
    log(f"{alias}: {count} documents indexed")
    return count


def _swap_alias(backend, rebuilder) -> None:
    """Point the alias at the new index in ONE request, then delete the old index.

    modelsearch's own ``finish()`` adds the new index to the alias and only then removes
    the old one, so for a moment the alias covers both and every search counts each
    document twice (seen in the rebuild test)."""
    new, alias = rebuilder.index, rebuilder.alias
    # Merged into one segment before it serves: the new index is read far more than it is
    # written, and terms aggregations and matching walk every segment (a 300,000-document
    # index left with 24 segments answered about a quarter slower).
    backend.es.indices.forcemerge(index=new.name, max_num_segments=1, request_timeout=900)
    new.refresh()
    if not alias.is_alias():
        rebuilder.finish()  # first rebuild: no alias to swap yet
        return
    old = [index for index in alias.aliased_indices() if index.name != new.name]
    actions = [{"remove": {"index": index.name, "alias": alias.name}} for index in old]
    actions.append({"add": {"index": new.name, "alias": alias.name}})
    backend.es.indices.update_aliases(body={"actions": actions})
    for index in old:
        index.delete()


def _refresh_own_vectors(*, log: Callable[[str], None]) -> int:
    """PostgreSQL's database backend: searches read the documents' search rows (kept by
    triggers, :mod:`search.postgres`). They are written again in one transaction, and any
    index-table entries an older version wrote are dropped."""
    from wagtail.search.models import IndexEntry

    from search.postgres import rows_rebuild

    content_type = ContentType.objects.get_for_model(SearchDocument)
    IndexEntry.objects.filter(content_type=content_type).delete()
    count = rows_rebuild()
    log(f"postgresql: {count} search rows written again, statistics refreshed")
    return count


def rebuild(*, log: Callable[[str], None] = lambda _m: None) -> dict:
    from search.spelling import vocabulary_rebuild

    started = time.monotonic()
    counts = sync_all(log=log)
    words = vocabulary_rebuild()
    log(f"vocabulary: {words} words")
    indexed = {
        alias: rebuild_index(alias, log=log)
        for alias in get_app_config().get_search_backend_config()
    }
    statistics_after_rebuild()
    log("planner statistics refreshed")
    return {
        "documents": counts,
        "words": words,
        "indexed": indexed,
        "seconds": round(time.monotonic() - started, 2),
    }


def statistics_after_rebuild() -> None:
    """Fresh planner statistics of what a rebuild wrote, once it is committed: without
    them SQLite joins its full-text index row by row (seconds per search on the demo)."""
    from wagtail.search.models import IndexEntry

    from search.models import SearchDocumentCollection, SearchTerm

    statistics_refresh_on_commit(
        tables=[SearchDocument, SearchDocumentCollection, SearchTerm, IndexEntry]
    )


def health() -> dict:
    """Backends, whether they answer, and document counts (database and index)."""
    from search.service import ENGINE_ERRORS

    by_kind = _kind_counts()
    report = {"documents": by_kind, "total": sum(by_kind.values()), "backends": {}}
    ok = True
    for alias in get_app_config().get_search_backend_config():
        backend = get_search_backend(alias)
        entry = {"backend": type(backend).__module__.rsplit(".", 1)[-1], "ok": True}
        try:
            entry["indexed"] = indexed_count(backend)
        except ENGINE_ERRORS as exc:
            entry.update(ok=False, error=type(exc).__name__)
            ok = False
        report["backends"][alias] = entry
    report["ok"] = ok
    return report


def _kind_counts() -> dict[str, int]:
    from django.db.models import Count

    rows = SearchDocument.objects.order_by().values("kind").annotate(n=Count("pk"))
    return {r["kind"]: r["n"] for r in rows}


def indexed_count(backend) -> int:
    """How many search documents the backend's index holds."""
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        index = backend.get_index_for_model(SearchDocument)
        return int(backend.es.count(index=index.name)["count"])
    from wagtail.search.models import IndexEntry

    if uses_own_vectors(backend):
        from search.postgres import rows_count

        return rows_count()
    content_type = ContentType.objects.get_for_model(SearchDocument)
    return IndexEntry.objects.filter(content_type=content_type).count()
