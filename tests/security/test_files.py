"""Files: nothing a permission protects is reachable by a path under MEDIA_URL, and every
uploaded file the site sends back is sent safely (issue 15, findings 1 and 2).

The DEBUG URL configuration (the one the demo runs with) is loaded for the path probes, so
what ``/media/`` serves in development is tested, not assumed. Files are written through
the models, as the site and the demo seed write them.
"""

import importlib
import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import clear_url_caches, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from accounts.models import Role
from content.curation import library_item_publish
from question_bank.assembly.models import Paper
from question_bank.import_jobs import ImportJob
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item
from tests.question_bank.factories import make_bank

pytestmark = pytest.mark.django_db

AIKEN = "Thủ đô của Việt Nam là thành phố nào?\nA. Hà Nội\nB. Huế\nANSWER: A\n"
AIKEN_BROKEN = "Câu hỏi không có đáp án\nA. Một\nB. Hai\n"
EVIL_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
# Bytes of a (tiny, fake) MP4: an ftyp box then counting bytes, so any range is checkable.
VIDEO = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 8
IMPORT_URL = "/admin/ngan-hang-cau-hoi/nhap/"


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    """Each test writes into its own public and private roots."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def debug_urls(settings):
    """The URL configuration as ``DEBUG = True`` builds it (development and the demo)."""
    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def people():
    school, other = make_school(), make_school()
    return {
        "school": school,
        "other": other,
        "teacher": make_user(role=Role.TEACHER, school=school),
        "student": make_user(role=Role.STUDENT, school=school),
        "librarian": make_user(role=Role.LIBRARIAN, school=school),
        "stranger": make_user(role=Role.TEACHER, school=other),
    }


def _png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _under(path: str | Path, root: str | Path) -> bool:
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def _video_item(people, *, publish=True):
    item = make_item(
        people["librarian"],
        title="Video bài giảng Vật lí 10",
        resource_type="video",
        external_url="",
        file=SimpleUploadedFile("bai-giang-vat-li.mp4", VIDEO, content_type="video/mp4"),
    )
    if publish:
        library_item_publish(item=item, user=people["librarian"])
        item.refresh_from_db()
    assert item.scope == "school"
    return item


def _confidential_paper(owner) -> Paper:
    from question_bank.assembly.outputs import bundle_name

    paper = Paper.objects.create(
        title="Đề thi thử tốt nghiệp Toán 2026", created_by=owner, confidential=True
    )
    # As the render task stores it: under a name made from the paper's title.
    paper.output.save(bundle_name(paper.title), ContentFile(b"PK\x05\x06" + bytes(18)))
    return paper


def _document(collection, name="ke-hoach-day-hoc.pdf", data=b"%PDF-1.4 ke hoach"):
    return get_document_model().objects.create(
        title="Kế hoạch dạy học", file=ContentFile(data, name=name), collection=collection
    )


def _media_get(client, name: str):
    return client.get("/media/" + name)


# --- Finding 1: no protected file by its path ------------------------------------------------


def test_no_private_file_is_under_media_root_or_reachable_by_path(
    client, people, roots, debug_urls, django_capture_on_commit_callbacks
):
    item = _video_item(people, publish=False)
    paper = _confidential_paper(people["teacher"])
    bank = make_bank(people["teacher"], scope="school")
    client.force_login(people["teacher"])
    # The preview task is enqueued when the upload commits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            IMPORT_URL, {"bank": bank.pk, "file": SimpleUploadedFile("de.txt", AIKEN.encode())}
        )
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.PREVIEW, job.report
    document = _document(people["school"].collection)
    image = get_image_model().objects.create(
        title="Ảnh riêng của trường",
        file=ImageFile(io.BytesIO(_png()), name="anh-rieng.png"),
        collection=people["school"].collection,
    )
    client.logout()

    files = [item.file, paper.output, job.upload, document.file, image.file]
    for field_file in files:
        assert Path(field_file.path).is_file()
        assert not _under(field_file.path, roots), field_file.name
        # Nobody reaches it by its name under /media/, nor by the old private folder.
        for name in (field_file.name, "private/" + field_file.name):
            assert _media_get(client, name).status_code == 404, name
    client.force_login(people["teacher"])
    for field_file in files:
        assert _media_get(client, field_file.name).status_code == 404, field_file.name
    for prefix in ("private/library/", "papers/", "question_imports/", "documents/"):
        assert _media_get(client, prefix).status_code == 404
    assert _media_get(client, "original_images/anh-rieng.png").status_code == 404

    # What is public by path still works: a rendition of an image, under a name that
    # cannot be guessed from the original's.
    rendition = image.get_rendition("max-20x20")
    assert _under(rendition.file.path, roots)
    assert re.fullmatch(r"images/anh-rieng\.max-20x20_[\w-]{16}\.png", rendition.file.name)
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_checked_views_still_serve_to_allowed_users(client, people):
    item = _video_item(people)
    paper = _confidential_paper(people["teacher"])
    client.force_login(people["student"])
    response = client.get(reverse("library_file", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == VIDEO
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    client.force_login(people["teacher"])
    response = client.get(reverse("exam_paper_download", args=[paper.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(people["stranger"])
    assert client.get(reverse("exam_paper_download", args=[paper.pk])).status_code == 404


def test_range_request_on_a_private_video(client, people):
    item = _video_item(people)
    url = reverse("library_file", args=[item.pk])
    client.force_login(people["student"])
    response = client.get(url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == VIDEO[100:200]
    assert response["Content-Range"] == f"bytes 100-199/{len(VIDEO)}"
    assert response["Content-Length"] == "100"
    assert response["Accept-Ranges"] == "bytes"
    response = client.get(url, HTTP_RANGE="bytes=-10")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == VIDEO[-10:]
    response = client.get(url, HTTP_RANGE=f"bytes={len(VIDEO) - 5}-")
    assert b"".join(response.streaming_content) == VIDEO[-5:]
    response = client.get(url, HTTP_RANGE=f"bytes={len(VIDEO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"

    for user in (people["stranger"], None):
        if user:
            client.force_login(user)
        else:
            client.logout()
        assert client.get(url, HTTP_RANGE="bytes=100-199").status_code == 404


def test_production_hands_private_files_to_nginx(client, people, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_protected/"
    item = _video_item(people)
    paper = _confidential_paper(people["teacher"])
    client.force_login(people["teacher"])
    response = client.get(reverse("library_file", args=[item.pk]), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_protected/" + item.file.name
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(reverse("exam_paper_download", args=[paper.pk]))
    assert response["X-Accel-Redirect"] == "/_protected/" + paper.output.name
    assert response["Content-Disposition"].startswith("attachment")


# --- Finding 2: uploads never come back as active content ----------------------------------


def test_rejected_import_upload_is_deleted(client, people, django_capture_on_commit_callbacks):
    bank = make_bank(people["teacher"], scope="school")
    client.force_login(people["teacher"])
    upload = SimpleUploadedFile("de-loi.txt", AIKEN_BROKEN.encode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(IMPORT_URL, {"bank": bank.pk, "file": upload})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.REJECTED
    assert not job.upload or not job.upload.storage.exists(job.upload.name)


@pytest.mark.parametrize(("name", "data"), [("evil.html", EVIL_HTML), ("evil.svg", EVIL_SVG)])
def test_html_and_svg_uploads_are_never_served_as_active_content(
    client, people, roots, debug_urls, settings, name, data
):
    bank = make_bank(people["teacher"], scope="school")
    client.force_login(people["teacher"])
    client.post(IMPORT_URL, {"bank": bank.pk, "file": SimpleUploadedFile(name, data)})
    client.post(
        IMPORT_URL,
        {
            "bank": bank.pk,
            "file": SimpleUploadedFile("de.txt", AIKEN.encode()),
            "extra_files": [SimpleUploadedFile(name, data)],
        },
    )
    # Nothing of it is kept anywhere, and nothing is fetched back as a page.
    for root in (roots, Path(settings.PRIVATE_MEDIA_ROOT)):
        kept = [p for p in root.rglob("*") if p.is_file() and data in p.read_bytes()]
        assert kept == [], kept
    for job in ImportJob.objects.all():
        response = _media_get(client, job.upload.name)
        assert response.status_code == 404

    # Whatever lands in the public media root (a file an operator copies there, a future
    # upload) is still sent as a download that runs nothing.
    target = roots / "question_images" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    response = _media_get(client, f"question_images/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_serving_helper_never_sends_svg_or_html_inline(people):
    from common.serving import serve_file
    from common.storage import private_storage

    storage = private_storage()
    request = RequestFactory().get("/")
    for name, data, content_type in (
        ("evil.svg", EVIL_SVG, "image/svg+xml"),
        ("evil.html", EVIL_HTML, "text/html"),
        ("evil.xhtml", EVIL_HTML, None),
    ):
        stored = storage.save(f"tests/{name}", ContentFile(data))
        field_file = type("F", (), {"storage": storage, "name": stored})()
        response = serve_file(request, field_file, content_type=content_type)
        assert response["Content-Type"] == "application/octet-stream", name
        assert response["Content-Disposition"].startswith("attachment"), name
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("sandbox")


def test_import_form_takes_several_extra_files(client, people, django_capture_on_commit_callbacks):
    bank = make_bank(people["teacher"], scope="school")
    client.force_login(people["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            IMPORT_URL,
            {
                "bank": bank.pk,
                "file": SimpleUploadedFile("de.txt", AIKEN.encode()),
                "extra_files": [
                    SimpleUploadedFile("hinh-1.png", _png()),
                    SimpleUploadedFile("hinh-2.png", _png((20, 20))),
                ],
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    job = ImportJob.objects.get()
    names = {entry["name"] for entry in job.extra_files}
    assert {"hinh-1.png", "hinh-2.png", "images/hinh-1.png"} <= names
    assert job.state == ImportJob.State.PREVIEW


# --- Wagtail documents of a school's collection ----------------------------------------------


def test_school_collection_documents_only_for_that_school(client, people):
    document = _document(people["school"].collection)
    public = _document(Collection.get_first_root_node(), name="thong-bao.pdf")
    for user in (None, people["stranger"]):
        if user:
            client.force_login(user)
        assert client.get(document.url).status_code in (403, 404)
        assert client.get(public.url).status_code == 200
    for user in (people["teacher"], people["student"]):
        client.force_login(user)
        response = client.get(document.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 ke hoach"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        response = client.get(document.url, HTTP_RANGE="bytes=0-3")
        assert response.status_code == 206
        assert b"".join(response.streaming_content) == b"%PDF"
