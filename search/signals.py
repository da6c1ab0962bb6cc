"""Keep search documents in step with content: every change is queued, after commit, as a
Celery task (``search.tasks``) that rewrites or removes the one document concerned."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from content.library_models import CollectionEntry, LibraryCollection, LibraryItem
from content.models import ELecturePage, LessonPage
from curriculum.models import Subject
from question_bank.models import Question, QuestionBank
from search.synonyms import table_changed

logger = logging.getLogger(__name__)
_state = threading.local()


def _paused() -> bool:
    return getattr(_state, "paused", 0) > 0


@contextmanager
def paused():
    """Skip the per-object tasks (bulk loads that rebuild the index afterwards)."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def _send(task, *args) -> None:
    # Saving content never fails because search could not be updated: the error is
    # logged, and ``search_rebuild`` (or the next change) brings the document back in step.
    try:
        task.delay(*args)
    except Exception:
        logger.exception("search update %s%r could not be queued or run", task.name, args)


def queue_sync(label: str, pk) -> None:
    if _paused() or pk is None:
        return
    from search.tasks import search_document_sync_task

    transaction.on_commit(lambda: _send(search_document_sync_task, label, int(pk)))


def _source_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    queue_sync(f"{sender._meta.app_label}.{sender._meta.model_name}", instance.pk)


def _entry_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    queue_sync("content.libraryitem", instance.item_id)


def _bank_changed(sender, instance, raw=False, created=False, **kwargs):
    if raw or created or _paused():
        return
    from search.tasks import search_bank_sync_task

    transaction.on_commit(lambda: _send(search_bank_sync_task, instance.pk))


def _names_changed(sender, **kwargs):
    from search.labels import names_clear

    names_clear()


def _abbreviations_changed(**kwargs):
    # Every process re-reads the list on its next search (search.synonyms keeps a copy).
    table_changed()


def connect() -> None:
    from search.models import Abbreviation

    post_save.connect(
        _abbreviations_changed, sender=Abbreviation, dispatch_uid="abbreviation_saved"
    )
    post_delete.connect(
        _abbreviations_changed, sender=Abbreviation, dispatch_uid="abbreviation_deleted"
    )

    for model in (Subject, LibraryCollection):  # facet labels cached in search.labels
        post_save.connect(_names_changed, sender=model, dispatch_uid=f"names-{model.__name__}")
        post_delete.connect(_names_changed, sender=model, dispatch_uid=f"names-d-{model.__name__}")

    for model in (LibraryItem, LessonPage, ELecturePage, Question):
        post_save.connect(_source_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _source_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
    post_save.connect(_entry_changed, sender=CollectionEntry, dispatch_uid="search-entry")
    post_delete.connect(_entry_changed, sender=CollectionEntry, dispatch_uid="search-del-entry")
    post_save.connect(_bank_changed, sender=QuestionBank, dispatch_uid="search-bank")
