"""Reading untrusted files safely: XML without entities or network, zip archives checked first.

Every importer reads XML through :func:`parse_xml` and archives through :class:`SafeZip`.
Refusals raise :class:`ImportRejected` with a Vietnamese reason.
"""

import io
import re
import stat
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import IO

from lxml import etree


class ImportRejected(ValueError):
    """The whole file is refused (unsafe, unreadable, not the format it claims).

    The message is Vietnamese and says why, e.g. ``"Tệp XML chứa khai báo ENTITY"``.
    """


MAX_XML_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_TOTAL = 500 * 1024 * 1024  # expanded bytes of the whole archive
MAX_ZIP_MEMBER = 200 * 1024 * 1024  # expanded bytes of one entry
MAX_ZIP_RATIO = 200  # expanded / compressed of one entry above 1 MB

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _parser(*, recover: bool = False, huge: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=huge,
        recover=recover,
    )


def parse_xml(data: bytes, *, name: str = "", huge: bool = False) -> etree._ElementTree:
    """Parse XML bytes, refusing DTDs with entities (XXE, billion laughs) and network access."""
    where = f"Tệp {name}: " if name else ""
    if len(data) > MAX_XML_BYTES:
        raise ImportRejected(f"{where}tệp XML quá lớn ({len(data) // 1048576} MB)")
    head = data[:4096] if not _DOCTYPE.search(data[:65536]) else data
    if _DOCTYPE.search(head):
        if _ENTITY.search(data):
            raise ImportRejected(
                f"{where}tệp XML chứa khai báo ENTITY trong DTD — bị từ chối vì lý do an toàn "
                "(có thể là tấn công XXE hoặc “billion laughs”)"
            )
        if re.search(rb"<!DOCTYPE[^>\[]*\[", data):
            raise ImportRejected(f"{where}tệp XML chứa DTD nội bộ — bị từ chối vì lý do an toàn")
    try:
        tree = etree.parse(io.BytesIO(data), _parser(huge=huge))
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None) or (exc.position[0] if exc.position else "?")
        raise ImportRejected(f"{where}XML không hợp lệ ở dòng {line}: {exc.msg}") from exc
    if tree.docinfo.internalDTD is not None:
        raise ImportRejected(f"{where}tệp XML chứa DTD nội bộ — bị từ chối vì lý do an toàn")
    return tree


class SafeZip:
    """A zip archive whose names, entry count and expanded size were checked before any read."""

    def __init__(
        self,
        data: bytes | IO[bytes],
        *,
        name: str = "",
        max_entries: int = MAX_ZIP_ENTRIES,
        max_total: int = MAX_ZIP_TOTAL,
        max_member: int = MAX_ZIP_MEMBER,
    ):
        self.label = f"Tệp {name}: " if name else ""
        self.max_member = max_member
        # A seekable file is read in place (large packages are never held in memory).
        source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
        try:
            self._zip = zipfile.ZipFile(source)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ImportRejected(f"{self.label}không phải tệp nén zip hợp lệ ({exc})") from exc
        if len(infos) > max_entries:
            raise ImportRejected(
                f"{self.label}tệp nén có {len(infos)} mục, vượt giới hạn {max_entries}"
            )
        total = 0
        self._names: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self._check_name(info)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ImportRejected(
                    f"{self.label}mục “{info.filename}” là liên kết tượng trưng (symlink) — bị từ chối"
                )
            if info.flag_bits & 0x1:
                raise ImportRejected(
                    f"{self.label}mục “{info.filename}” được mã hoá — không đọc được"
                )
            if info.file_size > max_member:
                raise ImportRejected(
                    f"{self.label}mục “{info.filename}” giải nén ra {info.file_size // 1048576} MB, "
                    f"vượt giới hạn {max_member // 1048576} MB (nghi ngờ “zip bomb”)"
                )
            if info.file_size > 1048576 and info.file_size > MAX_ZIP_RATIO * max(
                info.compress_size, 1
            ):
                raise ImportRejected(
                    f"{self.label}mục “{info.filename}” có tỉ lệ nén bất thường "
                    f"({info.file_size // max(info.compress_size, 1)}:1) — nghi ngờ “zip bomb”"
                )
            total += info.file_size
            if total > max_total:
                raise ImportRejected(
                    f"{self.label}tệp nén giải nén ra hơn {max_total // 1048576} MB — nghi ngờ “zip bomb”"
                )
            if not info.is_dir():
                self._names[info.filename] = info

    def _check_name(self, info: zipfile.ZipInfo) -> None:
        raw = info.filename
        path = PurePosixPath(raw.replace("\\", "/"))
        if (
            raw.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", raw)
            or ".." in path.parts
            or "\x00" in raw
        ):
            raise ImportRejected(
                f"{self.label}mục “{raw}” có đường dẫn ra ngoài thư mục giải nén — bị từ chối"
            )

    def namelist(self) -> list[str]:
        return list(self._names)

    def __contains__(self, name: str) -> bool:
        return name in self._names

    def size(self, name: str) -> int:
        """The expanded size the entry declares (checked against the limits above)."""
        return self._names[name].file_size

    def read(self, name: str) -> bytes:
        """Read one entry, stopping if it expands beyond what its header declared (lying headers)."""
        info = self._names.get(name)
        if info is None:
            raise KeyError(name)
        limit = min(info.file_size, self.max_member)
        try:
            with self._zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            # zipfile stops at the declared size and then fails the CRC check: a lying header
            # (or a corrupt entry) ends up here, not as an unhandled exception.
            raise ImportRejected(
                f"{self.label}mục “{name}” bị hỏng hoặc khai báo sai kích thước — bị từ chối ({exc})"
            ) from exc
        if len(data) > limit:
            raise ImportRejected(
                f"{self.label}mục “{name}” giải nén ra nhiều hơn kích thước khai báo — bị từ chối"
            )
        return data

    def open(self, name: str) -> IO[bytes]:
        """Stream one entry; like :meth:`read` it refuses an entry that expands beyond its
        declared size or fails its CRC, but only as the bytes are read."""
        info = self._names.get(name)
        if info is None:
            raise KeyError(name)
        try:
            handle = self._zip.open(info)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError) as exc:
            raise ImportRejected(f"{self.label}mục “{name}” bị hỏng — bị từ chối ({exc})") from exc
        return _CheckedMember(
            handle, name=name, limit=min(info.file_size, self.max_member), label=self.label
        )


class _CheckedMember(io.RawIOBase):
    """A zip entry read in chunks: damage and lying sizes become :class:`ImportRejected`."""

    def __init__(self, handle, *, name: str, limit: int, label: str):
        self._handle, self._name, self._limit, self._label = handle, name, limit, label
        self._read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._handle.read(size)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise ImportRejected(
                f"{self._label}mục “{self._name}” bị hỏng hoặc khai báo sai kích thước — "
                f"bị từ chối ({exc})"
            ) from exc
        self._read += len(data)
        if self._read > self._limit:
            raise ImportRejected(
                f"{self._label}mục “{self._name}” giải nén ra nhiều hơn kích thước khai báo — bị từ chối"
            )
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._handle.close()
        super().close()


def resolve_member(base: str, href: str) -> str:
    """Resolve a relative href inside an archive (QTI packages, docx rels) without escaping it."""
    href = href.split("#", 1)[0].split("?", 1)[0]
    parts = list(PurePosixPath(base).parent.parts) if base else []
    for part in PurePosixPath(href).parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise ImportRejected(f"đường dẫn “{href}” ra ngoài gói — bị từ chối")
            parts.pop()
        elif part == "/":
            parts = []
        else:
            parts.append(part)
    return "/".join(parts)
