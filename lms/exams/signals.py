"""What the exam engine tells the rest of ``lms``: the services never call the Celery tasks
(which call the services), they announce; ``lms.receivers`` queues the work."""

from django.dispatch import Signal

#: Sent after the commit that submitted an attempt; kwargs: ``attempt_id``.
attempt_submitted = Signal()

#: Sent after the commit that graded an attempt (once per attempt); kwargs: ``attempt_id``,
#: ``kind`` (the session's kind: exam, practice or mock).
attempt_graded = Signal()

#: Sent when a practice check of one answer was recorded (in the check's request); kwargs: ``attempt_id``, ``slot``,
#: ``version_id``, ``response`` (checked), ``fraction`` (None for an essay), ``key_seen``,
#: ``duration_ms`` (what the page measured, or None), ``revision`` (the paper header's
#: ``revision`` mark: "review" for a day's review queue, else "").
answer_checked = Signal()
