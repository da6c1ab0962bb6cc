"""The one Celery app of hoclieu.

Our own tasks (``@shared_task`` in each app's ``tasks.py``) and Wagtail's django-tasks
(through django-tasks-fennel) run on the same workers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("hoclieu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.set_default()
