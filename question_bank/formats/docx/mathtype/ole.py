"""The equation stream inside a MathType / Equation Editor 3.0 OLE object.

Word keeps each equation as ``word/embeddings/oleObject*.bin``, an OLE compound file whose
"Equation Native" stream is a 28-byte header (``EQNOLEFILEHDR``: ``cbHdr``, version, clipboard
format, ``cbObject`` and four reserved words) followed by the MTEF bytes. The container is read
with :mod:`olefile` after a size check; nothing in it is ever executed.
"""

from __future__ import annotations

import io
import struct

import olefile

from question_bank.formats.docx.mathtype.errors import MtefError, OleError

MAX_OLE_BYTES = 4 * 1024 * 1024  # real equations are a few KB; anything bigger is refused
EQUATION_STREAM = "Equation Native"
_HEADER = struct.Struct("<HIHI")  # cbHdr, version, cf, cbObject (then 4 reserved DWORDs)

# ProgIDs Word writes for MathType (Design Science / WIRIS) and Equation Editor 3.0.
_PROGID_PREFIXES = ("equation.dsmt", "equation.3", "equation.2", "mathtype.")


def is_equation_progid(prog_id: str) -> bool:
    """True for the OLE classes whose objects carry an MTEF equation stream."""
    return prog_id.strip().lower().startswith(_PROGID_PREFIXES)


def equation_stream(data: bytes) -> bytes:
    """The raw "Equation Native" stream of an OLE object (``oleObject*.bin``)."""
    if len(data) > MAX_OLE_BYTES:
        raise OleError(
            f"Đối tượng công thức quá lớn ({len(data) // 1024} KB, "
            f"giới hạn {MAX_OLE_BYTES // 1024} KB)"
        )
    if not olefile.isOleFile(data=data):
        raise OleError("Đối tượng nhúng không phải tệp OLE hợp lệ")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists(EQUATION_STREAM):
                raise OleError("Đối tượng nhúng không có luồng “Equation Native” của MathType")
            return ole.openstream(EQUATION_STREAM).read()
    except OleError:
        raise
    except Exception as exc:  # olefile raises many kinds on a damaged container
        raise OleError(f"Tệp OLE của công thức bị hỏng ({exc})") from exc


def mtef_from_stream(stream: bytes) -> bytes:
    """The MTEF bytes after the ``EQNOLEFILEHDR`` (whose first word gives its own length)."""
    if len(stream) < _HEADER.size:
        raise MtefError("Luồng công thức quá ngắn, thiếu phần đầu (EQNOLEFILEHDR)")
    cb_hdr, _version, _cf, cb_object = _HEADER.unpack_from(stream)
    if cb_hdr < _HEADER.size or cb_hdr >= len(stream):
        raise MtefError(f"Phần đầu luồng công thức có độ dài sai ({cb_hdr} byte)")
    body = stream[cb_hdr:]
    if 0 < cb_object <= len(body):
        body = body[:cb_object]
    return body


def mtef_version(mtef: bytes) -> int:
    """3 for Equation Editor 3.0, 4 for MathType 3.5, 5 for MathType 4 and later."""
    if not mtef:
        raise MtefError("Luồng công thức rỗng")
    return mtef[0]


def read_mtef(data: bytes) -> bytes:
    """OLE object bytes → MTEF bytes."""
    return mtef_from_stream(equation_stream(data))
