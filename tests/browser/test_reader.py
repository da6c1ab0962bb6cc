"""A reader on a phone turns the pages of a library PDF or EPUB and comes back to the same page.

The reader is served by a test-only page (``tests.browser.reader_urls``) so these tests need
none of the library's models: the files are made here, the position endpoint is a dict.
"""

import io
import json
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from question_bank.assembly.pdf import html_to_pdf
from tests.browser import reader_urls

pytestmark = [
    pytest.mark.browser,
    pytest.mark.urls("tests.browser.reader_urls"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE_WIDTH = 390
READER = "[data-testid=reader]"

PDF_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<style>section{page-break-after:always;font-size:28pt}section:last-child{page-break-after:auto}</style>
</head><body>
<section><h1>Bài đọc 1</h1><p>Mệnh đề và tập hợp.</p></section>
<section><h1>Bài đọc 2</h1><p>Hàm số bậc hai và đồ thị.</p></section>
<section><h1>Bài đọc 3</h1><p>Hệ thức lượng trong tam giác.</p></section>
</body></html>"""


def _chapter(number: int) -> str:
    sentence = f"Đây là nội dung thử của chương {number}, viết bằng tiếng Việt có dấu. "
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">
<head><title>Chương {number}</title></head>
<body><h1>Chương {number}</h1><p>{sentence * 3}</p></body></html>"""


def make_epub() -> bytes:
    """A minimal valid EPUB 3: mimetype stored first, container, package, nav, 3 chapters."""
    chapters = range(1, 4)
    manifest = "\n".join(
        f'<item id="c{n}" href="ch{n}.xhtml" media-type="application/xhtml+xml"/>' for n in chapters
    )
    spine = "".join(f'<itemref idref="c{n}"/>' for n in chapters)
    toc = "".join(f'<li><a href="ch{n}.xhtml">Chương {n}</a></li>' for n in chapters)
    files = {
        "META-INF/container.xml": """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>""",
        "OEBPS/content.opf": f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="vi">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:0b9c3f3e-6a39-4c64-9a43-2f0f5d6f1a01</dc:identifier>
<dc:title>Sách thử</dc:title><dc:language>vi</dc:language>
<meta property="dcterms:modified">2025-01-01T00:00:00Z</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
{manifest}
</manifest>
<spine>{spine}</spine>
</package>""",
        "OEBPS/nav.xhtml": f"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="vi">
<head><title>Mục lục</title></head>
<body><nav epub:type="toc"><h1>Mục lục</h1><ol>{toc}</ol></nav></body></html>""",
        **{f"OEBPS/ch{n}.xhtml": _chapter(n) for n in chapters},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, text in files.items():
            archive.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def reader_pdf() -> bytes:
    # Printed from another thread: Playwright's sync API will not start inside the test's.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(html_to_pdf, PDF_HTML).result()


@pytest.fixture
def reader_files(reader_pdf):
    reader_urls.FILES.update({"pdf": reader_pdf, "epub": make_epub()})
    reader_urls.POSITIONS.clear()
    reader_urls.POSTS.clear()
    yield
    reader_urls.FILES.clear()
    reader_urls.POSITIONS.clear()
    reader_urls.POSTS.clear()


def _open(page, url):
    page.goto(url)
    page.wait_for_selector(f"{READER}[data-ready='1']", timeout=20_000)
    return page.locator(READER)


def _wait_for_post(kind, predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(k == kind and predicate(data) for k, data in reader_urls.POSTS):
            return
        time.sleep(0.05)
    raise AssertionError(f"no matching POST for {kind}: {reader_urls.POSTS}")


def _fits_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_pdf_turns_pages_and_reopens_at_the_last_one(live_server, reader_files, phone_page):
    page = phone_page
    url = f"{live_server.url}/_test/reader/?kind=pdf"
    reader = _open(page, url)
    status = page.get_by_test_id("reader-page")
    assert status.text_content() == "Trang 1 / 3"
    assert reader.get_attribute("data-page") == "1"
    assert page.get_by_role("button", name="Trang trước").is_disabled()
    # The page is drawn as wide as the phone allows, and no wider.
    canvas_width = page.evaluate("document.querySelector('.reader__page canvas').clientWidth")
    assert 300 < canvas_width <= PHONE_WIDTH
    assert _fits_phone(page)

    page.get_by_role("button", name="Trang sau").click()
    page.wait_for_selector(f"{READER}[data-page='2']")
    assert status.text_content() == "Trang 2 / 3"
    assert page.get_by_label("Số trang, nhập số để chuyển trang").input_value() == "2"
    # The text layer carries the page's Vietnamese text.
    page.wait_for_function(
        # A function, not an expression: the site's CSP forbids the eval behind the latter.
        "() => document.querySelector('.textLayer')?.textContent.includes('Bài đọc 2')"
    )
    _wait_for_post("pdf", lambda data: data == {"page": 2})
    assert reader_urls.POSITIONS["pdf"] == {"page": 2}
    stored = page.evaluate("localStorage.getItem('hoclieu-reader:/_test/reader/file.pdf')")
    assert json.loads(stored) == {"page": 2}
    assert _fits_phone(page)

    reader = _open(page, url)
    assert reader.get_attribute("data-page") == "2"
    assert status.text_content() == "Trang 2 / 3"

    # Arrow keys turn pages too; the last page cannot be passed.
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(f"{READER}[data-page='3']")
    assert page.get_by_role("button", name="Trang sau").is_disabled()
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector(f"{READER}[data-page='2']")

    # A swipe from right to left is the next page.
    page.evaluate(
        """() => {
        const stage = document.querySelector('[data-reader-stage]');
        const touch = (x) => new Touch({identifier: 1, target: stage, clientX: x, clientY: 300});
        stage.dispatchEvent(new TouchEvent('touchstart',
            {touches: [touch(300)], changedTouches: [touch(300)], bubbles: true}));
        stage.dispatchEvent(new TouchEvent('touchend',
            {touches: [], changedTouches: [touch(120)], bubbles: true}));
    }"""
    )
    page.wait_for_selector(f"{READER}[data-page='3']")

    # Typing a page number jumps there.
    page.get_by_label("Số trang, nhập số để chuyển trang").fill("1")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{READER}[data-page='1']")
    _wait_for_post("pdf", lambda data: data == {"page": 1})


def test_pdf_server_position_wins_and_anonymous_reader_uses_this_browser(
    live_server, reader_files, phone_page
):
    page = phone_page
    # This browser last saw page 2 (anonymous: no position URL, nothing is posted).
    reader = _open(page, f"{live_server.url}/_test/reader/?kind=pdf&anon=1")
    page.get_by_role("button", name="Trang sau").click()
    page.wait_for_selector(f"{READER}[data-page='2']")
    reader = _open(page, f"{live_server.url}/_test/reader/?kind=pdf&anon=1")
    assert reader.get_attribute("data-page") == "2"
    assert reader_urls.POSTS == []

    # Signed in, the server's position (read on another device) comes first.
    reader_urls.POSITIONS["pdf"] = {"page": 3}
    reader = _open(page, f"{live_server.url}/_test/reader/?kind=pdf")
    assert reader.get_attribute("data-page") == "3"
    assert page.get_by_test_id("reader-page").text_content() == "Trang 3 / 3"


def test_missing_file_shows_an_error(live_server, reader_files, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/_test/reader/?kind=pdf&missing=1")
    error = page.get_by_test_id("reader-error")
    error.wait_for(state="visible", timeout=20_000)
    assert "Không mở được tệp" in error.text_content()
    assert page.locator(READER).get_attribute("data-ready") is None


def test_epub_turns_pages_and_reopens_at_the_last_one(live_server, reader_files, phone_page):
    page = phone_page
    url = f"{live_server.url}/_test/reader/?kind=epub"
    reader = _open(page, url)
    book = page.frame_locator(".reader__stage iframe")
    book.locator("body").get_by_text("Chương 1", exact=True).wait_for()
    assert "tiếng Việt có dấu" in book.locator("body").text_content()
    first_cfi = reader.get_attribute("data-cfi")
    assert first_cfi.startswith("epubcfi(")
    # Locations are counted after the first page shows; then data-page is set.
    page.wait_for_selector(f"{READER}[data-page]")
    first_page = int(reader.get_attribute("data-page"))
    assert _fits_phone(page)

    page.get_by_role("button", name="Trang sau").click()
    page.wait_for_function(
        f"() => document.querySelector('{READER}').dataset.cfi !== {json.dumps(first_cfi)}"
    )
    book.locator("body").get_by_text("Chương 2", exact=True).wait_for()
    second_cfi = reader.get_attribute("data-cfi")
    assert int(reader.get_attribute("data-page")) > first_page
    assert page.get_by_test_id("reader-page").text_content().startswith("Vị trí ")
    _wait_for_post("epub", lambda data: data == {"cfi": second_cfi})
    assert _fits_phone(page)

    reader = _open(page, url)
    assert reader.get_attribute("data-cfi") == second_cfi
    page.frame_locator(".reader__stage iframe").locator("body").get_by_text(
        "Chương 2", exact=True
    ).wait_for()
    assert _fits_phone(page)
