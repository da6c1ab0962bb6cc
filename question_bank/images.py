"""Images carried by questions: validated and resized with Pillow, stored once per bank.

Importers hand over raw bytes (``asset:NAME`` in the HTML); :func:`store_assets` checks
each one is a real image, shrinks it to at most ``MAX_SIDE`` pixels, drops metadata and
rewrites the HTML to the stored file's URL. Word's EMF/WMF equation previews cannot be
decoded here; they are kept as they are and the question is flagged for review.
"""

import hashlib
import io
import re
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from common.storage import public_storage
from question_bank.formats.base import ImportRejected

MAX_SIDE = 1600
MAX_PIXELS = 40_000_000
VECTOR_EXTENSIONS = {".emf", ".wmf"}
_ASSET_SRC = re.compile(r'src="asset:([^"]+)"')


class ImageError(ValueError):
    pass


def normalise_image(name: str, data: bytes) -> tuple[str, bytes, int | None, int | None]:
    """Validate and shrink one image; returns (extension, bytes, width, height)."""
    ext = PurePosixPath(name).suffix.lower()
    if ext in VECTOR_EXTENSIONS:
        return ext, data, None, None
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ImageError(f"ảnh “{name}” quá lớn ({image.width}×{image.height} điểm ảnh)")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageError(f"tệp “{name}” không phải ảnh hợp lệ") from exc
    fmt = "PNG" if image.mode in ("RGBA", "LA", "P", "1", "L") or image.format == "PNG" else "JPEG"
    if image.format == "GIF":
        fmt = "PNG"
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, optimize=True, **({"quality": 88} if fmt == "JPEG" else {}))
    return (".png" if fmt == "PNG" else ".jpg"), out.getvalue(), image.width, image.height


def store_image(bank, name: str, data: bytes, cache: dict | None = None) -> str:
    """Store an image for ``bank`` (deduplicated by content) and return its URL."""
    from question_bank.models import QuestionImage

    digest = hashlib.sha256(data).hexdigest()
    if cache is not None and digest in cache:
        return cache[digest]
    existing = QuestionImage.objects.filter(bank=bank, sha256=digest).first()
    if existing is None:
        ext, payload, width, height = normalise_image(name, data)
        existing = QuestionImage(
            bank=bank, sha256=digest, original_name=name[:255], width=width, height=height
        )
        existing.file.save(f"{digest[:32]}{ext}", ContentFile(payload), save=False)
        existing.save()
    url = existing.file.url
    if cache is not None:
        cache[digest] = url
    return url


def store_assets(bank, html: str, assets: dict[str, bytes], cache: dict | None = None) -> str:
    """Replace every ``src="asset:NAME"`` in ``html`` by the stored image's URL."""
    if "asset:" not in html:
        return html

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in assets:
            raise ImportRejected(f"thiếu tệp ảnh “{name}”")
        try:
            return f'src="{store_image(bank, name, assets[name], cache)}"'
        except ImageError as exc:
            raise ImportRejected(str(exc)) from exc

    return _ASSET_SRC.sub(replace, html)


_MEDIA_SRC = re.compile(r'src="([^"]+)"')


def collect_assets(html: str, assets: dict[str, bytes]) -> str:
    """The reverse for exports: stored image URLs → ``asset:NAME`` with the bytes in ``assets``."""
    media_url = settings.MEDIA_URL

    def replace(match: re.Match) -> str:
        url = match.group(1)
        if not url.startswith(media_url):
            return match.group(0)
        path = url[len(media_url) :]
        name = PurePosixPath(path).name
        if name not in assets:
            try:
                with public_storage().open(path, "rb") as fh:
                    assets[name] = fh.read()
            except (FileNotFoundError, OSError):
                return match.group(0)
        return f'src="asset:{name}"'

    return _MEDIA_SRC.sub(replace, html)
