"""Celery tasks of the library: thin, take ids, idempotent."""

from celery import shared_task

from content.processing import library_item_process


@shared_task(acks_late=True)
def library_item_process_task(item_id: int) -> str:
    """Extract the text and make the cover of a library item's file (PDF or EPUB)."""
    return library_item_process(item_id=item_id)
