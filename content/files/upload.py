"""Checking uploads to the library: the type comes from the content, never from the name."""

from __future__ import annotations

import math
import os
import warnings
import zipfile
from dataclasses import dataclass
from typing import IO, NamedTuple

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from content.files import epub, images, pdf
from content.files.base import KIND_LABELS, MB, OFFICE_KINDS, UploadRejected

DEFAULT_LIMITS = {
    "pdf": 200 * MB,
    "epub": 100 * MB,
    "image": 20 * MB,
    "video": 2048 * MB,
    "audio": 200 * MB,
    "office": 50 * MB,
}
HEAD_SIZE = 64 * 1024

_EXTENSION_KIND = {
    "pdf": "pdf", "epub": "epub",
    "png": "image", "jpg": "image", "jpeg": "image", "gif": "image", "webp": "image",
    "mp4": "video", "m4v": "video", "mov": "video", "webm": "video", "ogv": "video",
    "mp3": "audio", "m4a": "audio", "ogg": "audio", "oga": "audio", "opus": "audio",
    "wav": "audio", "flac": "audio",
    **{kind: kind for kind in OFFICE_KINDS},
}  # fmt: skip
_VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ",
    b"M4VH", b"M4VP", b"dash", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"mmp4", b"MSNV", b"f4v ",
}  # fmt: skip
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"F4A ", b"F4B "}
_IMAGE_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
]
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_OOXML = {"word/document.xml": "docx", "ppt/presentation.xml": "pptx", "xl/workbook.xml": "xlsx"}
_MIMES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class Sniffed(NamedTuple):
    kind: str | None
    mime: str = ""
    extension: str = ""
    label: str = "định dạng không rõ"  # what the content is, for messages


def _zip(head: bytes, file: IO[bytes] | None) -> Sniffed:
    name_len = int.from_bytes(head[26:28], "little")
    extra_len = int.from_bytes(head[28:30], "little")
    if head[30 : 30 + name_len] == b"mimetype":
        # EPUB and ODF put an uncompressed "mimetype" entry first, readable from the head.
        start = 30 + name_len + extra_len
        declared = head[start : start + int.from_bytes(head[18:22], "little")].strip()
        if declared == b"application/epub+zip":
            return Sniffed("epub", "application/epub+zip", "epub", "sách EPUB")
        if declared in _ODF:
            kind = _ODF[declared]
            return Sniffed(kind, _MIMES[kind], kind, KIND_LABELS[kind])
    if file is not None:
        try:
            file.seek(0)
            names = set(zipfile.ZipFile(file).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        finally:
            file.seek(0)
        if "[Content_Types].xml" in names:
            for part, kind in _OOXML.items():
                if part in names:
                    return Sniffed(kind, _MIMES[kind], kind, KIND_LABELS[kind])
    return Sniffed(None, label="tệp ZIP")


def _image(head: bytes, file: IO[bytes] | None, fmt: str) -> Sniffed:
    found = Sniffed(
        "image", f"image/{fmt.lower()}", fmt.lower().replace("jpeg", "jpg"), f"ảnh {fmt}"
    )
    if file is None:
        return found
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            file.seek(0)
            Image.open(file, formats=[fmt])
    except Image.DecompressionBombError:
        return found  # an image all right; clean_upload refuses it for its size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return Sniffed(None, label=f"tệp hỏng mang dấu hiệu ảnh {fmt}")
    finally:
        file.seek(0)
    return found


def _mp3_frame(head: bytes) -> bool:
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _sniff(head: bytes, file: IO[bytes] | None = None) -> Sniffed:
    """Kind, MIME type, extension and a Vietnamese label of content, from its bytes."""
    for sniffer in _SNIFFERS:
        found = sniffer(head, file)
        if found is not None:
            return found
    return Sniffed(None, label=_describe(head))


def _pdf_or_zip(head: bytes, file: IO[bytes] | None) -> Sniffed | None:
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-":
        return Sniffed("pdf", "application/pdf", "pdf", "tệp PDF")
    if head[:4] == b"PK\x03\x04":
        return _zip(head, file)
    return None


def _image_or_riff(head: bytes, file: IO[bytes] | None) -> Sniffed | None:
    for magic, fmt in _IMAGE_MAGIC:
        if head.startswith(magic):
            return _image(head, file, fmt)
    riff = head[8:12] if head[:4] == b"RIFF" else b""
    if riff == b"WEBP":
        return _image(head, file, "WEBP")
    if riff == b"WAVE":
        return Sniffed("audio", "audio/wav", "wav", "âm thanh WAV")
    return None


def _iso_media(head: bytes, file: IO[bytes] | None) -> Sniffed | None:
    """MP4, M4A and QuickTime: an ``ftyp`` box naming the brand."""
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand in _AUDIO_BRANDS:
        return Sniffed("audio", "audio/mp4", "m4a", "âm thanh M4A")
    if brand == b"qt  ":
        return Sniffed("video", "video/quicktime", "mov", "video QuickTime")
    if brand in _VIDEO_BRANDS:
        return Sniffed("video", "video/mp4", "mp4", "video MP4")
    return Sniffed(None, label=f"tệp ISO media ({brand.decode('latin-1').strip()})")


def _matroska_or_ogg(head: bytes, file: IO[bytes] | None) -> Sniffed | None:
    if head[:4] == b"\x1a\x45\xdf\xa3":
        if b"webm" in head[:64]:
            return Sniffed("video", "video/webm", "webm", "video WebM")
        return Sniffed(None, label="video Matroska (MKV)")
    if head[:4] == b"OggS":
        if b"\x80theora" in head[:256]:
            return Sniffed("video", "video/ogg", "ogv", "video Ogg")
        if b"OpusHead" in head[:256] or b"\x01vorbis" in head[:256] or b"\x7fFLAC" in head[:256]:
            return Sniffed("audio", "audio/ogg", "ogg", "âm thanh Ogg")
    return None


def _flac_or_mp3(head: bytes, file: IO[bytes] | None) -> Sniffed | None:
    if head[:4] == b"fLaC":
        return Sniffed("audio", "audio/flac", "flac", "âm thanh FLAC")
    if head[:3] == b"ID3" or _mp3_frame(head):
        return Sniffed("audio", "audio/mpeg", "mp3", "âm thanh MP3")
    return None


# Tried in this order; the first that recognises the bytes decides.
_SNIFFERS = (_pdf_or_zip, _image_or_riff, _iso_media, _matroska_or_ogg, _flac_or_mp3)


def _describe(head: bytes) -> str:
    for magic, label in (
        (b"MZ", "chương trình Windows (EXE)"),
        (b"\x7fELF", "chương trình Linux (ELF)"),
        (b"Rar!", "tệp nén RAR"),
        (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
        (b"\x1f\x8b", "tệp nén GZIP"),
        (b"\xd0\xcf\x11\xe0", "tài liệu Office cũ (DOC/PPT/XLS)"),
    ):
        if head.startswith(magic):
            return label
    if not head:
        return "tệp rỗng"
    text = head.lstrip()[:512].lower()
    if text.startswith((b"<!doctype html", b"<html", b"<script")) or b"<html" in text:
        return "trang HTML"
    try:
        head[:4096].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < 4092:  # a multi-byte letter cut at the end of the head is still text
            return "định dạng không rõ"
    return "văn bản thuần"


def sniff_kind(head: bytes, file: IO[bytes] | None = None) -> str | None:
    """The kind of a file from its first bytes (and its archive directory or image header
    when ``file`` is given): ``pdf``, ``epub``, ``image``, ``video``, ``audio``, ``docx``,
    ``pptx``, ``xlsx``, ``odt``, ``odp``, ``ods``, or None. The name plays no part."""
    return _sniff(head, file).kind


@dataclass
class CleanFile:
    """A checked upload: ``content`` can be passed straight to ``FileField.save``."""

    content: File
    kind: str
    mime: str
    size: int
    extension: str


def _limit(kind: str) -> int:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "HOCLIEU_UPLOAD_LIMITS", {})}
    return limits.get(kind) or limits["office" if kind in OFFICE_KINDS else kind]


def _admits(kind: str, allowed: set[str] | None) -> bool:
    return allowed is None or kind in allowed or (kind in OFFICE_KINDS and "office" in allowed)


def _mb(size: int, rounding=round) -> str:
    return f"{rounding(size * 100 / MB) / 100:g}".replace(".", ",")


def _check_office(data: bytes, name: str) -> None:
    archive = epub.open_zip(data, name=name)
    macros = [
        n for n in archive.namelist() if n.endswith("vbaProject.bin") or n.startswith("Basic/")
    ]
    if macros:
        raise UploadRejected(
            _('Tệp "%(name)s" chứa macro — bị từ chối vì lý do an toàn.'),
            code="office_macro",
            params={"name": name},
        )


def _inspect(upload, *, allowed: set[str] | None, reencode: bool) -> CleanFile:
    name = os.path.basename(getattr(upload, "name", "") or "") or "tệp"
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, ext.lower()) if dot else (name, "")
    if getattr(upload, "closed", False) and hasattr(upload, "open"):
        upload.open("rb")
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    found = _sniff(head, upload)
    kind, claimed = found.kind, _EXTENSION_KIND.get(ext)
    params = {"name": name, "actual": found.label}
    if kind is None or not _admits(kind, allowed) or (not reencode and claimed not in (None, kind)):
        if claimed and claimed != kind:
            raise UploadRejected(
                _('Tệp "%(name)s" không phải %(claimed)s thật (nội dung là %(actual)s).'),
                code="wrong_type",
                params={**params, "claimed": KIND_LABELS[claimed]},
            )
        if kind is None:
            raise UploadRejected(
                _('Tệp "%(name)s" có định dạng không được hỗ trợ (nội dung là %(actual)s).'),
                code="unsupported",
                params=params,
            )
        accepted = sorted({KIND_LABELS.get(k, k) for k in allowed or ()})
        raise UploadRejected(
            _('Tệp "%(name)s" là %(actual)s — ở đây chỉ nhận: %(accepted)s.'),
            code="not_allowed",
            params={**params, "accepted": ", ".join(accepted)},
        )
    size = getattr(upload, "size", None)
    if size is None:
        size = upload.seek(0, os.SEEK_END)
        upload.seek(0)
    limit = _limit(kind)
    if size > limit:
        raise UploadRejected(
            _('Tệp "%(name)s" nặng %(size)s MB, vượt giới hạn %(limit)s MB cho %(kind)s.'),
            code="too_big",
            params={
                "name": name,
                "size": _mb(size, math.ceil),
                "limit": _mb(limit),
                "kind": KIND_LABELS[kind],
            },
        )
    mime, extension = found.mime, found.extension
    if kind in ("video", "audio"):
        # Up to 2 GB: never read into memory; the header check above is all we do.
        content = File(getattr(upload, "file", upload), name=f"{stem}.{extension}")
        return CleanFile(content, kind, mime, size, extension)
    data = upload.read()
    upload.seek(0)
    if kind == "pdf":
        pdf.check_pdf(data, name=name)
    elif kind == "epub":
        epub.check_epub(data, name=name)
    elif kind in OFFICE_KINDS:
        _check_office(data, name)
    elif reencode:
        data, mime, extension = images.reencode_image(data, name=name)
    else:
        images.open_image(data, name=name)
    return CleanFile(
        ContentFile(data, name=f"{stem}.{extension}"), kind, mime, len(data), extension
    )


def clean_upload(uploaded_file, *, allowed: set[str] | None = None) -> CleanFile:
    """Check an upload and return it ready to save, or raise :class:`UploadRejected`.

    The kind comes from the content. When the name's extension disagrees (a PNG called
    ``bai-giang.pdf``), the file is accepted only as what it really is, if that kind is in
    ``allowed``, and saved under the right extension (``bai-giang.png``); otherwise it is
    refused as ``wrong_type``. ``allowed`` holds kinds (``"office"`` admits all office
    formats); None admits every kind. Size limits come from ``HOCLIEU_UPLOAD_LIMITS``
    merged over :data:`DEFAULT_LIMITS`. Images are re-encoded (upright, no metadata);
    PDFs with scripts, a password or damage and EPUBs with scripts or DRM are refused.
    Video and audio are checked by header only and passed on unread.
    """
    return _inspect(uploaded_file, allowed=allowed, reencode=True)


def validate_library_file(file, *, allowed: set[str] | None = None) -> None:
    """Field validator: the checks of :func:`clean_upload` without re-encoding anything.

    Unlike :func:`clean_upload` it cannot rename, so an extension that disagrees with the
    content is refused (``wrong_type``).
    """
    _inspect(file, allowed=allowed, reencode=False)
