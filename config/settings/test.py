"""Tests: the embedded defaults unless the environment names real services.

The search engine named by SEARCH_URL is added as the extra backend ``engine`` (not the
default) so ordinary tests stay fast; search tests index into it explicitly.
"""

from config.env import env_str
from search.settings import engine_backend

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "build" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = search_backends(  # noqa: F405
    backend="database", url=None, database_vendor=DATABASE_VENDOR  # noqa: F405
)
if SEARCH_URL:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["engine"] = engine_backend(
        backend=SEARCH_BACKEND if SEARCH_BACKEND != "database" else "opensearch2",  # noqa: F405
        url=SEARCH_URL,  # noqa: F405
        index_prefix=env_str("SEARCH_INDEX_PREFIX", "test_hoclieu_"),
    )
    WAGTAILSEARCH_BACKENDS["engine"]["AUTO_UPDATE"] = False
# Tests enqueue tasks inline; the Celery tests start a real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
