import pytest
from django.core.cache import cache

from lms.exams import delivery


def _forget_exam_keys():
    """Ids repeat between tests (rolled back), so cached attempt states and versions must go.
    Only the exam keys: on Redis the cache shares its database with Celery's broker."""
    delivery._LOCAL.clear()
    client = getattr(cache, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        redis = client.get_client(write=True)
        keys = list(redis.scan_iter(match="*exam:*"))
        if keys:
            redis.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_exam_caches():
    _forget_exam_keys()
    yield
    _forget_exam_keys()
