"""Issue 16, dead ends: every 403/404/500 is a styled Vietnamese page with a way back, the
API answers its errors as ``{"detail": "<Vietnamese sentence>"}``, and menus offer only what
the user may open (a student's "Lớp của tôi", a teacher's admin menu)."""

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client, override_settings
from django.urls import include, path
from ninja import NinjaAPI, Router

from accounts.models import Role
from config import urls as site_urls
from config.errors import install_api_error_handlers
from tests.accounts.factories import make_class, make_school, make_student_in, make_user

pytestmark = pytest.mark.django_db


# --- A URLconf with views that raise (this module is the ROOT_URLCONF of the tests) ----------
def _raise_403(request):
    raise PermissionDenied


def _raise_404(request):
    raise Http404("Không có")


def _raise_400(request):
    raise SuspiciousOperation("bad")


def _raise_500(request):
    raise RuntimeError("boom")


_router = Router()


@_router.get("/denied")
def _api_denied(request):
    raise PermissionDenied


@_router.get("/missing")
def _api_missing(request):
    raise Http404


@_router.get("/crash")
def _api_crash(request):
    raise RuntimeError("boom")


@_router.get("/number")
def _api_number(request, n: int):
    return {"n": n}


_test_api = NinjaAPI(urls_namespace="test-errors-api")
install_api_error_handlers(_test_api)
_test_api.add_router("/", _router)

urlpatterns = [
    path("loi/403/", _raise_403),
    path("loi/404/", _raise_404),
    path("loi/400/", _raise_400),
    path("loi/500/", _raise_500),
    path("api/test-errors/", _test_api.urls),
    path("", include("config.urls")),
]
# Django reads the error handlers from the root URLconf: the site's own.
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
errors_urlconf = override_settings(ROOT_URLCONF=__name__, DEBUG=False)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.stylesheets: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        if tag == "style":
            self.styles += 1


def _parse(response) -> _Links:
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


def _assert_error_page(response, status: int, heading: str):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert heading in body
    assert "Forbidden" not in body and "Not Found" not in body and "Server Error" not in body
    links = _parse(response)
    assert "/" in links.hrefs, "a way back to the home page"
    assert links.styles, "styled like the site"
    return body, links


# --- Pages ----------------------------------------------------------------------------------
@errors_urlconf
def test_403_page_is_styled_vietnamese_with_a_way_back(client):
    client.force_login(make_user(role=Role.TEACHER, school=make_school()))
    body, links = _assert_error_page(
        client.get("/loi/403/"), 403, "Bạn không có quyền mở trang này"
    )
    assert "/static/css/hoclieu.css" in links.stylesheets
    assert "/tim-kiem/" in links.hrefs
    assert "Lớp của tôi" in body  # the site's header and menu


@errors_urlconf
def test_403_for_a_visitor_offers_sign_in(client):
    _body, links = _assert_error_page(client.get("/loi/403/"), 403, "Bạn không có quyền")
    assert "/dang-nhap/?next=/loi/403/" in links.hrefs


@errors_urlconf
def test_404_page_is_styled_vietnamese_with_a_way_back(client):
    _body, links = _assert_error_page(client.get("/loi/404/"), 404, "Không tìm thấy trang bạn cần")
    assert "/static/css/hoclieu.css" in links.stylesheets
    assert "/tim-kiem/" in links.hrefs
    # an unknown address of the site (Wagtail's page tree) gets the same page
    _assert_error_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang bạn cần")


@errors_urlconf
def test_500_page_is_self_contained_styled_vietnamese():
    client = Client(raise_request_exception=False)
    _body, links = _assert_error_page(client.get("/loi/500/"), 500, "Hệ thống đang gặp sự cố")
    # no request context and no static manifest needed: the styles are inline
    assert links.stylesheets == []
    assert "/tim-kiem/" in links.hrefs


@errors_urlconf
def test_400_page_is_styled_vietnamese(client):
    _assert_error_page(client.get("/loi/400/"), 400, "Yêu cầu không hợp lệ")


@override_settings(DEBUG=False)
def test_csrf_failure_page_is_styled_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "a", "password": "b"})
    _body, links = _assert_error_page(response, 403, "Biểu mẫu đã hết hạn")
    assert "/dang-nhap/" in links.hrefs


@override_settings(DEBUG=False)
def test_student_following_my_classes_meets_no_bare_403(client):
    school = make_school()
    own = make_class(school=school, name="10A1")
    student = make_student_in(own, full_name="Phạm Minh Anh")
    make_student_in(own, full_name="Hoàng Thu Trang", date_of_birth=dt.date(2009, 3, 4))
    client.force_login(student)
    listing = client.get("/lop/")
    assert listing.status_code == 200
    assert "10A1" in listing.content.decode()
    # Every link of the student's pages opens: no link to a roster they may not read.
    hrefs = set(_parse(listing).hrefs) | set(_parse(client.get("/tim-kiem/")).hrefs)
    assert "/lop/" in hrefs  # "Lớp của tôi" in the site menu
    assert f"/lop/{own.pk}/" not in hrefs
    for href in sorted(h for h in hrefs if h.startswith("/")):
        status = client.get(href).status_code
        assert status not in (403, 404, 500), (href, status)
    # The roster itself stays closed to students (classmates' birth dates), and says so
    # in a styled Vietnamese page.
    denied = client.get(f"/lop/{own.pk}/")
    _assert_error_page(denied, 403, "Bạn không có quyền mở trang này")
    assert "04/03/2009" not in denied.content.decode()


# --- The admin menu -------------------------------------------------------------------------
def _admin_menu_urls(client) -> set[str]:
    response = client.get("/admin/")
    assert response.status_code == 200
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "Wagtail's sidebar"
    return set(re.findall(r'"url": "([^"]+)"', match.group(1))) | set(
        re.findall(r'"url":"([^"]+)"', match.group(1))
    )


@override_settings(DEBUG=False)
def test_teacher_admin_menu_offers_only_what_opens(client):
    school = make_school()
    client.force_login(make_user(role=Role.TEACHER, school=school))
    urls = _admin_menu_urls(client)
    assert "/nhap-danh-sach/" not in urls
    assert "/bao-cao/do-phu-chuong-trinh/" not in urls
    # and both would have answered 403
    assert client.get("/nhap-danh-sach/").status_code == 403
    assert client.get("/bao-cao/do-phu-chuong-trinh/").status_code == 403


@override_settings(DEBUG=False)
def test_school_admin_admin_menu_has_roster_import_and_coverage(client):
    school = make_school()
    client.force_login(make_user(role=Role.SCHOOL_ADMIN, school=school))
    urls = _admin_menu_urls(client)
    assert {"/nhap-danh-sach/", "/bao-cao/do-phu-chuong-trinh/"} <= urls
    assert client.get("/nhap-danh-sach/").status_code == 200
    assert client.get("/bao-cao/do-phu-chuong-trinh/").status_code == 200


@override_settings(DEBUG=False)
def test_wagtail_admin_permission_denied_keeps_wagtails_redirect(client):
    client.force_login(make_user(role=Role.TEACHER, school=make_school()))
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


# --- The API --------------------------------------------------------------------------------
def _assert_api_error(response, status: int, words: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert isinstance(data["detail"], str)
    assert words in data["detail"]
    return data


@errors_urlconf
def test_api_errors_are_vietnamese_json(client):
    # 401: the roster API needs a signed-in user
    _assert_api_error(client.get("/api/v1/lms/classes"), 401, "đăng nhập")
    client.force_login(make_user(role=Role.TEACHER, school=make_school()))
    # 404: an id outside the user's reach, and an address the API does not have
    _assert_api_error(client.get("/api/v1/lms/classes/987654/students"), 404, "Không tìm thấy")
    _assert_api_error(client.get("/api/v1/khong-co/"), 404, "Không tìm thấy")
    # 422: the problems stay listed, each with its place
    data = _assert_api_error(client.get("/api/v1/lms/classes", {"limit": "x"}), 422, "không hợp lệ")
    assert data["errors"][0]["loc"] == ["query", "limit"]
    # 403 and 404 raised inside an operation, and a validation error of a parameter
    _assert_api_error(client.get("/api/test-errors/denied"), 403, "không có quyền")
    _assert_api_error(client.get("/api/test-errors/missing"), 404, "Không tìm thấy")
    _assert_api_error(client.get("/api/test-errors/number", {"n": "x"}), 422, "không hợp lệ")


@errors_urlconf
def test_api_500_is_vietnamese_json():
    client = Client(raise_request_exception=False)
    _assert_api_error(client.get("/api/test-errors/crash"), 500, "sự cố")
