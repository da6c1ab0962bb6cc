"""Celery tasks of the exam engine: thin, take ids, idempotent, safe to retry.

``attempt_grade_task`` may run twice (a retry, a second worker, ``acks_late`` after a worker
died): :func:`lms.exams.grading.attempt_grade` grades an attempt exactly once.
``attempts_close_overdue_task`` runs every 30 s from Celery beat (``CELERY_BEAT_SCHEDULE``)
and submits the attempts whose deadline and grace period have passed.
"""

from celery import shared_task
from django.db import transaction

from lms.exams import grading, services


@shared_task(acks_late=True, reject_on_worker_lost=True, name="lms.exams.attempt_grade")
def attempt_grade_task(attempt_id: int) -> str | None:
    result = grading.attempt_grade(attempt_id)
    return None if result is None else str(result.score)


@shared_task(name="lms.exams.close_overdue")
def attempts_close_overdue_task() -> int:
    return len(services.attempts_close_overdue())


def enqueue_grading(attempt_id: int) -> None:
    """Grade after the current transaction commits (called inside the submit)."""
    transaction.on_commit(lambda: attempt_grade_task.delay(attempt_id))
