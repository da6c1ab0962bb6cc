"""Build, write and index the search document of a lesson, e-lecture, library item or
question.

:func:`document_sync` is the one entry point: it reads the source object, decides whether it
belongs in search at all (published materials; questions that are not deleted) and writes,
re-indexes or removes its :class:`~search.models.SearchDocument`. Signals queue it through
Celery (``search.tasks``) whenever content changes; the rebuild command runs it for all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.html import strip_tags
from modelsearch.backends import get_search_backends

from common.vietnamese import fold, nfc, search_companion
from question_bank.assembly.models import PaperItem
from question_bank.html import plain_text
from search.models import Audience, DocumentKind, SearchDocument, SearchDocumentCollection

#: Extracted PDF/EPUB text beyond this many characters is not indexed (a whole textbook
#: would otherwise dominate every score and the PostgreSQL tsvector limit of 1 MB).
BODY_LIMIT = 60_000
TITLE_LIMIT = 500

#: Source models with a search document, by ``app_label.model_name``.
SOURCE_LABELS = (
    "content.libraryitem",
    "content.lessonpage",
    "content.electurepage",
    "question_bank.question",
)


def _clip(text: str, limit: int) -> str:
    text = " ".join(nfc(text).split())
    return text[:limit]


def _suggest(*parts: str) -> str:
    return _clip(fold(" ".join(p for p in parts if p)), 600)


def _area(obj) -> dict:
    return {
        "scope": obj.scope,
        "school_id": obj.school_id,
        "district_office_id": obj.district_office_id,
        "department_id": obj.department_id,
    }


def _subject(obj) -> tuple[int | None, str]:
    subject = obj.subject if obj.subject_id else None
    return (subject.pk, subject.name) if subject else (None, "")


def library_item_fields(item) -> dict | None:
    if not item.live:
        return None
    subject_id, subject_name = _subject(item)
    topics = " ".join(t.name for t in item.topics.all())
    body = " ".join([item.authors, item.publisher, item.description, topics, item.full_text or ""])
    return {
        "kind": DocumentKind.LIBRARY,
        "url": item.get_absolute_url(),
        "title": item.title,
        "body": body,
        "suggest": _suggest(item.title, subject_name, topics),
        "subject_id": subject_id,
        "subject_name": subject_name,
        "grade_min": item.grade_min,
        "grade_max": item.grade_max or item.grade_min,
        "resource_type": item.resource_type,
        "licence": item.licence,
        "audience": Audience.MATERIAL,
        **_area(item),
        "created_at": item.first_published_at or item.created_at,
        "popularity": item.view_count + item.download_count,
        "collections": list(item.entries.values_list("collection_id", flat=True)),
    }


def _page_fields(page, kind: str, body_parts: Iterable[str]) -> dict | None:
    if not page.live:
        return None
    subject_id, subject_name = _subject(page)
    topic = ""
    if page.curriculum_lesson_id:
        lesson = page.curriculum_lesson
        topic = f"{lesson.name} {lesson.topic.name}"
    return {
        "kind": kind,
        "url": page.url or "",
        "title": page.title,
        "body": " ".join([page.summary, topic, *body_parts]),
        "suggest": _suggest(page.title, subject_name, topic),
        "subject_id": subject_id,
        "subject_name": subject_name,
        "grade_min": page.grade,
        "grade_max": page.grade,
        "resource_type": kind,
        "licence": page.licence,
        "audience": Audience.MATERIAL,
        **_area(page),
        "created_at": page.first_published_at
        or page.latest_revision_created_at
        or page.last_published_at
        or timezone.now(),
        "popularity": page.view_count,
        "collections": [],
    }


def _stream_text(page, field_name: str) -> list[str]:
    field = page._meta.get_field(field_name)
    return [strip_tags(str(t)) for t in field.get_searchable_content(getattr(page, field_name))]


def lesson_fields(page) -> dict | None:
    return _page_fields(page, DocumentKind.LESSON, _stream_text(page, "body"))


def electure_fields(page) -> dict | None:
    return _page_fields(
        page,
        DocumentKind.ELECTURE,
        [strip_tags(page.objectives), *_stream_text(page, "sections")],
    )


def question_fields(question) -> dict | None:
    stem = question.stem_text()
    subject_id, subject_name = _subject(question)
    bank = question.bank
    topic = question.topic.name if question.topic_id else ""
    used = PaperItem.objects.filter(version__question=question).aggregate(n=Count("paper_id"))
    return {
        "kind": DocumentKind.QUESTION,
        "url": f"/admin/snippets/question_bank/question/edit/{question.pk}/",
        "title": _clip(stem, 200) or f"#{question.pk}",
        "body": " ".join([stem, question.choices_text(), plain_text(question.solution), topic]),
        "suggest": _suggest(_clip(stem, 120), subject_name, topic),
        "subject_id": subject_id,
        "subject_name": subject_name,
        "grade_min": question.grade,
        "grade_max": question.grade,
        "resource_type": question.qtype,
        "level": question.level.code if question.level_id else "",
        "licence": question.licence,
        "audience": Audience.QUESTION,
        "scope": bank.scope,
        "school_id": bank.school_id,
        "district_office_id": bank.district_office_id,
        "department_id": bank.department_id,
        "bank_id": bank.pk,
        "status": question.status,
        "live": question.live,
        "created_at": question.created_at,
        "popularity": used["n"] or 0,
        "collections": [],
    }


BUILDERS: dict[str, Callable[[object], dict | None]] = {
    "content.libraryitem": library_item_fields,
    "content.lessonpage": lesson_fields,
    "content.electurepage": electure_fields,
    "question_bank.question": question_fields,
}


def source_model(label: str):
    if label not in BUILDERS:
        raise ValueError(f"{label} has no search document")
    return apps.get_model(label)


def document_values(fields: dict) -> tuple[dict, list[int]]:
    """Split builder output into SearchDocument column values and collection ids."""
    from search.labels import grade_words, kind_labels, level_labels, resource_type_labels

    values = dict(fields)
    collections = values.pop("collections", [])
    values["title"] = _clip(values["title"], TITLE_LIMIT)
    # The labels a teacher types ("sách giáo khoa", "bài giảng", "lớp 9", "Toán", "nhận
    # biết") are part of the indexed text; the page shows them from the columns.
    labels = [
        kind_labels().get(values["kind"], ""),
        resource_type_labels().get(values.get("resource_type", ""), ""),
        level_labels().get(values.get("level", ""), "") if values.get("level") else "",
        values.get("subject_name", ""),
        grade_words(values.get("grade_min"), values.get("grade_max")),
    ]
    label_text = " ".join(dict.fromkeys(label for label in labels if label))
    values["body"] = f"{_clip(values['body'], BODY_LIMIT)} {label_text}".strip()
    values["title_keys"] = search_companion(values["title"])
    values["body_keys"] = search_companion(values["body"])
    for key in ("grade_min", "grade_max", "subject_id"):
        values.setdefault(key, None)
    return values, sorted(set(collections))


def backends():
    """The backends kept up to date as content changes (AUTO_UPDATE not switched off);
    PostgreSQL's database backend is left out: documents there carry their own vectors."""
    from search.postgres import uses_own_vectors

    return [b for b in get_search_backends(with_auto_update=True) if not uses_own_vectors(b)]


def index_documents(docs: list[SearchDocument]) -> None:
    """Send documents to every configured backend; errors propagate (Celery retries)."""
    if not docs:
        return
    for backend in backends():
        backend.add_bulk(SearchDocument, docs)


def unindex_document(doc: SearchDocument) -> None:
    for backend in backends():
        backend.delete(doc)


def document_sync(label: str, pk: int) -> str:
    """Bring the search document of ``label``/``pk`` up to date; returns what was done:
    ``indexed``, ``removed`` or ``absent``."""
    from search.spelling import tiers_of, vocabulary_add

    model = source_model(label)
    content_type = ContentType.objects.get_for_model(model)
    obj = model._default_manager.filter(pk=pk).first()
    fields = BUILDERS[label](obj) if obj is not None else None
    existing = SearchDocument.objects.filter(source_type=content_type, source_id=pk).first()
    if fields is None:
        if existing is None:
            return "absent"
        # Out of the index first: a result never points at a row that is gone.
        unindex_document(existing)
        existing.delete()
        return "removed"
    doc = write_document(content_type, pk, fields)
    index_documents([doc])
    vocabulary_add([doc.title, doc.body], tiers=tiers_of(doc))
    return "indexed"


def write_document(source_type, source_id: int, fields: dict) -> SearchDocument:
    """Create or update the document row of one source object from its builder's fields
    (the id stays the same across updates), with its collection memberships."""
    values, collections = document_values(fields)
    with transaction.atomic():
        doc, _created = SearchDocument.objects.update_or_create(
            source_type=source_type, source_id=source_id, defaults=values
        )
        _set_collections(doc, collections)
    doc._collection_ids = collections
    return doc


def _set_collections(doc: SearchDocument, collections: list[int]) -> None:
    current = set(doc.memberships.values_list("collection_id", flat=True))
    wanted = set(collections)
    if current - wanted:
        doc.memberships.filter(collection_id__in=current - wanted).delete()
    SearchDocumentCollection.objects.bulk_create(
        [SearchDocumentCollection(document=doc, collection_id=c) for c in wanted - current]
    )


def source_objects(label: str):
    """All objects of a source model that may have a document, for the rebuild."""
    model = source_model(label)
    qs = model._default_manager.all()
    if label == "content.libraryitem":
        qs = qs.filter(live=True).select_related("subject").prefetch_related("topics")
    elif label in ("content.lessonpage", "content.electurepage"):
        qs = qs.live().select_related("subject", "curriculum_lesson__topic")
    else:
        qs = qs.select_related("subject", "bank", "topic", "level").prefetch_related("choices")
    return qs.order_by("pk")
