"""Tests: the embedded defaults unless the environment names real services.

The search engine named by SEARCH_URL is added as the extra backend ``engine`` (not the
default) so ordinary tests stay fast; search tests index into it explicitly.
"""

from config.env import env_str
from search.settings import engine_backend

from .base import *

# Tests seed the demo (tests/demo/).
# First, so its seed_demo command wins over the refusing stub of accounts (production).
INSTALLED_APPS = ["demo", *INSTALLED_APPS]

SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "accounts.hashers.InitialPasswordHasher",
]
# client.login() authenticates without a request, which django-axes refuses; the sign-in
# tests (tests/security/test_signin.py) switch it on again.
AXES_ENABLED = False
HOCLIEU_ALLOW_DEMO_SEED = True
MEDIA_ROOT = BASE_DIR / "build" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "build" / "test-private-media"
STORAGES = {
    "default": {"BACKEND": "common.storage.PrivateStorage"},
    "public": {"BACKEND": "common.storage.PublicMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = search_backends(
    backend="database", url=None, database_vendor=DATABASE_VENDOR
)
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS["engine"] = engine_backend(
        backend=SEARCH_BACKEND if SEARCH_BACKEND != "database" else "opensearch2",
        url=SEARCH_URL,
        index_prefix=env_str("SEARCH_INDEX_PREFIX", "test_hoclieu_"),
    )
    WAGTAILSEARCH_BACKENDS["engine"]["AUTO_UPDATE"] = False
# Tests enqueue tasks inline; the Celery tests start a real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The content origin asks the permission at every request: ids repeat across tests'
# databases, so a cached answer under the same token could outlive its test.
HOCLIEU_PACKAGE_ACCESS_CACHE_SECONDS = 0

# FSRS due dates without random fuzz, so tests compare them with fsrs itself.
REVISION_FSRS_FUZZING = False
