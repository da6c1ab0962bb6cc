"""Opening an uploaded package safely and extracting it once to private storage.

The archive goes through :class:`common.safefiles.SafeZip` (path traversal, symlinks,
encrypted entries, entry count, expanded size, compression ratio) without being read into
memory: the upload is hashed in chunks (SHA-256, the version's ``content_hash``), the zip
directory is read in place, and each member is copied in chunks to
``packages/<hash>/`` in the private storage (``common.storage``, never MEDIA_ROOT).

A marker beside the folder (``packages/<hash>.complete``), written last, says the
extraction is whole: the same archive uploaded again (another package, a re-upload) reuses
it. A partial folder (a crash mid-way) is emptied and extracted again.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile, File

from common.safefiles import ImportRejected, SafeZip
from common.storage import private_storage
from content.packages.errors import PackageRejected

MB = 1024 * 1024
CHUNK = MB
DEFAULT_LIMITS = {
    "archive": 500 * MB,  # bytes of the uploaded .zip/.h5p
    "expanded": 500 * MB,  # bytes of all files once extracted
    "member": 300 * MB,  # bytes of one extracted file (a video)
    "entries": 20_000,  # files and folders in the archive
    "manifest": 10 * MB,  # imsmanifest.xml, h5p.json, library.json, content.json
}
STORAGE_ROOT = "packages"
# Left out of the extraction and of every check: what archivers add on their own.
_JUNK_PARTS = {"__MACOSX"}
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def limits() -> dict[str, int]:
    """The limits above, overridden by ``settings.HOCLIEU_PACKAGE_LIMITS`` (a dict)."""
    return {**DEFAULT_LIMITS, **getattr(settings, "HOCLIEU_PACKAGE_LIMITS", {})}


def storage_prefix(content_hash: str) -> str:
    return f"{STORAGE_ROOT}/{content_hash}/"


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",")


@dataclass
class Archive:
    """A checked package archive: its hash and its files by normalised path."""

    name: str
    content_hash: str
    zip: SafeZip
    members: dict[str, str] = field(default_factory=dict)  # path → name inside the zip
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return list(self.members)

    @property
    def size(self) -> int:
        return sum(self.sizes.values())

    def has(self, path: str) -> bool:
        return path in self.members

    def read(self, path: str) -> bytes:
        """A small file (manifest, JSON) read whole; larger than the manifest limit is refused."""
        if self.sizes[path] > limits()["manifest"]:
            raise PackageRejected(
                f"Tệp {path} quá lớn ({_mb(self.sizes[path])} MB) để đọc như tệp mô tả gói"
            )
        try:
            return self.zip.read(self.members[path])
        except ImportRejected as exc:
            raise PackageRejected(str(exc)) from exc

    def open(self, path: str) -> IO[bytes]:
        return self.zip.open(self.members[path])


def _source(uploaded_file) -> IO[bytes]:
    if getattr(uploaded_file, "closed", False) and hasattr(uploaded_file, "open"):
        uploaded_file.open("rb")
    return getattr(uploaded_file, "file", uploaded_file)


def _hash(source: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    source.seek(0)
    for chunk in iter(lambda: source.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    source.seek(0)
    return digest.hexdigest(), size


def _normalised(raw: str) -> str | None:
    """The member's path with forward slashes, or None for folders and archiver junk."""
    path = raw.replace("\\", "/")
    if path.endswith("/"):
        return None
    parts = PurePosixPath(path).parts
    if not parts or _JUNK_PARTS & set(parts) or parts[-1] in _JUNK_NAMES:
        return None
    return "/".join(p for p in parts if p != ".")


def open_archive(uploaded_file, *, name: str = "") -> Archive:
    """Hash and check an uploaded package, or raise :class:`PackageRejected`.

    Nothing is extracted and nothing is held in memory but the zip directory.
    """
    name = os.path.basename(name or getattr(uploaded_file, "name", "") or "") or "gói"
    source = _source(uploaded_file)
    bound = limits()
    content_hash, size = _hash(source)
    if size > bound["archive"]:
        raise PackageRejected(
            f"Tệp “{name}” nặng {_mb(size)} MB, vượt giới hạn {_mb(bound['archive'])} MB "
            "cho một gói bài giảng"
        )
    if not zipfile.is_zipfile(source):
        raise PackageRejected(
            f"Tệp “{name}” không phải gói ZIP hợp lệ: gói SCORM (.zip) và gói H5P (.h5p) "
            "đều là tệp nén ZIP (tệp có thể bị hỏng hoặc tải lên chưa hết)"
        )
    source.seek(0)
    try:
        checked = SafeZip(
            source,
            name=name,
            max_entries=bound["entries"],
            max_total=bound["expanded"],
            max_member=bound["member"],
        )
    except ImportRejected as exc:
        raise PackageRejected(str(exc)) from exc
    archive = Archive(name=name, content_hash=content_hash, zip=checked)
    for raw in checked.namelist():
        path = _normalised(raw)
        if path:
            archive.members[path] = raw
            archive.sizes[path] = checked.size(raw)
    return archive


def _marker(content_hash: str) -> str:
    return f"{STORAGE_ROOT}/{content_hash}.complete"


def is_extracted(content_hash: str) -> bool:
    return private_storage().exists(_marker(content_hash))


def _stored_names(storage, folder: str) -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{f}" for f in files]
    for sub in folders:
        names.extend(_stored_names(storage, f"{folder}{sub}/"))
    return names


def _remove(storage, prefix: str) -> None:
    for stored in _stored_names(storage, prefix):
        storage.delete(stored)


def extract(archive: Archive) -> tuple[str, bool]:
    """Copy every file of a checked archive to ``packages/<hash>/``, each in chunks.

    Returns ``(storage_prefix, reused)``: ``reused`` when a whole extraction of the same
    bytes was already there. On any failure the folder is emptied and
    :class:`PackageRejected` is raised.
    """
    storage = private_storage()
    prefix = storage_prefix(archive.content_hash)
    if is_extracted(archive.content_hash):
        return prefix, True
    _remove(storage, prefix)  # a partial extraction left by a crash
    try:
        for path, raw in archive.members.items():
            target = prefix + path
            with archive.zip.open(raw) as member:
                saved = storage.save(target, File(member, name=target))
            if saved != target:  # two members only differing in a way the disk merges
                raise PackageRejected(f"Tệp {path} trùng tên với một tệp khác trong gói")
        manifest = {"files": len(archive.members), "size": archive.size}
        storage.save(_marker(archive.content_hash), ContentFile(json.dumps(manifest).encode()))
    except ImportRejected as exc:
        _remove(storage, prefix)
        raise PackageRejected(str(exc)) from exc
    except OSError as exc:
        _remove(storage, prefix)
        raise PackageRejected(
            f"Không giải nén được gói “{archive.name}” vào kho lưu trữ ({exc.strerror or exc})"
        ) from exc
    except BaseException:
        _remove(storage, prefix)
        raise
    return prefix, False


def discard(content_hash: str) -> None:
    """Remove an extraction no version uses (a failed save right after extracting)."""
    storage = private_storage()
    storage.delete(_marker(content_hash))
    _remove(storage, storage_prefix(content_hash))
