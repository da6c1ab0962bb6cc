"""Library test data, built through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from content.curation import library_item_save
from content.files import demo_pdf
from content.models import LibraryItem

PDF_TEXT = [
    "Phương trình bậc hai một ẩn có dạng ax² + bx + c = 0 với a khác 0.",
    "Biệt thức Δ = b² − 4ac quyết định số nghiệm của phương trình.",
]


def pdf_upload(name="on-tap-toan-10.pdf", *, title="Ôn tập Toán 10", pages=3):
    return SimpleUploadedFile(
        name, demo_pdf(title, PDF_TEXT, pages=pages), content_type="application/pdf"
    )


def make_item(user, *, title="Tài liệu ôn tập Đại số 10", submit=False, **fields) -> LibraryItem:
    fields.setdefault("resource_type", "document")
    fields.setdefault("external_url", "https://example.edu.vn/tai-lieu")
    item = LibraryItem(title=title, **fields)
    return library_item_save(item=item, user=user, submit=submit)
