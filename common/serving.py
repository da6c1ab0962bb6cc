"""Sending a stored file to the browser: the one helper every view that serves a file uses.

The caller has checked the permission; this module only sends the bytes safely:

* inline only for types we render ourselves (PDF and EPUB for the reader, raster images,
  audio, video); everything else, SVG and HTML included, is an attachment;
* always ``X-Content-Type-Options: nosniff`` and a CSP under which the file, opened on its
  own, runs nothing and reaches nothing;
* from Django: HTTP Range (one range: 206 with Content-Range, 416 when it cannot be met,
  ``Accept-Ranges: bytes``) so videos seek;
* with ``PRIVATE_MEDIA_ACCEL_REDIRECT`` set (production behind nginx): an empty answer whose
  ``X-Accel-Redirect`` names the file under nginx's ``internal`` location; nginx sends
  the bytes and does Range itself.
"""

import mimetypes
import re
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header, http_date
from django.views.static import serve as static_serve

from common.storage import PrivateStorage

INLINE_TYPES = frozenset(
    {
        "application/pdf",
        "application/epub+zip",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "image/avif",
    }
)
INLINE_PREFIXES = ("audio/", "video/")
# Types a browser would run as a page (scripts, HTML, SVG, XML with stylesheets): sent as
# plain bytes, so no one ever receives an upload as text/html or image/svg+xml.
ACTIVE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
        "text/javascript",
        "application/javascript",
        "text/xsl",
        "application/xslt+xml",
    }
)
FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
CHUNK = 64 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_UNSATISFIABLE = "unsatisfiable"


def may_be_inline(content_type: str) -> bool:
    """True for the types the site renders itself; never for SVG, HTML or anything unknown."""
    content_type = content_type.split(";", 1)[0].strip().lower()
    return content_type in INLINE_TYPES or content_type.startswith(INLINE_PREFIXES)


def safe_headers(response, *, filename: str, content_type: str, download: bool = False):
    """The headers every served upload carries (attachment unless renderable, nosniff, CSP)."""
    attachment = download or not may_be_inline(content_type)
    if content_type.split(";", 1)[0].strip().lower() in ACTIVE_TYPES:
        response["Content-Type"] = "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def serve_file(
    request,
    file,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    download: bool = False,
    cache_control: str = "private, max-age=3600",
):
    """Answer ``request`` with ``file`` (a ``FieldFile``: its ``storage`` and ``name``).

    The permission is the caller's to check before. A missing file is a 404.
    """
    storage, name = file.storage, file.name
    filename = filename or PurePosixPath(name).name
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    accel = getattr(settings, "PRIVATE_MEDIA_ACCEL_REDIRECT", "")
    if accel and isinstance(storage, PrivateStorage):
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(name)
    else:
        response = _stream(request, storage, name, content_type)
    response["Cache-Control"] = cache_control
    return safe_headers(response, filename=filename, content_type=content_type, download=download)


def _stream(request, storage, name: str, content_type: str):
    try:
        size = storage.size(name)
        modified = http_date(storage.get_modified_time(name).timestamp())
        handle = storage.open(name, "rb")
    except (FileNotFoundError, NotImplementedError, OSError) as exc:
        raise Http404 from exc
    response = ranged_response(
        request, handle, size=size, validator=modified, content_type=content_type
    )
    response["Last-Modified"] = modified
    return response


def ranged_response(request, handle, *, size: int, validator: str, content_type: str):
    """The open binary file ``handle`` (``size`` bytes) as the whole file (200), the one
    byte range ``Range`` asks for (206), or 416 for a range outside it. ``If-Range`` is
    compared with ``validator`` (the caller's ETag or Last-Modified date); the response
    owns ``handle`` and closes it."""
    wanted = None
    if request.headers.get("If-Range", validator) == validator:
        wanted = requested_range(request.headers.get("Range", ""), size)
    if wanted == _UNSATISFIABLE:
        handle.close()
        response = HttpResponse(status=416, content_type=content_type)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = wanted
        response = StreamingHttpResponse(
            _segment(handle, start, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def requested_range(header: str, size: int):
    """``(first, last)`` byte positions, None for the whole file, or ``"unsatisfiable"``.

    One range only; a list of ranges, another unit or a malformed header is ignored and
    the whole file sent, as RFC 9110 allows.
    """
    match = _RANGE.fullmatch(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        if int(last) == 0 or size == 0:
            return _UNSATISFIABLE
        return max(0, size - int(last)), size - 1
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        return _UNSATISFIABLE
    return start, min(int(last) if last else size - 1, size - 1)


def _segment(handle, start: int, length: int):
    with handle:
        handle.seek(start)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data


def serve_public_media(request, path, document_root=None, show_indexes=False):
    """``/media/`` in development: the public root only, each file sent as safely as above."""
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        safe_headers(
            response,
            filename=PurePosixPath(path).name,
            content_type=response.get("Content-Type", "application/octet-stream"),
        )
    return response
