"""Sending one extracted file of a package version: types, Range, validators, caching.

The files of a version never change (their folder is named by the archive's SHA-256), so
the answer carries a strong ETag and a year of private cache; a Range request (iOS asks
for video in ranges) gets 206 or 416, through :func:`common.serving.ranged_response` (as private media).
"""

import hashlib
import mimetypes
from pathlib import PurePosixPath

from django.http import Http404, HttpResponseNotModified

from common.serving import ranged_response
from content.packages import storage
from content.packages.origin import headers

IMMUTABLE = "private, max-age=31536000, immutable"
# Types by extension, not by the platform's mimetypes table (which differs between Debian,
# macOS and the Docker image, and lacks some of these).
TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".bmp": "image/bmp",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".wav": "audio/wav",
    ".vtt": "text/vtt",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
}


def content_type_for(relpath: str) -> str:
    suffix = PurePosixPath(relpath).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(relpath)[0] or "application/octet-stream"


def clean_path(path: str) -> str | None:
    """``path`` as a relative path inside the package, or None when it tries to leave it."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts[:-1]) or parts[-1] in (".", ".."):
        return None
    return path


def etag_for(version, relpath: str) -> str:
    digest = hashlib.sha256(f"{version.content_hash}/{relpath}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def send(request, version, relpath: str):
    """The file ``relpath`` of ``version`` (already checked readable by the caller)."""
    content_type = content_type_for(relpath)
    etag = etag_for(version, relpath)
    if etag in request.headers.get("If-None-Match", ""):
        return headers.apply(HttpResponseNotModified(), content_type=content_type)
    try:
        handle, size = storage.open_file(version, relpath)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, ValueError) as exc:
        raise Http404 from exc
    response = ranged_response(
        request, handle, size=size, validator=etag, content_type=content_type
    )
    response["ETag"] = etag
    return headers.apply(response, content_type=content_type, cache_control=IMMUTABLE)
