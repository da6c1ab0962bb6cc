"""What the exam engine tells the rest of ``lms``: the services never call the Celery tasks
(which call the services), they announce; ``lms.receivers`` queues the work."""

from django.dispatch import Signal

#: Sent after the commit that submitted an attempt; kwargs: ``attempt_id``.
attempt_submitted = Signal()
