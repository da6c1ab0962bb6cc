import pytest
from django.core.cache import cache

from lms.exams import delivery


@pytest.fixture(autouse=True)
def _fresh_exam_caches():
    """Ids repeat between tests (rolled back), so cached attempt states and versions must go."""
    cache.clear()
    delivery._LOCAL.clear()
    yield
    cache.clear()
    delivery._LOCAL.clear()
