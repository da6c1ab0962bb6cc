"""Every HTML page carries the Content-Security-Policy (issue 15, finding 12).

The site's pages get a nonce-based script rule and the nonce is on their inline scripts;
the Wagtail admin gets the same policy with inline scripts allowed (config.csp says why).
A real browser loading each page type without a violation is tests/browser/test_csp.py.
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from accounts.models import Role, User
from content.curation import library_item_publish, library_item_save
from content.library_models import LibraryItem
from content.models import HomePage
from content.processing import library_item_process
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import pdf_upload
from tests.content.test_pages import approved_question, electure_with, lesson_with

pytestmark = [pytest.mark.django_db]

HEADER = "Content-Security-Policy"
ALLOWED_ORIGINS = {
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
}
EXECUTABLE = {"", "module", "text/javascript", "application/javascript"}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []  # (attrs, text)
        self.handlers = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script":
            self._open = (attrs, [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open:
            attrs, text = self._open
            self.scripts.append((attrs, "".join(text)))
            self._open = None


def _directives(response) -> dict[str, list[str]]:
    assert HEADER in response, f"no CSP on {response.request['PATH_INFO']}"
    policy = {}
    for part in response[HEADER].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def _no_third_party(policy):
    for name, values in policy.items():
        for value in values:
            if value.startswith(("http:", "https:")) or "*" in value:
                assert name == "frame-src", f"{name} allows {value}"
                content_origin = settings.CONTENT_ORIGIN.rstrip("/")
                assert value in ALLOWED_ORIGINS or value == content_origin, value


def _common(policy):
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    _no_third_party(policy)


def assert_site_policy(response):
    assert response.status_code == 200, response.status_code
    policy = _directives(response)
    _common(policy)
    script_src = policy["script-src"]
    assert "'unsafe-inline'" not in script_src
    nonces = [v[len("'nonce-") : -1] for v in script_src if v.startswith("'nonce-")]
    assert len(nonces) == 1, script_src
    parser = _Scripts()
    parser.feed(response.content.decode())
    assert parser.handlers == [], f"inline event handlers: {parser.handlers}"
    tagged = [attrs for attrs, _ in parser.scripts if attrs.get("nonce") == nonces[0]]
    assert tagged, "the page's scripts do not carry the header's nonce"
    for attrs, text in parser.scripts:
        if attrs.get("type", "").lower() in EXECUTABLE and "src" not in attrs:
            assert attrs.get("nonce") == nonces[0], f"inline script without the nonce: {text[:80]}"


def assert_admin_policy(response):
    assert response.status_code == 200, response.status_code
    policy = _directives(response)
    _common(policy)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]


@pytest.fixture
def world(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    librarian = make_user(role=Role.LIBRARIAN, school=school)
    question = approved_question(teacher)
    lesson = lesson_with(question, title="Phương trình bậc hai", slug="phuong-trinh-bac-hai")
    lesson.body.append(("math", {"latex": r"x^2 + 1 = 0", "display": True}))
    lesson.save_revision().publish()
    electure = electure_with(question)
    item = LibraryItem(
        title="Ôn tập Toán 10", resource_type="document", file=pdf_upload(), scope="public"
    )
    item.file_kind = "pdf"
    library_item_save(item=item, user=librarian)
    library_item_process(item_id=item.pk)
    library_item_publish(item=LibraryItem.objects.get(pk=item.pk), user=librarian)
    return {"teacher": teacher, "lesson": lesson, "electure": electure, "item": item}


def test_every_site_page_type_carries_the_nonce_policy(client, world):
    anonymous = [
        "/",
        world["lesson"].url,
        world["electure"].url,
        "/thu-vien/",
        world["item"].get_absolute_url(),
        "/tim-kiem/?q=ph%C6%B0%C6%A1ng+tr%C3%ACnh",
        "/dang-nhap/",
    ]
    for url in anonymous:
        assert_site_policy(client.get(url))
    client.force_login(world["teacher"])
    for url in ["/", world["lesson"].url, "/lop/", world["item"].get_absolute_url()]:
        assert_site_policy(client.get(url))


def test_every_request_gets_its_own_nonce(client):
    first, second = client.get("/dang-nhap/"), client.get("/dang-nhap/")
    assert first[HEADER] != second[HEADER]


def test_the_admin_pages_carry_the_admin_policy(client, world):
    assert_admin_policy(client.get("/admin/login/"))
    root = User.objects.create_superuser("root", "root@example.edu.vn", "mat-khau-goc-123")
    client.force_login(root)
    home = HomePage.objects.first()
    for url in [
        "/admin/",
        f"/admin/pages/{world['lesson'].pk}/edit/",
        f"/admin/pages/{home.pk}/",
        "/admin/dang-nhap-bi-khoa/",
    ]:
        assert_admin_policy(client.get(url))


def test_the_policy_names_the_content_origin_for_frames_in_production():
    from config.csp import site_directives

    frames = site_directives(content_origin="https://noidung.example.edu.vn/")["frame-src"]
    assert "https://noidung.example.edu.vn" in frames
    assert re.fullmatch(r"'self'", frames[0])
