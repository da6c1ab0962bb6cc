"""The preview's reading of a file, kept for the save that follows it.

An import reads its file twice: the preview (a Celery task) and the save the teacher
confirms (another task, minutes later). Parsing is a fifth of a big save, so the preview
keeps its reading in the shared cache (Redis; Django pickles it) under the import job's
key, with the SHA-256 of the bytes it read. The save takes it only for the very same bytes,
then checks every question again, applies the teacher's fixes and leave-outs and writes in
one transaction, exactly as after reading the file itself; without the kept reading
(expired, evicted, another file, Redis down) it reads the file again. Files over
``MAX_BYTES`` are never kept.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

from django.core.cache import cache

from question_bank.formats.base import ParseResult
from question_bank.formats.registry import parse_file

logger = logging.getLogger(__name__)

KEEP_SECONDS = 3600
MAX_BYTES = 64 * 1024 * 1024


def job_key(job) -> str:
    """The cache key of an import job's reading (the job's id and creation time, so a reused
    id never meets an older job's reading)."""
    return f"question_bank:import-reading:{job.pk}:{job.created_at.timestamp():.6f}"


def _digest(filename: str, data: bytes, files: Mapping[str, bytes] | None) -> str:
    h = hashlib.sha256(filename.encode())
    h.update(b"\0" + data)
    for name in sorted(files or {}):
        h.update(b"\0" + name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def read(
    filename: str,
    data: bytes,
    *,
    files: Mapping[str, bytes] | None = None,
    key: str = "",
    keep: bool = False,
) -> ParseResult:
    """``parse_file``'s reading: the one kept under ``key`` for these very bytes, else a
    fresh one (kept under ``key`` when ``keep``). Each call returns its own copy."""
    if not key or len(data) > MAX_BYTES:
        return parse_file(filename, data, files=files)
    digest = _digest(filename, data, files)
    try:
        kept = cache.get(key)
    except Exception:  # a cache that is down only costs the reading
        logger.warning("Import reading %s: the cache did not answer", key, exc_info=True)
        kept = None
    fits = isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest
    if fits and isinstance(kept[1], ParseResult):  # the very bytes, read by this code
        return kept[1]
    result = parse_file(filename, data, files=files)
    if keep:
        try:
            cache.set(key, (digest, result), KEEP_SECONDS)
        except Exception:
            logger.warning("Import reading %s: not kept", key, exc_info=True)
    return result


def forget(key: str) -> None:
    if key:
        try:
            cache.delete(key)
        except Exception:
            logger.warning("Import reading %s: not forgotten", key, exc_info=True)
