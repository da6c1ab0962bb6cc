"""Processing of a library item's file after upload: extracted text (for search), page
count and a cover thumbnail. A file that gives no cover (an EPUB without a cover image, a
kind we do not read) gets a drawn one (:mod:`content.files.covers`). Idempotent: running
it twice gives the same result."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from content.files import epub_extract, pdf_extract, pdf_thumbnail
from content.library_models import LibraryItem, Processing

logger = logging.getLogger(__name__)
MAX_TEXT = 2_000_000  # characters kept for search; a whole textbook fits


def _cover_name(item: LibraryItem) -> str:
    return f"library-{item.pk}.jpg"  # covers are always JPEG


def library_item_process(*, item_id: int) -> str:
    item = LibraryItem.objects.filter(pk=item_id).first()
    if item is None or not item.file:
        return "missing"
    kind = item.file_kind
    try:
        with item.file.open("rb") as fh:
            if kind == "pdf":
                info = pdf_extract(fh)
                fh.seek(0)
                cover = pdf_thumbnail(fh)
                text, pages = info.text, info.page_count
            elif kind == "epub":
                info = epub_extract(fh)
                text, pages = info.text, None
                cover = _cover_to_jpeg(info.cover, name=item.file.name) if info.cover else None
            else:
                if not item.cover:
                    item.cover.save(_cover_name(item), ContentFile(_drawn_cover(item)), save=False)
                    LibraryItem.objects.filter(pk=item.pk).update(cover=item.cover.name)
                LibraryItem.objects.filter(pk=item.pk).update(processing=Processing.NONE)
                return "skipped"
    except Exception as exc:
        logger.warning("library item %s processing failed: %s", item.pk, exc)
        LibraryItem.objects.filter(pk=item.pk).update(
            processing=Processing.FAILED, processing_error=str(exc)[:2000]
        )
        return "failed"
    with transaction.atomic():
        locked = LibraryItem.objects.select_for_update().get(pk=item.pk)
        if not cover and not locked.cover:
            cover = _drawn_cover(locked)
        if cover and not locked.cover:
            locked.cover.save(_cover_name(locked), ContentFile(cover), save=False)
        locked.full_text = text[:MAX_TEXT]
        locked.page_count = pages
        locked.processing = Processing.READY
        locked.processing_error = ""
        locked.save(
            update_fields=["cover", "full_text", "page_count", "processing", "processing_error"]
        )
    _reindex(locked)
    return "ready"


def _drawn_cover(item: LibraryItem) -> bytes:
    from content.files.covers import library_item_cover

    return library_item_cover(item)


def _cover_to_jpeg(data: bytes, *, name: str) -> bytes:
    """An EPUB's own cover image as a JPEG thumbnail, decoded with the upload guards
    (size checked before decoding) since it comes from an untrusted file."""
    from io import BytesIO

    from content.files.images import open_image

    with open_image(data, name=name) as im:
        im = im.convert("RGB")
        im.thumbnail((360, 540))
        out = BytesIO()
        im.save(out, "JPEG", quality=85)
        return out.getvalue()


def _reindex(item: LibraryItem) -> None:
    from modelsearch.index import insert_or_update_object

    if item.live:
        insert_or_update_object(item)
