"""Reading a version's extracted files (for the content origin and the benchmark).

Paths are relative to the version's folder, with forward slashes, already URL-decoded.
Anything that could leave the folder (``..``, an absolute path, a drive letter, a NUL, a
backslash) is refused with :class:`UnsafePath` before the storage is asked.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import IO

from common.storage import private_storage


class UnsafePath(ValueError):
    """The path would leave the package's folder."""


def storage_name(version, relpath: str) -> str:
    """The private-storage name of ``relpath`` inside ``version`` (for ``common.serving``)."""
    if not relpath or "\x00" in relpath or "\\" in relpath or relpath.startswith("/"):
        raise UnsafePath(relpath)
    parts = PurePosixPath(relpath).parts
    if any(part in ("..", "") for part in parts) or ":" in parts[0]:
        raise UnsafePath(relpath)
    clean = "/".join(p for p in parts if p != ".")
    if not clean:
        raise UnsafePath(relpath)
    return f"{version.storage_prefix.rstrip('/')}/{clean}"


def exists(version, relpath: str) -> bool:
    try:
        return private_storage().exists(storage_name(version, relpath))
    except UnsafePath:
        return False


def open_file(version, relpath: str) -> tuple[IO[bytes], int]:
    """``(open binary file, size in bytes)``; raises :class:`FileNotFoundError` for a file
    not in the version and :class:`UnsafePath` for a path that would leave it."""
    storage = private_storage()
    name = storage_name(version, relpath)
    if not storage.exists(name):
        raise FileNotFoundError(relpath)
    return storage.open(name, "rb"), storage.size(name)
