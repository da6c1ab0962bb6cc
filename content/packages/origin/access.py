"""From a token to the package version its bearer may read, re-checking the permission.

A token only says who asked (``tokens``); whether that user may still see the package is
``content.permissions.can_view_package``, asked again here. The answer, with the few
fields serving needs, is cached for ``HOCLIEU_PACKAGE_ACCESS_CACHE_SECONDS`` (a minute by
default) under the token, so a package of 300 files costs one permission check per
minute, not 300, and a student who loses access is refused within that minute.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache

from content import permissions
from content.packages.models import PackageVersion
from content.packages.origin.tokens import TokenExpired, TokenInvalid, read_token

DEFAULT_CACHE_SECONDS = 60
EXPIRED = "Phiên phát gói đã hết hạn, hãy tải lại trang."
INVALID = "Liên kết phát gói không hợp lệ: hãy mở gói từ trang bài học."
NOT_ALLOWED = "Bạn không có quyền xem gói này."
# The fields of a version that serving and the launcher read (no other query per file).
FIELDS = ("package_id", "kind", "content_hash", "storage_prefix", "launch", "structure")


class Refused(Exception):
    """The content origin says no: ``status`` and a Vietnamese ``message``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Grant:
    user_id: int
    version: PackageVersion  # unsaved copy with FIELDS and the id; never saved


def _cache_seconds() -> int:
    return int(getattr(settings, "HOCLIEU_PACKAGE_ACCESS_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def _decide(user_id: int, version_id: int) -> dict | None:
    version = PackageVersion.objects.select_related("package").filter(pk=version_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if version is None or user is None:
        return None
    if not permissions.can_view_package(user, version.package):
        return None
    return {name: getattr(version, name) for name in FIELDS}


def grant_for(token: str) -> Grant:
    """The version ``token`` opens for its user, or :class:`Refused` (403) saying why."""
    try:
        user_id, version_id = read_token(token)
    except TokenExpired as exc:
        raise Refused(403, EXPIRED) from exc
    except TokenInvalid as exc:
        raise Refused(403, INVALID) from exc
    seconds = _cache_seconds()
    key = "hoclieu:package-origin:" + hashlib.sha256(token.encode()).hexdigest()[:40]
    fields = cache.get(key) if seconds > 0 else None
    if fields is None:
        # False (not None) caches a refusal too.
        fields = _decide(user_id, version_id) or False
        if seconds > 0:
            cache.set(key, fields, seconds)
    if not fields:
        raise Refused(403, NOT_ALLOWED)
    return Grant(user_id=user_id, version=PackageVersion(id=version_id, **fields))
