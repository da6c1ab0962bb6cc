import pytest
from django.test import override_settings

from accounts.models import Role
from content.packages.models import Status
from content.packages.origin import access
from content.packages.origin.tokens import launch_token
from content.packages.origin.urls import file_url, launcher_url
from tests.accounts.factories import make_school, make_user

from .conftest import CONTENT_HOST, on_content

pytestmark = pytest.mark.django_db


def url(user, version, path="imsmanifest.xml"):
    return f"/goi/{launch_token(user_id=user.pk, version_id=version.pk)}/{path}"


def test_a_file_is_served_to_its_token_with_the_content_origins_headers(client, student, scorm12):
    response = on_content(client, url(student, scorm12, "Etiquette/Course.html"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html"
    assert b"".join(response.streaming_content).lower().count(b"<html") == 1
    policy = response["Content-Security-Policy"]
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'self' http://127.0.0.1:8000" in policy
    assert "form-action 'self'" in policy and "object-src 'none'" in policy
    assert "default-src 'self' data: blob: 'unsafe-inline' 'unsafe-eval'" in policy
    assert "base-uri" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "immutable" in response["Cache-Control"] and response["ETag"]
    assert "X-Frame-Options" not in response
    assert not response.cookies


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("Etiquette/questions.js", "text/javascript"),
        ("Etiquette/course.jpg", "image/jpeg"),
        ("imsmanifest.xml", "application/xml"),
    ],
)
def test_content_types_come_from_the_extension(client, student, scorm12, path, content_type):
    response = on_content(client, url(student, scorm12, path))
    assert response.status_code == 200 and response["Content-Type"] == content_type


def test_h5p_files_json_woff2_and_svg(client, student, h5p):
    response = on_content(client, url(student, h5p, "h5p.json"))
    assert response["Content-Type"] == "application/json"
    font = on_content(client, url(student, h5p, "FontAwesome-4.5/fontawesome-webfont.woff2"))
    assert font["Content-Type"] == "font/woff2"
    svg = on_content(client, url(student, h5p, "FontAwesome-4.5/fontawesome-webfont.svg"))
    assert svg["Content-Type"] == "image/svg+xml"
    assert "sandbox" in svg["Content-Security-Policy"]
    assert "script-src 'none'" in svg["Content-Security-Policy"]


def test_range_requests(client, student, scorm12):
    path = url(student, scorm12, "Etiquette/course.jpg")
    whole = b"".join(on_content(client, path).streaming_content)
    part = on_content(client, path, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(whole)}"
    assert b"".join(part.streaming_content) == whole[10:20]
    tail = on_content(client, path, HTTP_RANGE="bytes=-5")
    assert b"".join(tail.streaming_content) == whole[-5:]
    beyond = on_content(client, path, HTTP_RANGE=f"bytes={len(whole)}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(whole)}"
    assert on_content(client, path)["Accept-Ranges"] == "bytes"


def test_an_unchanged_file_is_not_sent_again(client, student, scorm12):
    path = url(student, scorm12, "Etiquette/course.jpg")
    etag = on_content(client, path)["ETag"]
    assert on_content(client, path, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_no_token_no_file(client, student, scorm12):
    for bad in ("/goi/abc/imsmanifest.xml", "/goi/imsmanifest.xml", "/imsmanifest.xml"):
        response = on_content(client, bad)
        assert response.status_code in (403, 404)
        # A small page that fits the player's frame on a phone.
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert b'name="viewport"' in response.content
    response = on_content(client, "/goi/abc/imsmanifest.xml")
    assert response.status_code == 403
    assert "không hợp lệ" in response.content.decode()


def test_an_expired_token_says_to_reload(client, student, scorm12):
    path = url(student, scorm12)
    with override_settings(HOCLIEU_PACKAGE_TOKEN_SECONDS=-3600):
        response = on_content(client, path)
    assert response.status_code == 403
    assert "<p>Phiên phát gói đã hết hạn, hãy tải lại trang.</p>" in response.content.decode()


def test_the_permission_is_checked_again(client, teacher, scorm12):
    outsider = make_user(role=Role.TEACHER, school=make_school())
    draft = scorm12.package
    draft.status = Status.DRAFT
    draft.save()
    assert on_content(client, url(outsider, scorm12)).status_code == 403
    assert on_content(client, url(teacher, scorm12)).status_code == 200  # the owner
    inactive = make_user(role=Role.STUDENT, school=teacher.school)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    draft.status = Status.PUBLISHED
    draft.save()
    assert on_content(client, url(inactive, scorm12)).status_code == 403
    assert on_content(client, url(outsider, scorm12)).status_code == 200


def test_the_decision_is_cached_briefly_per_token(
    client, student, scorm12, django_assert_max_num_queries
):
    with override_settings(HOCLIEU_PACKAGE_ACCESS_CACHE_SECONDS=60):
        path = url(student, scorm12)
        on_content(client, path)
        with django_assert_max_num_queries(0):
            assert on_content(client, path).status_code == 200
    from django.core.cache import cache

    cache.clear()


@pytest.mark.parametrize(
    "path",
    [
        "../imsmanifest.xml",
        "Etiquette/../../x",
        "Etiquette/./Course.html",
        "a//b",
        "%2e%2e/x",
        "Etiquette\\Course.html",
        "Etiquette",
        "khong-co.html",
    ],
)
def test_paths_outside_the_package_or_missing_are_404(client, student, scorm12, path):
    token = launch_token(user_id=student.pk, version_id=scorm12.pk)
    response = client.get(f"/goi/{token}/{path}", HTTP_HOST=CONTENT_HOST)
    assert response.status_code == 404


def test_the_main_host_has_no_package_routes(client, student, scorm12):
    token = launch_token(user_id=student.pk, version_id=scorm12.pk)
    assert client.get(f"/goi/{token}/imsmanifest.xml").status_code == 404
    assert client.get(f"/goi/{token}/__hoclieu__/scorm/").status_code == 404
    assert client.get("/__hoclieu__/tinh/content/packages/launcher-scorm.js").status_code == 404


@pytest.mark.parametrize(
    "path", ["/", "/dang-nhap/", "/admin/", "/api/v1/docs", "/static/content/content.css", "/hoc/"]
)
def test_the_site_does_not_answer_on_the_content_host(client, path):
    response = on_content(client, path)
    assert response.status_code == 404
    assert not response.cookies
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies


def test_the_content_host_refuses_other_methods(client, student, scorm12):
    response = client.post(url(student, scorm12), HTTP_HOST=CONTENT_HOST)
    assert response.status_code == 405


def test_the_content_host_follows_the_setting(client, student, scorm12):
    with override_settings(CONTENT_ORIGIN="http://127.0.0.1:9000"):
        assert client.get(url(student, scorm12), HTTP_HOST="127.0.0.1:9000").status_code == 200
        assert on_content(client, url(student, scorm12)).status_code in (400, 404)
    with override_settings(CONTENT_ORIGIN="https://noidung.example.vn"):
        response = client.get(url(student, scorm12), HTTP_HOST="noidung.example.vn", secure=True)
        assert response.status_code == 200


def test_public_urls(scorm12, h5p):
    token = "abc.def"
    assert launcher_url(token=token, version=scorm12) == (
        "http://localhost:8001/goi/abc.def/__hoclieu__/scorm/"
    )
    assert launcher_url(token=token, version=scorm12, sco="ITEM 1") == (
        "http://localhost:8001/goi/abc.def/__hoclieu__/scorm/?sco=ITEM+1"
    )
    assert launcher_url(token=token, version=h5p) == (
        "http://localhost:8001/goi/abc.def/__hoclieu__/h5p/"
    )
    assert file_url(token=token, path="a b/c.html?x=1") == (
        "http://localhost:8001/goi/abc.def/a%20b/c.html?x=1"
    )


def test_refused_carries_status_and_message():
    refused = access.Refused(403, access.NOT_ALLOWED)
    assert refused.status == 403 and "quyền" in refused.message
