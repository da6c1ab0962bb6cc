"""Uploaded images: size checked before decoding, decoded in full, written again by Pillow.

Re-encoding drops whatever rides along in the file (EXIF with GPS position, comments,
polyglot payloads after the image data) and turns the picture upright.
"""

from __future__ import annotations

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from content.files.base import UploadRejected

MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels: bigger than any camera photo we need
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
JPEG_QUALITY = 88
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _bomb(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            'Ảnh "%(name)s" quá lớn (hơn %(limit)s megapixel) — nghi ngờ "bom giải nén", '
            "bị từ chối."
        ),
        code="image_bomb",
        params={"name": name, "limit": MAX_IMAGE_PIXELS // 1_000_000},
    )


def _broken(name: str) -> UploadRejected:
    return UploadRejected(
        _('Ảnh "%(name)s" bị hỏng hoặc không đầy đủ, không đọc được.'),
        code="image_broken",
        params={"name": name},
    )


def open_image(data: bytes, *, name: str) -> Image.Image:
    """Decode an image fully, refusing decompression bombs before any pixel is decoded."""
    with warnings.catch_warnings():
        # Our own, lower limit applies below; Pillow's warning would only be noise.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except Image.DecompressionBombError as exc:
            raise _bomb(name) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise _broken(name) from exc
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise _bomb(name)
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            # Pillow raises OSError("image file is truncated") unless someone set
            # ImageFile.LOAD_TRUNCATED_IMAGES, which this project never does.
            raise _broken(name) from exc
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image, mode: str) -> Image.Image:
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=out_mode)
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile is dropped; the pixels are taken as sRGB
    return image.convert(mode)


def reencode_image(data: bytes, *, name: str) -> tuple[bytes, str, str]:
    """Upright, metadata-free image bytes with their MIME type and extension.

    PNG when the image has transparency, otherwise JPEG (quality 88). An animated GIF or
    WebP keeps its first frame only.
    """
    image = open_image(data, name=name)
    alpha = _has_alpha(image)
    try:
        image = ImageOps.exif_transpose(image) or image
        image = _to_srgb(image, "RGBA" if alpha else "RGB")
    except (OSError, ValueError) as exc:
        raise _broken(name) from exc
    # Nothing of the original metadata survives: no EXIF, no ICC, no comments.
    image.info = {}
    out = io.BytesIO()
    if alpha:
        image.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png", "png"
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), "image/jpeg", "jpg"
