"""Each page type runs under the Content-Security-Policy without a violation (real Chromium).

The site's pages (home, a lesson with math, an e-lecture with video players, the library's
PDF and EPUB reader, search with its suggestions, signing in) and the Wagtail admin
(dashboard, a page editor, snippet edit forms with inline panels) are opened in Chromium;
any ``securitypolicyviolation`` event or console message about the Content Security Policy
fails the test. The header's presence on every page type is tests/security/test_csp.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.admin.admin_url_finder import AdminURLFinder

from accounts.models import Role, User
from content.curation import library_item_publish, library_item_save
from content.library_models import LibraryItem
from content.models import HomePage, LessonPage
from content.processing import library_item_process
from tests.accounts.factories import make_school, make_user
from tests.browser.conftest import chromium_context
from tests.browser.test_reader import make_epub
from tests.content.library_helpers import pdf_upload
from tests.content.test_pages import (
    QUADRATIC,
    approved_question,
    electure_with,
    make_curriculum,
    publish_under,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
READER = "[data-testid=reader]"
PASSWORD = "mat-khau-thu"

# Runs in every frame before the page's own scripts (Playwright injects it, not the page).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const record = `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(record);
  try { window.top.__cspViolations.push(record); } catch (err) { /* another origin */ }
});
"""


@pytest.fixture
def browser_page():
    with chromium_context(viewport={"width": 1280, "height": 900}, locale="vi-VN") as context:
        context.add_init_script(LISTEN)
        # No network outside the test server: the video players' frames are answered here
        # (their own policy is theirs; ours only has to allow the frame).
        context.route(
            "https://www.youtube-nocookie.com/**",
            lambda route: route.fulfill(status=200, body="<p>video</p>", content_type="text/html"),
        )
        context.route(
            "https://player.vimeo.com/**",
            lambda route: route.fulfill(status=200, body="<p>video</p>", content_type="text/html"),
        )
        page = context.new_page()
        page.console_messages = []
        page.on(
            "console",
            lambda message: (
                page.console_messages.append(message.text)
                if "Content Security Policy" in message.text
                or "Content-Security-Policy" in message.text
                else None
            ),
        )
        yield page


def _violations(page) -> list[str]:
    return [*page.console_messages, *page.evaluate("window.__cspViolations || []")]


def _visit(page, url, *, ready=None, timeout=30_000):
    page.console_messages.clear()
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    assert response.headers.get("content-security-policy"), f"{url}: no CSP header"
    if ready:
        page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_load_state("networkidle")
    assert _violations(page) == [], f"{url}: {_violations(page)}"


def _library_item(librarian, *, title, upload, kind):
    item = LibraryItem(title=title, resource_type="document", file=upload, scope="public")
    item.file_kind = kind
    library_item_save(item=item, user=librarian)
    library_item_process(item_id=item.pk)
    library_item_publish(item=LibraryItem.objects.get(pk=item.pk), user=librarian)
    return item


def test_site_and_admin_pages_run_without_a_policy_violation(
    live_server, browser_page, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    librarian = make_user(role=Role.LIBRARIAN, school=school)
    question = approved_question(teacher)
    lesson = publish_under(
        HomePage.objects.first(),
        LessonPage(
            title="Phương trình bậc hai",
            slug="phuong-trinh-bac-hai",
            scope="public",
            body=[
                ("paragraph", "<p>Định lí Py-ta-go: \\(a^2 + b^2 = c^2\\).</p>"),
                ("math", {"latex": QUADRATIC, "display": True}),
                ("question", {"question": question, "show_solution": True}),
            ],
        ),
    )
    electure = electure_with(question)
    pdf = _library_item(librarian, title="Ôn tập Toán 10", upload=pdf_upload(), kind="pdf")
    epub = _library_item(
        librarian,
        title="Sách thử",
        upload=SimpleUploadedFile("sach-thu.epub", make_epub(), "application/epub+zip"),
        kind="epub",
    )
    page = browser_page
    base = live_server.url

    _visit(page, f"{base}/")
    _visit(page, f"{base}{lesson.url}", ready=".block-math .katex")
    page.check(".practice .options input[value='0']")
    page.get_by_role("button", name="Kiểm tra").click()
    page.locator(".practice__result .verdict").wait_for(timeout=5000)
    assert _violations(page) == []
    _visit(page, f"{base}{electure.url}", ready="[data-player]")
    _visit(page, f"{base}{pdf.get_absolute_url()}", ready=f"{READER}[data-ready='1']")
    page.get_by_role("button", name="Trang sau").click()
    page.wait_for_selector(f"{READER}[data-page='2']")
    assert _violations(page) == []
    _visit(page, f"{base}{epub.get_absolute_url()}", ready=f"{READER}[data-ready='1']")
    _visit(page, f"{base}/tim-kiem/?q=ph%C6%B0%C6%A1ng+tr%C3%ACnh")
    page.fill("#search-q", "phương")
    page.wait_for_timeout(800)
    assert _violations(page) == []

    _visit(page, f"{base}/dang-nhap/")
    page.fill("input[name=username]", teacher.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/dang-nhap/" not in page.url
    assert _violations(page) == []
    # The language switcher (its handler moved out of the markup) still switches.
    # Changing the select submits its form: wait for that navigation, not for an idle page
    # that may come before it starts.
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert _violations(page) == []
    page.context.clear_cookies()

    root = User.objects.create_superuser("root", "root@example.edu.vn", "mat-khau-goc-123")
    _visit(page, f"{base}/admin/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "mat-khau-goc-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    _visit(page, f"{base}/admin/", ready="main")
    finder = AdminURLFinder(root)
    _visit(page, f"{base}/admin/pages/{lesson.pk}/edit/", ready="#page-edit-form")
    _, topic, _, _ = make_curriculum()
    _visit(page, f"{base}{finder.get_edit_url(topic)}", ready="main")
    _visit(page, f"{base}{finder.get_edit_url(school)}", ready="main")
    _visit(page, f"{base}{finder.get_edit_url(question)}", ready="main")
    _visit(page, f"{base}/admin/dang-nhap-bi-khoa/", ready="main")
