"""What every part of the library-file layer shares: the refusal and reading a source."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError

MB = 1024 * 1024

# Vietnamese names of the kinds, as they appear inside messages ("không phải PDF thật").
KIND_LABELS = {
    "pdf": "PDF",
    "epub": "EPUB",
    "image": "ảnh",
    "video": "video",
    "audio": "âm thanh",
    "docx": "Word (DOCX)",
    "pptx": "PowerPoint (PPTX)",
    "xlsx": "Excel (XLSX)",
    "odt": "văn bản OpenDocument (ODT)",
    "odp": "trình chiếu OpenDocument (ODP)",
    "ods": "bảng tính OpenDocument (ODS)",
    "office": "tài liệu văn phòng",  # the group of the six above, as used in ``allowed``
}
OFFICE_KINDS = frozenset({"docx", "pptx", "xlsx", "odt", "odp", "ods"})

Source = str | os.PathLike | bytes | IO[bytes]


class UploadRejected(ValidationError):
    """A library file is refused; the Vietnamese message names the file and says why.

    ``code`` tells the reason apart for code (``too_big``, ``wrong_type``,
    ``pdf_active_content`` …); ``str(exc)`` is the message itself.
    """

    def __init__(self, message: str, *, code: str, params: dict | None = None):
        super().__init__(message, code=code, params=params)

    def __str__(self) -> str:
        return self.messages[0]


def display_name(source) -> str:
    """The bare file name to show in messages (never a server path)."""
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return os.path.basename(getattr(source, "name", "") or "") or "tệp"


def read_source(source: Source) -> bytes:
    """All bytes of a path, bytes or (Django) file object, leaving a file rewound."""
    if isinstance(source, bytes):
        return source
    if isinstance(source, (str, os.PathLike)):
        return Path(source).read_bytes()
    if getattr(source, "closed", False) and hasattr(source, "open"):
        source.open("rb")
    source.seek(0)
    data = source.read()
    source.seek(0)
    return data if isinstance(data, bytes) else bytes(data)
