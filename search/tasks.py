"""Celery tasks of search: thin, take labels and ids, idempotent."""

from celery import shared_task

from question_bank.models import Question
from search.documents import document_sync
from search.service import ENGINE_ERRORS


@shared_task(
    acks_late=True,
    autoretry_for=ENGINE_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=12,
)
def search_document_sync_task(label: str, pk: int) -> str:
    """Write, re-index or remove the search document of one lesson, e-lecture, library
    item or question (retried while the search engine is unreachable)."""
    return document_sync(label, pk)


@shared_task(acks_late=True)
def search_bank_sync_task(bank_id: int) -> int:
    """A bank's sharing or confidentiality changed: re-check all of its questions."""

    ids = list(Question.objects.filter(bank_id=bank_id).values_list("pk", flat=True))
    for pk in ids:
        search_document_sync_task.delay("question_bank.question", pk)
    return len(ids)
