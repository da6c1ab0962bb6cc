"""The shared cache, used where losing it must cost speed only, never an answer or a refusal.

Django's Redis backend raises when Redis is down; these helpers log the failure and behave as
a miss, so callers fall back to the database (the source of truth).
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cache_get(key: str, default=None):
    try:
        return cache.get(key, default)
    except Exception:  # any cache failure is a miss
        logger.warning("cache get failed: %s", key, exc_info=True)
        return default


def cache_set(key: str, value, timeout: int | None = None) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("cache set failed: %s", key, exc_info=True)


def cache_delete(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.warning("cache delete failed: %s", key, exc_info=True)


def cache_get_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("cache get_many failed", exc_info=True)
        return {}
