"""Celery tasks of the exam engine: thin, take ids, idempotent, safe to retry.

``attempt_grade_task`` may run twice (a retry, a second worker, ``acks_late`` after a worker
died): :func:`lms.exams.grading.attempt_grade` grades an attempt exactly once.
``attempts_close_overdue_task`` runs every 30 s from Celery beat (``CELERY_BEAT_SCHEDULE``)
and submits the attempts whose deadline and grace period have passed; it also queues again
the grading of attempts submitted while the broker was down (a submit never waits for Redis).
"""

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone
from kombu.exceptions import OperationalError

from lms.exams import grading, services

logger = logging.getLogger(__name__)
#: A submitted attempt still without a result this long after its submit lost its grading
#: message (the broker was down): the periodic task queues it again (grading is idempotent).
GRADING_LOST_AFTER = dt.timedelta(minutes=10)


# ignore_result: nobody waits for it (the result is the AttemptResult row), and sending it
# then never subscribes to the result backend (with Redis down that blocked a submit ~20 s).
@shared_task(
    acks_late=True, reject_on_worker_lost=True, ignore_result=True, name="lms.exams.attempt_grade"
)
def attempt_grade_task(attempt_id: int) -> str | None:
    result = grading.attempt_grade(attempt_id)
    return None if result is None else str(result.score)


@shared_task(name="lms.exams.close_overdue")
def attempts_close_overdue_task() -> int:
    closed = len(services.attempts_close_overdue())
    for attempt_id in grading.attempts_ungraded(
        submitted_before=timezone.now() - GRADING_LOST_AFTER
    ):
        attempt_grade_task.delay(attempt_id)
    return closed


def _send_grading(attempt_id: int) -> None:
    try:
        attempt_grade_task.delay(attempt_id)
    except OperationalError:  # the broker is down: attempts_close_overdue_task resends it
        logger.warning("grading of attempt %s not queued (broker down)", attempt_id)


def grade_submitted(sender, *, attempt_id: int, **kwargs) -> None:
    """Receiver of :data:`lms.exams.signals.attempt_submitted` (sent after the commit)."""
    _send_grading(attempt_id)
