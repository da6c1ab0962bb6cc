# Importing the Celery app here makes it Celery's current app before Django apps load,
# so django-tasks-fennel and @shared_task use it instead of a broker-less default.
from .celery import app as celery_app

__all__ = ["celery_app"]
