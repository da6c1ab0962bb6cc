"""WMF/EMF pictures (Word's previews of MathType and other OLE objects) → PNG a browser shows.

No browser displays Windows metafiles, so the pictures of a Word file that are WMF or EMF
are converted in one batch with LibreOffice headless (``soffice --convert-to png``; its Draw
component, Debian package ``libreoffice-draw-nogui``, holds the metafile import filters).
Draw puts the picture on an A4 page rendered at twice the screen resolution; the page is
then cropped to the picture with Pillow.

Limits: a metafile larger than :data:`MAX_BYTES` or one whose header is not a metafile's is
never handed to the converter; at most :data:`MAX_FILES` per file, :data:`MAX_TOTAL_BYTES`
together, are converted, in one call whose whole process group is killed after
:func:`_timeout` seconds (at most :data:`MAX_SECONDS`). Nothing else of a Word file (an OLE
object's own bytes: MathType, Excel, ChemDraw …) is ever handed to a program. Results are cached by the SHA-256 of the
metafile (Django's cache), so a file previewed and then saved is converted once.

A picture that could not be converted keeps its metafile and the question says so
(:data:`NOT_SHOWN` or :data:`NO_CONVERTER`): it is never silently broken.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import logging
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
from pathlib import Path

from django.core.cache import cache
from PIL import Image, ImageChops, UnidentifiedImageError

logger = logging.getLogger(__name__)

METAFILE_EXTENSIONS = (".wmf", ".emf")
MAX_BYTES = 2 * 1024 * 1024
MAX_FILES = 400
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # one call's metafiles together
MAX_SECONDS = 180.0
CACHE_PREFIX = "qb:metafile-png:v1:"
CACHE_SECONDS = 7 * 24 * 3600
PAGE_PX = (1588, 2246)  # A4 at 192 dpi: twice the screen resolution
MARGIN = 2

NOT_SHOWN = (
    "Ảnh WMF/EMF (định dạng ảnh cũ của Word) không chuyển được sang PNG nên trình duyệt "
    "không hiển thị được — cần thay bằng ảnh PNG/JPG"
)
NO_CONVERTER = (
    "Ảnh WMF/EMF (định dạng ảnh cũ của Word) chưa được chuyển sang PNG vì máy chủ chưa cài "
    "LibreOffice Draw — trình duyệt không hiển thị được ảnh này, cần thay bằng ảnh PNG/JPG"
)


def is_metafile_name(name: str) -> bool:
    return name.lower().endswith(METAFILE_EXTENSIONS)


def looks_like_metafile(data: bytes) -> bool:
    """A placeable or plain WMF header with a non-empty size, or an EMF header record."""
    if len(data) >= 88 and data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return True
    offset = 0
    if data[:4] == b"\xd7\xcd\xc6\x9a":
        if len(data) < 22:
            return False
        left, top, right, bottom = struct.unpack_from("<4h", data, 6)
        if right == left or bottom == top:
            return False
        offset = 22
    if len(data) < offset + 18:
        return False
    kind, header_words, _version, size_words = struct.unpack_from("<HHHI", data, offset)
    return kind in (1, 2) and header_words == 9 and size_words > 9


def converter() -> str | None:
    """The ``soffice`` program, or None when LibreOffice or its Draw component (which reads
    metafiles; Writer alone does not) is not installed."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        return None
    libs = Path(os.path.realpath(program)).parent
    if not any(libs.glob("libsdlo.*")) and not (libs / "pagein-draw").exists():
        return None
    return program


def _timeout(count: int) -> float:
    return min(MAX_SECONDS, 30.0 + 0.5 * count)


def _cached(digest: str) -> bytes | None:
    try:
        return cache.get(CACHE_PREFIX + digest)
    except Exception:  # a cache that is down costs a conversion, not the import
        return None


def _remember(digest: str, png: bytes) -> None:
    try:
        cache.set(CACHE_PREFIX + digest, png, timeout=CACHE_SECONDS)
    except Exception:
        logger.warning("metafile cache unavailable", exc_info=True)


def crop(png: bytes) -> bytes | None:
    """The rendered page cut down to the picture; None when the page is blank or unreadable."""
    try:
        with Image.open(io.BytesIO(png)) as page:
            page.load()
            rgb = page.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, (255, 255, 255))).getbbox()
    if box is None:
        return None
    left, top, right, bottom = box
    box = (
        max(0, left - MARGIN),
        max(0, top - MARGIN),
        min(rgb.width, right + MARGIN),
        min(rgb.height, bottom + MARGIN),
    )
    out = io.BytesIO()
    rgb.crop(box).save(out, "PNG", optimize=True)
    return out.getvalue()


_PROFILES: set[Path] = set()


def _profile() -> Path:
    """LibreOffice's settings folder, kept per process and thread (a fresh one costs about
    1,5 s per call; two soffice at once must not share one)."""
    name = f"hoclieu-soffice-{os.getuid()}-{os.getpid()}-{threading.get_ident()}"
    path = Path(tempfile.gettempdir()) / name
    if path not in _PROFILES:
        _PROFILES.add(path)
        atexit.register(shutil.rmtree, path, ignore_errors=True)  # ~0,5 MB each
    return path


def _run(program: str, workdir: Path, names: list[str]) -> None:
    """One ``soffice`` call for every file; the whole process group dies at the timeout."""
    profile = _profile()
    size = f'{{"PixelWidth":{{"type":"long","value":"{PAGE_PX[0]}"}},'
    size += f'"PixelHeight":{{"type":"long","value":"{PAGE_PX[1]}"}},'
    size += '"Compression":{"type":"long","value":"1"}}'  # the page is cropped and re-encoded
    args = [
        program,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        f"png:draw_png_Export:{size}",
        "--outdir",
        str(workdir / "out"),
        *names,
    ]
    env = {**os.environ, "HOME": str(workdir)}
    proc = subprocess.Popen(  # noqa: S603 - fixed program, our own temporary file names
        args,
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=_timeout(len(names)))
    except subprocess.TimeoutExpired:
        logger.warning("soffice did not convert %d metafiles in time", len(names))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def convert(blobs: dict[str, bytes]) -> tuple[dict[str, bytes], str]:
    """PNG bytes for the metafiles of ``blobs`` (name → bytes) that could be converted, and
    the note for those that could not (:data:`NOT_SHOWN` or :data:`NO_CONVERTER`)."""
    done: dict[str, bytes] = {}
    todo: dict[str, tuple[str, bytes]] = {}
    budget = MAX_TOTAL_BYTES
    for name, data in blobs.items():
        if len(data) > MAX_BYTES or not looks_like_metafile(data):
            continue
        digest = hashlib.sha256(data).hexdigest()
        hit = _cached(digest)
        if hit:
            done[name] = hit
        elif len(todo) < MAX_FILES and len(data) <= budget:
            todo[name] = (digest, data)
            budget -= len(data)
    if not todo:
        return done, NOT_SHOWN
    program = converter()
    if program is None:
        return done, NO_CONVERTER
    with tempfile.TemporaryDirectory(prefix="hoclieu-metafile-") as tmp:
        workdir = Path(tmp)
        (workdir / "out").mkdir()
        files = []
        for i, (name, (_digest, data)) in enumerate(todo.items()):
            ext = ".emf" if name.lower().endswith(".emf") else ".wmf"
            (workdir / f"p{i}{ext}").write_bytes(data)
            files.append(f"p{i}{ext}")
        _run(program, workdir, files)
        if not any((workdir / "out").iterdir()):
            # Nothing at all came out: start the next call with a fresh profile.
            shutil.rmtree(_profile(), ignore_errors=True)
        for i, (name, (digest, _data)) in enumerate(todo.items()):
            out = workdir / "out" / f"p{i}.png"
            png = crop(out.read_bytes()) if out.is_file() else None
            if png:
                done[name] = png
                _remember(digest, png)
    return done, NOT_SHOWN
