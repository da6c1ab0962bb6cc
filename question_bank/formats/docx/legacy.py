"""Word files the importer cannot read, told apart so the teacher knows what to do.

A Word 97–2003 ``.doc`` is an OLE compound file with a ``WordDocument`` stream; a
password-protected ``.docx`` is an OLE compound file too (``EncryptedPackage``); an RTF file
starts with ``{\\rtf``. None of them is converted on the server: the teacher saves the file
as ``.docx`` in Word (Lưu thành…), which keeps MathType equations readable.
"""

from __future__ import annotations

import io

import olefile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_SNIFF_BYTES = 200 * 1024 * 1024

DOC = (
    "Tệp .doc (Word 97–2003) chưa đọc được: hãy mở tệp trong Word và Lưu thành (Save As) "
    ".docx rồi tải lên lại"
)
RTF = (
    "Tệp .rtf (Rich Text) chưa đọc được: hãy mở tệp trong Word và Lưu thành (Save As) "
    ".docx rồi tải lên lại"
)
ENCRYPTED = (
    "Tệp Word được đặt mật khẩu nên không đọc được: hãy mở tệp trong Word, gỡ mật khẩu "
    "(Tệp → Thông tin → Bảo vệ tài liệu) rồi tải lên lại"
)
OTHER_OLE = (
    "Tệp này là tệp Office đời cũ (Excel/PowerPoint 97–2003 hoặc tương tự), không phải tệp "
    "Word .docx: hãy lưu câu hỏi thành .docx rồi tải lên lại"
)


def legacy_problem(head: bytes, *, data: bytes | None = None, name: str = "") -> str | None:
    """Why a file that should be a .docx cannot be read (None when it may be one).

    ``head`` is at least the first 8 bytes; ``data`` (the whole file) tells an encrypted
    .docx and other Office files from a .doc, else an OLE file is taken for a .doc."""
    if head.lstrip()[:5] == b"{\\rtf":
        return RTF
    if head[:8] != OLE_MAGIC:
        return DOC if name.lower().endswith(".doc") else None
    if data is None or len(data) > MAX_SNIFF_BYTES:
        return DOC
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                return ENCRYPTED
            if ole.exists("WordDocument"):
                return DOC
            return OTHER_OLE
    except Exception:  # olefile raises many kinds on a damaged container
        return DOC
