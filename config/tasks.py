"""django-tasks backend for production: django-tasks-fennel on our Celery app.

Evaluated for issue 2: fennel runs Wagtail's django-tasks (search index updates,
reference index, file deletion, image focal points) as ordinary Celery tasks on the same
workers and queue as ours, with results in Redis. One misfit: task priorities only work
on an AMQP broker, and we run Redis, so this subclass declares no priority support
(django-tasks then refuses ``priority=`` instead of silently ignoring it) and drops
fennel's unconditional warning about it, keeping ``check --deploy`` meaningful.
"""

from collections.abc import Iterable

from django.core import checks
from django_tasks_fennel import CeleryBackend


class CeleryTaskBackend(CeleryBackend):
    supports_priority = False

    def check(self, **kwargs) -> Iterable[checks.CheckMessage]:
        for message in super().check(**kwargs):
            if "priority support requires an AMQP" not in message.msg:
                yield message
