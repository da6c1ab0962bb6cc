"""Uploads through the library's admin form are checked by content (issue 5, acceptance 6)."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Role
from content.library_models import LibraryItem, Processing
from content.processing import library_item_process
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import pdf_upload

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture
def teacher_client(client, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    teacher = make_user(role=Role.TEACHER, school=make_school())
    client.force_login(teacher)
    return client


def _post(client, upload, **extra):
    data = {
        "title": "Tài liệu tải lên",
        "resource_type": "document",
        "language": "vi",
        "scope": "school",
        "licence": "CC-BY-4.0",
        "file": upload,
        **extra,
    }
    return client.post(reverse("wagtailsnippets_content_libraryitem:add"), data)


def test_a_real_pdf_is_accepted_and_queued_for_processing(
    teacher_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(teacher_client, pdf_upload("de-cuong.pdf"))
    assert response.status_code == 302, response.context["form"].errors
    item = LibraryItem.objects.get()
    assert item.file_kind == "pdf" and item.file_size > 0
    assert item.live is False
    assert item.school_id is not None  # the author's school by default
    # Unit tests run tasks eagerly: processing happened right after the commit
    item.refresh_from_db()
    assert item.processing == Processing.READY
    assert "Biệt thức" in item.full_text


def test_pdf_with_javascript_is_refused_with_a_clear_message(teacher_client):
    js_pdf = (DATA / "openaction-javascript.pdf").read_bytes()
    response = _post(teacher_client, SimpleUploadedFile("bai-tap.pdf", js_pdf))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "bai-tap.pdf" in errors and "JavaScript" in errors
    assert not LibraryItem.objects.exists()


def test_a_zip_named_pdf_is_refused(teacher_client):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "xin chào")
    response = _post(teacher_client, SimpleUploadedFile("sach.pdf", buffer.getvalue()))
    assert response.status_code == 200
    assert "sach.pdf" in " ".join(response.context["form"].errors["file"])
    assert not LibraryItem.objects.exists()


def test_images_are_re_encoded_without_metadata(teacher_client):
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010E] = "bí mật"  # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    response = _post(
        teacher_client,
        SimpleUploadedFile("ban-do.jpg", buffer.getvalue()),
        resource_type="image",
    )
    assert response.status_code == 302, response.context["form"].errors
    item = LibraryItem.objects.get()
    assert item.file_kind == "image"
    with item.file.open("rb") as fh, Image.open(fh) as saved:
        assert saved.size == (64, 48)
        assert not saved.getexif()


def test_oversize_upload_is_refused(teacher_client, settings):
    settings.HOCLIEU_UPLOAD_LIMITS = {"pdf": 1000}
    response = _post(teacher_client, pdf_upload("lon.pdf"))
    assert response.status_code == 200
    assert "lon.pdf" in " ".join(response.context["form"].errors["file"])


def test_processing_a_broken_file_is_reported_not_raised(teacher_client):
    _post(teacher_client, pdf_upload("ok.pdf"))
    item = LibraryItem.objects.get()
    with item.file.open("wb") as fh:
        fh.write(b"%PDF-1.4 broken")
    assert library_item_process(item_id=item.pk) == "failed"
    item.refresh_from_db()
    assert item.processing == Processing.FAILED and item.processing_error
